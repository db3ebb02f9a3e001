/** The one file writer (export/atomic.ts): temp file then rename, and what a symlink or device as output gets. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lstatSync, readFileSync, readlinkSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { assertWritable, openAtomic, writeAtomic } from '../../src/export/atomic.ts';
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

test.run();
