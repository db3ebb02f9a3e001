/**
 * Trailing garbage after a gzip stream (a botched copy, padding from a tape or a carved disk
 * image) makes both inflaters reject the whole file. The members before it are intact evidence,
 * so they are recovered here, member by member, and the garbage is reported, not the file lost.
 */
import { inflateRawSync } from 'node:zlib';

const [FHCRC, FEXTRA, FNAME, FCOMMENT] = [2, 4, 8, 16];

/** Length of the gzip member header at `at`, or undefined when there is none. */
function headerLength(raw: Uint8Array, at: number): number | undefined {
  if (raw[at] !== 0x1f || raw[at + 1] !== 0x8b || raw[at + 2] !== 8) return undefined;
  const flags = raw[at + 3];
  let i = at + 10;
  if (flags & FEXTRA) i += 2 + (raw[i] | (raw[i + 1] << 8));
  if (flags & FNAME) { while (i < raw.length && raw[i++] !== 0); }
  if (flags & FCOMMENT) { while (i < raw.length && raw[i++] !== 0); }
  if (flags & FHCRC) i += 2;
  return i < raw.length ? i - at : undefined;
}

/** The decoded members and how many bytes after them are not gzip; undefined when none decode. */
export function salvageMembers(raw: Uint8Array, cap: number): { bytes: Uint8Array; garbage: number } | undefined {
  const parts: Uint8Array[] = [];
  let total = 0;
  let at = 0;
  for (let header = headerLength(raw, at); header !== undefined; header = headerLength(raw, at)) {
    let inflated;
    try {
      inflated = inflateRawSync(raw.subarray(at + header), { info: true, maxOutputLength: Math.max(1, Math.min(cap - total, 2 ** 31 - 1)) }) as unknown as {
        buffer: Buffer;
        engine: { bytesWritten: number };
      };
    } catch {
      break;
    }
    const end = at + header + inflated.engine.bytesWritten + 8;
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    if (end > raw.length || view.getUint32(end - 4, true) !== inflated.buffer.length % 2 ** 32) break;
    parts.push(inflated.buffer);
    total += inflated.buffer.length;
    at = end;
  }
  if (parts.length === 0 || at >= raw.length) return undefined;
  return { bytes: new Uint8Array(Buffer.concat(parts)), garbage: raw.length - at };
}
