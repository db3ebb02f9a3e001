/** `report --format md --summary` through the built CLI (dist/): the CI step summary. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, SAMPLES } from '../_support/helpers.ts';

const CLI = join(ROOT, 'dist/src/cli.js');
const run = (args: string[]) => {
  const out = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
};

test('report --format md --summary prints the verdict, the findings and the accounting of samples/', () => {
  const { code, stdout, stderr } = run(['report', SAMPLES, '--format', 'md', '--summary']);
  assert.is(code, 0, stderr);
  assert.match(stdout, /^# AWS Support audit summary\n\n\*\*Verdict:\*\* no problem reading the archive; findings: /);
  assert.match(stdout, /^## Findings \(\d+\)$/m);
  assert.match(stdout, /^- records: 356 seen = 89 Support kept \+ 267 filtered out /m);
  assert.not.match(stdout, /^## Support actions/m, 'a summary, not the reports');
});

test('--summary without --format md, or with --out, is a usage error (exit 2)', () => {
  for (const args of [['--summary'], ['--summary', '--format', 'json'], ['--summary', '--format', 'md', '--out', 'x']]) {
    const out = run(['report', SAMPLES, ...args]);
    assert.is(out.code, 2, args.join(' '));
    assert.match(out.stderr, /--summary prints a Markdown summary to stdout: use it with --format md and without --out/);
  }
});

test.run();
