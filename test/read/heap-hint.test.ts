/** A large document is followed by a full collection (read/heap-hint.ts). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { setImmediate } from 'node:timers/promises';
import { afterDocument, LARGE_DOCUMENT_BYTES } from '../../src/read/heap-hint.ts';

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

test.run();
