import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { zipSync } from 'fflate';
import { checkArchive } from '../src/check.ts';
import { scan } from '../src/scan.ts';
import { ec2Record, gz, put, record, tempDir, trailFile } from './helpers.ts';

test('checkArchive() validates every record and gives the same result with 1 and 2 worker threads', async () => {
  const root = tempDir();
  for (let i = 0; i < 20; i++) {
    const broken = ec2Record();
    delete broken.eventTime;
    put(root, `f${String(i).padStart(2, '0')}.json.gz`, gz(trailFile(i % 4 === 0 ? [record(), broken] : [record(), ec2Record()])));
  }
  put(root, 'zz-bad.json.gz', 'not gzip');
  const one = await checkArchive([root], { workers: 1 });
  assert.equal(one.records, { seen: 40, valid: 35, invalid: 5 });
  assert.equal([one.files.read, one.files.failed], [20, 1]);
  assert.equal(one.ledger.filter((r) => r.stage === 'validate').map((r) => [r.index, r.pointer]), Array(5).fill([1, '/eventTime']));
  assert.equal(await checkArchive([root], { workers: 2 }), one);
});

test('checkArchive() has the same warnings as report: trailing gzip data and invalid UTF-8, in files and archive entries', async () => {
  const root = tempDir();
  put(root, 'a.json.gz', Buffer.concat([gz(trailFile([record()])), Buffer.from('garbage!')]));
  const latin = Buffer.from(trailFile([record({ eventID: 'u1', userAgent: 'caf\u00e9' })]).replace('caf\u00e9', 'caf\u0000'));
  latin[latin.indexOf(0)] = 0xe9; // a lone Latin-1 byte: not UTF-8
  put(root, 'b.json', latin);
  put(root, 'pack.zip', zipSync({ 'c.json': latin, 'd.json.gz': Buffer.concat([gz(trailFile([record({ eventID: 'g1' })])), Buffer.from('junk')]) }));
  const checked = await checkArchive([root], { workers: 1 });
  assert.equal(checked.records, { seen: 4, valid: 4, invalid: 0 });
  const warnings = checked.ledger.map((r) => [r.path.slice(root.length + 1), r.archivePath ?? null, r.stage, r.warning ?? false, r.reason.slice(0, 30)]);
  assert.equal(warnings, [
    ['a.json.gz', null, 'decode', true, '8 bytes of trailing data after'],
    ['b.json', null, 'parse', true, 'invalid UTF-8 bytes were repla'],
    ['pack.zip', 'c.json', 'parse', true, 'invalid UTF-8 bytes were repla'],
    ['pack.zip', 'd.json.gz', 'decode', true, '4 bytes of trailing data after'],
  ]);
  const scanned = await scan([root], { sources: 'all' });
  assert.equal(scanned.rejects.filter((r) => r.warning).map((r) => [r.path, r.archivePath, r.stage, r.reason]), checked.ledger.map((r) => [r.path, r.archivePath, r.stage, r.reason]), 'the same lines as report');
});

test.run();
