/**
 * One decoded text -> its records, whatever the shape. The shape is found from the content: the
 * first non-space character, then the top-level keys of each JSON value. A delivery file
 * `{"Records":[…]}` is parsed once and its array handed on as it is: no other pass over the text.
 */
import { parseJsonText } from '../parse.ts';
import { sidecarKind } from '../sidecar.ts';
import type { InputShape } from '../../types.ts';
import type { BatchBuilder } from './batches.ts';
import { fromExportText, fromLogEventsPage } from './cloudwatch.ts';
import { fromCsvText } from './console-csv.ts';
import { ambiguityReason, firstNonSpace, kindOfText, kindOfValue } from './detect.ts';
import { fromEnvelope, rejectOtherEnvelope } from './eventbridge.ts';
import { fromLookupEvent, fromLookupPage } from './lookup-events.ts';
import { splitJsonValues } from './ndjson.ts';

type Obj = Record<string, unknown>;

/** What a text turned out to be: records (in the builder), a sidecar document to skip (digest, public keys), or nothing usable. */
export type TextOutcome =
  | { readonly kind: 'records' }
  | { readonly kind: 'skip'; readonly as: 'digest' | 'other' }
  | { readonly kind: 'reject'; readonly stage: 'parse' | 'validate'; readonly reason: string; readonly pointer?: string };

const RECORDS: TextOutcome = { kind: 'records' };

/** Reads one text into `out`. */
export function fromText(text: string, out: BatchBuilder): TextOutcome {
  const at = firstNonSpace(text);
  const kind = kindOfText(text, at);
  if (kind === 'json-object' || kind === 'json-array') {
    const parsed = parseJsonText(text);
    if (parsed.ok) return fromDocument(parsed.document, text, at, out);
    const values = splitJsonValues(text);
    if (!values) return { kind: 'reject', stage: 'parse', reason: parsed.reason };
    for (const v of values) {
      if (v.error !== undefined) out.reject(out.take(), 'parse', v.error);
      else fromValue(v.value, 'ndjson', out);
    }
    return RECORDS;
  }
  if (kind === 'cloudwatch-export') {
    fromExportText(text, out);
    return RECORDS;
  }
  if (kind === 'csv') {
    const reason = fromCsvText(text, out);
    return reason ? { kind: 'reject', stage: 'parse', reason } : RECORDS;
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { kind: 'reject', stage: 'parse', reason: parsed.reason };
  // Valid JSON of the wrong kind (a number, a string, null) fails like any document of no known shape.
  const what = parsed.document === null ? 'null' : typeof parsed.document;
  return { kind: 'reject', stage: 'validate', reason: `not a CloudTrail log file: a JSON ${what}, not an object or array`, pointer: '' };
}

/** A whole document that parsed as one JSON value. */
function fromDocument(doc: unknown, text: string, at: number, out: BatchBuilder): TextOutcome {
  if (Array.isArray(doc)) {
    for (const value of doc) fromValue(value, 'json-array', out);
    return RECORDS;
  }
  const kind = kindOfValue(doc);
  // Sidecars sit beside log files but hold no events (sidecar.ts); looked for only when the
  // document is no known shape, so a delivery file never pays for the check.
  const sidecar = kind === 'digest' || kind === 'unknown' ? sidecarKind(doc) : undefined;
  if (sidecar) return { kind: 'skip', as: sidecar };
  if (kind === 'ambiguous') return { kind: 'reject', stage: 'validate', reason: `not read: ${ambiguityReason(doc)}`, pointer: '' };
  if (kind === 'eventbridge-other') {
    return {
      kind: 'reject',
      stage: 'validate',
      reason: `not a CloudTrail log file: an EventBridge event of detail-type ${JSON.stringify((doc as Obj)['detail-type'])}, not "… via CloudTrail"`,
      pointer: '/detail-type',
    };
  }
  if (kind === 'record') {
    // A single record on one line is the one-line case of NDJSON; spread over lines it is a bare record.
    const oneLine = !text.slice(at).trimEnd().includes('\n');
    out.add(oneLine ? 'ndjson' : 'bare-record', doc, out.take());
    return RECORDS;
  }
  if (kind === 'unknown') {
    const keys = doc !== null && typeof doc === 'object' ? Object.keys(doc).slice(0, 5).map((k) => JSON.stringify(k)).join(', ') : '';
    return {
      kind: 'reject',
      stage: 'validate',
      reason: `not a CloudTrail log file: /Records: ${recordsProblem(doc)} (and no other known shape: keys ${keys || 'none'})`,
      pointer: '/Records',
    };
  }
  fromValue(doc, 'ndjson', out);
  return RECORDS;
}

/** Why a document's `Records` is not a record list: missing, or of the wrong kind. */
function recordsProblem(doc: unknown): string {
  if (doc === null || typeof doc !== 'object' || !('Records' in doc)) return 'required property is missing';
  const records = (doc as Obj).Records;
  return `must be an array, got ${records === null ? 'null' : typeof records === 'object' ? 'an object' : `a ${typeof records}`}`;
}

/**
 * One value inside an array or a sequence of values. Wrappers (lookup-events, EventBridge,
 * CloudWatch, Records) are unwrapped; anything else is taken as a record of the container's
 * shape and judged by validation, like any record of a delivery file.
 */
function fromValue(value: unknown, container: InputShape, out: BatchBuilder): void {
  switch (kindOfValue(value)) {
    case 'trail-file':
      return out.addArray('trail-file', (value as Obj).Records as unknown[]);
    case 'lookup-page':
      return fromLookupPage(value as Obj, out);
    case 'lookup-event':
      return fromLookupEvent(value, out);
    case 'eventbridge':
      return fromEnvelope(value as Obj, out);
    case 'eventbridge-other':
      return rejectOtherEnvelope(value as Obj, out);
    case 'cloudwatch-page':
      return fromLogEventsPage(value as Obj, out);
    case 'digest':
      // A digest among records lists log files, it is not an event; it still took a place in the container.
      return out.reject(out.take(), 'validate', 'a CloudTrail digest (digestStartTime, logFiles), not an event record', '');
    case 'ambiguous':
      return out.reject(out.take(), 'validate', ambiguityReason(value), '');
    default:
      out.add(container, value, out.take());
  }
}
