/**
 * CRC-32 (the gzip and zip checksum). node:zlib has it natively since Node 20.15 and in Deno;
 * older Node 20 releases fall back to a table-driven loop (a few hundred MB/s).
 */
import * as zlib from 'node:zlib';

const native = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

let table: Uint32Array | undefined;

function crcTable(): Uint32Array {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
}

/** The CRC-32 of `data` in JavaScript, continuing from `value` (exported to test it against the native one). */
export function crc32Js(data: Uint8Array, value = 0): number {
  table ??= crcTable();
  let c = ~value;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/** The CRC-32 of `data`, continuing from `value` (0 to start). */
export const crc32: (data: Uint8Array, value?: number) => number = native ? (data, value = 0) => native(data, value) >>> 0 : crc32Js;
