/**
 * A minimal seeded generator of a dense AWS Support archive for the export benchmark: the
 * AWSLogs layout, gzip files of `recordsPerFile` records, a chosen share of Support API events
 * (the rest EC2/S3 noise), realistic record sizes (~1.2 KB of JSON). Same seed, same bytes.
 * (The full scenario generator lives in bench/generate/ on main; this one only needs volume.)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ArchiveOptions {
  readonly records: number;
  /** Share of Support API records, 0..1. */
  readonly supportShare: number;
  readonly recordsPerFile?: number;
  readonly seed?: number;
}

/** mulberry32: a small, fast, seedable PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACCOUNTS = ['111122223333', '444455556666', '012345678901'];
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-northeast-1'];
const ACTIONS = ['DescribeCases', 'DescribeCommunications', 'CreateCase', 'AddCommunicationToCase', 'ResolveCase', 'DescribeTrustedAdvisorChecks', 'DescribeServices', 'DescribeSeverityLevels'];
const AGENTS = ['aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64 prompt/off command/support.describe-cases', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0 Safari/537.36', 'Boto3/1.34.0 md/Botocore#1.34.0 ua/2.0 os/linux lang/python#3.12 — déploiement 日本'];

export function supportRecord(r: () => number, account: string, region: string, time: string, id: string) {
  const action = ACTIONS[Math.floor(r() * ACTIONS.length)];
  const role = r() < 0.6;
  const caseId = `case-${account}-muen-2026-${id.slice(-16)}`;
  const failed = r() < 0.05;
  return {
    eventVersion: '1.09',
    userIdentity: role
      ? { type: 'AssumedRole', principalId: `AROAEXAMPLEID:${['alice', 'bob', 'ci-bot'][Math.floor(r() * 3)]}`, arn: `arn:aws:sts::${account}:assumed-role/SupportOps/alice`, accountId: account, accessKeyId: 'ASIAEXAMPLEKEY', sessionContext: { sessionIssuer: { type: 'Role', principalId: 'AROAEXAMPLEID', arn: `arn:aws:iam::${account}:role/SupportOps`, accountId: account, userName: 'SupportOps' }, attributes: { creationDate: time, mfaAuthenticated: r() < 0.5 ? 'true' : 'false' } } }
      : { type: 'IAMUser', principalId: 'AIDAEXAMPLEID', arn: `arn:aws:iam::${account}:user/janedoe`, accountId: account, accessKeyId: 'AKIAEXAMPLEKEY', userName: 'janedoe' },
    eventTime: time,
    eventSource: 'support.amazonaws.com',
    eventName: action,
    awsRegion: region,
    sourceIPAddress: `198.51.100.${Math.floor(r() * 255)}`,
    userAgent: AGENTS[Math.floor(r() * AGENTS.length)],
    ...(failed ? { errorCode: 'AccessDenied', errorMessage: `User is not authorized to perform: support:${action}` } : {}),
    requestParameters: action === 'CreateCase' ? { severityCode: 'low', serviceCode: 'general-info', categoryCode: 'other', language: 'en', issueType: 'technical' } : action === 'DescribeCases' ? { includeResolvedCases: false, maxResults: 25 } : { caseId },
    responseElements: action === 'CreateCase' && !failed ? { caseId } : null,
    requestID: `${id.slice(0, 8)}-req`,
    eventID: id,
    readOnly: action.startsWith('Describe'),
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: account,
    eventCategory: 'Management',
    tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: `support.${region}.amazonaws.com` },
  };
}

function noiseRecord(r: () => number, account: string, region: string, time: string, id: string) {
  return { ...supportRecord(r, account, region, time, id), eventSource: r() < 0.5 ? 'ec2.amazonaws.com' : 's3.amazonaws.com', eventName: 'DescribeInstances', requestParameters: null, responseElements: null };
}

export const uuid = (r: () => number) => Array.from({ length: 32 }, () => Math.floor(r() * 16).toString(16)).join('').replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');

/** Writes the archive under `root`; returns the number of files and of Support records written. */
export function writeSupportArchive(root: string, options: ArchiveOptions): { files: number; support: number } {
  const r = rng(options.seed ?? 42);
  const perFile = options.recordsPerFile ?? 500;
  const start = Date.parse('2026-01-01T00:00:00Z');
  const files = Math.ceil(options.records / perFile);
  let support = 0;
  for (let f = 0; f < files; f++) {
    const account = ACCOUNTS[f % ACCOUNTS.length];
    const region = REGIONS[Math.floor(f / ACCOUNTS.length) % REGIONS.length];
    const t0 = start + Math.floor(f / (ACCOUNTS.length * REGIONS.length)) * 300_000; // one file per 5 min per trail
    const day = new Date(t0).toISOString();
    const records = [];
    for (let i = 0; i < perFile && f * perFile + i < options.records; i++) {
      const time = new Date(t0 + Math.floor(r() * 300) * 1000).toISOString().replace('.000', '');
      const isSupport = r() < options.supportShare;
      if (isSupport) support++;
      const make = isSupport ? supportRecord : noiseRecord;
      records.push(make(r, account, region, time, uuid(r)));
    }
    const stamp = day.slice(0, 16).replace(/[-:]/g, '');
    const dir = join(root, 'AWSLogs', account, 'CloudTrail', region, day.slice(0, 4), day.slice(5, 7), day.slice(8, 10));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${account}_CloudTrail_${region}_${stamp}Z_${f.toString(36).padStart(6, '0')}.json.gz`), gzipSync(JSON.stringify({ Records: records }), { level: 1 }));
  }
  return { files, support };
}
