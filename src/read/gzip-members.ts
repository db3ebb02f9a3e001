/**
 * Gzip, member by member, with one policy whatever the inflater (node:zlib or fflate): the
 * inflater only turns raw deflate data into bytes; the header checks (method, reserved flags,
 * header CRC), the trailer checks (CRC-32 and size of every member) and what happens to bytes
 * after a member are decided here, once. Before this, node:zlib refused what fflate accepted
 * (a bad CRC-32, a bad header CRC, reserved flags) and silently dropped a member after NUL
 * padding that fflate reported. https://www.rfc-editor.org/rfc/rfc1952
 *
 * The policy: a member that is damaged (bad header, bad checksum, cut short) fails the file;
 * bytes after the last member are never dropped silently: NUL padding followed by another member
 * is skipped and the member read, and anything else left over is ignored with a warning.
 */
import { crc32 } from './crc32.ts';

const [FHCRC, FEXTRA, FNAME, FCOMMENT, RESERVED] = [2, 4, 8, 16, 0xe0];

/** What a raw-deflate inflater made of the data at the start of `deflate`. */
export type RawInflated =
  | { readonly bytes: Uint8Array; readonly consumed: number }
  | { readonly error: 'over-cap' | 'truncated' | 'corrupt' };

/** Inflates the deflate stream at the start of `deflate` into at most `room` bytes, and says how many input bytes it used. */
export type RawInflater = (deflate: Uint8Array, room: number) => RawInflated;

export type Gunzipped = { readonly ok: true; readonly bytes: Uint8Array; readonly warning?: string } | { readonly ok: false; readonly reason: string };

export const TRUNCATED_DATA = 'truncated gzip (unexpected end of compressed data)';
export const TRUNCATED_TRAILER = 'truncated gzip (missing or wrong trailer)';
export const overCap = (cap: number) => `decompressed size exceeds the cap of ${cap} bytes (--max-file-bytes); gzip bomb or oversized file`;

const u32 = (raw: Uint8Array, at: number) => (raw[at] | (raw[at + 1] << 8) | (raw[at + 2] << 16) | (raw[at + 3] << 24)) >>> 0;

/** The length of the member header at `at`, or why it is not a valid one. */
export function memberHeader(raw: Uint8Array, at: number): { readonly length: number } | { readonly reason: string } {
  if (raw.length - at < 10) return { reason: TRUNCATED_DATA };
  if (raw[at] !== 0x1f || raw[at + 1] !== 0x8b) return { reason: 'corrupt gzip: incorrect header check' };
  if (raw[at + 2] !== 8) return { reason: 'corrupt gzip: unknown compression method' };
  const flags = raw[at + 3];
  // RFC 1952: "A compliant decompressor must give an error indication if any reserved bit is non-zero".
  if (flags & RESERVED) return { reason: 'corrupt gzip: unknown header flags set' };
  let i = at + 10;
  if (flags & FEXTRA) i += 2 + (raw[i] | (raw[i + 1] << 8));
  if (flags & FNAME) i = endOfZeroTerminated(raw, i);
  if (flags & FCOMMENT) i = endOfZeroTerminated(raw, i);
  if (flags & FHCRC) {
    if (i + 2 > raw.length) return { reason: TRUNCATED_DATA };
    if ((crc32(raw.subarray(at, i)) & 0xffff) !== (raw[i] | (raw[i + 1] << 8))) return { reason: 'corrupt gzip: header crc mismatch' };
    i += 2;
  }
  return i > raw.length ? { reason: TRUNCATED_DATA } : { length: i - at };
}

/** The index after the NUL that ends the field at `i` (past the end when there is none). */
function endOfZeroTerminated(raw: Uint8Array, i: number): number {
  const nul = raw.indexOf(0, i);
  return nul < 0 ? raw.length + 1 : nul + 1;
}

const startsMember = (raw: Uint8Array, at: number) => raw[at] === 0x1f && raw[at + 1] === 0x8b;

/** Inflates every member of a gzip (whose first two bytes are the magic) with `inflate`, under `cap` bytes in all. */
export function gunzipMembers(raw: Uint8Array, cap: number, inflate: RawInflater): Gunzipped {
  const parts: Uint8Array[] = [];
  let total = 0;
  let at = 0;
  let padding = 0;
  for (;;) {
    const header = memberHeader(raw, at);
    if ('reason' in header) return { ok: false, reason: header.reason };
    const body = at + header.length;
    const inflated = inflate(raw.subarray(body), cap - total);
    if ('error' in inflated) {
      if (inflated.error === 'over-cap') return { ok: false, reason: overCap(cap) };
      return { ok: false, reason: inflated.error === 'truncated' ? TRUNCATED_DATA : 'corrupt gzip: invalid compressed data' };
    }
    const trailer = body + inflated.consumed;
    if (trailer + 8 > raw.length) return { ok: false, reason: TRUNCATED_TRAILER };
    if (crc32(inflated.bytes) !== u32(raw, trailer)) return { ok: false, reason: 'corrupt gzip: incorrect data check' };
    if (inflated.bytes.length % 2 ** 32 !== u32(raw, trailer + 4)) return { ok: false, reason: 'corrupt gzip: incorrect length check' };
    parts.push(inflated.bytes);
    total += inflated.bytes.length;
    at = trailer + 8;
    let next = at;
    while (next < raw.length && raw[next] === 0) next++;
    if (next < raw.length && startsMember(raw, next)) {
      padding += next - at;
      at = next;
      continue;
    }
    const warnings = [];
    if (padding > 0) warnings.push(`${padding} NUL bytes of padding between gzip members were skipped (the members after them were read)`);
    if (next === raw.length && at < raw.length) warnings.push(`${raw.length - at} NUL bytes of padding after the gzip stream were ignored`);
    if (next < raw.length) {
      warnings.push(`${raw.length - at} bytes of trailing data after the gzip stream were ignored (the complete gzip members before them were read)`);
    }
    const bytes = parts.length === 1 ? parts[0] : joined(parts, total);
    return warnings.length ? { ok: true, bytes, warning: warnings.join('; ') } : { ok: true, bytes };
  }
}

function joined(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
