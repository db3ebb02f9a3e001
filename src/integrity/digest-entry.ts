/**
 * One digest file as the integrity checks hold it (kept apart from chain.ts, which walks them,
 * so the modules that only read entries do not import the walk).
 */
import type { DigestDocument } from './digest.ts';
import type { DigestName } from './s3-keys.ts';

/** One digest file as read: where it was found, what it says, and its hash. */
export interface DigestEntry {
  readonly path: string;
  /** Key from `AWSLogs/` on of the local path, when it has one. */
  readonly localKey: string | undefined;
  readonly digest: DigestDocument;
  /** Hex SHA-256 of the decompressed digest. */
  readonly sha256: string;
  /** From the recorded digestS3Object, else from the local file name. */
  readonly name: DigestName | undefined;
  /** Chain identity (see `chainId`). */
  readonly chain: string;
}
