/**
 * Whether a file whose extension is not on the list holds CloudTrail evidence, from its content.
 * TrailDiscover names its events `….json.cloudtrail`, tools write `.txt` and `.out`: the name
 * cannot decide, so such a file is read when its content is CloudTrail and skipped as `other`
 * when it is not (a README, a picture, an unrelated JSON). Pure.
 */
import { parseJsonText, textOf } from '../parse.ts';
import { sidecarKind } from '../sidecar.ts';
import { firstNonSpace, kindOfText, kindOfValue } from './detect.ts';
import { splitJsonValues } from './ndjson.ts';

/** How many leading bytes {@link headMayBeCloudTrail} needs. */
export const HEAD_BYTES = 512;

/**
 * The cheap first look, on a file's first bytes: gzip (inflated and looked at again), or text that
 * starts as a CloudTrail text can (JSON, a CloudWatch export line, an Event history CSV header; in
 * UTF-8 or UTF-16LE with its BOM). Anything else is skipped without reading the rest of the file.
 */
export function headMayBeCloudTrail(head: Uint8Array): boolean {
  if (head[0] === 0x1f && head[1] === 0x8b) return true;
  return kindOfText(textOf(head)) !== 'unknown';
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
