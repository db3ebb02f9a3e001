/** A large document is followed by a full collection (read/heap-hint.ts). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { setImmediate } from 'node:timers/promises';
import { getHeapStatistics } from 'node:v8';
import { afterDocument, collectWhenGrown, LARGE_DOCUMENT_BYTES } from '../../src/read/heap-hint.ts';

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

test('collectWhenGrown() collects once the heap in use has grown by 64 MB (and doubled) since its last collection, not before', async () => {
  const used = () => getHeapStatistics().used_heap_size;
  // Held live: ~100 MB of arrays, so the heap in use is over the 64 MB floor whatever ran before.
  const live = Array.from({ length: 12 }, () => new Array(1e6).fill(0.5));
  const ref = await garbage();
  collectWhenGrown();
  assert.ok(ref.deref() === undefined, 'collected: the heap had grown past the floor');
  const afterFirst = used();
  // Garbage far under the growth needed (doubling ~100 MB) is left to V8.
  const small = await garbage();
  if (used() < 2 * afterFirst) {
    collectWhenGrown();
    assert.ok(small.deref() !== undefined, 'not collected: the heap has not doubled');
  }
  assert.is(live.length, 12);
});

test.run();
