/** Standard output written so that a failed write fails the run, and a signal is heard while it is written (cli/stdout.ts). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, tempDir } from '../_support/helpers.ts';

const url = (rel: string) => pathToFileURL(join(ROOT, rel)).href;
const MIB = 1 << 20;

/**
 * A process whose stdout is a file (synchronous writes) that has a signal pending before it writes
 * eight 1 MiB pieces; resolves how it ended, what it wrote, and whether it got past the writes.
 */
function writeWithSignalPending(signal: NodeJS.Signals): Promise<{ signal: NodeJS.Signals | null; bytes: number; finished: boolean }> {
  const script = `
    import { removeTempsOnExit } from ${JSON.stringify(url('dist/src/cli/signals.js'))};
    import { writeStdoutChunks } from ${JSON.stringify(url('dist/src/cli/stdout.js'))};
    removeTempsOnExit();
    process.kill(process.pid, process.argv[1]);
    await writeStdoutChunks(Array.from({ length: 8 }, () => 'x'.repeat(${MIB})));
    process.stderr.write('finished');
  `;
  const path = join(tempDir(), 'out.json');
  const fd = openSync(path, 'w');
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, signal], { stdio: ['ignore', fd, 'pipe'] });
  closeSync(fd);
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  return new Promise((resolve) =>
    child.on('close', (_code, sig) => resolve({ signal: sig, bytes: statSync(path).size, finished: stderr.includes('finished') }))
  );
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`writeStdoutChunks() to a file lets a pending ${signal} end the process between writes`, async () => {
    const ended = await writeWithSignalPending(signal);
    assert.is(ended.signal, signal);
    assert.is(ended.finished, false);
    assert.ok(ended.bytes < 8 * MIB, `${ended.bytes} bytes written`);
  });
}

test('writeStdoutChunks() to a file writes every piece when nothing stops it', async () => {
  const path = join(tempDir(), 'out.json');
  const fd = openSync(path, 'w');
  const script = `
    import { writeStdoutChunks } from ${JSON.stringify(url('dist/src/cli/stdout.js'))};
    await writeStdoutChunks(['{"a":', '1', '}', 'x'.repeat(${MIB + 5})]);
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', fd, 'inherit'] });
  closeSync(fd);
  const code = await new Promise((resolve) => child.on('close', resolve));
  assert.is(code, 0);
  const text = readFileSync(path, 'utf8');
  assert.is(text.length, 7 + MIB + 5);
  assert.is(text.slice(0, 8), '{"a":1}x');
});

test.run();
