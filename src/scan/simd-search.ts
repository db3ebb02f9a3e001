/**
 * A byte search in WebAssembly SIMD, for runtimes whose Buffer#indexOf is not native code.
 *
 * Why: the prefilter searches every decompressed byte for its needles (prefilter.ts). Node's
 * Buffer#indexOf is memchr in C++; Deno's node:buffer implements it in JavaScript
 * (`searchBytes`), and under Deno that search was 2.2 of 3.9 s of CPU on 400 benchmark files.
 * Measured on 100 benchmark files (141 MB), a 4-byte needle: Deno's Buffer#indexOf 1,534 ms, this
 * search 79 ms including the copy into WebAssembly memory (Node's Buffer#indexOf: 95 ms). Both
 * runtimes are V8, so the same module runs the same everywhere; runtime.ts says where it is used.
 *
 * The module is assembled here from its opcodes (226 bytes; no build step, no binary file
 * in the repository). Its two functions scan 16 bytes per step:
 * - `pair(from, end, b0, b1)`: the first i in [from, end) with mem[i] = b0 and mem[i + 1] = b1;
 * - `byte(from, end, b0)`: the first i in [from, end) with mem[i] = b0;
 * both -1 when there is none. Each step loads 17 bytes past i, so the memory holds that much room
 * after the data; what lies there may match, which is why a match at or past `end` is no match.
 */
import { instantiateWasm, WASM_PAGE, type WasmMemory } from '../runtime.ts';

const leb = (n: number): number[] => {
  const out: number[] = [];
  do {
    const low = n & 0x7f;
    n >>>= 7;
    out.push(n ? low | 0x80 : low);
  } while (n);
  return out;
};
const vec = (items: number[][]): number[] => [...leb(items.length), ...items.flat()];
const section = (id: number, bytes: number[]): number[] => [id, ...leb(bytes.length), ...bytes];
const name = (s: string): number[] => vec([...s].map((c) => [c.charCodeAt(0)]));

const [I32, V128, FUNC] = [0x7f, 0x7b, 0x60];
const [BLOCK, LOOP, IF, END, BR, BR_IF, RETURN, SELECT, VOID] = [0x02, 0x03, 0x04, 0x0b, 0x0c, 0x0d, 0x0f, 0x1b, 0x40];
const [I32_LT_U, I32_GE_U, I32_CTZ, I32_ADD] = [0x49, 0x4f, 0x68, 0x6a];
const get = (i: number) => [0x20, i];
const set = (i: number) => [0x21, i];
const tee = (i: number) => [0x22, i];
const i32 = (n: number) => [0x41, n & 0x7f]; // small constants only: 16 and -1 (0x7f)
const simd = (op: number) => [0xfd, ...leb(op)];
const load = (offset: number) => [...simd(0x00), 0, offset]; // v128.load, alignment 1
const [SPLAT, EQ, AND, BITMASK] = [0x0f, 0x23, 0x4e, 0x64]; // i8x16.splat, i8x16.eq, v128.and, i8x16.bitmask

/** The body of `pair` (two bytes) or `byte` (one): parameters from, end, b0[, b1]; locals s0, s1 (v128), mask (i32). */
function searchBody(pair: boolean): number[] {
  const [from, end, b0, b1] = [0, 1, 2, 3];
  const s0 = pair ? 4 : 3;
  const [s1, mask] = [s0 + 1, s0 + 2];
  const equal = (offset: number, splat: number) => [...get(from), ...load(offset), ...get(splat), ...simd(EQ)];
  // One instruction group a line (deno fmt would put every byte on its own line).
  // deno-fmt-ignore
  const code = [
    ...get(b0), ...simd(SPLAT), ...set(s0),
    ...(pair ? [...get(b1), ...simd(SPLAT), ...set(s1)] : []),
    BLOCK, VOID, LOOP, VOID,
    ...get(from), ...get(end), I32_GE_U, BR_IF, 1, // from >= end: leave the loop, -1
    ...equal(0, s0), ...(pair ? [...equal(1, s1), ...simd(AND)] : []),
    ...simd(BITMASK), ...tee(mask),
    IF, VOID, // a lane matched: from + its index, unless that is at or past the end
    ...get(from), ...get(mask), I32_CTZ, I32_ADD, ...tee(from),
    ...i32(-1), ...get(from), ...get(end), I32_LT_U, SELECT, RETURN,
    END,
    ...get(from), ...i32(16), I32_ADD, ...set(from), BR, 0, // the next 16 bytes
    END, END,
    ...i32(-1), END,
  ];
  const body = [...vec([[...leb(2), V128], [...leb(1), I32]]), ...code];
  return [...leb(body.length), ...body];
}

function moduleBytes(): Uint8Array {
  const types = vec([[FUNC, ...vec([[I32], [I32], [I32], [I32]]), ...vec([[I32]])], [FUNC, ...vec([[I32], [I32], [I32]]), ...vec([[I32]])]]);
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
    ...section(1, types),
    ...section(3, vec([[0], [1]])), // pair: type 0, byte: type 1
    ...section(5, vec([[0x00, 1]])), // one memory of at least one 64 KiB page
    ...section(7, vec([[...name('memory'), 0x02, 0], [...name('pair'), 0x00, 0], [...name('byte'), 0x00, 1]])),
    ...section(10, vec([searchBody(true), searchBody(false)])),
  ]);
}

interface SearchExports {
  readonly memory: WasmMemory;
  pair(from: number, end: number, b0: number, b1: number): number;
  byte(from: number, end: number, b0: number): number;
}

/** Instantiated on first use, once per thread. */
let exports: SearchExports | undefined;
let memory = new Uint8Array(0);

function instance(): SearchExports {
  if (!exports) {
    exports = instantiateWasm(moduleBytes()) as unknown as SearchExports;
    memory = new Uint8Array(exports.memory.buffer);
  }
  return exports;
}

/** Bytes searched per copy into WebAssembly memory: the memory stays this small whatever the file size. */
export const WINDOW = 4 * 1024 * 1024;
const ROOM = 64; // past the window: the 17 bytes a step reads, rounded up

/** Counts copies into the memory: a search whose copy is the latest finds its window still there. */
let copies = 0;

/**
 * Searches one byte array in windows of {@link WINDOW} bytes copied into this thread's
 * WebAssembly memory; each window is copied once while no other search copies in between, so the
 * prefilter's many calls on one file copy it once. The bytes must not change while it is in use.
 */
export class SimdSearch {
  #start = -1;
  #copy = -1;

  constructor(readonly bytes: Uint8Array) {}

  /**
   * The first offset at or after `from` where `b0` (and then `b1`, when given) occurs, or -1.
   */
  indexOf(from: number, b0: number, b1?: number): number {
    const { bytes } = this;
    const width = b1 === undefined ? 1 : 2;
    for (let start = Math.floor(Math.max(0, from) / WINDOW) * WINDOW; start + width <= bytes.length; start += WINDOW) {
      const length = this.#hold(start);
      // A match must start inside this window and end inside the bytes.
      const end = Math.min(WINDOW, length - width + 1);
      const at = b1 === undefined ? exports!.byte(Math.max(0, from - start), end, b0) : exports!.pair(Math.max(0, from - start), end, b0, b1);
      if (at !== -1) return start + at;
    }
    return -1;
  }

  /** Copies the window at `start` (and the byte after it) into the memory unless it is there; returns its length. */
  #hold(start: number): number {
    const length = Math.min(WINDOW + 1, this.bytes.length - start);
    if (this.#copy === copies && this.#start === start) return length;
    const search = instance();
    if (memory.length < length + ROOM) {
      search.memory.grow(Math.ceil((length + ROOM - memory.length) / WASM_PAGE));
      memory = new Uint8Array(search.memory.buffer);
    }
    memory.set(this.bytes.subarray(start, start + length));
    this.#copy = ++copies;
    this.#start = start;
    return length;
  }
}
