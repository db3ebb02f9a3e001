// The ceiling for `validate` on one core: inflating every log file and JSON.parse of its text,
// checking nothing. Full validation can only be slower. Usage: node parse-ceiling.mjs <dir>
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const list = (d) => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? list(join(d, e.name)) : [join(d, e.name)]));
const files = list(process.argv[2]).filter((p) => p.includes('/CloudTrail/') && p.endsWith('.json.gz'));
const utf8 = new TextDecoder();
let records = 0;
let parseSeconds = 0;
const started = performance.now();
for (const f of files) {
  const text = utf8.decode(gunzipSync(readFileSync(f)));
  const before = performance.now();
  records += JSON.parse(text).Records.length;
  parseSeconds += (performance.now() - before) / 1000;
}
console.log(JSON.stringify({ files: files.length, records, seconds: (performance.now() - started) / 1000, parseSeconds }));
