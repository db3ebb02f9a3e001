import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { scanValues, WINDOW } from '../../src/scan/value-ends.ts';
import { endOfJsonValue } from '../../src/scan/well-formed.ts';
import { GENERATED_PATH, wellFormedModule } from '../../wasm/compile.ts';
import { ec2Record, record } from '../_support/helpers.ts';

const bytes = (s: string) => new TextEncoder().encode(s);
/** Where values end in `b`, one scan for every offset asked. */
const valueEnds = (b: Uint8Array) => {
  const scan = scanValues(b);
  return (at: number) => scan.end(at);
};

/** Whether JSON.parse reads `text`. */
const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

test('the generated module is the compile of wasm/well-formed.wat (run `npm run wasm` after editing it)', async () => {
  assert.is(readFileSync(GENERATED_PATH, 'utf8'), await wellFormedModule());
});

const SAMPLES = [
  JSON.stringify(ec2Record()),
  JSON.stringify(record({ requestParameters: { caseId: 'case-1', n: [0, -0.5, 1e21, 12.5e-3, -7E+2], t: [true, false, null], e: {}, a: [] } })),
  JSON.stringify({ s: 'é \u0001 "quoted" back\\slash \n tab\t \u2028 😀', k: 'naïve' }),
  JSON.stringify({ Records: [ec2Record(), { a: [[[]], [{}], { b: [1, { c: null }] }] }] }, null, 2),
  '[1 , 2,\r\n\t3 ] ',
  '"\\u00e9\\/\\b\\f"',
  '-0',
  '123',
  'true',
  '{"a":1}',
];
// Each byte in turn replaced by one that matters to the grammar, or ends a string or a number.
const FLIPS = ['"', '\\', '{', '}', '[', ']', ',', ':', ' ', '\n', '0', '9', '-', '+', 'e', '.', 't', 'u', 'x', '\u0001', '\u0000'];

test('valueEnds() answers as the JavaScript check does on every prefix and every byte flip', () => {
  let compared = 0;
  for (const sample of SAMPLES) {
    const whole = bytes(sample);
    const texts: Uint8Array[] = [];
    for (let n = 0; n <= whole.length; n++) texts.push(whole.subarray(0, n));
    for (let i = 0; i < whole.length; i++) {
      for (const flip of FLIPS) {
        const b = whole.slice();
        b[i] = flip.charCodeAt(0);
        texts.push(b);
      }
    }
    for (const b of texts) {
      assert.is(valueEnds(b)(0), endOfJsonValue(b, 0), new TextDecoder().decode(b));
      compared++;
    }
  }
  assert.ok(compared > 20000, `${compared} texts compared`);
});

test('the JavaScript check agrees with JSON.parse on whole texts', () => {
  for (const sample of SAMPLES) {
    const b = bytes(sample);
    const end = endOfJsonValue(b, 0);
    assert.is(end >= 0 && parses(sample.slice(0, end)) && sample.slice(end).trim() === '', parses(sample), sample.slice(0, 60));
  }
  for (const bad of ['{"a":1,}', '[1,]', '01', '1.', '-', '.5', '"\u0001"', '"\\x"', '"\\u12g4"', 'nul', '{"a" 1}', '{1:2}', 'NaN']) {
    const end = valueEnds(bytes(bad))(0);
    assert.ok(end === -1 || end < bad.length, `${bad}: ${end}`);
    assert.is(parses(bad), false, bad);
  }
});

test('valueEnds() walks values that cross its window, are longer than it, or nest deeper than its stack', () => {
  // Records of ~1 kB, back to back, past two windows: several cross a window's end.
  const one = JSON.stringify(ec2Record());
  const text = one.repeat(Math.ceil((2.5 * WINDOW) / one.length));
  const b = bytes(text);
  const endOf = valueEnds(b);
  let at = 0;
  let n = 0;
  while (at < b.length) {
    const end = endOf(at);
    assert.is(end, at + one.length);
    at = end;
    n++;
  }
  assert.is(n * one.length, b.length);
  // A number that goes on past the window's end is not cut there.
  const numbers = bytes('7'.repeat(WINDOW - 3) + ' ' + '12345678');
  const inNumbers = valueEnds(numbers);
  assert.is(inNumbers(0), WINDOW - 3);
  assert.is(inNumbers(WINDOW - 2), WINDOW + 6);
  assert.is(valueEnds(bytes('1'.repeat(WINDOW + 5)))(0), WINDOW + 5, 'a number longer than the window');
  // One value longer than the window, well-formed and not.
  const long = JSON.stringify({ s: 'x'.repeat(WINDOW + 100) });
  assert.is(valueEnds(bytes(long))(0), long.length);
  assert.is(valueEnds(bytes(long.slice(0, -1)))(0), -1);
  // Deeper than the WebAssembly stack (65,536): the JavaScript check answers.
  const deep = '['.repeat(70000) + ']'.repeat(70000);
  assert.is(valueEnds(bytes(deep))(0), deep.length);
  assert.is(valueEnds(bytes(deep.slice(0, -1)))(0), -1);
});

test('two walks in turn each see their own bytes', () => {
  const a = bytes('{"a":1}{"b":[2]}');
  const b = bytes('[true] "x"');
  const inA = valueEnds(a);
  const inB = valueEnds(b);
  assert.is(inA(0), 7);
  assert.is(inB(0), 6);
  assert.is(inA(7), 16);
  assert.is(inB(7), 10);
});

test.run();
