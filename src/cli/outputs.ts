/**
 * The outputs of a run, settled before any input is read: the format an `--out` file's extension
 * names, and paths that can be written and do not collide (with each other, or with an input
 * file, which would be overwritten). Everything here fails as a usage error (exit 2) up front,
 * never after a long scan.
 */
import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { RunError } from '../errors.ts';
import { assertWritable, outputTarget } from '../export/atomic.ts';

/** Extensions that name a format, by command (lower case, without the dot). */
export const EXPORT_EXTENSIONS: Readonly<Record<string, 'csv' | 'ndjson' | 'json' | 'parquet' | 'arrow'>> = {
  csv: 'csv',
  ndjson: 'ndjson',
  jsonl: 'ndjson',
  json: 'json',
  parquet: 'parquet',
  arrow: 'arrow',
  feather: 'arrow',
};
export const CASES_EXTENSIONS: Readonly<Record<string, 'csv' | 'json' | 'md' | 'table'>> = { csv: 'csv', json: 'json', md: 'md', markdown: 'md', txt: 'table' };

// Extensions that name a file format whichever command writes it: a command that cannot write that
// format refuses the name (`cases --out x.parquet` wrote JSON into it).
const FORMAT_EXTENSIONS = new Set(['csv', 'tsv', 'json', 'ndjson', 'jsonl', 'md', 'markdown', 'html', 'parquet', 'arrow', 'feather', 'xlsx', 'xls']);

/** The format `out`'s extension names, if any (`support.parquet` -> parquet; `out`, `x.gz` -> undefined). */
export function formatOfExtension<F extends string>(out: string | undefined, byExtension: Readonly<Record<string, F>>): F | undefined {
  if (out === undefined) return undefined;
  const ext = extname(out).slice(1).toLowerCase();
  return Object.hasOwn(byExtension, ext) ? byExtension[ext] : undefined;
}

/**
 * The output format: `--format` when given, else what the `--out` extension names, else the
 * default. A `--format` that contradicts the extension (`--format csv --out x.parquet`) is refused:
 * a file named .parquet holding CSV would mislead every tool that opens it.
 */
export function chooseFormat<F extends string>(given: F | undefined, out: string | undefined, byExtension: Readonly<Record<string, F>>, fallback: F): F {
  const named = formatOfExtension(out, byExtension);
  const ext = out === undefined ? '' : extname(out).slice(1).toLowerCase();
  if (named === undefined && FORMAT_EXTENSIONS.has(ext)) {
    const writes = [...new Set(Object.values(byExtension))].join(', ');
    throw new RunError(`--out ${out} names a .${ext} file, which this command cannot write (it writes ${writes}); give a matching extension`);
  }
  if (given !== undefined && named !== undefined && given !== named) {
    throw new RunError(`--format ${given} contradicts --out ${out}, whose extension says ${named} (drop --format, or rename the file)`);
  }
  return given ?? named ?? fallback;
}

/**
 * The format of `report` and `cases` when `--format` is not given: a table for a person at a
 * terminal, json for anything else. Files (`--out`) are json whether or not a terminal is attached,
 * so the same command line writes the same files on a laptop and in CI.
 */
export const defaultReportFormat = (out: string | undefined, stdoutIsTTY: boolean): 'table' | 'json' => (stdoutIsTTY && out === undefined ? 'table' : 'json');

/** One output of a run: a file, or a folder of files with these names. */
export interface Output {
  readonly flag: string;
  readonly path: string;
  /** Set for a folder: the names the run writes into it (null: any, e.g. a partitioned dataset). */
  readonly files?: readonly string[] | null;
}

/** The absolute path a write to `path` reaches (a symlink's target), for comparing outputs; null for a device or pipe, which any number of outputs may share (`/dev/null`). */
async function landing(path: string): Promise<string | null> {
  const { target, direct } = await outputTarget(path);
  return direct ? null : resolve(target);
}

/** The real path of an input (or its absolute path when it cannot be resolved; discovery reports that). */
const realOf = (path: string) => realpath(path).catch(() => resolve(path));

const inside = (path: string, dir: string) => {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith('/');
};

/**
 * Checks every output before the run: each can be written (assertWritable), no two land on the
 * same file (`--out x --rejects x` wrote one over the other), none is written into a partitioned
 * dataset folder, and none would overwrite a file the run reads.
 */
export async function checkOutputs(outputs: readonly Output[], inputs: readonly string[]): Promise<void> {
  const landed: { output: Output; at: string }[] = [];
  for (const output of outputs) {
    await assertWritable(output.path, output.files !== undefined);
    const at = output.files === undefined ? await landing(output.path) : resolve(output.path);
    if (at !== null) landed.push({ output, at });
  }
  for (let i = 0; i < landed.length; i++) {
    for (let j = 0; j < landed.length; j++) {
      if (i !== j) assertApart(landed[i], landed[j]);
    }
  }
  const realInputs = await Promise.all(inputs.map(realOf));
  for (const { output, at } of landed) {
    // A folder output is checked by the files it writes there (a dataset folder must be new or empty).
    const files = output.files === undefined ? [at] : (output.files ?? []).map((name) => join(at, name));
    for (const file of files) {
      const existing = await stat(file).catch(() => undefined);
      if (!existing?.isFile()) continue;
      const real = await realOf(file);
      const input = realInputs.find((input) => input === real || inside(real, input));
      if (input !== undefined) {
        throw new RunError(`cannot write ${file} (${output.flag}): it is a file the run reads (under input ${input}); choose another path`);
      }
    }
  }
}

/** Refuses `a` when it lands on `b`'s file, or among the files of `b`'s folder. */
function assertApart(a: { output: Output; at: string }, b: { output: Output; at: string }): void {
  const clash = `${a.output.flag} ${a.output.path} and ${b.output.flag} ${b.output.path}`;
  if (a.output.files === undefined && b.output.files === undefined && a.at === b.at) {
    throw new RunError(`${clash} are the same file: one would overwrite the other`);
  }
  if (a.output.files !== undefined || b.output.files === undefined) return;
  if (b.output.files === null && (a.at === b.at || inside(a.at, b.at))) {
    throw new RunError(`${clash}: the file would be written inside the dataset folder, which must hold only the dataset`);
  }
  if (b.output.files !== null && dirname(a.at) === b.at && b.output.files.includes(basename(a.at))) {
    throw new RunError(`${clash}: ${join(b.output.path, basename(a.at))} is one of the files the run writes there`);
  }
}
