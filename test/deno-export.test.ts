/** Deno runs src/ as it is: its Parquet and Arrow exports are byte-identical to Node's. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from './duck.ts';
import { exportFixture } from './export-fixture.ts';
import { ROOT, tempDir } from './helpers.ts';

const DENO = join(ROOT, 'node_modules/.bin/deno');

test('Deno and Node write the same Parquet and Arrow bytes', () => {
  const { root } = exportFixture();
  const out = tempDir();
  for (const format of ['parquet', 'arrow']) {
    const viaNode = join(out, `node.${format}`);
    const viaDeno = join(out, `deno.${format}`);
    assert.is(cli(['export', root, '--format', format, '--out', viaNode]).code, 0);
    // --allow-sys: Deno's node:fs asks for it to check that the output folder is writable.
    const deno = spawnSync(DENO, ['run', '--allow-read', '--allow-write', '--allow-env', '--allow-sys', 'src/cli.ts', 'export', root, '--format', format, '--out', viaDeno], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TZ: 'UTC', NO_COLOR: '1' } });
    assert.is(deno.status, 0, deno.stderr);
    assert.ok(readFileSync(viaDeno).equals(readFileSync(viaNode)), `${format} bytes differ`);
  }
});

test.run();
