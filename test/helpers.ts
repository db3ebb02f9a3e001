/** Test helpers: temp folders, fixture files and records built in the test (no binary junk committed). */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SAMPLES = join(ROOT, 'samples');
export const REALDATA = fileURLToPath(new URL('../../shared/realdata/', import.meta.url));

export function tempDir(prefix = 'cts-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
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
