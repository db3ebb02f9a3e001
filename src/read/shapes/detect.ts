/**
 * Shape detection by content: what the first non-space character of a text says, and what kind
 * of JSON value an object is, from its keys. Pure and cheap: no value is walked beyond its top
 * level keys, and a text is never scanned beyond its first line here.
 */
import { isObject } from '../parse.ts';

type Obj = Record<string, unknown>;

/** What a JSON value is, as far as CloudTrail evidence goes. */
export type ValueKind =
  | 'trail-file' // {"Records":[…]}
  | 'digest' // a CloudTrail-Digest file: digestStartTime + logFiles
  | 'lookup-page' // {"Events":[…], "NextToken"?}
  | 'lookup-event' // one Event of lookup-events: EventId + CloudTrailEvent/EventName
  | 'eventbridge' // {"detail-type":"AWS API Call via CloudTrail","detail":{…}}
  | 'eventbridge-other' // an EventBridge envelope of another detail-type
  | 'cloudwatch-page' // {"events":[{"message":…}]}
  | 'record' // looks like a CloudTrail record
  | 'ambiguous' // the keys of two or more of the kinds above: see matchingKinds
  | 'unknown';

/** The kinds a value can be read as: each has keys that no other kind has. */
export type KnownKind = Exclude<ValueKind, 'ambiguous' | 'unknown'>;

/**
 * Every kind whose keys the value has. Each kind is checked against the whole value, not in a
 * first-match order: a record that also carries `digestStartTime` and `logFiles`, or `EventId`
 * and `EventName`, matches two kinds, and taking either one would hide the other (a digest is
 * skipped, a lookup-events summary is a partial record of another source). No real document of
 * one kind has the keys of another, so a value matching two is hand-made or damaged: the caller
 * puts it in the ledger instead of guessing.
 */
export function matchingKinds(value: unknown): KnownKind[] {
  if (!isObject(value)) return [];
  const kinds: KnownKind[] = [];
  if (Array.isArray(value.Records)) kinds.push('trail-file');
  if (typeof value.digestStartTime === 'string' && Array.isArray(value.logFiles)) kinds.push('digest');
  if (Array.isArray(value.Events)) kinds.push('lookup-page');
  if ('EventId' in value && ('CloudTrailEvent' in value || 'EventName' in value)) kinds.push('lookup-event');
  const detailType = value['detail-type'];
  if (typeof detailType === 'string' && 'detail' in value) {
    // "AWS API Call via CloudTrail", "AWS Console Sign In via CloudTrail", "AWS Service Event via CloudTrail", ...
    kinds.push(/via CloudTrail$/.test(detailType) && isObject(value.detail) ? 'eventbridge' : 'eventbridge-other');
  }
  if (Array.isArray(value.events) && value.events.every((e) => isObject(e) && 'message' in e)) kinds.push('cloudwatch-page');
  if (isRecordLike(value)) kinds.push('record');
  return kinds;
}

/** The kind of one JSON value: the one kind it matches, `ambiguous` for several, `unknown` for none. */
export function kindOfValue(value: unknown): ValueKind {
  const kinds = matchingKinds(value);
  return kinds.length === 0 ? 'unknown' : kinds.length === 1 ? kinds[0] : 'ambiguous';
}

const KIND_KEYS: Record<KnownKind, string> = {
  'trail-file': 'a delivery file ("Records")',
  digest: 'a digest ("digestStartTime", "logFiles")',
  'lookup-page': 'a lookup-events page ("Events")',
  'lookup-event': 'a lookup-events Event ("EventId" with "CloudTrailEvent" or "EventName")',
  eventbridge: 'an EventBridge envelope ("detail-type", "detail")',
  'eventbridge-other': 'an EventBridge envelope ("detail-type", "detail")',
  'cloudwatch-page': 'a CloudWatch Logs page ("events")',
  record: 'a CloudTrail record ("eventVersion", or "eventSource" and "eventName")',
};

/** What a kind is, with the keys that make it, for ledger reasons. */
export const kindKeys = (kind: KnownKind): string => KIND_KEYS[kind];

/** The ledger reason for a value of kind `ambiguous`: the kinds whose keys it has. */
export function ambiguityReason(value: unknown): string {
  const kinds = matchingKinds(value).map((kind) => KIND_KEYS[kind]);
  return `ambiguous shape: it has the keys of ${kinds.slice(0, -1).join(', ')} and of ${kinds[kinds.length - 1]}; read as neither`;
}

/** A CloudTrail record has an eventVersion, or at least an eventSource and an eventName. */
export function isRecordLike(value: Obj): boolean {
  return 'eventVersion' in value || ('eventSource' in value && 'eventName' in value);
}

/** What the start of a decoded text says it is. */
export type TextKind = 'json-object' | 'json-array' | 'cloudwatch-export' | 'csv' | 'unknown';

// A CloudWatch Logs export line: an ISO-8601 timestamp (or epoch milliseconds), one space, the
// message. https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/S3Export.html
const EXPORT_LINE = /^(?:\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})|\d{10,13}) [{[]/;

/** Offset of the first character that is not white space (or a BOM), or -1. */
export function firstNonSpace(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09 && c !== 0xfeff) return i;
  }
  return -1;
}

/** Sniffs a text from its first non-space character and, for non-JSON text, its first line. */
export function kindOfText(text: string, at = firstNonSpace(text)): TextKind {
  if (at < 0) return 'unknown';
  const c = text[at];
  if (c === '{') return 'json-object';
  if (c === '[') return 'json-array';
  const end = text.indexOf('\n', at);
  const line = text.slice(at, end < 0 ? text.length : end);
  if (EXPORT_LINE.test(line)) return 'cloudwatch-export';
  if (looksLikeCsvHeader(line)) return 'csv';
  return 'unknown';
}

/** Normalises a CSV header for matching: lower case, letters and digits only ("Event name" -> "eventname"). */
export const headerKey = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** A CSV header line of an Event history download: it names at least the event name and time, or the event JSON. */
function looksLikeCsvHeader(line: string): boolean {
  if (!line.includes(',')) return false;
  const keys = new Set(line.split(',').map((cell) => headerKey(cell.replace(/^"|"$/g, ''))));
  return keys.has('cloudtrailevent') || (keys.has('eventname') && (keys.has('eventtime') || keys.has('eventid')));
}
