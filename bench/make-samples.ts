/**
 * Writes the committed `samples/` archive: a small, deterministic CloudTrail bucket with two
 * accounts (one under an organization trail), three regions, every Support source and action,
 * every identity type, signed digests, one Insights file and one stray file.
 * Run: `npm run samples`. Running it twice gives identical bytes.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { generateArchive, OTHER_SUPPORT_EVENTS, STORY_KINDS, SUPPORT_STANDALONE } from './generate/mod.ts';

const OUT = fileURLToPath(new URL('../samples/', import.meta.url));
const MAX_BYTES = 300 * 1024;
const IDENTITY_TYPES = [
  'Root',
  'IAMUser',
  'AssumedRole',
  'FederatedUser',
  'AWSService',
  'AWSAccount',
  'IdentityCenterUser',
  'SAMLUser',
  'WebIdentityUser',
  'Unknown',
  '(none)',
];

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

/** What the written log files contain, read back from disk (not from the generator's counters). */
function readBack(files: string[]) {
  const names = new Set<string>();
  const identities = new Set<string>();
  const errorCodes = new Set<string>();
  let records = 0, support = 0, errors = 0;
  for (const f of files.filter((p) => p.includes('/CloudTrail/'))) {
    // deno-lint-ignore no-explicit-any
    const { Records } = JSON.parse(gunzipSync(readFileSync(f)).toString('utf8')) as { Records: Record<string, any>[] };
    for (const r of Records) {
      records++;
      identities.add(r.userIdentity?.type ?? '(none)');
      if (/^support|^trustedadvisor/.test(r.eventSource)) {
        support++;
        names.add(`${r.eventSource} ${r.eventName}`);
        if (r.errorCode) {
          errors++;
          errorCodes.add(r.errorCode);
        }
      }
    }
  }
  return { records, support, errors, errorCodes, names, identities };
}

await rm(OUT, { recursive: true, force: true });
await mkdir(OUT, { recursive: true });
const summary = await generateArchive({
  seed: 'cloudtrail-support-samples-v1',
  out: OUT,
  files: 26,
  recordsPerFile: [8, 18],
  supportDensity: 0.25,
  accounts: ['111122223333', '444455556666'],
  regions: ['us-east-1', 'us-west-2', 'eu-west-1'],
  orgId: 'o-a1b2c3d4e5',
  orgAccounts: ['111122223333'],
  start: '2026-02-10T08:00:00Z',
  spanHours: 8,
  digests: true,
  sources: 'all',
  insightFiles: 1,
});
// A file that is not CloudTrail output, as real buckets collect: the analyzer must skip it.
await writeFile(join(OUT, 'AWSLogs/README.txt'), 'Synthetic CloudTrail archive written by bench/make-samples.ts (seeded; not real AWS data).\n');

const files = listFiles(OUT).sort();
const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
const seen = readBack(files);
const problems: string[] = [];
const wanted = [
  ...SUPPORT_STANDALONE.map((s) => `support.amazonaws.com ${s.name.split(':')[0]}`),
  ...OTHER_SUPPORT_EVENTS.map((e) => `${e.source} ${e.name}`),
  ...['CreateCase', 'AddAttachmentsToSet', 'AddCommunicationToCase', 'DescribeCommunications', 'DescribeAttachment', 'RateCaseCommunication', 'ResolveCase']
    .map((n) => `support.amazonaws.com ${n}`),
];
for (const name of wanted) if (!seen.names.has(name)) problems.push(`missing Support event ${name}`);
for (const kind of STORY_KINDS) if (!summary.stories[kind]) problems.push(`missing story ${kind}`);
for (const code of ['AccessDenied', 'SubscriptionRequiredException', 'CaseIdNotFound']) {
  if (!seen.errorCodes.has(code)) problems.push(`missing Support error ${code}`);
}
for (const type of IDENTITY_TYPES) if (!seen.identities.has(type)) problems.push(`missing identity type ${type}`);
if (bytes > MAX_BYTES) problems.push(`samples/ is ${bytes} bytes, over ${MAX_BYTES}`);
if (problems.length > 0) {
  console.error(`make-samples: the sample archive lacks what it must show:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
const count = (part: string) => files.filter((f) => f.includes(part)).length;
console.log(
  `${relative(process.cwd(), OUT) || '.'}/: ${
    count('/CloudTrail/')
  } log files (${seen.records} records, ${seen.support} Support of ${seen.names.size} distinct event names, ${seen.errors} with errors), ` +
    `${count('/CloudTrail-Digest/')} signed digests, ${count('/CloudTrail-Insight/')} Insight file, public-keys.json, signatures.json, 1 stray file; ${
      (bytes / 1024).toFixed(0)
    } KB`,
);
