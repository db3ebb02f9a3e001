/**
 * `cases samples/` against a lifecycle computed here from the raw files (node:zlib + JSON.parse,
 * and jq when installed), without the tool's modules: every case in the samples, with the right
 * lifecycle.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ROOT, SAMPLES } from '../_support/helpers.ts';

const CLI = join(ROOT, 'dist/src/cli.js');
// deno-lint-ignore no-explicit-any
type Rec = Record<string, any>;

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)])).sort();
}

/** The Support API records of the samples, first copy of each eventID, in time order. */
function supportRecords(): Rec[] {
  const seen = new Set<string>();
  const out: Rec[] = [];
  for (const path of listFiles(SAMPLES).filter((p) => p.includes('/CloudTrail/') && p.endsWith('.json.gz'))) {
    for (const r of JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')).Records as Rec[]) {
      if (r.eventSource !== 'support.amazonaws.com' || seen.has(r.eventID)) continue;
      seen.add(r.eventID);
      out.push(r);
    }
  }
  return out.sort((a, b) => (a.eventTime < b.eventTime ? -1 : a.eventTime > b.eventTime ? 1 : a.eventID < b.eventID ? -1 : 1));
}

/** The lifecycle of every case, straight from the records. */
function expectedLifecycles() {
  const records = supportRecords();
  const ok = (r: Rec) => !r.errorCode;
  const idsOf = (
    r: Rec,
  ): string[] => [...new Set([r.requestParameters?.caseId, r.responseElements?.caseId, ...(r.requestParameters?.caseIdList ?? [])].filter(Boolean))];
  const byCase = new Map<string, Rec[]>();
  for (const r of records) for (const id of idsOf(r)) byCase.set(id, [...(byCase.get(id) ?? []), r]);
  const sets = new Map<string, string>();
  for (const [id, rs] of byCase) for (const r of rs) if (r.requestParameters?.attachmentSetId) sets.set(r.requestParameters.attachmentSetId, id);
  const attachmentsOf = (id: string) =>
    records.filter((r) =>
      r.eventName === 'AddAttachmentsToSet' && ok(r) && sets.get(r.responseElements?.attachmentSetId ?? r.requestParameters?.attachmentSetId) === id
    ).length;
  return [...byCase].map(([caseId, rs]) => {
    const create = rs.find((r) => r.eventName === 'CreateCase' && ok(r));
    const comms = rs.filter((r) => r.eventName === 'AddCommunicationToCase' && ok(r));
    const resolve = rs.filter((r) => r.eventName === 'ResolveCase' && ok(r)).at(-1);
    const status = resolve ? (comms.some((c) => c.eventTime > resolve.eventTime) ? 'reopened' : 'resolved') : create || comms.length ? 'open' : 'unknown';
    return {
      caseId,
      createdInWindow: create !== undefined,
      status,
      openedAt: create?.eventTime ?? null,
      openedByType: create?.userIdentity?.type ?? null,
      communications: comms.length,
      attachments: attachmentsOf(caseId),
      reads: rs.filter((r) => r.eventName.startsWith('Describe') && ok(r)).length,
      resolvedAt: resolve?.eventTime ?? null,
      resolvedByType: resolve?.userIdentity?.type ?? null,
      callerAccounts: new Set(rs.map((r) => r.userIdentity?.accountId ?? r.recipientAccountId)).size,
      errorCodes: [...new Set(rs.filter((r) => r.errorCode).map((r) => r.errorCode))].sort().join(' '),
    };
  }).sort((a, b) => (a.caseId < b.caseId ? -1 : 1));
}

function toolLifecycles() {
  const doc = JSON.parse(execFileSync(process.execPath, [CLI, 'cases', SAMPLES, '--format', 'json'], { encoding: 'utf8' }));
  return (doc.cases as Rec[]).map((c) => ({
    caseId: c.caseId,
    createdInWindow: c.createdInWindow,
    status: c.status,
    openedAt: c.openedAt,
    openedByType: c.openedByType,
    communications: c.communications,
    attachments: c.attachments,
    reads: c.reads,
    resolvedAt: c.resolvedAt,
    resolvedByType: c.resolvedByType,
    callerAccounts: c.accounts.split(' ').length,
    errorCodes: c.errorCodes,
    flags: c.flags as string,
  })).sort((a, b) => (a.caseId < b.caseId ? -1 : 1));
}

if (!existsSync(join(SAMPLES, 'AWSLogs'))) {
  console.log(`samples-cases.test.ts: skipping, ${SAMPLES}/AWSLogs does not exist`);
} else {
  test('cases samples/ lists every case in the samples with the lifecycle read from the raw files', () => {
    const expected = expectedLifecycles();
    const tool = toolLifecycles();
    assert.equal(tool.map(({ flags: _flags, ...rest }) => rest), expected);
    // flags agree with the raw facts
    for (const c of tool) {
      assert.is(c.flags.includes('resolved-by-root'), c.resolvedByType === 'Root', c.caseId);
      assert.is(c.flags.includes('multi-account'), c.callerAccounts > 1, c.caseId);
      assert.is(c.flags.includes('errors'), c.errorCodes !== '', c.caseId);
    }
    // the generator's stories are all there: resolved, never resolved, resolved by root, another account
    assert.ok(expected.some((c) => c.status === 'resolved') && expected.some((c) => c.status === 'open'));
    assert.ok(expected.some((c) => c.resolvedByType === 'Root'));
    assert.ok(expected.some((c) => c.callerAccounts > 1));
  });

  test('the denied CreateCase of the samples has no case row and shows in the denied report', () => {
    const denied = supportRecords().filter((r) => r.eventName === 'CreateCase' && r.errorCode);
    assert.ok(denied.length > 0);
    const doc = JSON.parse(execFileSync(process.execPath, [CLI, 'report', SAMPLES, '--format', 'json', '--report', 'denied', 'cases'], { encoding: 'utf8' }));
    const createDenials = doc.reports.denied.filter((r: Rec) => r.actions.split(' ').includes('CreateCase'));
    assert.is(createDenials.reduce((n: number, r: Rec) => n + r.count, 0) >= denied.length, true);
    assert.is(doc.reports.cases.length, expectedLifecycles().length);
  });

  test('jq over the gunzipped samples agrees on case ids, creation, communications, reads and resolution', () => {
    if (spawnSync('jq', ['--version']).status !== 0) {
      console.log('  jq not installed: jq cross-check skipped');
      return;
    }
    const text = listFiles(SAMPLES).filter((p) => p.includes('/CloudTrail/') && p.endsWith('.json.gz')).map((p) => gunzipSync(readFileSync(p)).toString('utf8'))
      .join('\n');
    const program = `[inputs | .Records[] | select(.eventSource == "support.amazonaws.com")] | unique_by(.eventID)
      | [.[] | . as $e | ([.requestParameters.caseId?, .responseElements.caseId?] + (.requestParameters.caseIdList? // [])) | map(select(. != null)) | unique | .[] | {case: ., e: $e}]
      | group_by(.case) | map([.[0].case,
          (map(select(.e.eventName == "CreateCase" and .e.errorCode == null)) | length > 0),
          (map(select(.e.eventName == "AddCommunicationToCase" and .e.errorCode == null)) | length),
          (map(select((.e.eventName | startswith("Describe")) and .e.errorCode == null)) | length),
          (map(select(.e.eventName == "ResolveCase" and .e.errorCode == null)) | sort_by(.e.eventTime) | last | .e.eventTime // null)])`;
    const jq = JSON.parse(execFileSync('jq', ['-n', '-c', program], { input: text, encoding: 'utf8', maxBuffer: 64 << 20 }));
    assert.equal(toolLifecycles().map((c) => [c.caseId, c.createdInWindow, c.communications, c.reads, c.resolvedAt]), jq);
  });
}

test.run();
