/**
 * The page around the sections: one self-contained HTML file. Its only style is the inline
 * <style> below, allowed by hash in a Content-Security-Policy that forbids everything else (no
 * script, no fetch, no image, font or frame, no form): a value that escaped its text would still
 * have nothing to run and nowhere to send anything. Print CSS makes it a clean PDF.
 */
import { createHash } from 'node:crypto';
import { html } from './escape.ts';

const STYLE = `
:root { color-scheme: light; --muted: #555; --rule: #ccc; --warn: #a33a00; --ok: #1b6e3a; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111; margin: 0 auto; max-width: 1100px; padding: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 2px solid #222; padding-bottom: 2px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
p, li { max-width: 90ch; } .muted { color: var(--muted); } .warn { color: var(--warn); font-weight: 600; } .ok { color: var(--ok); font-weight: 600; }
table { border-collapse: collapse; margin: 6px 0 12px; font-size: 12px; width: 100%; }
th, td { border: 1px solid var(--rule); padding: 3px 6px; text-align: left; vertical-align: top; overflow-wrap: break-word; } td.w { overflow-wrap: anywhere; }
th { background: #f2f2f2; } td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.kv th { width: 14em; } code, .mono { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; }
figure { margin: 8px 0 16px; } figure svg { max-width: 100%; height: auto; } figcaption { font-size: 12px; color: var(--muted); }
.verdict { border: 2px solid #222; padding: 8px 14px; margin: 12px 0; } pre { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 11px; }
nav ol { columns: 2; font-size: 13px; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; } nav { display: none; }
  h2 { break-after: avoid; } figure, tr, .verdict { break-inside: avoid; } thead { display: table-header-group; }
  table { font-size: 9px; } details:not([open]) { display: none; }
}
`;

/** The page's Content-Security-Policy: nothing but the one inline style, by its hash. */
export function contentSecurityPolicy(style: string = STYLE): string {
  const hash = createHash('sha256').update(style, 'utf8').digest('base64');
  return `default-src 'none'; style-src 'sha256-${hash}'; img-src 'none'; base-uri 'none'; form-action 'none'`;
}

/** A whole HTML document: `title` as text, `body` as markup the sections built (every value in it escaped). */
export function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy()}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** A table of `rows` with these columns; numbers right-aligned; every cell escaped. */
export function tableOf(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  const head = `<thead><tr>${columns.map((c) => `<th>${html(c)}</th>`).join('')}</tr></thead>`;
  const body = rows.map((row) => `<tr>${columns.map((c) => cell(row[c])).join('')}</tr>`).join('\n');
  return `<table>${head}<tbody>\n${body}\n</tbody></table>`;
}

// Long values (ARNs, user agents, messages) may break anywhere, so a table fits the page; short
// ones (account ids, statuses) break only between words, so a column never shows half an id.
const LONG = 24;
const cell = (value: unknown) => {
  if (typeof value === 'number') return `<td class="n">${html(value)}</td>`;
  const text = html(value);
  return text.length > LONG ? `<td class="w">${text}</td>` : `<td>${text}</td>`;
};

/** A two-column table of labels and values (already markup). */
export function keyValues(pairs: readonly (readonly [string, string])[]): string {
  return `<table class="kv"><tbody>${pairs.map(([k, v]) => `<tr><th>${html(k)}</th><td>${v}</td></tr>`).join('\n')}</tbody></table>`;
}

/** A section with an id (for the contents list) and a heading. */
export const section = (id: string, title: string, body: string): string => `<section id="${id}">\n<h2>${html(title)}</h2>\n${body}\n</section>`;
