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
import { WELL_FORMED_WASM } from './well-formed.generated.ts';
import { endOfJsonValue } from './well-formed.ts';

// The memory layout of wasm/well-formed.wat.
const [STOP, HEX, ESCAPE, SPACE, DATA] = [0, 256, 512, 768, 66560];
/**
 * Bytes copied in at a time: a delivery file's records are a few kB, so a window holds a hundred
 * (a larger one is memory each thread keeps resident for nothing).
 */
export const WINDOW = 1 << 18;
/** Room past the window's end: the sentinel 0 byte, and the few bytes a literal or `\u` escape reads on. */
const SLACK = 16;

interface Checker {
  readonly memory: Uint8Array;
  readonly endOfValue: (at: number) => number;
  /** Whose bytes the window holds: one checker per thread, shared by every caller in turn. */
  owner: object | undefined;
}

let checker: Checker | undefined;

/** The part of the WebAssembly API used here: the TypeScript libs of this project declare none. */
interface WasmApi {
  readonly Module: new (code: Uint8Array) => object;
  readonly Instance: new (module: object) => { readonly exports: Record<string, unknown> };
}
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

function wasmChecker(): Checker {
  if (checker) return checker;
  const code = Uint8Array.from(atob(WELL_FORMED_WASM), (c) => c.charCodeAt(0));
  const { Module, Instance } = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  const { exports } = new Instance(new Module(code));
  const memory = exports.memory as WasmMemory;
  memory.grow(Math.ceil((DATA + WINDOW + SLACK - memory.buffer.byteLength) / 65536));
  const bytes = new Uint8Array(memory.buffer);
  for (let c = 0; c < 0x20; c++) bytes[STOP + c] = 1;
  bytes[STOP + 0x22] = bytes[STOP + 0x5c] = 1;
  for (const c of '0123456789abcdefABCDEF') bytes[HEX + c.charCodeAt(0)] = 1;
  for (const c of '"\\/bfnrt') bytes[ESCAPE + c.charCodeAt(0)] = 1;
  for (const c of ' \t\n\r') bytes[SPACE + c.charCodeAt(0)] = 1;
  checker = { memory: bytes, endOfValue: exports.endOfValue as (at: number) => number, owner: undefined };
  return checker;
}

/** What the window cannot settle: the value may go on past it, or it nests too deep. */
const UNSURE = -2;

/**
 * Where the JSON value that starts exactly at offset `at` of `bytes` ends, for offsets asked in
 * any order: the returned function answers as `endOfJsonValue(bytes, at)` does (just past the
 * value, or -1 when the bytes there are not one well-formed value). `bytes` must not change while
 * the function is in use.
 */
export function valueEnds(bytes: Uint8Array): (at: number) => number {
  const wasm = wasmChecker();
  const self = {};
  // The bytes [from, to) are in the WebAssembly memory at DATA, followed by a 0 byte.
  let from = 0;
  let to = -1;
  const load = (at: number) => {
    from = at;
    to = Math.min(bytes.length, at + WINDOW);
    wasm.memory.set(bytes.subarray(from, to), DATA);
    wasm.memory[DATA + to - from] = 0;
    wasm.owner = self;
  };
  const run = (at: number): number => {
    const r = wasm.endOfValue(DATA + at - from);
    if (r === -2) return UNSURE;
    if (to === bytes.length) return r < 0 ? -1 : r - DATA + from;
    // With bytes past the window: a failure may be the window's end, and a value that ends
    // exactly there may be a number that goes on.
    const end = r - DATA + from;
    return r < 0 || end >= to ? UNSURE : end;
  };
  return (at) => {
    if (wasm.owner !== self || at < from || at >= to) load(at);
    let end = run(at);
    if (end === UNSURE && from !== at) {
      load(at);
      end = run(at);
    }
    return end === UNSURE ? endOfJsonValue(bytes, at) : end;
  };
}
