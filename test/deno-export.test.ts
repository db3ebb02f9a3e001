/** Deno runs src/ as it is: its Parquet and Arrow exports are byte-identical to Node's. */
import { denoCli } from './_support/deno.ts';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from './_support/duck.ts';
import { exportFixture } from './_support/export-fixture.ts';
import { tempDir } from './_support/helpers.ts';

test('Deno and Node write the same Parquet and Arrow bytes', () => {
  const { root } = exportFixture();
  const out = tempDir();
  for (const format of ['parquet', 'arrow']) {
    const viaNode = join(out, `node.${format}`);
    const viaDeno = join(out, `deno.${format}`);
    assert.is(cli(['export', root, '--format', format, '--out', viaNode]).code, 0);
    // The three permissions the README gives; no --allow-sys (the output check is a probe file).
    const deno = denoCli(['export', root, '--format', format, '--out', viaDeno]);
    assert.is(deno.status, 0, deno.stderr);
    assert.ok(readFileSync(viaDeno).equals(readFileSync(viaNode)), `${format} bytes differ`);
  }
});

test('Deno writes report folders and the rejects ledger with the same three permissions, the same bytes as Node', () => {
  const { root } = exportFixture();
  const out = tempDir();
  // The manifest differs by nature (runtime, times, argv): its inputs and counts are compared below.
  const files = (dir: string) =>
    readdirSync(dir).sort().filter((name) => name !== 'manifest.json').map((name) => [name, readFileSync(join(dir, name), 'utf8')]);
  const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  assert.is(cli(['report', root, '--format', 'md', '--out', join(out, 'node'), '--rejects', join(out, 'node.ndjson')]).code, 0);
  const deno = denoCli(['report', root, '--format', 'md', '--out', join(out, 'deno'), '--rejects', join(out, 'deno.ndjson')]);
  assert.is(deno.status, 0, deno.stderr);
  assert.equal(files(join(out, 'deno')), files(join(out, 'node')));
  const [viaDeno, viaNode] = [manifest(join(out, 'deno')), manifest(join(out, 'node'))];
  assert.equal([viaDeno.inputs, viaDeno.counts, viaDeno.runtime.name], [viaNode.inputs, viaNode.counts, 'deno']);
  assert.is(readFileSync(join(out, 'deno.ndjson'), 'utf8'), readFileSync(join(out, 'node.ndjson'), 'utf8'));
});

test.run();
