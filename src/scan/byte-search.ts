/**
 * Byte search over one array, by whatever is fastest in the runtime (runtime.ts
 * `nativeBufferSearch`): Buffer#indexOf where it is memchr in C++ (Node), the WebAssembly SIMD
 * search where it is JavaScript (Deno; simd-search.ts has the measurements). Both give the same
 * offsets (test/scan/byte-search.test.ts compares them on generated and real files).
 */
import { nativeBufferSearch } from '../runtime.ts';
import { SimdSearch } from './simd-search.ts';

/** Searches of one byte array; make one per array, so a search that copies the bytes does it once. The bytes must not change while it is used. */
export interface ByteSearch {
  readonly bytes: Uint8Array;
  /** The first offset at or after `from` where `needle` (not empty) occurs, or -1. */
  indexOf(needle: Uint8Array, from?: number): number;
  /** The first offset at or after `from` holding `byte`, or -1. */
  indexOfByte(byte: number, from?: number): number;
}

/** Buffer#indexOf: native memchr in Node (and the reference the SIMD search is tested against). */
export function bufferSearch(bytes: Uint8Array): ByteSearch {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    bytes,
    indexOf: (needle, from = 0) => buffer.indexOf(needle, from),
    indexOfByte: (byte, from = 0) => buffer.indexOf(byte, from),
  };
}

/** The WebAssembly SIMD search: a needle's first two bytes found 16 positions a step, the rest compared here. */
export function simdSearch(bytes: Uint8Array): ByteSearch {
  const simd = new SimdSearch(bytes);
  const indexOf = (needle: Uint8Array, from = 0): number => {
    if (needle.length === 1) return simd.indexOf(from, needle[0]);
    for (let at = simd.indexOf(from, needle[0], needle[1]); at !== -1; at = simd.indexOf(at + 1, needle[0], needle[1])) {
      if (at + needle.length > bytes.length) return -1; // later matches end even further out
      let i = 2;
      while (i < needle.length && bytes[at + i] === needle[i]) i++;
      if (i === needle.length) return at;
    }
    return -1;
  };
  return { bytes, indexOf, indexOfByte: (byte, from = 0) => simd.indexOf(from, byte) };
}

/** The search this runtime does best. */
export const byteSearch: (bytes: Uint8Array) => ByteSearch = nativeBufferSearch ? bufferSearch : simdSearch;
