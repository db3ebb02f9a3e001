import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { toTextTable } from '../../src/render/text-table.ts';

test('toTextTable() lays out 130,000 rows (no spread of the rows into Math.max, which overflows the stack past ~125k)', () => {
  const rows = Array.from({ length: 130_000 }, (_, i) => ({ n: i, name: i === 129_999 ? 'the widest name' : 'x' }));
  const lines = toTextTable(rows, ['n', 'name']).trimEnd().split('\n');
  assert.is(lines.length, 130_002);
  assert.is(lines[0], '  n       name');
  assert.is(lines[1], '  ------  ---------------');
  assert.is(lines[130_001], '  129999  the widest name');
});

test.run();
