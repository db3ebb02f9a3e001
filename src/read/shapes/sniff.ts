/**
 * Whether a file whose extension is not on the list holds CloudTrail evidence, from its content.
 * TrailDiscover names its events `….json.cloudtrail`, tools write `.txt` and `.out`: the name
 * cannot decide, so such a file is read when its content is CloudTrail and skipped as `other`
 * when it is not (a README, a picture, an unrelated JSON). Pure.
 */
import { parseJsonText } from '../parse.ts';
import { sidecarKind } from '../sidecar.ts';
import { firstNonSpace, kindOfText, kindOfValue } from './detect.ts';
import { splitJsonValues } from './ndjson.ts';

/** How many leading bytes {@link headMayBeCloudTrail} needs. */
export const HEAD_BYTES = 512;

const isSpaceByte = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * The cheap first look, on a file's first bytes: gzip (inflated and looked at again), or text whose
 * first non-space character opens JSON (UTF-8, with or without a BOM, or UTF-16LE with its BOM).
 * Anything else is skipped without reading the rest of the file.
 */
export function headMayBeCloudTrail(head: Uint8Array): boolean {
  if (head[0] === 0x1f && head[1] === 0x8b) return true;
  const utf16 = head[0] === 0xff && head[1] === 0xfe;
  let at = utf16 ? 2 : head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (at < head.length && isSpaceByte(head[at]) && (!utf16 || head[at + 1] === 0)) at += utf16 ? 2 : 1;
  return head[at] === 0x7b || head[at] === 0x5b;
}

// Keys and words only CloudTrail evidence has, looked for at the start of JSON that does not parse.
const CLOUDTRAIL_WORDS = /"(?:Records|eventVersion|eventSource|Events|CloudTrailEvent|EventId|digestStartTime)"|via CloudTrail"/;

const isKnown = (value: unknown): boolean => kindOfValue(value) !== 'unknown';

/**
 * True when a decoded text is CloudTrail evidence: a CloudWatch export or an Event history CSV
 * (their first line says so), or JSON with at least one value of a known kind (a record, a
 * delivery file, a lookup-events page, a digest, …), or an empty array (a capture with no events).
 * JSON that does not parse counts when its start names CloudTrail keys: it is read, and fails in
 * the ledger as a broken CloudTrail file should, rather than vanishing as `other`.
 */
export function looksLikeCloudTrail(text: string): boolean {
  const at = firstNonSpace(text);
  const kind = kindOfText(text, at);
  if (kind === 'cloudwatch-export' || kind === 'csv') return true;
  if (kind !== 'json-object' && kind !== 'json-array') return false;
  const parsed = parseJsonText(text);
  if (parsed.ok) {
    const doc = parsed.document;
    if (Array.isArray(doc)) return doc.length === 0 || doc.some(isKnown);
    return isKnown(doc) || sidecarKind(doc) !== undefined;
  }
  const values = splitJsonValues(text);
  if (values?.some((v) => v.error === undefined && isKnown(v.value))) return true;
  return CLOUDTRAIL_WORDS.test(text.slice(at, at + 4096));
}
