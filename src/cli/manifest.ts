/**
 * The provenance manifest at the process edge: what the run was (argv, cwd, runtime, the options in
 * effect) joined to what the job saw (integrity/manifest.ts builds it), written atomically as JSON.
 */
import process from 'node:process';
import { join } from 'node:path';
import { writeAtomic } from '../export/atomic.ts';
import { buildManifest, type ManifestResult, type RunManifest } from '../integrity/manifest.ts';
import { runtimeInfo, toolInfo } from '../runtime.ts';

/** Where a run's manifest goes: `--manifest FILE`, else `DIR/manifest.json` for a folder output, else nowhere. */
export function manifestPath(args: { manifest?: string }, outDir?: string): string | undefined {
  return args.manifest ?? (outDir === undefined ? undefined : join(outDir, MANIFEST_NAME));
}

export const MANIFEST_NAME = 'manifest.json';

// yargs gives every option twice (kebab-case and camelCase) plus its own keys: the manifest keeps the flags as typed.
const NOT_OPTIONS = new Set(['_', '$0', 'paths', 'manifest']);

/** The options in effect, from the parsed flags (defaults included): kebab-case keys only. */
export function optionsInEffect(args: Readonly<Record<string, unknown>>, defaults: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(args)) {
    if (NOT_OPTIONS.has(key) || /[A-Z]/.test(key) || value === undefined) continue;
    out[key] = value;
  }
  return out;
}

/** A clock started when the command starts, for the manifest's startedAt. */
export interface ManifestClock {
  readonly startedAt: Date;
}

export const startClock = (): ManifestClock => ({ startedAt: new Date() });

/** The manifest of this process's run. */
export function runManifest(
  command: string,
  paths: readonly string[],
  options: Record<string, unknown>,
  clock: ManifestClock,
  result: ManifestResult,
  outputs: readonly string[],
  rules: RunManifest['rules'] = [],
): RunManifest {
  const run = {
    tool: toolInfo(),
    runtime: runtimeInfo(),
    command,
    argv: process.argv.slice(2),
    cwd: process.cwd(),
    paths,
    startedAt: clock.startedAt,
    finishedAt: new Date(),
    options,
    outputs,
    rules,
  };
  return buildManifest(run, result);
}

/** Writes the manifest atomically: JSON, two-space indent, one final newline. */
export async function writeManifest(path: string, manifest: RunManifest): Promise<void> {
  await writeAtomic(path, `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * The rule files a run used: each Sigma rule's id, its file (`builtin:<name>` for the shipped ones)
 * and the SHA-256 of the bytes the run parsed (load-rules.ts hashes them as it reads them: a file
 * edited during the run cannot make the manifest name other rules than those that ran). The
 * stateful checks are code, not files: the tool's version names them.
 */
export function ruleFilesOf(
  findings: { readonly rules: readonly { readonly id: string; readonly file: string; readonly sha256?: string }[] } | undefined,
): RunManifest['rules'] {
  return (findings?.rules ?? []).flatMap((rule) => (rule.sha256 === undefined ? [] : [{ id: rule.id, sha256: rule.sha256, path: rule.file }]));
}
