/** Every real file in ../shared/realdata read with the shape and record count SOURCES.md gives. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { toLogFile } from '../../src/read/discover.ts';
import { readRecords } from '../../src/read/log-file.ts';
import { scan } from '../../src/scan/scan.ts';
import { REALDATA } from '../_support/helpers.ts';
import { haveRealdata, readSources, shapeOfFormat } from '../_support/sources-md.ts';

test('SOURCES.md lists every file of the folder, and nothing else', () => {
  if (!haveRealdata()) return;
  const { files, folders } = readSources();
  assert.equal([files.length, folders.length, folders.reduce((n, f) => n + f.files, 0)], [142, 9, 142]);
  const listed = files.map((f) => `${f.folder}/${f.file}`).sort();
  const onDisk = readdirSync(REALDATA, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name !== 'SOURCES.md')
    .map((d) => `${join(d.parentPath, d.name).slice(REALDATA.length)}`)
    .sort();
  assert.equal(listed, onDisk);
});

test('every real file is read with the shape and the record count of SOURCES.md', async () => {
  if (!haveRealdata()) return;
  const wrong: string[] = [];
  for (const source of readSources().files) {
    const path = join(REALDATA, source.folder, source.file);
    const file = toLogFile(path, statSync(path).size);
    const expected = shapeOfFormat(source.format);
    if (file.kind === 'digest') {
      if (expected !== 'digest') wrong.push(`${source.file}: named like a digest`);
      continue;
    }
    const read = await readRecords(file, { maxFileBytes: 1 << 30 });
    if (!read.ok && 'skipAs' in read) {
      if (read.skipAs !== expected) wrong.push(`${source.file}: skipped as ${read.skipAs}, expected ${expected}`);
      continue;
    }
    if (!read.ok) {
      wrong.push(`${source.file}: ${read.reject.reason}`);
      continue;
    }
    const got = [...new Set(read.batches.map((b) => b.shape))].join('+');
    const count = read.batches.reduce((n, b) => n + b.records.length, 0);
    if (got !== expected || count !== source.records || read.rejects.length > 0) {
      wrong.push(`${source.file}: ${got} x ${count} (rejects ${read.rejects.length}), expected ${expected} x ${source.records}`);
    }
  }
  assert.equal(wrong, []);
});

test('the 14 AWS documentation Support examples are all Support rows with sources "all"', async () => {
  if (!haveRealdata()) return;
  const docs = readSources().files.filter((f) => f.folder === 'awsdocs-support-user-guide');
  const result = await scan([join(REALDATA, 'awsdocs-support-user-guide')], { sources: 'all' });
  assert.is(result.rejects.length, 0);
  // File names say the source and the event: <page>.example<N>.<source>.<EventName>.json
  const expected = docs.map((f) => /\.example\d\.([a-z-]+)\.(\w+)\.json$/.exec(f.file)!).map((m) => `${m[1]}.amazonaws.com ${m[2]}`).sort();
  assert.is(expected.length, 14);
  assert.equal(result.rows.map((r) => `${r.eventSource} ${r.eventName}`).sort(), expected);
  assert.equal(result.rows.filter((r) => r.inputShape === 'trail-file').map((r) => r.eventName), ['CreateCase']);
  assert.equal(result.rows.filter((r) => r.inputShape === 'bare-record').length, 13);
});

test.run();
