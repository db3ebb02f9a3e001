/**
 * `verify` at the process edge: integrity offline with the digest files, or the chain of custody
 * against a run's manifest (`--manifest`); the verdict's exit code.
 */
import process from 'node:process';
import { isAbsolute } from 'node:path';
import { ExitCode, type ExitCodeValue } from '../errors.ts';
import type { InflateEngine } from '../read/decode.ts';
import { renderVerify, type VerifyFormat } from '../render/verify.ts';
import { loadPublicKeys, loadSignatures } from '../integrity/load.ts';
import { verifyArchive } from '../integrity/verify.ts';
import { pathsOf } from './input-paths.ts';
import { writeStdout } from './stdout.ts';
import { checkCustody, loadManifest } from '../integrity/custody.ts';
import { renderCustody } from '../render/custody.ts';

interface VerifyArgs {
  paths?: string[];
  'public-keys'?: string[];
  /** A file of signatures; false for --no-signatures (yargs negates the flag): accept a NOT VERIFIED verdict. */
  signatures?: string | false;
  manifest?: string;
  format?: VerifyFormat;
  strict: boolean;
  'max-file-bytes': number;
  inflate: InflateEngine;
}

/**
 * `verify`: integrity offline. Exit 1 when the verdict is FAILED (tampered, missing, unlisted,
 * broken chain, bad signature) or NOT VERIFIED (signatures not all checked; --no-signatures
 * accepts that knowingly), and with --strict on any warning (what could not be verified).
 */
export async function runVerify(args: VerifyArgs, isTTY: boolean): Promise<ExitCodeValue> {
  const format = args.format ?? (isTTY ? 'table' : 'json');
  if (args.manifest !== undefined) return runCustody(args, format);
  const paths = pathsOf(args);
  // Keys and signatures are read first: a bad one is a usage error before the archive is read.
  const publicKeys = args['public-keys']?.length ? await loadPublicKeys(args['public-keys']) : null;
  const signatures = args.signatures ? await loadSignatures(args.signatures) : new Map<string, string>();
  const acceptUnsigned = args.signatures === false;
  const result = await verifyArchive(paths, { publicKeys, signatures, maxFileBytes: args['max-file-bytes'], inflate: args.inflate });
  await writeStdout(renderVerify(result, format, acceptUnsigned));
  const unsigned = result.verdict === 'NOT VERIFIED' && !acceptUnsigned;
  return result.errors > 0 || unsigned || (args.strict && result.warnings > 0) ? ExitCode.problems : ExitCode.ok;
}

/** `verify --manifest FILE [paths..]`: are the files still those the manifest names? */
async function runCustody(args: VerifyArgs, format: VerifyFormat): Promise<ExitCodeValue> {
  const manifest = await loadManifest(args.manifest!);
  const paths = args.paths?.length ? args.paths : [...manifest.paths];
  if (process.cwd() !== manifest.cwd && paths.some((path) => !isAbsolute(path))) {
    process.stderr.write(`note: the manifest's run was in ${manifest.cwd}; relative paths are compared as given, from here (${process.cwd()})\n`);
  }
  const result = await checkCustody(manifest, paths, { maxFileBytes: args['max-file-bytes'], inflate: args.inflate });
  await writeStdout(renderCustody(result, format));
  return result.errors > 0 || (args.strict && result.warnings > 0) ? ExitCode.problems : ExitCode.ok;
}
