/**
 * An error outside the awaited chain (a stray promise, a callback) is an internal error, exit 2 with
 * a message: Node's default, exit 1 and for a rejection no message of ours, reads to CI as
 * `--strict` finding problems.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../_support/helpers.ts';

const CLI = join(ROOT, 'dist/src/cli.js');

/** A module run before the CLI that throws `how` once the CLI has installed handlers (or after about 2 s without them). */
const strayModule = (how: string) =>
  `data:text/javascript,let n = 0; const t = setInterval(() => { if (process.listenerCount('uncaughtException') > 0 || ++n > 1000) { clearInterval(t); ${how}; } }, 2);`;

for (
  const [what, how] of [['a rejected promise nobody awaits', `Promise.reject(new Error('stray'))`], [
    'an exception thrown in a callback',
    `throw new Error('stray')`,
  ]]
) {
  test(`${what} during a run is exit 2 with "internal error", not exit 1`, () => {
    const out = spawnSync(process.execPath, ['--import', strayModule(how), CLI, 'report', 'samples', '--format', 'json', '--workers', '1'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.is(out.status, 2, out.stderr);
    assert.match(out.stderr, /^cloudtrail-support: internal error: Error: stray\n/);
  });
}

test.run();
