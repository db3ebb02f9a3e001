import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { factsFromPath, kindFromPath } from '../../src/read/aws-key.ts';

test('factsFromPath() reads account, region, date and delivery time from a standard key', () => {
  const facts = factsFromPath(
    '/data/AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/111122223333_CloudTrail_us-east-1_20260105T1015Z_abcdEFGH12345678.json.gz',
  );
  assert.equal(facts, {
    key: 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/111122223333_CloudTrail_us-east-1_20260105T1015Z_abcdEFGH12345678.json.gz',
    account: '111122223333',
    kind: 'log',
    region: 'us-east-1',
    date: '2026-01-05',
    deliveredAt: '2026-01-05T10:15Z',
  });
});

test('factsFromPath() reads the organization level', () => {
  const facts = factsFromPath('x/AWSLogs/o-a1b2c3d4e5/444455556666/CloudTrail/eu-west-1/2026/02/28/444455556666_CloudTrail_eu-west-1_20260228T2355Z_x.json.gz');
  assert.is(facts.orgId, 'o-a1b2c3d4e5');
  assert.is(facts.account, '444455556666');
  assert.is(facts.region, 'eu-west-1');
  assert.is(facts.key?.startsWith('AWSLogs/o-a1b2c3d4e5/444455556666/'), true);
});

test('factsFromPath() falls back to the file name alone when the folders are flattened', () => {
  const facts = factsFromPath('downloads/218007301253_CloudTrail_us-east-1_20230710T1145Z_7xgocspSowgK0Gto.json');
  assert.equal(facts, { account: '218007301253', kind: 'log', region: 'us-east-1', date: '2023-07-10', deliveredAt: '2023-07-10T11:45Z' });
});

test('factsFromPath() says nothing about a path outside the layout', () => {
  assert.equal(factsFromPath('some/export.json'), {});
});

test('kindFromPath() classifies digests, insights, logs and other files', () => {
  assert.is(
    kindFromPath(
      'AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/01/05/111122223333_CloudTrail-Digest_us-east-1_trail_us-east-1_20260105T101500Z.json.gz',
    ),
    'digest',
  );
  assert.is(kindFromPath('327878933619_CloudTrail-Digest_ap-northeast-1_llm-guard-trail_us-west-2_20231015T230404Z.json'), 'digest');
  assert.is(
    kindFromPath('AWSLogs/111122223333/CloudTrail-Insight/us-east-1/2026/01/05/111122223333_CloudTrail-Insight_us-east-1_20260105T1015Z_a.json.gz'),
    'insight',
  );
  assert.is(kindFromPath('AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/a.json.gz'), 'log');
  assert.is(kindFromPath('plain/events.json'), 'log');
  assert.is(kindFromPath('AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/.DS_Store'), 'other');
  assert.is(kindFromPath('AWSLogs/README.txt'), 'other');
});

test.run();
