/**
 * The findings on an archive with known stories (test/_support/finding-stories.ts): every finding
 * and every non-finding, the fingerprints stable across worker counts and file order, the
 * accounting of the records read only for rules.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ShownFinding } from '../../src/findings/finish.ts';
import { loadRules } from '../../src/findings/load-rules.ts';
import { STATEFUL_RULES } from '../../src/findings/stateful-rules.ts';
import { report } from '../../src/reports/job.ts';
import { accountingHolds } from '../../src/reports/job.ts';
import { A, CASE_X, CASE_Y, CUSTOM_KEY_ID, CUSTOM_OUTSIDE_ID, P, writeStories } from '../_support/finding-stories.ts';

const MARIA = 'AWSReservedSSO_AdministratorAccess_0123456789abcdef/maria@example.com';
const run = async (workers: number, order: 'forward' | 'reverse' = 'forward', builtin = true) => {
  const { archive, rules } = writeStories(order);
  return report([archive], { workers, findings: { loaded: loadRules([rules], builtin), stateful: builtin } });
};
const brief = (f: ShownFinding) => [f.level, f.title, f.principal, f.account, f.caseIds.join(' '), [...f.eventIDs].join(' ')].join(' | ');

test('every finding of the stories, most severe first', async () => {
  const doc = await run(1);
  assert.equal(doc.findings!.findings.map(brief), [
    `high | Root user used AWS Support | root | ${A} | ${CASE_X} | ev-root-answer ev-root-plan ev-root-resolve`,
    `medium | AWS Support App wired to Slack | ${MARIA} | ${A} |  | ev-maria-slack`,
    `medium | AWS Support plan changed | root | ${A} |  | ev-root-plan`,
    `medium | Denied AWS Support calls in a burst (probing) | eve | ${A} |  | ${
      Array.from({ length: 12 }, (_, i) => `ev-eve-${String(i).padStart(2, '0')}`).join(' ')
    }`,
    `medium | IAM user or root acted on a support case without MFA | bob | ${A} | ${CASE_X} | ev-bob-answer ev-bob-attach ev-bob-read`,
    `low | Attachments added to a support case by a principal that did not open it | bob | ${A} | ${CASE_X} | ev-bob-answer ev-bob-attach`,
    `low | IAM access key created | alice | ${A} |  | ev-alice-key`,
    `low | Support call from outside the corporate network | bob | ${A} | ${CASE_X} | ev-bob-answer ev-bob-attach ev-bob-read`,
    `low | Support case touched from a source IP new for the principal | alice | ${A} | ${CASE_X} | ev-alice-read`,
    `low | Support case touched from several accounts | ${P}, alice | ${A} ${P} | ${CASE_X} | ev-alice-open ev-partner-read`,
    `informational | Federated session acted on a support case, MFA not recorded | ${MARIA} | ${A} | ${CASE_Y} | ev-maria-open`,
  ]);
  const root = doc.findings!.findings[0];
  assert.equal([root.firstSeen, root.lastSeen, root.count, root.files.length], ['2026-03-01T10:00:00Z', '2026-03-02T09:05:00Z', 3, 2]);
});

test('the non-findings: MFA done or not recordable, a failed Slack attempt, slow denials, a first appearance, other services', async () => {
  const doc = await run(1);
  const findings = doc.findings!.findings;
  const by = (title: string) => findings.filter((f) => f.title.startsWith(title)).map((f) => f.principal);
  // Root and alice had MFA; maria's Identity Center session is "MFA not recorded" (informational), not "without MFA".
  assert.equal(by('IAM user or root acted on a support case without MFA'), ['bob']);
  assert.equal(by('Federated session'), [MARIA]);
  // mallory's Slack configuration was denied: nothing was wired.
  assert.equal(by('AWS Support App wired to Slack'), [MARIA]);
  // carol's 5 denials over 40 minutes are not a burst; eve's are the only one.
  assert.equal(by('Denied AWS Support calls'), ['eve']);
  // Every principal's first appearance is its baseline: only alice's second IP is new; no user agent is new.
  assert.equal(by('Support case touched from a source IP'), ['alice']);
  assert.equal(by('Support case touched with a user agent'), []);
  // The cidr rule spares the corporate network; the IAM rule ignores ListUsers; no rule matches EC2.
  assert.equal(by('Support call from outside'), ['bob']);
  assert.equal(findings.filter((f) => [...f.eventIDs].some((id) => id.startsWith('ev-ec2') || id === 'ev-alice-list')), []);
  // maria opened case Y and nobody else attached to it; bob attached to alice's case X.
  assert.equal(findings.filter((f) => f.ruleId === STATEFUL_RULES.attachmentByOther.id).map((f) => f.caseIds), [[CASE_X]]);
});

test('records parsed only for rules are counted, and stay not Support: the identity holds and counts match a run without rules', async () => {
  const doc = await run(2);
  const { archive } = writeStories();
  const plain = await report([archive], { workers: 1 });
  assert.equal(doc.records, plain.records);
  // Every Support source is selected by default (supportapp x2 and support-subscription x1 are kept):
  // only iam x2 are parsed for the rules; the 3 EC2 records are only counted.
  assert.equal(doc.records, { seen: 34, support: 29, filteredOut: 5, notSupport: 5, notSelected: 0, excluded: 0, rejected: 0, duplicates: 0 });
  assert.ok(accountingHolds(doc.records));
  assert.equal(doc.findings!.scope, { extraSources: ['iam.amazonaws.com'], recordsForRules: 2 });
  const json = JSON.parse(JSON.stringify(doc));
  assert.equal(Object.keys(json).slice(0, 2), ['findings', 'rules']);
  assert.equal(json.rules, { ran: 13, refused: [], extraSources: doc.findings!.scope.extraSources, recordsForRules: 2 });
  // With --sources api the other Support sources are parsed for the rules too, and counted not selected.
  const api = await report([archive], { workers: 1, sources: 'api' });
  assert.equal([api.records.support, api.records.notSelected, api.records.notSupport], [26, 3, 5]);
});

test('same archive, same findings and fingerprints, whatever the worker count or file order', async () => {
  const one = JSON.stringify((await run(1)).findings!.findings.map(({ files: _, ...f }) => f));
  assert.is(JSON.stringify((await run(3)).findings!.findings.map(({ files: _, ...f }) => f)), one);
  assert.is(JSON.stringify((await run(2, 'reverse')).findings!.findings.map(({ files: _, ...f }) => f)), one);
  const prints = JSON.parse(one).map((f: ShownFinding) => f.fingerprint);
  assert.is(new Set(prints).size, prints.length);
});

test('--no-builtin-rules runs only the given rules (no stateful findings); a --since window limits what rules see', async () => {
  const only = await run(1, 'forward', false);
  assert.equal(only.findings!.findings.map((f) => f.ruleId).sort(), [CUSTOM_KEY_ID, CUSTOM_OUTSIDE_ID].sort());
  assert.equal(only.findings!.rules.length, 2);
  const { archive, rules } = writeStories();
  const day2 = await report([archive], {
    workers: 1,
    filter: { since: Date.parse('2026-03-02T00:00:00Z') },
    findings: { loaded: loadRules([rules], false), stateful: false },
  });
  // alice's access key (day 1) is out of the window, and so are bob's calls.
  assert.equal(day2.findings!.findings, []);
});

test.run();
