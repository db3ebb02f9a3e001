import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, realpathSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { discover, type Discovered } from '../../src/read/discover.ts';
import { RunError } from '../../src/errors.ts';
import { put, rejects, tempDir } from '../_support/helpers.ts';

async function collect(paths: string[]): Promise<Discovered[]> {
  const out: Discovered[] = [];
  for await (const d of discover(paths)) out.push(d);
  return out;
}
const names = (found: Discovered[], root: string) =>
  found.map((d) => ('file' in d ? `${d.file.kind}:${d.file.path.slice(root.length + 1)}` : `reject:${d.reject.path.slice(root.length + 1)}`));

test('discover() walks folders recursively in sorted order and classifies each file', async () => {
  const root = tempDir();
  put(root, 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/b.json.gz', 'x');
  put(root, 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/a.json.gz', 'x');
  put(root, 'AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/01/05/d.json.gz', 'x');
  put(root, 'AWSLogs/111122223333/CloudTrail-Insight/us-east-1/2026/01/05/i.json.gz', 'x');
  put(root, 'AWSLogs/notes.txt', 'x');
  assert.equal(names(await collect([root]), root), [
    'log:AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/a.json.gz',
    'log:AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/b.json.gz',
    'digest:AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/01/05/d.json.gz',
    'insight:AWSLogs/111122223333/CloudTrail-Insight/us-east-1/2026/01/05/i.json.gz',
    'other:AWSLogs/notes.txt',
  ]);
});

test('discover() reads a file named on the command line whatever its extension; in a folder the extension decides', async () => {
  const root = tempDir();
  const named = put(root, 'events-export.txt', 'x');
  put(root, 'AWSLogs/notes.txt', 'x');
  const digest = put(root, 'AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/01/05/d.json.gz', 'x');
  assert.equal(names(await collect([named, join(root, 'AWSLogs/notes.txt'), digest]), root), [
    'digest:AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/01/05/d.json.gz',
    'log:AWSLogs/notes.txt',
    'log:events-export.txt',
  ]);
  assert.equal(names(await collect([root]), root).filter((n) => n.endsWith('.txt')), ['other:AWSLogs/notes.txt', 'other:events-export.txt']);
});

test('discover() yields the same sequence whatever the argument order, and each path once', async () => {
  const root = tempDir();
  put(root, 'x/1.json', '{}');
  put(root, 'y/2.json', '{}');
  const a = names(await collect([join(root, 'y'), join(root, 'x'), join(root, 'y')]), root);
  const b = names(await collect([join(root, 'x'), join(root, 'y')]), root);
  assert.equal(a, b);
  assert.is(a.length, 2);
});

test('discover() walks nested or aliased input paths once: each file is read once', async () => {
  const root = tempDir();
  put(root, 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/a.json.gz', 'x');
  put(root, 'AWSLogs/444455556666/CloudTrail/us-east-1/2026/01/05/b.json.gz', 'x');
  symlinkSync(join(root, 'AWSLogs'), join(root, 'alias'));
  const once = names(await collect([root]), root);
  assert.equal(names(await collect([root, join(root, 'AWSLogs/444455556666')]), root), once, 'a folder inside another');
  assert.equal(once, [
    'log:AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/a.json.gz',
    'log:AWSLogs/444455556666/CloudTrail/us-east-1/2026/01/05/b.json.gz',
  ], 'the alias inside the tree leads to a folder read already');
  assert.equal(names(await collect([`${root}/./`, root]), root), once, 'the same folder by two names');
  assert.equal(names(await collect([join(root, 'alias'), join(root, 'AWSLogs')]), root), [
    'log:AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/a.json.gz',
    'log:AWSLogs/444455556666/CloudTrail/us-east-1/2026/01/05/b.json.gz',
  ], 'a symlink and its target: the first in sorted order');
  assert.equal(
    names(await collect([join(root, 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/a.json.gz'), join(root, 'AWSLogs')]), root).length,
    2,
    'a file inside a folder also given',
  );
});

test('discover() reports a directory symlink loop instead of following it forever', async () => {
  const root = tempDir();
  put(root, 'logs/a.json', '{}');
  symlinkSync(join(root, 'logs'), join(root, 'logs', 'again'));
  const found = await collect([root]);
  assert.equal(names(found, root), ['log:logs/a.json', 'reject:logs/again']);
  const reject = found[1];
  assert.ok('reject' in reject && /^symlink loop/.test(reject.reject.reason));
});

test('discover() reports a self-referencing symlink and a dangling one as rejects', async () => {
  const root = tempDir();
  mkdirSync(join(root, 'd'));
  symlinkSync(join(root, 'd', 'self'), join(root, 'd', 'self'));
  symlinkSync(join(root, 'nowhere'), join(root, 'd', 'dangling'));
  const found = await collect([root]);
  const reasons = found.map((d) => ('reject' in d ? d.reject.reason : 'file'));
  assert.equal(reasons, ['no such file (removed during the run, or a dangling symlink)', 'symlink loop (too many levels of symbolic links)']);
});

test('discover() does not follow a symlink that leads outside the input paths: a reject names its target; inside the tree, and named, it is followed', async () => {
  const outside = tempDir();
  const secret = put(outside, 'secret.json', '{"not":"yours"}');
  const root = tempDir();
  put(root, 'logs/a.json', '{}');
  symlinkSync(secret, join(root, 'logs', 'b.json'));
  symlinkSync(outside, join(root, 'logs', 'elsewhere'));
  symlinkSync(join(root, 'logs', 'a.json'), join(root, 'logs', 'c.json'));
  const found = await collect([root]);
  assert.equal(names(found, root), ['log:logs/a.json', 'reject:logs/b.json', 'log:logs/c.json', 'reject:logs/elsewhere']);
  const reasons = found.filter((d) => 'reject' in d).map((d) => 'reject' in d && d.reject.reason);
  assert.equal(reasons, [
    `symlink to ${realpathSync(secret)}, outside the input paths: not followed (give it as an input path to read it)`,
    `symlink to ${realpathSync(outside)}, outside the input paths: not followed (give it as an input path to read it)`,
  ]);
  assert.equal(names(await collect([join(root, 'logs', 'b.json')]), root), ['log:logs/b.json'], 'named on the command line: read');
  assert.is((await collect([root, outside])).filter((d) => 'reject' in d).length, 0, 'the outside folder is an input path too');
});

test('discover() throws a usage error naming a missing input path', async () => {
  await rejects(() => collect(['/no/such/place']), (e: unknown) => e instanceof RunError && e.exitCode === 2 && e.message.includes('"/no/such/place"'));
});

test.run();
