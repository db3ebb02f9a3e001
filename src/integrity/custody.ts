/**
 * The chain of custody: are the files under the given paths still those a run's manifest names?
 * Each file is hashed as stored (streamed, so a file of any size costs no memory) and compared with
 * the manifest; a changed archive is opened to name which entries changed. Changed, missing and new
 * files are errors; a file the run did not hash (pruned by date, say) can only be seen present.
 */
import { normalize, sep } from 'node:path';
import { discover } from '../read/discover.ts';
import { tarEntries } from '../read/archives/tar.ts';
import { isZip, zipEntries } from '../read/archives/zip.ts';
import { isArchive } from '../read/archive-parts.ts';
import { decodeFileSync, type DecodeOptions, DEFAULT_MAX_FILE_BYTES, type InflateEngine } from '../read/decode.ts';
import { sha256OfFileSync } from '../read/file-hash.ts';
import { sha256Of } from '../read/provenance.ts';
import type { LogFile } from '../types.ts';
import { readJson } from './load.ts';
import type { ManifestInput, RunManifest } from './manifest.ts';
import { fromManifestJson, inputIndex } from './manifest-json.ts';

/** Changed, missing, new and unreadable files are errors; a file the run did not hash is a warning. */
export const CUSTODY_SEVERITY = {
  'input-changed': 'error',
  'input-missing': 'error',
  'input-new': 'error',
  'input-unreadable': 'error',
  'input-unhashed': 'warning',
} as const;

export type CustodyKind = keyof typeof CUSTODY_SEVERITY;

/** One difference between the files now and the manifest. */
export interface CustodyFinding {
  readonly severity: 'error' | 'warning';
  readonly kind: CustodyKind;
  readonly path: string;
  /** The archive entry, when the finding is about one. */
  readonly entry: string | null;
  readonly message: string;
}

/** The result of `verify --manifest`. */
export interface CustodyResult {
  /** UNCHANGED: every file the manifest names is there with the same SHA-256, and no other file. */
  readonly verdict: 'UNCHANGED' | 'CHANGED';
  readonly manifest: { readonly path: string; readonly command: string; readonly startedAt: string; readonly tool: string };
  /** Files (archives count once here: their entries are compared only when the archive changed). */
  readonly files: { inManifest: number; unchanged: number; changed: number; missing: number; new: number; unreadable: number; unhashed: number };
  readonly findings: CustodyFinding[];
  readonly errors: number;
  readonly warnings: number;
}

/** Loads a manifest file; a malformed one is a usage error (exit 2). */
export async function loadManifest(path: string): Promise<RunManifest & { source: string }> {
  return { ...fromManifestJson(await readJson(path, '--manifest file'), path), source: path };
}

/** `path` is one of the roots or inside one (compared as discovery writes paths: `./x` is `x`). */
const under = (path: string, roots: readonly string[]) =>
  roots.map(normalize).some((root) => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep));

/** Compares the files under `paths` with the manifest. */
export async function checkCustody(
  manifest: RunManifest & { source?: string },
  paths: readonly string[],
  options: { maxFileBytes?: number; inflate?: InflateEngine } = {},
): Promise<CustodyResult> {
  const decode: DecodeOptions = { maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, inflate: options.inflate };
  const { files: listed, entries } = inputIndex(manifest.inputs);
  const counts = { inManifest: 0, unchanged: 0, changed: 0, missing: 0, new: 0, unreadable: 0, unhashed: 0 };
  const findings: CustodyFinding[] = [];
  const add = (kind: CustodyKind, path: string, entry: string | null, message: string) =>
    findings.push({ severity: CUSTODY_SEVERITY[kind], kind, path, entry, message });
  const seen = new Set<string>();
  for await (const found of discover(paths)) {
    const path = 'reject' in found ? found.reject.path : found.file.path;
    seen.add(path);
    const was = listed.get(path);
    if ('reject' in found) {
      if (was && was.sha256 === null) counts.unhashed++;
      else (counts.unreadable++, add('input-unreadable', path, null, `${path} cannot be read now (${found.reject.reason})`));
      continue;
    }
    if (!was) {
      counts.new++;
      add('input-new', path, null, `${path} (${found.file.size} bytes) is not in the manifest: added after the run`);
      continue;
    }
    const now = sha256OfFileSync(found.file.readPath ?? path);
    if (now === undefined) (counts.unreadable++, add('input-unreadable', path, null, `${path} cannot be read now`));
    else if (was.sha256 === null) {
      counts.unhashed++;
      add('input-unhashed', path, null, `${path} is present, but the run did not hash it (${was.reason ?? 'not read in full'}): it cannot be compared`);
    } else if (now === was.sha256) counts.unchanged++;
    else {
      counts.changed++;
      add('input-changed', path, null, `${path} changed: SHA-256 ${now}, the manifest recorded ${was.sha256} (${was.bytes} bytes; now ${found.file.size})`);
      if (was.kind === 'archive') { for (const f of entryChanges(found.file, entries.get(path) ?? new Map(), decode)) add(f.kind, path, f.entry, f.message); }
    }
  }
  for (const [path, input] of listed) {
    if (seen.has(path) || !under(path, paths)) continue;
    counts.missing++;
    add('input-missing', path, null, `${path} is missing: the manifest recorded it (${describe(input)})`);
  }
  counts.inManifest = [...listed.keys()].filter((path) => under(path, paths)).length;
  findings.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const errors = findings.filter((f) => f.severity === 'error').length;
  return {
    verdict: errors > 0 ? 'CHANGED' : 'UNCHANGED',
    manifest: { path: manifest.source ?? '', command: manifest.command, startedAt: manifest.startedAt, tool: `${manifest.tool.name} ${manifest.tool.version}` },
    files: counts,
    findings,
    errors,
    warnings: findings.length - errors,
  };
}

const describe = (input: ManifestInput) => `${input.kind}, ${input.outcome}${input.sha256 ? `, SHA-256 ${input.sha256}` : ''}`;

/** Which entries of a changed archive changed, went missing or are new. */
function entryChanges(file: LogFile, was: ReadonlyMap<string, ManifestInput>, decode: DecodeOptions): { kind: CustodyKind; entry: string; message: string }[] {
  const decoded = decodeFileSync(file.readPath ?? file.path, decode);
  if (!decoded.ok || !isArchive(decoded.bytes)) return [];
  const out: { kind: CustodyKind; entry: string; message: string }[] = [];
  const options = { maxEntryBytes: decode.maxFileBytes, inflate: decode.inflate };
  const now = new Set<string>();
  for (const entry of isZip(decoded.bytes) ? zipEntries(decoded.bytes, options) : tarEntries(decoded.bytes, options)) {
    if (entry.name === null || !('bytes' in entry) || !entry.bytes) continue;
    now.add(entry.name);
    const before = was.get(entry.name);
    const sha = sha256Of(entry.bytes);
    const at = `${file.path}!/${entry.name}`;
    if (!before) out.push({ kind: 'input-new', entry: entry.name, message: `${at} is not in the manifest: added after the run` });
    else if (before.sha256 !== null && before.sha256 !== sha) {
      out.push({ kind: 'input-changed', entry: entry.name, message: `${at} changed: SHA-256 ${sha}, the manifest recorded ${before.sha256}` });
    }
  }
  for (const [name, input] of was) {
    if (!now.has(name)) out.push({ kind: 'input-missing', entry: name, message: `${file.path}!/${name} is missing from the archive (${describe(input)})` });
  }
  return out;
}
