/**
 * A manifest read back for `verify --manifest` (pure): checked field by field, so a malformed or
 * foreign file is a usage error that names what is wrong, never a run that compares nothing.
 */
import { RunError } from '../errors.ts';
import type { ManifestInput, RunManifest } from './manifest.ts';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const OUTCOMES = new Set(['read', 'skipped', 'failed']);

/** Why one input line is unusable, or undefined. */
function badInput(v: unknown): string | undefined {
  if (!isObject(v)) return 'is not an object';
  if (typeof v.path !== 'string' || v.path === '') return 'has no path';
  if (v.entry !== undefined && typeof v.entry !== 'string') return 'has an entry that is not a string';
  if (v.sha256 !== null && !(typeof v.sha256 === 'string' && /^[0-9a-f]{64}$/.test(v.sha256))) return 'has a sha256 that is neither 64 hex digits nor null';
  if (v.bytes !== null && !Number.isSafeInteger(v.bytes)) return 'has bytes that are neither a whole number nor null';
  if (typeof v.kind !== 'string') return 'has no kind';
  if (!OUTCOMES.has(v.outcome as string)) return 'has an outcome that is not read, skipped or failed';
  return undefined;
}

/** Checks a parsed manifest; throws a RunError (exit 2) that names the file and the first problem. */
export function fromManifestJson(value: unknown, source: string): RunManifest {
  const bad = (why: string) => new RunError(`--manifest ${JSON.stringify(source)}: ${why}`);
  if (!isObject(value)) throw bad('not a JSON object (expected the manifest.json a run wrote)');
  if (value.manifestVersion !== 1) throw bad(`not a cloudtrail-support manifest (manifestVersion is ${JSON.stringify(value.manifestVersion)}, expected 1)`);
  if (!Array.isArray(value.paths) || !value.paths.every((p) => typeof p === 'string')) throw bad('paths is not a list of strings');
  if (typeof value.cwd !== 'string') throw bad('cwd is not a string');
  if (!Array.isArray(value.inputs)) throw bad('inputs is not a list');
  value.inputs.forEach((input, i) => {
    const why = badInput(input);
    if (why) throw bad(`inputs[${i}] ${why}`);
  });
  return value as unknown as RunManifest;
}

/** The top-level inputs (files, archives) by path, and each archive's entries by name: what custody compares. */
export function inputIndex(inputs: readonly ManifestInput[]): { files: Map<string, ManifestInput>; entries: Map<string, Map<string, ManifestInput>> } {
  const files = new Map<string, ManifestInput>();
  const entries = new Map<string, Map<string, ManifestInput>>();
  for (const input of inputs) {
    if (input.entry === undefined) {
      // An archive's unnamed failure (a zip cut short) follows the archive's own line: the first line of a path is the file's.
      if (!files.has(input.path)) files.set(input.path, input);
      continue;
    }
    if (!entries.has(input.path)) entries.set(input.path, new Map());
    entries.get(input.path)!.set(input.entry, input);
  }
  return { files, entries };
}
