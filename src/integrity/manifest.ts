/**
 * The provenance manifest: which tool, on which runtime, with which arguments, read which exact files
 * (SHA-256 of each as stored) and what became of each. Written beside every output a run writes
 * (`--out DIR` -> `DIR/manifest.json`, or `--manifest FILE`), embedded in the HTML report, and checked
 * again by `verify --manifest` (chain of custody). {@link buildManifest} assembles one (pure).
 */

/** What became of one input file. */
export type ManifestOutcome = 'read' | 'skipped' | 'failed';

/** One file seen by the run (an archive's entries each get their own entry, named by `entry`). */
export interface ManifestInput {
  /** The path as given on the command line's tree (for archive entries: the archive's path). */
  readonly path: string;
  /** The entry name inside a `.zip`/`.tar`, when the input is an archive entry. */
  readonly entry?: string;
  /** Size in bytes of the file (or entry) as stored; null when unknown (an archive entry that could not be read). */
  readonly bytes: number | null;
  /**
   * Hex SHA-256 of the file (or entry) as stored, before any decompression. Null when the run did
   * not read the file in full (pruned by --since/--until, or not CloudTrail by its first bytes):
   * `reason` says so.
   */
  readonly sha256: string | null;
  /** What the file is: log, digest, insight, other (as the run found it), or archive (a `.zip`/`.tar` whose entries follow it). */
  readonly kind: string;
  readonly outcome: ManifestOutcome;
  /** Why it was skipped or failed. */
  readonly reason?: string;
}

/** The manifest of one run. */
export interface RunManifest {
  /** The manifest format's version (1), so `verify --manifest` knows what it reads. */
  readonly manifestVersion: 1;
  readonly tool: { readonly name: string; readonly version: string };
  readonly runtime: { readonly name: string; readonly version: string };
  /** The command (report, cases, export, validate). */
  readonly command: string;
  readonly argv: readonly string[];
  readonly cwd: string;
  /** The input paths as given (relative ones are relative to `cwd`): what `verify --manifest` walks again by default. */
  readonly paths: readonly string[];
  /** ISO-8601 UTC. */
  readonly startedAt: string;
  readonly finishedAt: string;
  /** The options in effect (defaults included), keys sorted. */
  readonly options: Readonly<Record<string, unknown>>;
  /** The rule files the run used: id and SHA-256 of each (the stateful checks are code: `tool.version` names them). */
  readonly rules: readonly { readonly id: string; readonly sha256: string; readonly path?: string }[];
  /** The run's counts (files, records, rejects), as the JSON output gives them. */
  readonly counts: Readonly<Record<string, unknown>>;
  /** The files the run wrote beside the manifest, by path (what the manifest vouches for). */
  readonly outputs: readonly string[];
  readonly inputs: readonly ManifestInput[];
}

/** What the caller knows of the run itself (the CLI fills it from the process: cli/manifest.ts). */
export interface ManifestRun {
  readonly tool: { readonly name: string; readonly version: string };
  readonly runtime: { readonly name: string; readonly version: string };
  readonly command: string;
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly paths: readonly string[];
  readonly startedAt: Date | string;
  readonly finishedAt: Date | string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly rules?: RunManifest['rules'];
  readonly outputs?: readonly string[];
}

/** What a job's result gives the manifest: its counts and the inputs it saw (ask the job for `inputs: true`). */
export interface ManifestResult {
  readonly counts: Readonly<Record<string, unknown>>;
  readonly inputs?: readonly ManifestInput[];
}

const isoOf = (t: Date | string) => (typeof t === 'string' ? new Date(t) : t).toISOString();

/** Options with keys sorted and undefined values left out, so the same run gives the same text. */
function sortedOptions(options: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(options).sort()) if (options[key] !== undefined) out[key] = options[key];
  return out;
}

/**
 * Assembles the manifest of a run (pure). Throws on a result without inputs: a manifest that
 * names no file would vouch for nothing (run the job with `inputs: true`).
 */
export function buildManifest(run: ManifestRun, result: ManifestResult): RunManifest {
  if (!result.inputs) throw new Error('buildManifest: the result carries no inputs (run the job with inputs: true)');
  return {
    manifestVersion: 1,
    tool: run.tool,
    runtime: run.runtime,
    command: run.command,
    argv: [...run.argv],
    cwd: run.cwd,
    paths: [...run.paths],
    startedAt: isoOf(run.startedAt),
    finishedAt: isoOf(run.finishedAt),
    options: sortedOptions(run.options),
    rules: [...(run.rules ?? [])],
    counts: result.counts,
    outputs: [...(run.outputs ?? [])],
    inputs: result.inputs,
  };
}

/** The counts of a report (or cases, export) run as its JSON output gives them: files, records, rejects by stage. */
export function reportCounts(doc: { readonly files: unknown; readonly records: unknown; readonly rejects?: unknown }): Record<string, unknown> {
  return { files: doc.files, records: doc.records, ...(doc.rejects === undefined ? {} : { rejects: doc.rejects }) };
}
