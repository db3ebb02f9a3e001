/** Deno runs src/ as it is: its HTML report (Vega's SVG charts included) is Node's, but for the rows that state the runtime and the run. */
import { denoCli } from './_support/deno.ts';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from './_support/duck.ts';
import { SAMPLES, tempDir } from './_support/helpers.ts';
import { withoutRunFacts } from './_support/html-page.ts';

test('Deno writes the same HTML report as Node, charts and all, with the three permissions', () => {
  const out = tempDir();
  assert.is(cli(['report', SAMPLES, '--out', join(out, 'node.html'), '--quiet']).code, 0);
  const deno = denoCli(['report', SAMPLES, '--out', join(out, 'deno.html'), '--quiet']);
  assert.is(deno.status, 0, deno.stderr);
  const page = readFileSync(join(out, 'deno.html'), 'utf8');
  assert.match(page, /<th>tool<\/th><td>cloudtrail-support \d+\.\d+\.\d+ on deno 2\./);
  assert.is((page.match(/<svg /g) ?? []).length, 2, 'both charts drawn under Deno');
  assert.is(withoutRunFacts(page), withoutRunFacts(readFileSync(join(out, 'node.html'), 'utf8')));
});

test.run();
