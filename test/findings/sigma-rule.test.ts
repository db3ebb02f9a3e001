import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileRule } from '../../src/findings/sigma-compile.ts';
import { parseSigmaRule, RuleRefusal, type SigmaRule } from '../../src/findings/sigma-rule.ts';

/** A rule with these detection lines (YAML, indented under `detection:`). */
const ruleText = (detection: string, head = 'logsource:\n  product: aws\n  service: cloudtrail\nlevel: medium\n') =>
  `title: t\nid: 11111111-2222-4333-8444-555555555555\n${head}detection:\n${detection}`;
const parse = (detection: string) => parseSigmaRule(ruleText(detection), 'r.yml');
const compile = (detection: string) => compileRule(parse(detection));
const refusal = (text: string): string => {
  try {
    compileRule(parseSigmaRule(text, 'bad.yml'));
  } catch (err) {
    assert.instance(err, RuleRefusal);
    assert.is((err as RuleRefusal).file, 'bad.yml');
    return (err as Error).message;
  }
  throw new Error('not refused');
};

// The Sigma specification's examples of maps and lists
// (https://github.com/SigmaHQ/sigma-specification, "Search-Identifier"), on records with those fields.
test('spec example: a list of maps is OR, a map is AND, a list of values is OR', () => {
  const r = compile(`  selection:
    - EventLog: Security
      EventID:
        - 517
        - 1102
    - EventLog: System
      EventID: 104
  condition: selection`);
  assert.ok(r.matches({ EventLog: 'Security', EventID: 1102 }));
  assert.ok(r.matches({ EventLog: 'System', EventID: 104 }));
  assert.not.ok(r.matches({ EventLog: 'Security', EventID: 104 }));
  assert.not.ok(r.matches({ EventLog: 'System', EventID: 517 }));
});

test('spec example: keywords are searched in every string of the record', () => {
  const r = compile(`  keywords:
    - EVILSERVICE
    - 'svchost.exe -n evil'
  condition: keywords`);
  assert.ok(r.matches({ a: { b: ['x', 'started EvilService now'] } }));
  assert.ok(r.matches({ cmd: 'C:\\\\svchost.exe -n evil' }));
  assert.not.ok(r.matches({ cmd: 'svchost.exe -k netsvcs' }));
});

const SELS = `  sel_a:
    eventName: A
  sel_b:
    eventName: B
  filter_x:
    sourceIPAddress: 10.0.0.1
  _hidden:
    eventName: C
`;
const cond = (condition: string) => compile(`${SELS}  condition: ${condition}`);
const names = (r: ReturnType<typeof compile>) => ['A', 'B', 'C', 'D'].filter((n) => r.matches({ eventName: n, sourceIPAddress: '10.0.0.2' }));

test('conditions: and, or, not, parentheses, precedence (not > and > or)', () => {
  assert.equal(names(cond('sel_a or sel_b')), ['A', 'B']);
  assert.equal(names(cond('sel_a and not filter_x')), ['A']);
  assert.equal(names(cond('not sel_a')), ['B', 'C', 'D']);
  assert.equal(names(cond('sel_a or sel_b and filter_x')), ['A']);
  assert.equal(names(cond('(sel_a or sel_b) and not filter_x')), ['A', 'B']);
  assert.equal(names(cond('not (sel_a or sel_b)')), ['C', 'D']);
  assert.equal(names(cond('sel_a OR sel_b')), ['A', 'B']);
});

test('conditions: 1 of / all of a pattern, 1 of them, all of them (them leaves out names starting with _)', () => {
  assert.equal(names(cond('1 of sel_*')), ['A', 'B']);
  assert.equal(names(cond('all of sel_*')), []);
  assert.equal(names(cond('1 of them')), ['A', 'B']);
  assert.equal(names(cond('all of them')), []);
  assert.equal(names(cond('any of sel*')), ['A', 'B']);
  assert.equal(names(cond('1 of _hidden')), ['C']);
  assert.equal(names(cond('not 1 of sel_*')), ['C', 'D']);
  const both = compile('  sel_1:\n    eventName: A\n  sel_2:\n    sourceIPAddress|startswith: "10."\n  condition: all of sel_*');
  assert.ok(both.matches({ eventName: 'A', sourceIPAddress: '10.1.1.1' }));
  assert.not.ok(both.matches({ eventName: 'A', sourceIPAddress: '11.1.1.1' }));
});

test('a list of conditions is OR', () => {
  const r = compile(`${SELS}  condition:\n    - sel_a\n    - sel_b`);
  assert.equal(names(r), ['A', 'B']);
});

test('the event sources a rule needs: plain eventSource values, narrowed by and, widened by or, any for not or no constraint', () => {
  const sources = (detection: string) => {
    const s = compile(detection).sources;
    return s === null ? null : [...s].sort();
  };
  assert.equal(sources('  s:\n    eventSource: IAM.amazonaws.com\n  condition: s'), ['iam.amazonaws.com']);
  assert.equal(sources('  s:\n    - eventSource: a.amazonaws.com\n    - eventSource: [b.amazonaws.com, c.amazonaws.com]\n  condition: s'), [
    'a.amazonaws.com',
    'b.amazonaws.com',
    'c.amazonaws.com',
  ]);
  assert.equal(sources('  s:\n    eventSource: a.amazonaws.com\n  f:\n    eventName: X\n  condition: s and not f'), ['a.amazonaws.com']);
  assert.equal(sources('  s:\n    eventSource: a.amazonaws.com\n  t:\n    eventName: X\n  condition: s or t'), null);
  assert.equal(sources('  s:\n    eventSource|endswith: .amazonaws.com\n  condition: s'), null);
  assert.equal(sources('  s:\n    eventSource: a.amazonaws.com\n  condition: not s'), null);
  assert.equal(sources('  s:\n    eventName: X\n  condition: s'), null);
});

test('rule metadata is read: id, title, level, references, tags, author, description', () => {
  const text = `title: My rule
id: 0f0e0d0c-0b0a-4908-8706-050403020100
description: What it finds
references:
  - https://example.com/doc
author: Jane Doe
tags: [attack.t1078]
logsource: { product: AWS, service: CloudTrail }
detection:
  s:
    eventName: X
  condition: s
level: high
`;
  const rule: SigmaRule = parseSigmaRule(text, 'my.yml');
  assert.equal(
    { id: rule.id, title: rule.title, level: rule.level, references: rule.references, tags: rule.tags, author: rule.author, description: rule.description },
    {
      id: '0f0e0d0c-0b0a-4908-8706-050403020100',
      title: 'My rule',
      level: 'high',
      references: ['https://example.com/doc'],
      tags: ['attack.t1078'],
      author: 'Jane Doe',
      description: 'What it finds',
    },
  );
});

test('unsupported syntax and bad rules are refused with the file and the construct, never a silent non-match', () => {
  const det = '  s:\n    eventName: X\n';
  assert.match(refusal(ruleText(`${det}  condition: s | count() > 5`)), 'aggregations after "|"');
  assert.match(refusal(ruleText(`${det}  t:\n    eventName: Y\n  condition: s near t`)), '"near" (temporal proximity) is not supported');
  assert.match(refusal(ruleText(`${det}  condition: 2 of s*`)), '"2 of" is not supported');
  assert.match(refusal(ruleText(`${det}  condition: s and missing`)), 'no selection named "missing"');
  assert.match(refusal(ruleText(`${det}  condition: s*`)), 'needs "1 of" or "all of"');
  assert.match(refusal(ruleText(`${det}  condition: 1 of filter_*`)), '"filter_*" matches no selection');
  assert.match(refusal(ruleText(`${det}  condition: (s`)), 'expected ")"');
  assert.match(refusal(ruleText(`${det}  condition: s s`)), 'expected "and", "or" or the end');
  assert.match(refusal(ruleText(`${det}  timeframe: 5m\n  condition: s`)), 'detection.timeframe');
  assert.match(refusal(ruleText(det)), 'no condition');
  assert.match(refusal(`${ruleText(`${det}  condition: s`)}\n---\ntitle: second\n`), 'holds 2 YAML documents');
  assert.match(refusal('title: c\nid: x\ncorrelation:\n  type: event_count\n'), 'a correlation rule');
  assert.match(refusal(ruleText(`${det}  condition: s`).replace('id: 11111111-2222-4333-8444-555555555555\n', '')), 'no id');
  assert.match(refusal(ruleText(`${det}  condition: s`).replace('level: medium', 'level: severe')), 'level "severe" is not one of');
  assert.match(refusal(ruleText(`${det}  condition: s`, 'logsource:\n  product: windows\nlevel: low\n')), 'logsource.product is "windows", not aws');
  assert.match(refusal('title: [unclosed\n'), 'not valid YAML');
  assert.match(refusal(ruleText('  s:\n    - a: 1\n    - keyword\n  condition: s')), 'mixes maps and values');
});

test.run();
