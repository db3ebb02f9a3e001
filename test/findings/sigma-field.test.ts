import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileField, valuesAt, wildcardSource } from '../../src/findings/sigma-field.ts';
import { cidrTest } from '../../src/findings/cidr.ts';

const refuse = (reason: string): never => {
  throw new Error(reason);
};
const field = (key: string, value: unknown) => compileField(key, value, refuse);
const refusal = (key: string, value: unknown): string => {
  try {
    field(key, value);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`${key} was not refused`);
};

const rec = {
  eventSource: 'iam.amazonaws.com',
  eventName: 'CreateAccessKey',
  sourceIPAddress: '203.0.113.7',
  readOnly: false,
  userIdentity: {
    type: 'IAMUser',
    arn: 'arn:aws:iam::111122223333:user/Alice',
    userName: 'Alice',
    sessionContext: { attributes: { mfaAuthenticated: 'false' } },
  },
  requestParameters: { userName: 'Alice', 'policy.name': 'dotted', tags: [{ key: 'team' }, { key: 'ops' }], maxItems: 50 },
  errorCode: null,
};

test('valuesAt() follows dotted paths, walks arrays and finds keys that hold dots', () => {
  assert.equal(valuesAt(rec, ['userIdentity', 'sessionContext', 'attributes', 'mfaAuthenticated']), ['false']);
  assert.equal(valuesAt(rec, ['requestParameters', 'tags', 'key']), ['team', 'ops']);
  assert.equal(valuesAt(rec, ['requestParameters', 'policy', 'name']), ['dotted']);
  assert.equal(valuesAt(rec, ['userIdentity', 'missing']), []);
});

test('plain values match the whole value, case-insensitively; lists are OR; numbers and booleans compare as values', () => {
  assert.ok(field('eventName', 'createaccesskey')(rec));
  assert.not.ok(field('eventName', 'CreateAccess')(rec));
  assert.ok(field('eventName', ['DeleteUser', 'CreateAccessKey'])(rec));
  assert.ok(field('readOnly', false)(rec));
  assert.not.ok(field('readOnly', true)(rec));
  assert.ok(field('requestParameters.maxItems', 50)(rec));
  assert.ok(field('requestParameters.maxItems', '50')(rec));
});

test('wildcards: * and ? match, \\* and \\? are literal', () => {
  assert.ok(field('eventName', 'Create*Key')(rec));
  assert.ok(field('eventName', 'CreateAcces?Key')(rec));
  assert.not.ok(field('eventName', 'Create\\*Key')(rec));
  assert.ok(field('x', 'a\\*b')({ x: 'a*b' }));
  assert.equal(wildcardSource('a.b*'), 'a\\.b[\\s\\S]*');
});

test('contains, startswith, endswith (with wildcards inside) and cased', () => {
  assert.ok(field('userIdentity.arn|contains', ':user/alice')(rec));
  assert.ok(field('userIdentity.arn|startswith', 'arn:aws:iam::')(rec));
  assert.ok(field('userIdentity.arn|endswith', '/ALICE')(rec));
  assert.ok(field('userIdentity.arn|contains', 'iam::*:user')(rec));
  assert.not.ok(field('userIdentity.arn|endswith|cased', '/alice')(rec));
  assert.ok(field('userIdentity.arn|endswith|cased', '/Alice')(rec));
});

test('all makes a list AND', () => {
  assert.ok(field('userIdentity.arn|contains|all', ['iam', 'Alice'])(rec));
  assert.not.ok(field('userIdentity.arn|contains|all', ['iam', 'Bob'])(rec));
});

test('re searches anywhere, case-sensitive unless i; m and s change ^/$ and .', () => {
  assert.ok(field('userIdentity.arn|re', 'user/A.+$')(rec));
  assert.not.ok(field('userIdentity.arn|re', 'user/a.+$')(rec));
  assert.ok(field('userIdentity.arn|re|i', 'user/a.+$')(rec));
  assert.ok(field('m|re|m', '^two$')({ m: 'one\ntwo' }));
  assert.not.ok(field('m|re', '^two$')({ m: 'one\ntwo' }));
  assert.ok(field('m|re|s', 'one.two')({ m: 'one\ntwo' }));
});

test('cidr matches IPv4 and IPv6 networks, and never a value that is not an address', () => {
  assert.ok(field('sourceIPAddress|cidr', '203.0.113.0/24')(rec));
  assert.not.ok(field('sourceIPAddress|cidr', '198.51.100.0/24')(rec));
  assert.ok(field('sourceIPAddress|cidr', ['10.0.0.0/8', '203.0.0.0/8'])(rec));
  assert.ok(field('ip|cidr', '2001:db8::/32')({ ip: '2001:db8:0:1::5' }));
  assert.not.ok(field('ip|cidr', '2001:db8::/32')({ ip: '2001:db9::1' }));
  assert.not.ok(field('ip|cidr', '0.0.0.0/0')({ ip: 'AWS Internal' }));
  assert.not.ok(field('ip|cidr', '::/0')({ ip: '203.0.113.7' }));
  assert.ok(cidrTest('::ffff:192.0.2.0/120')!('::ffff:192.0.2.77'));
  assert.equal(cidrTest('10.0.0.0/33'), undefined);
});

test('exists, null and the numeric comparisons', () => {
  assert.ok(field('errorCode|exists', false)(rec));
  assert.ok(field('userIdentity.userName|exists', true)(rec));
  assert.not.ok(field('userIdentity.nothing|exists', true)(rec));
  assert.ok(field('errorCode', null)(rec));
  assert.ok(field('userIdentity.nothing', null)(rec));
  assert.not.ok(field('eventName', null)(rec));
  assert.ok(field('requestParameters.maxItems|gt', 10)(rec));
  assert.ok(field('requestParameters.maxItems|lte', 50)(rec));
  assert.not.ok(field('requestParameters.maxItems|lt', 50)(rec));
  assert.ok(field('requestParameters.maxItems|gte', '50')(rec));
});

test('fieldref compares with another field of the record', () => {
  assert.ok(field('userIdentity.userName|fieldref', 'requestParameters.userName')(rec));
  // The SigmaHQ rule compares the ARN with the user name: never equal, so never a match.
  assert.not.ok(field('userIdentity.arn|fieldref', 'requestParameters.userName')(rec));
});

test('what cannot run is refused, naming the field key and the construct', () => {
  assert.match(refusal('CommandLine|windash|contains', '-enc'), 'modifier windash is not supported');
  assert.match(refusal('x|base64offset|contains', 'a'), 'modifier base64offset is not supported');
  assert.match(refusal('x|expand', '%x%'), 'modifier expand is not supported');
  assert.match(refusal('x|sometimes', 'a'), 'unknown modifier "sometimes"');
  assert.match(refusal('x|re', '(unclosed'), 'invalid regular expression');
  assert.match(refusal('x|cidr', '10.0.0.0/40'), 'is not an IPv4 or IPv6 network');
  assert.match(refusal('x|exists', 'yes'), 'exists takes true or false');
  assert.match(refusal('x|gt', 'many'), 'gt takes a number');
  assert.match(refusal('x', []), 'an empty list of values');
  assert.match(refusal('x', { a: 1 }), 'not a map');
  assert.match(refusal('|contains', 'a'), 'a modifier without a field');
});

test.run();
