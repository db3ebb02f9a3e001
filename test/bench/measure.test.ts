import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliCommand } from '../../bench/measure.ts';

function rootWithShebang(shebang: string): string {
  const root = mkdtempSync(join(tmpdir(), 'cli-command-'));
  mkdirSync(join(root, 'dist/src'), { recursive: true });
  writeFileSync(join(root, 'dist/src/cli.js'), `${shebang}\nconsole.log(1);\n`);
  return root;
}

test('the benchmark starts the CLI with the environment and Node flags of its shebang, under this Node', () => {
  const root = rootWithShebang('#!/usr/bin/env -S MALLOC_MMAP_THRESHOLD_=131072 node --max-semi-space-size=2 --heap-growing-percent=60');
  try {
    const cli = cliCommand(root);
    assert.equal(cli, { command: 'env', prefix: ['MALLOC_MMAP_THRESHOLD_=131072', process.execPath, '--max-semi-space-size=2', '--heap-growing-percent=60'] });
    const probe = 'console.log(process.env.MALLOC_MMAP_THRESHOLD_, process.execArgv.filter((a) => a.startsWith("--")).join(" "))';
    const run = spawnSync(cli.command, [...cli.prefix, '-e', probe], { encoding: 'utf8' });
    assert.is(run.status, 0, run.stderr);
    assert.is(run.stdout.trim(), '131072 --max-semi-space-size=2 --heap-growing-percent=60');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('without an environment on the shebang, the CLI is started by Node itself', () => {
  const root = rootWithShebang('#!/usr/bin/env -S node --max-semi-space-size=2');
  try {
    assert.equal(cliCommand(root), { command: process.execPath, prefix: ['--max-semi-space-size=2'] });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test.run();
