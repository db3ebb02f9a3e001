/** A signal while an output is being written leaves no temp file beside the target (cli/signals.ts, export/atomic.ts). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, tempDir } from '../_support/helpers.ts';

const url = (rel: string) => pathToFileURL(join(ROOT, rel)).href;

/** A process that installs the CLI's exit handlers, opens an atomic output, writes 1 MB to it and waits; resolves how it ended. */
function writeUntilKilled(target: string, signal: NodeJS.Signals | 'exit'): Promise<{ signal: NodeJS.Signals | null; code: number | null; tempSeen: boolean }> {
  const script = `
    import { openAtomic } from ${JSON.stringify(url('dist/src/export/atomic.js'))};
    import { removeTempsOnExit } from ${JSON.stringify(url('dist/src/cli/signals.js'))};
    removeTempsOnExit();
    const file = await openAtomic(process.argv[1]);
    await file.write('x'.repeat(1 << 20));
    process.stdout.write('ready\\n');
    if (process.argv[2] === 'exit') process.stdin.once('data', () => process.exit(3));
    setInterval(() => undefined, 1000);
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, target, signal], { stdio: ['pipe', 'pipe', 'inherit'] });
  let tempSeen = false;
  return new Promise((resolve) => {
    child.stdout.on('data', () => {
      tempSeen = readdirSync(join(target, '..')).some((n) => n.startsWith('.out.csv.tmp-'));
      if (signal === 'exit') child.stdin.write('go\n');
      else child.kill(signal);
    });
    child.on('exit', (code, sig) => resolve({ signal: sig, code, tempSeen }));
  });
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  test(`${signal} while an output is written removes its temp file, and the process still ends by ${signal}`, async () => {
    const dir = tempDir();
    const ended = await writeUntilKilled(join(dir, 'out.csv'), signal);
    assert.ok(ended.tempSeen, 'the temp file was there while writing');
    assert.is(ended.signal, signal);
    assert.equal(readdirSync(dir), []);
  });
}

test('process.exit() while an output is written removes its temp file too', async () => {
  const dir = tempDir();
  const ended = await writeUntilKilled(join(dir, 'out.csv'), 'exit');
  assert.ok(ended.tempSeen);
  assert.is(ended.code, 3);
  assert.equal(readdirSync(dir), []);
});

test.run();
