/**
 * Loads the verification inputs that come from AWS, not from the archive (file I/O at the edge):
 * public keys saved from `aws cloudtrail list-public-keys`, and the signatures of the newest
 * digests saved from their S3 object metadata. Bad files are usage errors (RunError, exit 2).
 */
import { readFile } from 'node:fs/promises';
import { RunError } from '../errors.ts';
import { parseJsonText } from '../read/parse.ts';
import { isHex } from './hash.ts';
import { fromPublicKeysJson, type PublicKey } from './keys.ts';

/** A JSON file the user named, or a usage error naming it. */
export async function readJson(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new RunError(`cannot read ${what} ${JSON.stringify(path)}: ${(err as Error).message}`);
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw new RunError(`${what} ${JSON.stringify(path)}: ${parsed.reason}`);
  return parsed.document;
}

/** Loads and merges the keys of several `list-public-keys` JSON files (one per region, say). */
export async function loadPublicKeys(paths: readonly string[]): Promise<PublicKey[]> {
  const keys: PublicKey[] = [];
  for (const path of paths) for (const key of fromPublicKeysJson(await readJson(path, '--public-keys file'), path)) keys.push(key);
  return keys;
}

/** Checks a `{ "<digest key>": "<hex signature>" }` document (pure). */
export function fromSignaturesJson(value: unknown, source: string): Map<string, string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new RunError(`${source}: not a JSON object mapping digest keys to hex signatures`);
  }
  const out = new Map<string, string>();
  for (const [key, signature] of Object.entries(value)) {
    if (!isHex(signature)) throw new RunError(`${source}: the signature of ${JSON.stringify(key)} is not a hex string`);
    out.set(key, signature);
  }
  return out;
}

/** Loads a `--signatures` file. */
export async function loadSignatures(path: string): Promise<Map<string, string>> {
  return fromSignaturesJson(await readJson(path, '--signatures file'), path);
}
