/**
 * The HTML report's costs on an archive (`node bench/html.mjs samples`; plain Node, as tsx's
 * loader hooks would slow every import Vega makes), from the
 * built dist/ (as the CLI runs): the scan and reports, Vega's load, the charts, the page and its size.
 * Vega is loaded after the scan here, so its load time is not hidden by the overlap the CLI uses.
 */
import process from 'node:process';
import { report } from '../dist/src/reports/job.js';
import { renderHtmlReport } from '../dist/src/render/html/report-html.js';

const paths = process.argv.slice(2);
if (paths.length === 0) throw new Error('usage: node bench/html.mjs PATH..');
const t0 = performance.now();
const doc = await report(paths);
const t1 = performance.now();
let timings = { vegaLoadMs: 0, vegaWaitMs: 0, chartsMs: 0 };
const scope = {
  inputs: paths,
  filters: {},
  sources: 'support',
  generatedAt: new Date().toISOString(),
  tool: { name: 'cloudtrail-support', version: 'bench' },
  runtime: { name: 'node', version: process.versions.node },
};
const page = await renderHtmlReport(doc, { scope }, (t) => (timings = t));
const t2 = performance.now();
const ms = (x) => `${Math.round(x)} ms`;
console.log(
  `scan+reports ${ms(t1 - t0)}; vega load ${ms(timings.vegaLoadMs)}; charts ${ms(timings.chartsMs)}; page ${
    ms(t2 - t1 - timings.vegaWaitMs - timings.chartsMs)
  }; ${page.length} bytes`,
);
