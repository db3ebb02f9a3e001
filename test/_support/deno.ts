/** Deno, from the `deno` devDependency, running the CLI's sources (src/cli.ts) as they are: one way for every parity test. */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { join } from 'node:path';
import process from 'node:process';
import { ROOT } from './helpers.ts';

/** The permissions a run grants (the README's three, or fewer to prove a command needs no more). */
export type DenoPermission = 'read' | 'write' | 'env';

/** Runs `deno run --allow-… src/cli.ts ARGS` from the repo root, in UTC and without colour. */
export function denoCli(args: readonly string[], allow: readonly DenoPermission[] = ['read', 'write', 'env']): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [join(ROOT, 'node_modules/deno/bin.cjs'), 'run', ...allow.map((p) => `--allow-${p}`), 'src/cli.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC', NO_COLOR: '1' },
  });
}
