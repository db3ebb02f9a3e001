/**
 * The shape of src/: data flows one way between folders. Reads every relative import (static,
 * dynamic and type-only) and fails on an import cycle between files, or between layers (a folder
 * of src/, or one of the few files kept flat), naming the chain.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from './_support/helpers.ts';

const SRC = join(ROOT, 'src');
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : path.endsWith('.ts') ? [path] : [];
  });

/** Relative imports of every file under src/, as paths relative to src/ (imports out of src/, such as schemas/, are left out). */
export function importGraph(root: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of walk(root)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(IMPORT)].map((m) => relative(root, resolve(dirname(file), m[1]))).filter((t) => !t.startsWith('..'));
    graph.set(relative(root, file), [...new Set(targets)]);
  }
  return graph;
}

/** The layer of a file: its top folder under src/, or the file itself when it is kept flat. */
export const layerOf = (path: string) => path.split('/')[0];

/** Every import cycle of a graph, each once, as the chain of nodes that closes it (depth-first). */
export function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return found;
}

/** The graph between layers: an edge for every import that crosses from one layer into another. */
export function layerGraph(files: ReadonlyMap<string, readonly string[]>): Map<string, string[]> {
  const layers = new Map<string, Set<string>>();
  for (const [file, targets] of files) {
    const from = layerOf(file);
    if (!layers.has(from)) layers.set(from, new Set());
    for (const target of targets) if (layerOf(target) !== from) layers.get(from)!.add(layerOf(target));
  }
  return new Map([...layers].map(([layer, to]) => [layer, [...to].sort()]));
}

test('cycles() finds a cycle between files and between layers, and none in a one-way graph', () => {
  const oneWay = new Map([['cli/a.ts', ['scan/b.ts']], ['scan/b.ts', ['read/c.ts']], ['read/c.ts', []]]);
  assert.equal(cycles(oneWay), []);
  assert.equal(cycles(layerGraph(oneWay)), []);
  const back = new Map([...oneWay, ['read/c.ts', ['scan/d.ts']], ['scan/d.ts', []]]);
  assert.equal(cycles(back), [], 'no file cycle: read/c -> scan/d, scan/b -> read/c');
  assert.equal(cycles(layerGraph(back)), [['scan', 'read', 'scan']]);
  const typeCycle = new Map([['scan/x.ts', ['scan/y.ts']], ['scan/y.ts', ['scan/x.ts']]]);
  assert.equal(cycles(typeCycle), [['scan/x.ts', 'scan/y.ts', 'scan/x.ts']]);
});

test('src/ has no import cycle between files (type-only imports included)', () => {
  const found = cycles(importGraph(SRC)).map((c) => c.join(' -> '));
  assert.equal(found, [], `cycles:\n${found.join('\n')}`);
});

test('src/ layers import one way: no folder imports a folder that imports it back', () => {
  const graph = layerGraph(importGraph(SRC));
  const found = cycles(graph).map((c) => c.join(' -> '));
  assert.equal(found, [], `layer cycles:\n${found.join('\n')}`);
  assert.ok(graph.size >= 10, `read ${graph.size} layers`);
});

test('no source file in src/ is over 250 lines', () => {
  const long = walk(SRC)
    .filter((f) => !f.endsWith('.generated.ts'))
    .map((f) => [relative(SRC, f), readFileSync(f, 'utf8').split('\n').length] as const)
    .filter(([, lines]) => lines > 250);
  assert.equal(long, []);
});

test.run();
