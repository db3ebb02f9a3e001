/**
 * The syntax check of well-formed.ts, run as WebAssembly (wasm/well-formed.wat) over a window of
 * the bytes copied into its memory: same answers (tested on every prefix and byte flip of sample
 * records), 2-3x the speed under Node 20. The JavaScript check stays for what the window cannot
 * settle: a value longer than the window, or nested deeper than the WebAssembly stack.
 *
 * Measured on one 1.4 MB delivery file of the sparse bench corpus: the JavaScript check ran at
 * 0.75 GB/s under Node 20 (1.1 under Deno 2) and took 45% of each worker's time on the sparse
 * bench; see docs/performance.md for this one's figures.
 */
import { instantiateWasm, WASM_PAGE, type WasmMemory } from '../runtime.ts';
import { WELL_FORMED_WASM } from './well-formed.generated.ts';
import { endOfJsonValue } from './well-formed.ts';

// The memory layout of wasm/well-formed.wat.
const [STOP, HEX, ESCAPE, SPACE, STARTS, HITS, DATA] = [0, 256, 512, 768, 66560, 132096, 164864];
/** The string starts one value may note (wasm/well-formed.wat keeps no more). */
const MAX_HITS = 8192;
/**
 * Bytes copied in at a time: a delivery file's records are a few kB, so a window holds a hundred
 * (a larger one is memory each thread keeps resident for nothing).
 */
export const WINDOW = 1 << 18;
/** Room past the window's end: the sentinel 0 byte, and the few bytes a literal or `\u` escape reads on. */
const SLACK = 16;

interface Checker {
  readonly memory: Uint8Array;
  readonly words: Int32Array;
  readonly endOfValue: (at: number) => number;
  /** The string starts the last call noted (it counts from 0). */
  readonly hits: { readonly value: number };
  /** Whose bytes the window holds: one checker per thread, shared by every caller in turn. */
  owner: object | undefined;
  /** The string-start table in memory (see {@link startsTable}); null: all 0. */
  starts: Uint8Array | null;
}

let checker: Checker | undefined;

function wasmChecker(): Checker {
  if (checker) return checker;
  const code = Uint8Array.from(atob(WELL_FORMED_WASM), (c) => c.charCodeAt(0));
  const exports = instantiateWasm(code);
  const memory = exports.memory as WasmMemory;
  memory.grow(Math.ceil((DATA + WINDOW + SLACK - memory.buffer.byteLength) / WASM_PAGE));
  const bytes = new Uint8Array(memory.buffer);
  for (let c = 0; c < 0x20; c++) bytes[STOP + c] = 1;
  bytes[STOP + 0x22] = bytes[STOP + 0x5c] = 1;
  for (const c of '0123456789abcdefABCDEF') bytes[HEX + c.charCodeAt(0)] = 1;
  for (const c of '"\\/bfnrt') bytes[ESCAPE + c.charCodeAt(0)] = 1;
  for (const c of ' \t\n\r') bytes[SPACE + c.charCodeAt(0)] = 1;
  checker = {
    memory: bytes,
    words: new Int32Array(memory.buffer),
    endOfValue: exports.endOfValue as (at: number) => number,
    hits: exports.hits as { value: number },
    owner: undefined,
    starts: null,
  };
  return checker;
}

/**
 * The table of string starts to note, for {@link scanValues}: 1 at `b1 + 256 * b2` for the first
 * two bytes of each needle after its opening quote. Undefined when a needle is not a quoted text
 * of at least one character (the caller then searches the bytes instead).
 */
export function startsTable(needles: readonly Uint8Array[]): Uint8Array | undefined {
  const table = new Uint8Array(65536);
  for (const n of needles) {
    if (n.length < 3 || n[0] !== 0x22) return undefined;
    table[n[1] + 256 * n[2]] = 1;
  }
  return table;
}

/** What the window cannot settle: the value may go on past it, or it nests too deep. */
const UNSURE = -2;

/** Where values end in one array of bytes, and which string values start as wanted. */
export interface ValueScan {
  /** Just past the JSON value that starts exactly at `at` (as `endOfJsonValue(bytes, at)`), or -1. */
  end(at: number): number;
  /**
   * The offsets (of the opening quote) of every string value, in the values checked so far, whose
   * first two bytes are in the `starts` table, ascending; undefined when some value was checked
   * without noting them (by the JavaScript check, or with more than 8,192 in one value).
   */
  candidates(): number[] | undefined;
}

/**
 * Checks values in `bytes` (offsets asked in any order; `bytes` must not change meanwhile), and
 * notes the string values whose first two bytes `starts` ({@link startsTable}) holds: every
 * occurrence of a quoted needle that is a string value of a well-formed value is among them.
 */
export function scanValues(bytes: Uint8Array, starts?: Uint8Array): ValueScan {
  const wasm = wasmChecker();
  const self = {};
  const found: number[] = [];
  let complete = true;
  // The bytes [from, to) are in the WebAssembly memory at DATA, followed by a 0 byte.
  let from = 0;
  let to = -1;
  // Every other scan that uses the memory claims it (owner), so this scan loads again before its
  // next check: the table of string starts is set there, not per value.
  const load = (at: number) => {
    if (wasm.starts !== (starts ?? null)) {
      if (starts) wasm.memory.set(starts, STARTS);
      else wasm.memory.fill(0, STARTS, STARTS + 65536);
      wasm.starts = starts ?? null;
    }
    from = at;
    to = Math.min(bytes.length, at + WINDOW);
    wasm.memory.set(bytes.subarray(from, to), DATA);
    wasm.memory[DATA + to - from] = 0;
    wasm.owner = self;
  };
  const run = (at: number): number => {
    const r = wasm.endOfValue(DATA + at - from);
    if (r === -2) return UNSURE;
    // With bytes past the window: a failure may be the window's end, and a value that ends
    // exactly there may be a number that goes on.
    const end = r < 0 ? -1 : r - DATA + from;
    if (to !== bytes.length && (r < 0 || end >= to)) return UNSURE;
    const hits = wasm.hits.value;
    if (hits > MAX_HITS) complete = false;
    else for (let k = 0; k < hits; k++) found.push(wasm.words[(HITS >> 2) + k] - DATA + from);
    return end;
  };
  const end = (at: number): number => {
    if (wasm.owner !== self || at < from || at >= to) load(at);
    let result = run(at);
    if (result === UNSURE && from !== at) {
      load(at);
      result = run(at);
    }
    if (result !== UNSURE) return result;
    complete = false;
    return endOfJsonValue(bytes, at);
  };
  // Sorted and distinct: a value asked for twice notes its strings twice.
  const candidates = () => (complete ? [...new Set(found)].sort((a, b) => a - b) : undefined);
  return { end, candidates };
}
