import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { strToU8, zipSync } from 'fflate';
import { validateArchive, type ValidateResult } from '../../src/validate/job.ts';
import { renderValidate, tailOfPath } from '../../src/render/validate.ts';
import { scan } from '../../src/scan/scan.ts';
import { ec2Record, gz, put, record, tempDir, trailFile } from '../_support/helpers.ts';

test('validateArchive() validates every record and gives the same result with 1 and 2 worker threads', async () => {
  const root = tempDir();
  for (let i = 0; i < 20; i++) {
    const broken = ec2Record();
    delete broken.eventTime;
    put(root, `f${String(i).padStart(2, '0')}.json.gz`, gz(trailFile(i % 4 === 0 ? [record(), broken] : [record(), ec2Record()])));
  }
  put(root, 'zz-bad.json.gz', 'not gzip');
  const one = await validateArchive([root], { workers: 1 });
  assert.equal(one.records, { seen: 40, valid: 35, invalid: 5 });
  assert.equal([one.files.read, one.files.failed], [20, 1]);
  assert.equal(one.ledger.filter((r) => r.stage === 'validate').map((r) => [r.index, r.pointer]), Array(5).fill([1, '/eventTime']));
  assert.equal(await validateArchive([root], { workers: 2 }), one);
});

test('validateArchive() has the same warnings as report: trailing gzip data and invalid UTF-8, in files and archive entries', async () => {
  const root = tempDir();
  put(root, 'a.json.gz', Buffer.concat([gz(trailFile([record()])), Buffer.from('garbage!')]));
  const latin = Buffer.from(trailFile([record({ eventID: 'u1', userAgent: 'caf\u00e9' })]).replace('caf\u00e9', 'caf\u0000'));
  latin[latin.indexOf(0)] = 0xe9; // a lone Latin-1 byte: not UTF-8
  put(root, 'b.json', latin);
  put(root, 'pack.zip', zipSync({ 'c.json': latin, 'd.json.gz': Buffer.concat([gz(trailFile([record({ eventID: 'g1' })])), Buffer.from('junk')]) }));
  const checked = await validateArchive([root], { workers: 1 });
  assert.equal(checked.records, { seen: 4, valid: 4, invalid: 0 });
  const warnings = checked.ledger.map((r) => [r.path.slice(root.length + 1), r.archivePath ?? null, r.stage, r.warning ?? false, r.reason.slice(0, 30)]);
  assert.equal(warnings, [
    ['a.json.gz', null, 'decode', true, '8 bytes of trailing data after'],
    ['b.json', null, 'parse', true, 'invalid UTF-8 bytes were repla'],
    ['pack.zip', 'c.json', 'parse', true, 'invalid UTF-8 bytes were repla'],
    ['pack.zip', 'd.json.gz', 'decode', true, '4 bytes of trailing data after'],
  ]);
  const scanned = await scan([root], { sources: 'all' });
  assert.equal(
    scanned.rejects.filter((r) => r.warning).map((r) => [r.path, r.archivePath, r.stage, r.reason]),
    checked.ledger.map((r) => [r.path, r.archivePath, r.stage, r.reason]),
    'the same lines as report',
  );
});

test('validateArchive() lists a .zip with an unreadable entry as a file with problems, in perFile and the table', async () => {
  const root = tempDir();
  put(root, 'pack.zip', zipSync({ 'good.json': strToU8(trailFile([record()])), 'bad.json': strToU8('{"Records": [') }));
  put(root, 'fine.zip', zipSync({ 'ok.json': strToU8(trailFile([record()])) }));
  const checked = await validateArchive([root], { workers: 1 });
  assert.equal(
    checked.perFile.map((f) => ({ ...f, path: f.path.slice(root.length + 1) })),
    [
      { path: 'fine.zip', records: 1, valid: 1, invalid: 0, error: null },
      { path: 'pack.zip', records: 1, valid: 1, invalid: 0, error: '1 of 2 archive entries could not be read' },
    ],
  );
  assert.equal([checked.files.read, checked.files.failed], [2, 1]);
  assert.equal(checked.ledger.map((r) => [r.archivePath, r.stage]), [['bad.json', 'parse']]);
  const table = renderValidate(checked, 'table');
  assert.ok(table.includes('Files with problems (1)\n'), table);
  assert.match(table, /pack\.zip\s+1\s+1\s+0\s+1 of 2 archive entries could not be read/);
});

test('tailOfPath() cuts a long path from the left, at a / or a _ so the end of the file name stays', () => {
  const name = '111111111111_CloudTrail_us-east-1_20260105T0000Z_AbCdEfGh12345678.json.gz';
  assert.is(tailOfPath(`mix/AWSLogs/111111111111/CloudTrail/us-east-1/2026/01/05/${name}`), '…_20260105T0000Z_AbCdEfGh12345678.json.gz');
  assert.is(tailOfPath('archive/AWSLogs/111111111111/CloudTrail/eu-west-1/2026/01/05/x.json.gz'), '…/CloudTrail/eu-west-1/2026/01/05/x.json.gz');
  assert.is(tailOfPath('short/a.json'), 'short/a.json');
  assert.is(tailOfPath('x'.repeat(60)), `…${'x'.repeat(47)}`);
  // Wide characters count two columns, so the table never cuts the tail again from the right.
  assert.is(tailOfPath(`${'短い/'.repeat(10)}a.json`), '…/短い/短い/短い/短い/短い/短い/短い/短い/a.json');
  assert.is(tailOfPath('logs/\u001b[31mred.json'), 'logs/\\x1b[31mred.json', 'escaped as the table shows it');
});

test('renderValidate() table: rejected files of one folder are told apart by the end of their paths', () => {
  const dir = 'mix/AWSLogs/111111111111/CloudTrail/us-east-1/2026/01/05/';
  const a = `${dir}111111111111_CloudTrail_us-east-1_20260105T0000Z_AbCdEfGh12345678.json.gz`;
  const b = `${dir}111111111111_CloudTrail_us-east-1_20260105T0005Z_ZyXwVuTs87654321.json.gz`;
  const result: ValidateResult = {
    files: { seen: 2, read: 1, skipped: { digest: 0, insight: 0, other: 0, outOfRange: 0, duplicate: 0 }, failed: 1 },
    records: { seen: 2, valid: 1, invalid: 1 },
    perFile: [
      { path: a, records: 2, valid: 1, invalid: 1, error: null },
      { path: b, records: 0, valid: 0, invalid: 0, error: 'not gzip' },
    ],
    ledger: [
      { path: a, index: 1, stage: 'validate', reason: 'must have required property eventTime', pointer: '/eventTime' },
      { path: b, index: null, stage: 'decode', reason: 'not gzip' },
    ],
  };
  assert.is(
    renderValidate(result, 'table'),
    [
      'files: 2 seen, 1 read, 1 failed',
      'records: 2 seen = 1 valid + 1 invalid',
      '',
      'Files with problems (2)',
      '  path                                       records  valid  invalid  error',
      '  -----------------------------------------  -------  -----  -------  --------',
      '  …_20260105T0000Z_AbCdEfGh12345678.json.gz  2        1      1',
      '  …_20260105T0005Z_ZyXwVuTs87654321.json.gz  0        0      0        not gzip',
      '',
      'Problems (2)',
      '  path                                       index  stage     pointer     reason',
      '  -----------------------------------------  -----  --------  ----------  -------------------------------------',
      '  …_20260105T0000Z_AbCdEfGh12345678.json.gz  1      validate  /eventTime  must have required property eventTime',
      '  …_20260105T0005Z_ZyXwVuTs87654321.json.gz         decode                not gzip',
      '',
    ].join('\n'),
  );
  assert.ok(renderValidate(result, 'json').includes(JSON.stringify(a)), 'JSON keeps whole paths');
});

test.run();
