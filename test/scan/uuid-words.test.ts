import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomUUID } from 'node:crypto';
import { uuidText, uuidWords } from '../../src/scan/uuid-words.ts';

test('uuidWords reads a lowercase UUID as its four 32-bit words, and refuses any other text', () => {
  const into = new Uint32Array(4);
  for (let i = 0; i < 1000; i++) {
    const id = i === 0 ? 'ffffffff-ffff-ffff-ffff-ffffffffffff' : i === 1 ? '00000000-0000-0000-0000-000000000000' : randomUUID();
    const hexDigits = id.replaceAll('-', '');
    assert.ok(uuidWords(id, into), id);
    assert.equal([...into], [0, 8, 16, 24].map((at) => parseInt(hexDigits.slice(at, at + 8), 16)), id);
  }
  const id = randomUUID();
  for (const other of [id.toUpperCase(), id.replaceAll('-', ''), `${id}0`, id.slice(1), id.replace('-', '_'), id.replace(/[0-9a-f]/, 'g'), '', 'not-a-uuid']) {
    assert.not.ok(uuidWords(other, into), other);
  }
});

test('uuidText() is the inverse of uuidWords()', () => {
  const words = new Uint32Array(8);
  for (const id of [randomUUID(), '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff']) {
    assert.ok(uuidWords(id, words.subarray(4)));
    assert.is(uuidText(words, 4), id);
  }
});

test.run();
