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
  | 'unknown';

/**
 * The kind of one JSON value. Order matters: `Records` and the digest keys come first because
 * they are the common cases; an EventBridge envelope is told apart from a record by its
 * `detail-type`, which no record has.
 */
export function kindOfValue(value: unknown): ValueKind {
  if (!isObject(value)) return 'unknown';
  if (Array.isArray(value.Records)) return 'trail-file';
  if (typeof value.digestStartTime === 'string' && Array.isArray(value.logFiles)) return 'digest';
  if (Array.isArray(value.Events)) return 'lookup-page';
  if ('EventId' in value && ('CloudTrailEvent' in value || 'EventName' in value)) return 'lookup-event';
  const detailType = value['detail-type'];
  if (typeof detailType === 'string' && 'detail' in value) {
    // "AWS API Call via CloudTrail", "AWS Console Sign In via CloudTrail", "AWS Service Event via CloudTrail", ...
    return /via CloudTrail$/.test(detailType) && isObject(value.detail) ? 'eventbridge' : 'eventbridge-other';
  }
  if (Array.isArray(value.events) && value.events.every((e) => isObject(e) && 'message' in e)) return 'cloudwatch-page';
  if (isRecordLike(value)) return 'record';
  return 'unknown';
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
