import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { counted } from '../src/words.ts';

test('counted(): the noun agrees with the number, a given plural where adding s is wrong', () => {
  assert.is(counted(1, 'file'), '1 file');
  assert.is(counted(0, 'file'), '0 files');
  assert.is(counted(2, 'integrity error'), '2 integrity errors');
  assert.is(counted(1, 'record was', 'records were'), '1 record was');
  assert.is(counted(3, 'record was', 'records were'), '3 records were');
});

test.run();
