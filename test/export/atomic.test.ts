/** The one file writer (export/atomic.ts): temp file then rename, and what a symlink or device as output gets. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lstatSync, readdirSync, readFileSync, readlinkSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { assertWritable, openAtomic, writeAtomic, writeAtomicParts } from '../../src/export/atomic.ts';
import { writeLedger } from '../../src/cli/run-args.ts';
import { toNdjson } from '../../src/render/json.ts';
import type { Reject } from '../../src/types.ts';
import { RunError } from '../../src/errors.ts';
import { put, rejects, tempDir } from '../_support/helpers.ts';

test('writeAtomic() writes through a symlink to its target, and the link stays a link', async () => {
  const dir = tempDir();
  const target = put(dir, 'target.txt', 'old');
  symlinkSync('target.txt', join(dir, 'link'));
  await assertWritable(join(dir, 'link'));
  await writeAtomic(join(dir, 'link'), 'new');
  assert.ok(lstatSync(join(dir, 'link')).isSymbolicLink());
  assert.is(readlinkSync(join(dir, 'link')), 'target.txt');
  assert.is(readFileSync(target, 'utf8'), 'new');
});

test('writeAtomic() through a dangling symlink creates its target, as a shell redirect does', async () => {
  const dir = tempDir();
  symlinkSync('sub/made.txt', join(dir, 'dangling'));
  await writeAtomic(join(dir, 'dangling'), 'x');
  assert.ok(lstatSync(join(dir, 'dangling')).isSymbolicLink());
  assert.is(readFileSync(join(dir, 'sub/made.txt'), 'utf8'), 'x');
});

test('a device behind a symlink is written as it is, never replaced by a regular file', async () => {
  const dir = tempDir();
  symlinkSync('/dev/null', join(dir, 'sink'));
  await assertWritable(join(dir, 'sink'));
  const file = await openAtomic(join(dir, 'sink'));
  await file.write('gone');
  await file.commit();
  assert.ok(lstatSync(join(dir, 'sink')).isSymbolicLink(), 'the link is still a link');
  assert.ok(lstatSync('/dev/null').isCharacterDevice(), '/dev/null is still a device');
});

test('a symlink loop as output is refused (as a shell redirect fails), never replaced by a file', async () => {
  const dir = tempDir();
  symlinkSync(join(dir, 'loop'), join(dir, 'loop'));
  await rejects(() => writeAtomic(join(dir, 'loop'), 'x'), (e: unknown) => e instanceof RunError && /symlink loop/.test(e.message));
  await rejects(() => assertWritable(join(dir, 'loop')), (e: unknown) => e instanceof RunError && /symlink loop/.test(e.message));
  assert.ok(lstatSync(join(dir, 'loop')).isSymbolicLink());
});

test('writeAtomicParts() writes the parts in order; none makes an empty file; a part that throws leaves no file', async () => {
  const dir = tempDir();
  await writeAtomicParts(join(dir, 'a.txt'), ['one ', Uint8Array.of(0x32), ' three']);
  assert.is(readFileSync(join(dir, 'a.txt'), 'utf8'), 'one 2 three');
  await writeAtomicParts(join(dir, 'empty.txt'), []);
  assert.is(readFileSync(join(dir, 'empty.txt'), 'utf8'), '');
  function* failing() {
    yield 'partial';
    throw new Error('disk gone');
  }
  await rejects(() => writeAtomicParts(join(dir, 'b.txt'), failing()), (e) => e instanceof RunError && /disk gone/.test(e.message));
  assert.equal(readdirSync(dir).sort(), ['a.txt', 'empty.txt']);
});

test("writeLedger() writes a ledger of many slices as the one NDJSON text it stands for (one text failed past V8's longest string)", async () => {
  const ledger: Reject[] = Array.from({ length: 25_001 }, (_, i) => ({ path: `f${i % 7}.json`, index: i, stage: 'dedupe', reason: `duplicate eventID ${i}` }));
  const path = join(tempDir(), 'rejects.ndjson');
  await writeLedger(path, ledger);
  assert.ok(readFileSync(path, 'utf8') === toNdjson(ledger));
  await writeLedger(path, []);
  assert.is(readFileSync(path, 'utf8'), '');
});

test.run();
