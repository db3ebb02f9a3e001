import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { validateEnvelope, validateRecord, validateSupportRecord } from '../../src/validate/schemas.ts';
import { GENERATED_PATH, validatorsModule } from '../../schemas/compile.ts';
import { record, supportAuthzEvent } from '../_support/helpers.ts';

const REAL = fileURLToPath(new URL('../../../shared/realdata/', import.meta.url));

// deno-lint-ignore no-explicit-any
type Rec = Record<string, any>;
const pointers = (issues: readonly { pointer: string }[]) => issues.map((i) => i.pointer);

// --- Built-in cases -------------------------------------------------------------------------------

test('validateRecord() passes a complete record and returns the same frozen empty list every time', () => {
  const first = validateRecord(record());
  const second = validateRecord(record());
  assert.equal(first, []);
  assert.ok(first === second, 'the valid path should not allocate a new array');
  assert.ok(Object.isFrozen(first));
});

test('validateRecord() points at a missing eventName', () => {
  const r = record();
  delete r.eventName;
  assert.equal(validateRecord(r), [{ pointer: '/eventName', message: '/eventName: required property is missing' }]);
});

test('validateRecord() rejects eventTime "yesterday" at /eventTime and shows the value', () => {
  const [issue] = validateRecord(record({ eventTime: 'yesterday' }));
  assert.is(issue.pointer, '/eventTime');
  assert.match(issue.message, /UTC timestamp/);
  assert.match(issue.message, /"yesterday"/);
});

test('validateRecord() wants eventTime in UTC with a Z, fractional seconds allowed', () => {
  assert.equal(pointers(validateRecord(record({ eventTime: '2023-07-10T14:00:00+02:00' }))), ['/eventTime']);
  assert.equal(pointers(validateRecord(record({ eventTime: '2023-07-10 12:00:00' }))), ['/eventTime']);
  assert.equal(pointers(validateRecord(record({ eventTime: '2023-13-10T12:00:00Z' }))), ['/eventTime']);
  assert.equal(validateRecord(record({ eventTime: '2023-07-10T12:00:00.123Z' })), []);
});

test('validateRecord() rejects an eventTime on a date that does not exist, which the pattern lets through', () => {
  assert.equal(validateRecord(record({ eventTime: '2026-02-30T08:00:00Z' })), [{
    pointer: '/eventTime',
    message: '/eventTime: must be a real UTC date and time, got "2026-02-30T08:00:00Z" (no such date)',
  }]);
  assert.is(validateRecord(record({ eventTime: '2024-02-29T08:00:00Z' })).length, 0, 'a leap day');
  assert.is(validateRecord(record({ eventTime: '2016-12-31T23:59:60Z' })).length, 0, 'a leap second');
});

test('validateRecord() rejects userIdentity.type "Alien" at /userIdentity/type', () => {
  const r = record();
  r.userIdentity = { ...(r.userIdentity as Rec), type: 'Alien' };
  const [issue] = validateRecord(r);
  assert.is(issue.pointer, '/userIdentity/type');
  assert.match(issue.message, /must be one of Root, IAMUser, AssumedRole/);
  assert.match(issue.message, /"Alien"/);
});

test('validateRecord() accepts null requestParameters and responseElements', () => {
  assert.equal(validateRecord(record({ requestParameters: null, responseElements: null })), []);
  assert.equal(pointers(validateRecord(record({ requestParameters: 'x' }))), ['/requestParameters']);
});

test('validateRecord() accepts unknown fields at the top and inside userIdentity', () => {
  const r = record({ brandNewField: { a: 1 }, eventContext: { x: [1] } });
  r.userIdentity = { ...(r.userIdentity as Rec), futureField: 42 };
  assert.equal(validateRecord(r), []);
});

test('validateRecord() rejects mfaAuthenticated as a boolean: CloudTrail writes the string "true"', () => {
  const r = record();
  const ui = r.userIdentity as Rec;
  r.userIdentity = { ...ui, sessionContext: { attributes: { ...ui.sessionContext.attributes, mfaAuthenticated: true } } };
  const [issue] = validateRecord(r);
  assert.is(issue.pointer, '/userIdentity/sessionContext/attributes/mfaAuthenticated');
  assert.match(issue.message, /must be one of true, false, got true$/);
});

test('validateRecord() lets only AWS service events go without userIdentity.type', () => {
  const service = { accountId: '111122223333', invokedBy: 'supportauthz.amazonaws.com' };
  assert.equal(validateRecord(record({ eventType: 'AwsServiceEvent', userIdentity: service })), []);
  assert.equal(pointers(validateRecord(record({ eventType: 'AwsApiCall', userIdentity: service }))), ['/userIdentity/type']);
  assert.equal(pointers(validateRecord(record({ userIdentity: undefined }))), ['/userIdentity']);
});

test('validateRecord() takes eventVersion 1.0 to 1.11 and future 1.x minor versions, with or without a leading zero', () => {
  for (const v of ['1.0', '1.01', '1.05', '1.08', '1.1', '1.10', '1.11', '1.12']) assert.equal(validateRecord(record({ eventVersion: v })), [], v);
  for (const v of ['2.0', '1.123', '1.', '1.08 ', 1.08]) assert.equal(pointers(validateRecord(record({ eventVersion: v }))), ['/eventVersion'], String(v));
});

test('validateRecord() checks the types of known fields', () => {
  assert.equal(pointers(validateRecord(record({ readOnly: 'true' }))), ['/readOnly']);
  assert.equal(pointers(validateRecord(record({ resources: [{ ARN: 5 }] }))), ['/resources/0/ARN']);
  assert.equal(pointers(validateRecord(record({ tlsDetails: { tlsVersion: 1.2 } }))), ['/tlsDetails/tlsVersion']);
});

test('validateRecord() reports a value that is not an object at the root pointer', () => {
  assert.equal(validateRecord([]), [{ pointer: '', message: 'must be an object, got an array' }]);
  assert.equal(validateRecord(null), [{ pointer: '', message: 'must be an object, got null' }]);
});

test('validateEnvelope() rejects Records that is not an array at /Records', () => {
  assert.equal(validateEnvelope({ Records: {} }), [{ pointer: '/Records', message: '/Records: must be an array, got an object' }]);
  assert.equal(pointers(validateEnvelope({ records: [] })), ['/Records']);
  assert.equal(pointers(validateEnvelope('{"Records":[]}')), ['']);
});

test('validateEnvelope() allows extra keys and leaves the records to validateRecord', () => {
  assert.equal(validateEnvelope({ Records: [1, 'not a record', null], Extra: true }), []);
});

test('validateSupportRecord() rejects a record of ec2.amazonaws.com at /eventSource', () => {
  const r = record({ eventSource: 'ec2.amazonaws.com' });
  assert.equal(validateRecord(r), []);
  const [issue] = validateSupportRecord(r);
  assert.is(issue.pointer, '/eventSource');
  assert.match(issue.message, /"ec2\.amazonaws\.com"$/);
});

test('validateSupportRecord() checks the types of Support API parameters when present', () => {
  assert.equal(validateSupportRecord(record()), []);
  assert.equal(validateSupportRecord(record({ requestParameters: null, responseElements: null })), []);
  assert.equal(pointers(validateSupportRecord(record({ responseElements: { caseId: 7 } }))), ['/responseElements/caseId']);
  assert.equal(pointers(validateSupportRecord(record({ eventName: 'ResolveCase', requestParameters: { caseId: ['x'] } }))), ['/requestParameters/caseId']);
  assert.equal(pointers(validateSupportRecord(record({ requestParameters: { severityCode: 3 } }))), ['/requestParameters/severityCode']);
});

test('a supportauthz service event (no userIdentity.type, no requestID) passes both schemas', () => {
  assert.equal(validateRecord(supportAuthzEvent()), []);
  assert.equal(validateSupportRecord(supportAuthzEvent()), []);
});

test('a Support call made through re:Post Private, carrying sourceIdentity, passes both schemas', () => {
  const r = record({
    eventName: 'DescribeCases',
    requestParameters: { caseIdList: ['case-111122223333-muen-2026-0000000000000001'], includeResolvedCases: true },
    responseElements: null,
    userIdentity: {
      type: 'AssumedRole',
      principalId: 'AROAEXAMPLE:repost-private',
      arn: 'arn:aws:sts::111122223333:assumed-role/RePostPrivateSupportRole/repost-private',
      accountId: '111122223333',
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: 'AROAEXAMPLE',
          arn: 'arn:aws:iam::111122223333:role/RePostPrivateSupportRole',
          accountId: '111122223333',
          userName: 'RePostPrivateSupportRole',
        },
        attributes: { creationDate: '2026-01-05T10:00:00Z', mfaAuthenticated: 'false' },
        sourceIdentity: 'jane.doe@example.com',
      },
      invokedBy: 'repostspace.amazonaws.com',
    },
  });
  assert.equal(validateRecord(r), []);
  assert.equal(validateSupportRecord(r), []);
});

// --- Real data ------------------------------------------------------------------------------------

// deno-lint-ignore no-explicit-any
const readJson = (rel: string): any => {
  const bytes = readFileSync(REAL + rel);
  return JSON.parse((rel.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'));
};
const list = (dir: string, re: RegExp) => readdirSync(REAL + dir).filter((f) => re.test(f)).sort().map((f) => `${dir}/${f}`);
/** Non-blank lines of an NDJSON file, keyed "file:line". */
const ndjson = (rel: string): [string, Rec][] =>
  readFileSync(REAL + rel, 'utf8').split('\n').flatMap((line, i) => (line.trim() ? [[`${rel}:${i + 1}`, JSON.parse(line)] as [string, Rec]] : []));

/** Runs validateRecord over [key, record] pairs; returns the failures as key -> pointer. */
function failures(items: [string, unknown][]): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, rec] of items) {
    const issues = validateRecord(rec);
    if (issues.length) out.set(key, issues[0].pointer);
  }
  return out;
}

if (!existsSync(REAL)) {
  console.log(`validate.test.ts: skipping the real-data tests, ${REAL} does not exist`);
} else {
  test('every record of the Records-wrapped delivery files passes validateEnvelope and validateRecord', () => {
    const files = [
      ...list('invictus-aws_dataset', /\.json$/),
      ...list('trailscraper', /\.json(\.gz)?$/),
      'awsdocs-support-user-guide/logging-using-cloudtrail.example0.support.CreateCase.json',
    ];
    const items: [string, unknown][] = [];
    for (const file of files) {
      const doc = readJson(file);
      assert.equal(validateEnvelope(doc), [], file);
      doc.Records.forEach((r: unknown, i: number) => items.push([`${file}#${i}`, r]));
    }
    assert.is(files.length, 55 + 3 + 1);
    assert.is(items.length, 2900 + 7 + 1);
    assert.equal([...failures(items)], []);
  });

  test('stratus-red-team files are bare arrays, not envelopes, and all 310 records pass', () => {
    const items: [string, unknown][] = [];
    for (const file of list('stratus-red-team', /\.json$/)) {
      const doc = readJson(file);
      assert.equal(pointers(validateEnvelope(doc)), [''], file);
      doc.forEach((r: unknown, i: number) => items.push([`${file}#${i}`, r]));
    }
    assert.is(items.length, 310);
    assert.equal([...failures(items)], []);
  });

  test('bare and EventBridge-wrapped records pass, except the trimmed cloud-custodian bedrock fixture', () => {
    const items: [string, unknown][] = [];
    for (const file of [...list('awsdocs-support-user-guide', /\.json$/), ...list('cloud-custodian', /\.json$/)]) {
      const doc = readJson(file);
      if (Array.isArray(doc.Records)) continue; // the CreateCase envelope is covered above
      items.push([file, doc['detail-type'] !== undefined ? doc.detail : doc]);
    }
    assert.is(items.length, 13 + 24);
    // The fixture was cut down by its authors: no userIdentity, eventTime or eventID.
    assert.equal([...failures(items)], [['cloud-custodian/event-cloud-trail-bedrock-create-customization-jobs.json', '/userIdentity']]);
  });

  test('the elastic-integrations NDJSON records all pass', () => {
    const items = list('elastic-integrations', /\.log$/).filter((f) => !f.includes('digest')).flatMap(ndjson);
    assert.is(items.length, 11);
    assert.equal([...failures(items)], []);
  });

  test('the plaso lookup-events records (CloudTrailEvent strings) all pass', () => {
    const items = ndjson('plaso/aws_cloudtrail.jsonl').map(([k, e]): [string, unknown] => [k, JSON.parse(e.CloudTrailEvent)]);
    assert.is(items.length, 6);
    assert.equal([...failures(items)], []);
  });

  // Panther stores eventTime in its own normalised form "YYYY-MM-DD HH:MM:SS[.fraction]" (no T, no
  // zone); rule authors pasted those rows into their tests. CloudTrail itself always writes ...Z.
  const PANTHER_TIME = [
    15,
    16,
    17,
    18,
    19,
    20,
    21,
    22,
    26,
    27,
    28,
    29,
    30,
    33,
    34,
    35,
    36,
    37,
    38,
    39,
    40,
    41,
    47,
    48,
    49,
    50,
    64,
    65,
    71,
    72,
    73,
    74,
    78,
    80,
    81,
    85,
    86,
    87,
    88,
    89,
    90,
    91,
    93,
    94,
    104,
    108,
    109,
    110,
    111,
    112,
    113,
    114,
    116,
    120,
    121,
    122,
    150,
    151,
    152,
    153,
    154,
    155,
    159,
    160,
    161,
    162,
    163,
    178,
    179,
    180,
    181,
    182,
    183,
    184,
    185,
    238,
    239,
    266,
    272,
    273,
    334,
    335,
    336,
    337,
    338,
    339,
    352,
    353,
    354,
    355,
    356,
    357,
    358,
    359,
    360,
    363,
    364,
    365,
    369,
    370,
    380,
    381,
    382,
    386,
  ];
  const PANTHER_OTHER: Record<number, string> = {
    92: '/userIdentity/invokedBy', // invokedBy null (and a Panther-normalised eventTime)
    173: '/resources', // hand-written fixture with "resources": null
    279: '/eventTime', // eventTime "redacted"
    383: '/awsRegion', // placeholder fixture: eventTime "...", no awsRegion, no eventType
  };

  test('panther-analysis: 278 of 386 records pass; the 108 failures are Panther-normalised or hand-edited', () => {
    const file = 'panther-analysis/panther-analysis_aws_cloudtrail_rule_tests.ndjson';
    const items = ndjson(file);
    const byKey = new Map(items);
    const got = failures(items);
    assert.is(items.length, 386);
    assert.is(got.size, PANTHER_TIME.length + Object.keys(PANTHER_OTHER).length);
    for (const line of PANTHER_TIME) {
      assert.is(got.get(`${file}:${line}`), '/eventTime', `line ${line}`);
      assert.match(byKey.get(`${file}:${line}`)!.eventTime, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/);
    }
    for (const [line, pointer] of Object.entries(PANTHER_OTHER)) assert.is(got.get(`${file}:${line}`), pointer, `line ${line}`);
    assert.is(byKey.get(`${file}:279`)!.eventTime, 'redacted');
    assert.is(byKey.get(`${file}:173`)!.resources, null);
  });

  test('all 14 AWS Support documentation examples pass validateRecord and validateSupportRecord', () => {
    const records = list('awsdocs-support-user-guide', /\.json$/).flatMap((file) => {
      const doc = readJson(file);
      return Array.isArray(doc.Records) ? doc.Records : [doc];
    });
    assert.is(records.length, 14);
    for (const r of records) {
      assert.equal(validateRecord(r), [], r.eventName);
      assert.equal(validateSupportRecord(r), [], r.eventName);
    }
  });

  test('validateRecord() throughput over the invictus records (printed, not asserted)', () => {
    const records = list('invictus-aws_dataset', /\.json$/).flatMap((file) => readJson(file).Records as unknown[]);
    const rounds = 50;
    let bad = 0;
    for (const r of records) bad += validateRecord(r).length; // warm-up: let the JIT settle
    const start = performance.now();
    for (let k = 0; k < rounds; k++) for (const r of records) bad += validateRecord(r).length;
    const seconds = (performance.now() - start) / 1000;
    assert.is(bad, 0);
    console.log(
      `validateRecord: ${Math.round((records.length * rounds) / seconds).toLocaleString('en-US')} records/s (${records.length} invictus records x ${rounds})`,
    );
  });
}

test('src/validate/validators.generated.ts is what schemas/compile.ts writes for the current schemas (run `npm run schemas` after editing one)', () => {
  const current = readFileSync(GENERATED_PATH, 'utf8');
  assert.ok(current === validatorsModule(), 'the generated validators are stale');
});

test.run();
