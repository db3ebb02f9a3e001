// The floor: inflating every log file once with node:zlib on one thread. Every byte must be
// inflated, so no tool can beat this divided by the cores. Usage: node inflate-floor.mjs <dir>
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const list = (d) => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? list(join(d, e.name)) : [join(d, e.name)]));
const files = list(process.argv[2]).filter((p) => p.includes('/CloudTrail/') && p.endsWith('.json.gz'));
let bytes = 0;
const started = performance.now();
for (const f of files) bytes += gunzipSync(readFileSync(f)).length;
console.log(JSON.stringify({ files: files.length, bytes, seconds: (performance.now() - started) / 1000 }));
