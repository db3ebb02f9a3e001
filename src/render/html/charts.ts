/**
 * Charts as inline SVG, drawn when the report is written: Vega-Lite compiles each spec to Vega, and
 * Vega's headless View renders SVG text (no DOM, no canvas: the same in Node and Deno). Vega is
 * loaded here only, by dynamic import, so no other path pays for it (measured on the 2-core dev
 * machine: ~0.45 s to load both, ~0.15 s for the first chart).
 */
import { RunError } from '../../errors.ts';

type Vega = typeof import('vega');
type VegaLite = typeof import('vega-lite');

let loading: Promise<{ vega: Vega; vl: VegaLite; loadMs: number }> | undefined;

/** Starts loading Vega and Vega-Lite (once), so the load can overlap the archive's scan. */
export function loadCharts(): Promise<{ vega: Vega; vl: VegaLite; loadMs: number }> {
  loading ??= (async () => {
    const started = performance.now();
    const [vega, vl] = await Promise.all([import('vega'), import('vega-lite')]);
    return { vega, vl, loadMs: performance.now() - started };
  })();
  return loading;
}

// Elements and attributes no chart of ours draws: script, foreign HTML, links, images, styles,
// event handlers. Vega escapes text and attribute values (so a `<` is always a tag, and a tag ends
// at the first `>`); this check makes a regression there fail the write instead of the viewer.
const UNSAFE_ELEMENT = /^(script|foreignobject|a|image|use|iframe|style|animate|set)$/i;
const UNSAFE_ATTRIBUTE = /^(on.*|href|xlink:href|style|src)$/i;
const TAG = /<\/?([A-Za-z][\w:-]*)([^>]*)>/g;
const ATTRIBUTE = /\s([^\s=]+)\s*=/g;

/** Throws unless `svg` is markup the report can inline as it is. */
export function assertSafeSvg(svg: string): string {
  let found: string | undefined = svg.startsWith('<svg') ? undefined : 'no <svg> root';
  for (const [, name, attributes] of svg.matchAll(TAG)) {
    if (found) break;
    if (UNSAFE_ELEMENT.test(name)) found = `a <${name}> element`;
    for (const [, attribute] of attributes.replace(/"[^"]*"/g, '""').matchAll(ATTRIBUTE)) {
      if (UNSAFE_ATTRIBUTE.test(attribute)) found ??= `a ${attribute} attribute`;
    }
  }
  if (found) throw new RunError(`internal error: a chart's SVG holds ${found}; the report was not written`);
  return svg;
}

/** A Vega-Lite spec as SVG text (checked by assertSafeSvg). */
export async function toSvg(spec: Record<string, unknown>): Promise<string> {
  const { vega, vl } = await loadCharts();
  // vega-lite's TopLevelSpec type is far stricter than a plain object; the specs are built in chart-specs.ts.
  const compiled = vl.compile(spec as never).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    return assertSafeSvg(await view.toSVG());
  } finally {
    view.finalize();
  }
}
