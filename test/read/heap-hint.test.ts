/** A large document is followed by a full collection (read/heap-hint.ts). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { setImmediate } from 'node:timers/promises';
import { getHeapStatistics } from 'node:v8';
import { afterDocument, collectWhenGrown, grownEnough, LARGE_DOCUMENT_BYTES } from '../../src/read/heap-hint.ts';

/** A weak reference to an old-generation-sized garbage array (deref() keeps a target alive until the job that called it ends, so none is called before the collection). */
async function garbage(): Promise<WeakRef<object>> {
  const ref = new WeakRef(new Array(1e6).fill({}));
  await setImmediate();
  return ref;
}

test('afterDocument() collects the garbage after a document of LARGE_DOCUMENT_BYTES or more', async () => {
  // (Whether a small document collects is not asserted: the test process may collect on its own at any time.)
  afterDocument(LARGE_DOCUMENT_BYTES - 1);
  const ref = await garbage();
  afterDocument(LARGE_DOCUMENT_BYTES);
  assert.ok(ref.deref() === undefined, 'collected after a large one');
  const next = await garbage();
  afterDocument(32 * 2 ** 20);
  assert.ok(next.deref() === undefined, 'every time');
});

test('grownEnough(): a collection once the heap has grown by the factor and by 16 MB since the last one', () => {
  const MB = 2 ** 20;
  assert.ok(!grownEnough(15 * MB, 0), 'under the 16 MB floor');
  assert.ok(grownEnough(16 * MB, 0));
  assert.ok(!grownEnough(25 * MB, 10 * MB), 'grown by 15 MB: under the floor');
  assert.ok(!grownEnough(199 * MB, 100 * MB), 'not doubled');
  assert.ok(grownEnough(200 * MB, 100 * MB));
  assert.ok(grownEnough(36 * MB, 20 * MB, 1.25), 'the floor decides for a small live heap');
  assert.ok(!grownEnough(35 * MB, 20 * MB, 1.25));
  assert.ok(!grownEnough(600 * MB, 500 * MB, 1.25));
  assert.ok(grownEnough(625 * MB, 500 * MB, 1.25));
});

test('collectWhenGrown() collects the garbage once the heap has grown enough', async () => {
  const used = () => getHeapStatistics().used_heap_size;
  const ref = await garbage();
  // Enough held live that the heap in use is over the threshold whatever an earlier collection left.
  const live: number[][] = [];
  while (!grownEnough(used(), 0, 1) || live.length < 2) live.push(new Array(1e6).fill(0.5));
  let collected = false;
  for (let i = 0; i < 64 && !collected; i++) {
    collected = collectWhenGrown();
    if (!collected) live.push(new Array(4e6).fill(0.5));
  }
  assert.ok(collected, 'collected once the heap had grown');
  assert.ok(ref.deref() === undefined, 'the garbage is gone');
});

test.run();
