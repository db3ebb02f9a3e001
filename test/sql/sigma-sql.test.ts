/**
 * The Sigma -> SQL translator means what the tool's matcher means: every rule below is run by the
 * tool's compiled matcher (findings/sigma-compile.ts) and, translated, by DuckDB over the same
 * records, read as our export reads them (the `raw` JSON) and as the CloudTrail table view reads
 * them; the matching records must be the same. Constructs with no exact SQL form are refused with
 * the reason.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileRule } from '../../src/findings/sigma-compile.ts';
import { parseSigmaRule, type SigmaRule } from '../../src/findings/sigma-rule.ts';
import { DIALECTS } from '../../src/sql/dialect.ts';
import { fieldsOf } from '../../src/sql/rule-fields.ts';
import { likePattern, ruleSql } from '../../src/sql/sigma-sql.ts';
import type { SqlSource } from '../../src/sql/source-rows.ts';
import { duck } from '../_support/duck.ts';
import { tempDir } from '../_support/helpers.ts';
import { cloudTrailView } from '../_support/sql-check.ts';

const d = DIALECTS.duckdb;
const dir = tempDir('cts-sigma-sql-');
test.after(() => rmSync(dir, { recursive: true, force: true }));

const identity = (type: string, extra: Record<string, unknown> = {}) => ({
  type,
  arn: `arn:aws:iam::111122223333:user/${type}`,
  accountId: '111122223333',
  ...extra,
});
const session = (mfa: string | undefined, issuerArn?: string) => ({
  sessionContext: { ...(mfa === undefined ? {} : { attributes: { mfaAuthenticated: mfa } }), ...(issuerArn ? { sessionIssuer: { arn: issuerArn } } : {}) },
});

/** Records that tell the semantics apart: case, wildcards, LIKE's own characters, absence, null, objects, numbers, booleans. */
const RECORDS: Record<string, unknown>[] = [
  { eventName: 'CreateCase', userIdentity: identity('IAMUser', session('false')), requestParameters: { severityCode: 'low', caseId: 'c-1' } },
  { eventName: 'createcase', userIdentity: identity('Root'), errorCode: 'AccessDenied', errorMessage: 'Access is denied' },
  { eventName: 'CREATECASE', userIdentity: identity('IAMUser', session('true')), errorMessage: 'get 50%_off now', readOnly: false },
  { eventName: 'DescribeCases', userIdentity: identity('AssumedRole', session('FALSE')), errorMessage: 'get 50xyoff now', readOnly: true },
  { eventName: 'DescribeCommunications', userIdentity: identity('AssumedRole'), errorMessage: 'a*b', requestParameters: { nested: { x: 1 } } },
  { eventName: 'DescribeAttachment', userIdentity: identity('SAMLUser'), errorMessage: 'axb', requestParameters: { nested: null, count: 5 } },
  { eventName: 'ResolveCase', userIdentity: identity('IAMUser', { userName: 'alice' }), errorCode: null, requestParameters: { count: '5' } },
  { eventName: 'AddCommunicationToCase', userIdentity: identity('IAMUser', { userName: 'Bob' }), errorMessage: 'foo then bar' },
  { eventName: 'AddAttachmentsToSet', userIdentity: identity('AssumedRole', session(undefined, 'arn:aws:iam::111122223333:user/AssumedRole')) },
  {
    eventName: 'Describe_Cases',
    userIdentity: identity('AssumedRole', session(undefined, 'ARN:AWS:IAM::111122223333:USER/ASSUMEDROLE')),
    errorMessage: 'bar only',
  },
  { eventName: 'DescribeTrustedAdvisorChecks', userIdentity: {}, errorMessage: 'Access denied', requestParameters: { severityCode: 'HIGH' } },
  { eventName: 'DescribeCases', userIdentity: identity('IAMUser'), requestParameters: { caseIdList: ['c-1', 'c-2'] } },
];
const records = RECORDS.map((r, i) => ({
  eventVersion: '1.08',
  eventTime: '2026-01-05T10:00:00Z',
  eventSource: 'support.amazonaws.com',
  awsRegion: 'us-east-1',
  eventID: `e${i}`,
  ...r,
}));

/** Detections (YAML) whose matches are compared; each must match some records and not all. */
const DETECTIONS = [
  'sel: {eventName: CreateCase}\ncondition: sel',
  'sel: {eventName|cased: CreateCase}\ncondition: sel',
  "sel: {eventName: 'Describe*'}\ncondition: sel",
  "sel: {eventName: 'Describe?ases'}\ncondition: sel",
  "sel: {errorMessage|contains: '50%_off'}\ncondition: sel",
  "sel: {errorMessage: 'a\\*b'}\ncondition: sel",
  'sel: {errorMessage|startswith: access, errorMessage|endswith: DENIED}\ncondition: sel',
  'sel: {errorMessage|contains|all: [foo, bar]}\ncondition: sel',
  'sel: {errorCode|exists: true}\ncondition: sel',
  'sel: {errorCode|exists: false}\ncondition: sel',
  'sel: {errorCode: null}\ncondition: sel',
  'sel: {requestParameters.caseId|exists: true}\ncondition: sel',
  'sel: {requestParameters.severityCode: [low, high]}\ncondition: sel',
  'sel: {requestParameters.severityCode|cased: [low, high]}\ncondition: sel',
  'sel: {requestParameters.nested: null}\ncondition: not sel',
  'sel: {requestParameters.nested|exists: true}\ncondition: sel',
  'sel: {requestParameters.count: 5}\ncondition: sel',
  // A list as the value itself is no scalar in either: present, not null, equal to no text.
  'sel: {requestParameters.caseIdList: null}\ncondition: not sel',
  'sel: {requestParameters.caseIdList|exists: true}\ncondition: sel',
  'sel: {requestParameters.caseIdList: c-1}\nother: {eventName: CreateCase}\ncondition: sel or other',
  'sel: {readOnly: true}\ncondition: sel',
  "sel: {userIdentity.sessionContext.attributes.mfaAuthenticated: 'false'}\ncondition: sel",
  "sel: {userIdentity.sessionContext.attributes.mfaAuthenticated: 'true'}\ncondition: not sel",
  'sel: {userIdentity.arn|fieldref: userIdentity.sessionContext.sessionIssuer.arn}\ncondition: sel',
  'sel: {userIdentity.arn|fieldref|cased: userIdentity.sessionContext.sessionIssuer.arn}\ncondition: sel',
  'sel: {userIdentity.userName: [alice, null]}\ncondition: sel',
  "sel: {userIdentity.type: IAMUser}\nfilter: {userIdentity.sessionContext.attributes.mfaAuthenticated: 'true'}\ncondition: sel and not filter",
  'sel_a: {userIdentity.type: Root}\nsel_b: {errorMessage|contains: bar}\ncondition: 1 of sel_*',
  "sel_a: {userIdentity.type: AssumedRole}\nsel_b: {eventName|startswith: 'Describe'}\ncondition: all of sel_*",
  'a: {userIdentity.type: Root}\nb: {errorCode|exists: true}\ncondition: not 1 of them',
  'a: {userIdentity.type: AssumedRole}\nb: {userIdentity.type: SAMLUser}\nc: {errorMessage: axb}\ncondition: (a or b) and not c',
  'a: [{userIdentity.type: Root}, {eventName: ResolveCase}]\nb: {eventName: CreateCase}\ncondition: [a, b]',
];

const ruleOf = (detection: string, i = 0): SigmaRule =>
  parseSigmaRule(
    `title: t${i}\nid: r${i}\nlevel: low\nlogsource: {product: aws, service: cloudtrail}\ndetection:\n${detection.replace(/^/gm, '  ')}\n`,
    `rule-${i}.yml`,
  );

async function sqlMatches(rule: SigmaRule, source: SqlSource, from: string): Promise<number[]> {
  const sql = ruleSql(rule, d, fieldsOf(d, source));
  if (!('where' in sql)) throw new Error(`refused: ${sql.refused}`);
  const rows = await duck(`SELECT CAST(substr(eventid, 2) AS INTEGER) AS i FROM ${from} WHERE ${sql.where} ORDER BY i`);
  return rows.map((r) => r.i as number);
}

let tables: { parquet: string; table: string } | undefined;
/** The records as our export's columns (eventsource, eventname, raw) and as the CloudTrail table view over a delivery file. */
async function sources() {
  if (tables) return tables;
  await duck(
    `CREATE OR REPLACE TABLE rule_records AS SELECT * FROM (VALUES ${
      records.map((r: Record<string, unknown>) =>
        `(${d.str(String(r.eventID))}, ${d.str(String(r.eventSource))}, ${d.str(String(r.eventName))}, ${d.str(JSON.stringify(r))})`
      ).join(', ')
    }) AS t(eventid, eventsource, eventname, raw)`,
  );
  const file = join(dir, 'records.json');
  writeFileSync(file, JSON.stringify({ Records: records }));
  return tables = { parquet: 'rule_records', table: await cloudTrailView([file]) };
}

test('every rule matches the same records in SQL (export and CloudTrail table) as in the tool', async () => {
  const { parquet, table } = await sources();
  for (const [i, detection] of DETECTIONS.entries()) {
    const rule = ruleOf(detection, i);
    const matcher = compileRule(rule).matches;
    const expected = records.flatMap((r, n) => (matcher(r) ? [n] : []));
    assert.ok(expected.length > 0 && expected.length < records.length, `${detection}: tells records apart (${expected})`);
    assert.equal(await sqlMatches(rule, 'parquet', parquet), expected, `export: ${detection}`);
    assert.equal(await sqlMatches(rule, 'cloudtrail-table', table), expected, `table: ${detection}`);
  }
});

test('a rule with no SQL form is refused, saying which construct and why', () => {
  const refusal = (detection: string, source: SqlSource = 'parquet') => {
    const sql = ruleSql(ruleOf(detection), d, fieldsOf(d, source));
    return 'refused' in sql ? sql.refused : '';
  };
  assert.match(refusal("sel: {errorMessage|re: '^Acc'}\ncondition: sel"), /modifier re has no SQL form here: a JavaScript regular expression/);
  assert.match(refusal("sel: {sourceIPAddress|cidr: '10.0.0.0/8'}\ncondition: sel"), /modifier cidr has no SQL form/);
  assert.match(refusal('sel: {requestParameters.count|gt: 3}\ncondition: sel'), /modifier gt has no SQL form.*Number\(\)/);
  assert.match(refusal('keywords: [AccessDenied]\ncondition: keywords'), /selection keywords is a keyword search/);
  assert.match(refusal('sel: {requestParameters.a-b: x}\ncondition: sel'), /key "a-b" is not a name/);
  assert.match(refusal('sel: {tlsDetails.tlsVersion: TLSv1.2}\ncondition: sel', 'cloudtrail-table'), /CloudTrail table cannot give tlsDetails.tlsVersion/);
  assert.match(refusal('sel: {userIdentity.credentialId|exists: true}\ncondition: sel', 'cloudtrail-table'), /no column for userIdentity.credentialId/);
  assert.match(refusal('sel: {userIdentity.sessionContext|exists: true}\ncondition: sel', 'cloudtrail-table'), /is a struct in the CloudTrail table/);
  assert.match(
    refusal('sel: {eventName: x}\nf: {userIdentity.arn|fieldref: tlsDetails.x}\ncondition: sel and f', 'cloudtrail-table'),
    /"userIdentity.arn\|fieldref"/,
  );
  // Over the export the raw JSON has every path.
  assert.is(refusal('sel: {tlsDetails.tlsVersion: TLSv1.2}\ncondition: sel'), '');
});

test('LIKE patterns: Sigma wildcards become % and _, LIKE characters and Sigma escapes are literal', () => {
  assert.is(likePattern('Describe*'), 'Describe%');
  assert.is(likePattern('a?c'), 'a_c');
  assert.is(likePattern('50%_off'), '50\\%\\_off');
  assert.is(likePattern('a\\*b\\?c\\\\d'), 'a*b?c\\\\d');
  assert.is(likePattern('C:\\temp'), 'C:\\\\temp');
});

test('documented difference: a list on the way to the field is walked by the tool, not by the SQL (docs/scale.md)', async () => {
  const record = { eventVersion: '1.08', eventTime: '2026-01-05T10:00:00Z', eventSource: 'support.amazonaws.com', eventName: 'DescribeCases', eventID: 'e0' };
  const listed = { ...record, resources: [{ ARN: 'arn:a' }, { ARN: 'arn:b' }] };
  const rule = ruleOf("sel: {resources.ARN: 'arn:b'}\ncondition: sel");
  assert.ok(compileRule(rule).matches(listed));
  await duck(
    `CREATE OR REPLACE TABLE listed AS SELECT 'e0' AS eventid, 'support.amazonaws.com' AS eventsource, 'DescribeCases' AS eventname, ${
      d.str(JSON.stringify(listed))
    } AS raw`,
  );
  assert.equal(await sqlMatches(rule, 'parquet', 'listed'), []);
});

test.run();
