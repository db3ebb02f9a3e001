/**
 * The verdict of `verify`, which never claims more than was checked (pure). Hashes and the chain
 * alone prove nothing against someone who could edit the logs: they can recompute both. Only a
 * signature by CloudTrail's key does, so without every digest's signature checked the verdict is
 * NOT VERIFIED, as `aws cloudtrail validate-logs` never calls a file valid without its signature.
 */
import type { ChainSummary, DigestCounts, Verdict } from './types.ts';
import { counted } from '../words.ts';

export type { Verdict } from './types.ts';

/** What the verdict is made of. */
export interface VerdictInput {
  readonly errors: number;
  readonly warnings: number;
  readonly digests: DigestCounts;
  /** Were --public-keys given at all. */
  readonly keysGiven: boolean;
}

/** The verdict of a run. */
export function verdictOf(r: VerdictInput): Verdict {
  if (r.errors > 0) return 'FAILED';
  if (r.digests.signaturesUnchecked > 0 || !r.keysGiven) return 'NOT VERIFIED';
  return r.warnings > 0 ? 'VERIFIED WITH WARNINGS' : 'VERIFIED';
}

/** The verdict in words: what holds and what was not checked. */
export function verdictSummary(verdict: Verdict, r: VerdictInput): string {
  if (verdict === 'FAILED') return counted(r.errors, 'integrity error');
  if (verdict !== 'NOT VERIFIED') return 'hashes, chains and every digest signature checked';
  const usable = r.digests.seen - r.digests.unreadable;
  const which = r.keysGiven ? `${r.digests.signaturesUnchecked} of ${usable} digest signatures not checked` : 'signatures not checked';
  return `hashes and chain consistent, ${which}`;
}

const day = (iso: string, add = 0) => new Date(Date.parse(iso.slice(0, 10)) + add * 86_400_000).toISOString().slice(0, 10) + 'T00:00:00Z';

/**
 * What to fetch, and how, to check the signatures (lines for the text output): the public keys per
 * region for the chains' time span, the newest digests' signatures, and the command to run again.
 */
export function signatureAdvice(chains: readonly ChainSummary[], paths: readonly string[], keysGiven: boolean): string[] {
  const regions = [...new Set(chains.map((c) => c.region))].sort();
  const from = chains.map((c) => c.from).sort()[0];
  const to = chains.map((c) => c.to).sort().at(-1);
  const span = from && to ? ` --start-time ${day(from)} --end-time ${day(to, 1)}` : '';
  const keyFiles = regions.map((region) => `keys-${region}.json`);
  const lines = ['To check the signatures (the only proof that the digests, and so the logs, are what CloudTrail wrote):'];
  if (!keysGiven) {
    lines.push('  1. the public keys, one file per region the digests were written in:');
    for (const region of regions.length ? regions : ['<region>']) {
      lines.push(`       aws cloudtrail list-public-keys --region ${region}${span} > keys-${region}.json`);
    }
  }
  lines.push(
    `  ${keysGiven ? 1 : 2}. the signature of the newest digest of each chain (it is only in the S3 object's metadata):`,
    '       aws s3api head-object --bucket <digestS3Bucket> --key <digest key> --query Metadata.signature --output text',
    '     saved as a JSON map {"<digest key>": "<signature>"} in signatures.json',
    `  ${keysGiven ? 2 : 3}. cloudtrail-support verify ${paths.join(' ')} --public-keys ${
      keysGiven ? '<the same keys>' : (keyFiles.length ? keyFiles : ['keys.json']).join(' ')
    } --signatures signatures.json`,
    'Or accept this result knowingly with --no-signatures: exit 0, and the verdict still says NOT VERIFIED.',
  );
  return lines;
}
