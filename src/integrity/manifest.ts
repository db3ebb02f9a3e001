/**
 * The provenance manifest: which tool, on which runtime, with which arguments, read which exact files
 * (SHA-256 of each as stored) and what became of each. Written beside every output a run writes
 * (`--out DIR` -> `DIR/manifest.json`, or `--manifest FILE`), embedded in the HTML report, and checked
 * again by `verify --manifest` (chain of custody).
 */

/** What became of one input file. */
export type ManifestOutcome = 'read' | 'skipped' | 'failed';

/** One file seen by the run (an archive's entries each get their own entry, named by `entry`). */
export interface ManifestInput {
  /** The path as given on the command line's tree (for archive entries: the archive's path). */
  readonly path: string;
  /** The entry name inside a `.zip`/`.tar`, when the input is an archive entry. */
  readonly entry?: string;
  /** Size in bytes of the file (or entry) as stored. */
  readonly bytes: number;
  /** Hex SHA-256 of the file (or entry) as stored, before any decompression. */
  readonly sha256: string;
  /** What the file is: log, digest, insight, other (as `discover` classifies it). */
  readonly kind: string;
  readonly outcome: ManifestOutcome;
  /** Why it was skipped or failed. */
  readonly reason?: string;
}

/** The manifest of one run. */
export interface RunManifest {
  readonly tool: { readonly name: string; readonly version: string };
  readonly runtime: { readonly name: string; readonly version: string };
  readonly argv: readonly string[];
  readonly cwd: string;
  /** ISO-8601 UTC. */
  readonly startedAt: string;
  readonly finishedAt: string;
  /** The options in effect (defaults included). */
  readonly options: Readonly<Record<string, unknown>>;
  /** The rules the run used: id and SHA-256 of each rule file. */
  readonly rules: readonly { readonly id: string; readonly sha256: string; readonly path?: string }[];
  /** The run's counts (files, records, rejects), as the JSON output gives them. */
  readonly counts: Readonly<Record<string, unknown>>;
  readonly inputs: readonly ManifestInput[];
}
