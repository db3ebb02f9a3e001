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

// What no chart of ours draws: script, foreign HTML, links, event handlers, external references.
// Vega escapes text and attribute values; this check makes a regression there fail the write.
const UNSAFE_SVG = /<script|<foreignObject|<iframe|<a[\s>]|\bhref\s*=|\son[a-z]+\s*=|url\(|javascript:/i;

/** Throws unless `svg` is markup the report can inline as it is. */
export function assertSafeSvg(svg: string): string {
  const found = UNSAFE_SVG.exec(svg);
  if (!svg.startsWith('<svg') || found) {
    throw new RunError(`internal error: a chart's SVG holds ${found ? JSON.stringify(found[0]) : 'no <svg> root'}; the report was not written`);
  }
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
