/**
 * No array of input-dependent length is spread into a call's arguments in src/: `push(...rows)`,
 * `Math.max(...widths)` and the like put every item on the stack and throw a RangeError past
 * ~125k items (one file of 130k null records did). Only the constant lists below may be spread;
 * anything else is a loop.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import ts from 'typescript';
import { ROOT } from './_support/helpers.ts';

const SRC = join(ROOT, 'src');
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : path.endsWith('.ts') && !path.endsWith('.generated.ts') ? [path] : [];
  });

// Constant tuples (columns, keys), and one spread whose length (11) is checked just before it.
const BOUNDED = new Set(['...CASE_COLUMNS', '...SUPPORT_ROW_COLUMNS', '...PRINCIPAL_KEY', '...bytes.subarray(i + 1, keyEnd)']);

/** Every spread argument of a call or `new`, and every `.apply(` call, in one source text, as `name:line: text`. */
function spreadArguments(name: string, text: string): string[] {
  const source = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const where = (node: ts.Node) => `${name}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.getText()}`;
  const visit = (node: ts.Node): void => {
    const inCall = node.parent !== undefined && (ts.isCallExpression(node.parent) || ts.isNewExpression(node.parent));
    if (ts.isSpreadElement(node) && inCall && !BOUNDED.has(node.getText())) found.push(where(node));
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'apply') found.push(where(node));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

test('src/ spreads no array of input-dependent length into call arguments', () => {
  assert.equal(walk(SRC).flatMap((file) => spreadArguments(relative(SRC, file), readFileSync(file, 'utf8'))), []);
});

test('the check finds push(...x), Math.max(...x), new X(...x) and fn.apply(), not array or object spreads', () => {
  const text = 'a.push(...rows);\nMath.max(1, ...w);\nnew Set(...s);\nf.apply(null, xs);\n[...rows];\ng({ ...o });\nt.select(...CASE_COLUMNS);';
  assert.equal(spreadArguments('x.ts', text), ['x.ts:1: ...rows', 'x.ts:2: ...w', 'x.ts:3: ...s', 'x.ts:4: f.apply(null, xs)']);
});

test.run();
