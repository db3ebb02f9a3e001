/**
 * `verify` at the process edge: integrity offline with the digest files, or the chain of custody
 * against a run's manifest (`--manifest`); the verdict's exit code.
 */
import { ExitCode, type ExitCodeValue } from '../errors.ts';
import type { InflateEngine } from '../read/decode.ts';
import { renderVerify, type VerifyFormat } from '../render/verify.ts';
import { loadPublicKeys, loadSignatures } from '../integrity/load.ts';
import { verifyArchive } from '../integrity/verify.ts';
import { pathsOf } from './input-paths.ts';
import { writeStdout } from './stdout.ts';

interface VerifyArgs {
  paths?: string[];
  'public-keys'?: string[];
  signatures?: string;
  format?: VerifyFormat;
  strict: boolean;
  'max-file-bytes': number;
  inflate: InflateEngine;
}

/**
 * `verify`: integrity offline. Exit 1 on any error finding (tampered, missing, unlisted, broken
 * chain, bad signature), and with --strict on any warning (what could not be verified).
 */
export async function runVerify(args: VerifyArgs, isTTY: boolean): Promise<ExitCodeValue> {
  const paths = pathsOf(args);
  // Keys and signatures are read first: a bad one is a usage error before the archive is read.
  const publicKeys = args['public-keys']?.length ? await loadPublicKeys(args['public-keys']) : null;
  const signatures = args.signatures ? await loadSignatures(args.signatures) : new Map<string, string>();
  const result = await verifyArchive(paths, { publicKeys, signatures, maxFileBytes: args['max-file-bytes'], inflate: args.inflate });
  await writeStdout(renderVerify(result, args.format ?? (isTTY ? 'table' : 'json')));
  return result.errors > 0 || (args.strict && result.warnings > 0) ? ExitCode.problems : ExitCode.ok;
}
