import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileText, linesOf } from '../../src/cases/on-disk.ts';
import { tempDir } from '../_support/helpers.ts';

test('FileText writes every line whole and in order, across its 1 MiB buffer, multi-byte text and lines larger than the buffer holds', () => {
  const path = join(tempDir(), 'text');
  const lines = [
    ...Array.from({ length: 30_000 }, (_, i) => `${i}\t${'x'.repeat(i % 97)}`),
    'é€😀 ünïcödé',
    'y'.repeat(400_000),
    ...Array.from({ length: 20_000 }, (_, i) => `€${i}`),
    'z'.repeat(1_500_000),
    'last',
  ];
  const fd = openSync(path, 'w');
  try {
    const text = new FileText(fd);
    for (const line of lines) text.write(`${line}\n`);
    text.flush();
  } finally {
    closeSync(fd);
  }
  assert.is(readFileSync(path, 'utf8'), lines.map((l) => `${l}\n`).join(''));
  assert.equal([...linesOf(path)], lines);
});

test.run();
