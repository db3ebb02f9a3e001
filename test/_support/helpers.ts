/** Test helpers: temp folders, fixture files and records built in the test (no binary junk committed). */
import process from 'node:process';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SAMPLES = join(ROOT, 'samples');
/** The shared real-data folder beside the clone (CTS_REALDATA names another, e.g. for a clone elsewhere). */
export const REALDATA = process.env.CTS_REALDATA ?? fileURLToPath(new URL('../../../shared/realdata/', import.meta.url));

const made: string[] = [];
// The suites make thousands of temp folders (one CI run left 7,800 behind): all go when the process
// exits. Never with an error: a fixture nested past PATH_MAX (ENAMETOOLONG for rmSync) goes by
// `rm -rf`, which walks it a folder at a time; what cannot go stays, and the run's result stands.
process.on('exit', () => {
  for (const dir of made) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      spawnSync('rm', ['-rf', dir]);
    }
  }
});

/** A fresh temp folder, removed when the test process exits. */
export function tempDir(prefix = 'cts-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/**
 * Runs `work` with TMPDIR set to a fresh temp folder, which it is given (for the temp files a spill
 * makes), then puts TMPDIR back; the folder is removed when the test process exits.
 */
export async function withTmpdir<T>(work: (dir: string) => T | Promise<T>): Promise<T> {
  const dir = tempDir('cts-tmpdir-');
  const before = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  try {
    return await work(dir);
  } finally {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
  }
}

/** Writes a file, creating its folders; returns its path. */
export function put(root: string, rel: string, data: string | Uint8Array): string {
  const path = join(root, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
  return path;
}

export const gz = (text: string): Uint8Array => gzipSync(Buffer.from(text));
export const trailFile = (records: unknown[]): string => JSON.stringify({ Records: records });

let counter = 0;
/** A valid CloudTrail record; Support API CreateCase unless overridden. */
export function record(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter++;
  return {
    eventVersion: '1.08',
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDACKCEVSQ6C2EXAMPLE',
      arn: 'arn:aws:iam::111122223333:user/janedoe',
      accountId: '111122223333',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      userName: 'janedoe',
      sessionContext: { attributes: { mfaAuthenticated: 'true', creationDate: '2026-01-05T10:00:00Z' } },
    },
    eventTime: '2026-01-05T10:15:00Z',
    eventSource: 'support.amazonaws.com',
    eventName: 'CreateCase',
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.15',
    userAgent: 'aws-cli/2.15.0',
    requestParameters: { severityCode: 'low', serviceCode: 'general-info', categoryCode: 'other', language: 'en', issueType: 'technical' },
    responseElements: { caseId: `case-111122223333-muen-2026-${String(counter).padStart(16, '0')}` },
    requestID: `req-${counter}`,
    eventID: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '111122223333',
    eventCategory: 'Management',
    ...overrides,
  };
}

/** A record of another service (not Support). */
export const ec2Record = (overrides: Record<string, unknown> = {}) =>
  record({ eventSource: 'ec2.amazonaws.com', eventName: 'DescribeInstances', requestParameters: null, responseElements: null, readOnly: true, ...overrides });

/** Asserts that a promise rejects with an error the predicate accepts (uvu has no async throws). */
export async function rejects(run: () => Promise<unknown>, accept: (e: unknown) => boolean): Promise<void> {
  try {
    await run();
  } catch (err) {
    if (!accept(err)) throw new Error(`rejected with an unexpected error: ${(err as Error)?.message ?? err}`);
    return;
  }
  throw new Error('expected a rejection, but the promise resolved');
}

/** A ustar archive of the given entries, built here (type '0' file, '5' directory, 'L' GNU long name...). */
export function tarOf(entries: { name: string; data?: string | Uint8Array; type?: string }[]): Uint8Array {
  const blocks: Uint8Array[] = [];
  const enc = new TextEncoder();
  for (const entry of entries) {
    const data = typeof entry.data === 'string' ? enc.encode(entry.data) : entry.data ?? new Uint8Array(0);
    const header = new Uint8Array(512);
    const put = (text: string, at: number) => header.set(enc.encode(text), at);
    put(entry.name.slice(0, 100), 0);
    put('0000644\0', 100);
    put('0000000\0', 108);
    put('0000000\0', 116);
    put(data.length.toString(8).padStart(11, '0') + '\0', 124);
    put('14741000000\0', 136);
    put('        ', 148);
    put(entry.type ?? '0', 156);
    put('ustar\x0000', 257);
    let sum = 0;
    for (const b of header) sum += b;
    put(sum.toString(8).padStart(6, '0') + '\0 ', 148);
    blocks.push(header, data, new Uint8Array((512 - (data.length % 512)) % 512));
  }
  blocks.push(new Uint8Array(1024));
  return Buffer.concat(blocks);
}

/** An `aws cloudtrail lookup-events` Event for a record: CLI v1 prints EventTime as epoch seconds, v2 as ISO with the local offset. */
export function lookupEvent(rec: Record<string, unknown>, cli: 1 | 2 = 2): Record<string, unknown> {
  const ms = Date.parse(rec.eventTime as string);
  // v2 prints local time with its offset; +11:00 like the plaso capture
  const local = new Date(ms + 11 * 3_600_000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '+11:00');
  const identity = rec.userIdentity as Record<string, unknown>;
  return {
    EventId: rec.eventID,
    EventName: rec.eventName,
    ReadOnly: String(rec.readOnly),
    AccessKeyId: identity.accessKeyId,
    EventTime: cli === 1 ? ms / 1000 : local,
    EventSource: rec.eventSource,
    Username: identity.userName,
    Resources: [],
    CloudTrailEvent: JSON.stringify(rec),
  };
}

// AWS Support authorization service event, as documented (no userIdentity.type, no requestID):
// https://docs.aws.amazon.com/awssupport/latest/user/support-authorization-monitoring.html
/** A supportauthz service event, shaped like AWS's documented example. */
export const supportAuthzEvent = (): Record<string, unknown> => ({
  eventVersion: '1.11',
  userIdentity: { accountId: '111122223333', invokedBy: 'supportauthz.amazonaws.com' },
  eventTime: '2026-06-16T20:04:51Z',
  eventSource: 'supportauthz.amazonaws.com',
  eventName: 'SupportPermitRequestCreated',
  awsRegion: 'us-east-1',
  sourceIPAddress: 'supportauthz.amazonaws.com',
  userAgent: 'supportauthz.amazonaws.com',
  requestParameters: null,
  responseElements: null,
  eventID: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890',
  readOnly: false,
  resources: [{
    accountId: '111122223333',
    type: 'AWS::SupportAuthZ::SupportPermitRequest',
    ARN: 'arn:aws:supportauthz:us-east-1:111122223333:supportpermitrequest/e5f6a7b8-c9d0-1234-efab-345678901234',
  }],
  eventType: 'AwsServiceEvent',
  managementEvent: true,
  recipientAccountId: '111122223333',
  serviceEventDetails: {
    supportPermitRequestArn: 'arn:aws:supportauthz:us-east-1:111122223333:supportpermitrequest/e5f6a7b8-c9d0-1234-efab-345678901234',
    supportCaseDisplayId: '1234567890',
  },
  eventCategory: 'Management',
});
