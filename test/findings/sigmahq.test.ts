/**
 * The 57 SigmaHQ AWS CloudTrail rules (../shared/sigma/aws-cloudtrail, DRL 1.1, authors kept in
 * each file): every one parses and compiles, and run over ../shared/realdata they find the attack
 * simulations that the Stratus Red Team captures are recordings of. Skipped (saying so) when
 * ../shared is absent.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRules } from '../../src/findings/load-rules.ts';
import { compileRule } from '../../src/findings/sigma-compile.ts';
import { report } from '../../src/reports/job.ts';
import { REALDATA } from '../_support/helpers.ts';

const SIGMA = fileURLToPath(new URL('../../../shared/sigma/aws-cloudtrail/', import.meta.url));
const haveSigma = () => {
  if (existsSync(SIGMA)) return true;
  console.log(`  skipped: ${SIGMA} is absent`);
  return false;
};

test('every one of the 57 SigmaHQ rules parses and compiles (none refused), each with its author', () => {
  if (!haveSigma()) return;
  const loaded = loadRules([SIGMA], false);
  assert.is(loaded.rules.length, 57);
  assert.equal(loaded.refused, []);
  assert.equal(loaded.rules.filter((r) => !r.author), []);
  assert.equal([...new Set(loaded.rules.map((r) => r.level))].sort(), ['high', 'low', 'medium']);
  // The rules with no plain eventSource constraint make a run parse every record.
  const anySource = loaded.rules.filter((r) => compileRule(r).sources === null).map((r) => basename(r.file));
  assert.equal(anySource, [
    'aws_cloudtrail_bucket_deleted.yml',
    'aws_cloudtrail_console_login_failed_authentication.yml',
    'aws_cloudtrail_console_login_success_without_mfa.yml',
    'aws_cloudtrail_imds_malicious_usage.yml',
    'aws_cloudtrail_pua_trufflehog.yml',
    'aws_cloudtrail_vpc_flow_logs_deleted.yml',
    'aws_root_account_usage.yml',
    'aws_sts_assumerole_misuse.yml',
  ]);
});

test('SigmaHQ rules over realdata: the Stratus Red Team attacks are found, records parsed for rules are counted and stay not Support', async () => {
  if (!haveSigma() || !existsSync(REALDATA)) return;
  const loaded = loadRules([SIGMA], false);
  const [plain, ruled] = await Promise.all([
    report([REALDATA], { sources: 'all', workers: 1 }),
    report([REALDATA], { sources: 'all', workers: 2, findings: { loaded, stateful: false } }),
  ]);
  assert.equal(ruled.records, plain.records);
  assert.equal(ruled.records, { seen: 3658, support: 14, filteredOut: 3644, notSupport: 3644, notSelected: 0, excluded: 0, rejected: 0, duplicates: 0 });
  const r = ruled.findings!;
  // A rule with no eventSource constraint: every record is parsed, every non-Support one for the rules.
  assert.is(r.scope.extraSources, null);
  assert.is(r.scope.recordsForRules, 3644);
  const stratus = r.findings.filter((f) => f.files.some((file) => file.includes('/stratus-red-team/')));
  const found = (title: string, file: string) => stratus.find((f) => f.title === title && f.files.some((p) => p.endsWith(file)));
  const login = found('AWS User Login Profile Was Modified', 'aws.privilege-escalation.iam-update-user-login-profile.json');
  assert.equal(login && [login.level, login.principal, login.account, [...login.eventIDs]], ['high', 'christophe', '763751499319', [
    'a46a1a42-9ef1-48d4-9c61-507eb6d4019f',
  ]]);
  const flow = found('AWS VPC Flow Logs Deleted', 'aws.defense-evasion.vpc-remove-flow-logs.json');
  assert.equal(flow && [flow.level, flow.account, [...flow.eventIDs]], ['high', '498376118699', ['ded2f5af-f3a5-46d2-a170-a23206a32c36']]);
  assert.ok(found('AWS CloudTrail Important Change', 'aws.defense-evasion.cloudtrail-stop.json'));
  assert.ok(found('AWS Successful Console Login Without MFA', 'aws.initial-access.console-login-without-mfa.json'));
  assert.ok(found('AWS Snapshot Backup Exfiltration', 'aws.exfiltration.ec2-share-ebs-snapshot.json'));
  // Same findings whatever the worker count.
  const again = await report([REALDATA], { sources: 'all', workers: 1, findings: { loaded, stateful: false } });
  assert.equal(JSON.stringify(again.findings!.findings), JSON.stringify(r.findings));
});

test.run();
