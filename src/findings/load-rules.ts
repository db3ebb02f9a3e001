/**
 * Rule files -> the rules of a run: the built-in Support rules (rules/ of this package) and the
 * user's `--rules` files and folders, parsed and compiled once here so a rule that cannot run is
 * known before the archive is read. A rule file named on the command line that cannot run is a
 * usage error; one found in a folder is refused and reported, and the others run.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RunError } from '../errors.ts';
import { compileRule } from './sigma-compile.ts';
import { isRefusal, parseSigmaRule, type SigmaRule } from './sigma-rule.ts';

/** A rule file that was not used, and why. */
export interface RefusedRule {
  readonly file: string;
  readonly reason: string;
}

/** The rules of a run: those that run, and those refused (from folders). */
export interface LoadedRules {
  readonly rules: readonly SigmaRule[];
  readonly refused: readonly RefusedRule[];
  /** How many of `rules` are the built-in ones (they come first). */
  readonly builtin: number;
}

const RULE_FILE = /\.ya?ml$/i;

/** The folder of built-in rules: `rules/` at the package root, from src/findings/ or dist/src/findings/. */
export function builtinRulesDir(): string {
  for (const up of ['../../rules/', '../../../rules/']) {
    const dir = fileURLToPath(new URL(up, import.meta.url));
    if (statSync(dir, { throwIfNoEntry: false })?.isDirectory()) return dir;
  }
  throw new RunError('the built-in rules folder (rules/) is missing from the installation; run with --no-builtin-rules, or reinstall');
}

function ruleFilesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return ruleFilesIn(path);
      return entry.isFile() && RULE_FILE.test(entry.name) ? [path] : [];
    });
}

/** Parses and compiles one rule file; the refusal names the file and the construct. */
function readRule(path: string, shownAs: string): SigmaRule | RefusedRule {
  try {
    // The bytes parsed are the bytes hashed: the manifest names what ran, even if the file changes later.
    const bytes = readFileSync(path);
    const rule = parseSigmaRule(new TextDecoder().decode(bytes), shownAs);
    compileRule(rule);
    return { ...rule, sha256: createHash('sha256').update(bytes).digest('hex') };
  } catch (err) {
    if (isRefusal(err)) return { file: err.file, reason: err.reason };
    const code = (err as NodeJS.ErrnoException).code;
    if (code) return { file: shownAs, reason: `cannot be read: ${(err as Error).message}` };
    throw err;
  }
}

/**
 * Loads the built-in rules (unless `builtin` is false) and the rules at `paths` (files or folders,
 * searched for .yml/.yaml). Throws RunError for a missing path, a rule file named directly that
 * cannot run, a repeated rule id, or no rule at all to run.
 */
export function loadRules(paths: readonly string[], builtin = true): LoadedRules {
  const rules: SigmaRule[] = [];
  const refused: RefusedRule[] = [];
  const byId = new Map<string, string>();
  const add = (rule: SigmaRule | RefusedRule, direct: boolean) => {
    if ('reason' in rule) {
      if (direct) throw new RunError(`--rules ${rule.file}: ${rule.reason}`);
      refused.push(rule);
      return;
    }
    const first = byId.get(rule.id);
    if (first !== undefined) {
      const reason = `rule id ${rule.id} is already used by ${first}`;
      if (direct) throw new RunError(`--rules ${rule.file}: ${reason}`);
      refused.push({ file: rule.file, reason });
      return;
    }
    byId.set(rule.id, rule.file);
    rules.push(rule);
  };
  if (builtin) {
    const dir = builtinRulesDir();
    for (const path of ruleFilesIn(dir)) add(readRule(path, `builtin:${path.slice(dir.length).replace(/\\/g, '/')}`), true);
  }
  const builtinCount = rules.length;
  for (const path of paths) {
    const stats = statSync(path, { throwIfNoEntry: false });
    if (!stats) throw new RunError(`--rules ${path}: no such file or folder`);
    if (stats.isDirectory()) {
      const files = ruleFilesIn(path);
      if (files.length === 0) throw new RunError(`--rules ${path}: the folder holds no .yml or .yaml rule file`);
      for (const file of files) add(readRule(file, file), false);
    } else add(readRule(path, path), true);
  }
  return { rules, refused, builtin: builtinCount };
}
