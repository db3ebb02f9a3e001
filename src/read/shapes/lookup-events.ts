/**
 * `aws cloudtrail lookup-events` output: `{"Events":[Event…], "NextToken"}` pages, or Event
 * objects one per line. The record is the `CloudTrailEvent` JSON string; the outer summary fields
 * are cross-checked against it, and a mismatch rejects the Event (one of the two was edited).
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_Event.html
 */
import { parseJsonExact } from '../exact-numbers.ts';
import type { BatchBuilder } from './batches.ts';
import { instantOf, partialRecord } from './partial.ts';
import { isObject, jsonErrorOf } from '../parse.ts';
import { ambiguityReason, kindKeys, kindOfValue } from './detect.ts';

type Obj = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * Adds every Event of one page. An element with the keys of another kind (a CloudTrail record, a
 * digest) is rejected by name: read as an Event, a record would become an empty summary.
 */
export function fromLookupPage(page: Obj, out: BatchBuilder): void {
  for (const event of page.Events as unknown[]) {
    const kind = kindOfValue(event);
    if (kind === 'lookup-event' || kind === 'unknown') fromLookupEvent(event, out);
    else {
      const what = kind === 'ambiguous' ? ambiguityReason(event) : `it has the keys of ${kindKeys(kind)}`;
      out.reject(out.take(), 'validate', `lookup-events page element is not an Event: ${what}`, '');
    }
  }
}

/** Adds one Event: its CloudTrailEvent record, or a partial record when CloudTrailEvent is absent. */
export function fromLookupEvent(event: unknown, out: BatchBuilder): void {
  const index = out.take();
  if (!isObject(event)) return out.reject(index, 'validate', 'lookup-events Event is not a JSON object', '');
  const inner = event.CloudTrailEvent;
  if (inner === undefined || inner === null) {
    // `--query` can drop CloudTrailEvent; the summary fields still say who did what, when.
    const fields = { eventID: str(event.EventId), eventTime: timeText(event.EventTime), eventName: str(event.EventName), eventSource: str(event.EventSource) };
    return out.add(
      'lookup-events',
      partialRecord({ ...fields, readOnly: str(event.ReadOnly), userName: str(event.Username), accessKeyId: str(event.AccessKeyId) }),
      index,
      true,
    );
  }
  if (typeof inner !== 'string') {
    return out.reject(index, 'validate', `lookup-events CloudTrailEvent must be a JSON string, got ${inner === null ? 'null' : typeof inner}`, '');
  }
  let record: unknown;
  try {
    record = parseJsonExact(inner);
  } catch (err) {
    return out.reject(index, 'parse', `lookup-events CloudTrailEvent is not valid JSON: ${jsonErrorOf(err)}`);
  }
  if (!isObject(record)) return out.reject(index, 'validate', 'lookup-events CloudTrailEvent is not a JSON object', '');
  const mismatch = crossCheck(event, record);
  if (mismatch) return out.reject(index, 'validate', mismatch.reason, mismatch.pointer);
  out.add('lookup-events', record, index);
}

const timeText = (v: unknown): string | undefined => (typeof v === 'number' ? String(v) : str(v));

/**
 * The outer fields that must agree with the record. `Username` is not checked: lookup-events
 * derives it (the session name of a role, "root", a service), so it is not a record field.
 */
function crossCheck(event: Obj, record: Obj): { reason: string; pointer: string } | undefined {
  const identity = isObject(record.userIdentity) ? record.userIdentity : {};
  const pairs: [string, unknown, string, unknown][] = [
    ['EventId', event.EventId, '/eventID', record.eventID],
    ['EventName', event.EventName, '/eventName', record.eventName],
    ['EventSource', event.EventSource, '/eventSource', record.eventSource],
    ['AccessKeyId', event.AccessKeyId, '/userIdentity/accessKeyId', identity.accessKeyId],
  ];
  for (const [outer, a, pointer, b] of pairs) {
    if (a === undefined || a === null || b === undefined || b === null) continue;
    if (a !== b) {
      return { reason: `lookup-events ${outer} ${JSON.stringify(a)} does not match CloudTrailEvent ${pointer.slice(1)} ${JSON.stringify(b)}`, pointer };
    }
  }
  // ReadOnly is the string "true"/"false" outside and a boolean inside.
  if (typeof event.ReadOnly === 'string' && typeof record.readOnly === 'boolean' && event.ReadOnly.toLowerCase() !== String(record.readOnly)) {
    return { reason: `lookup-events ReadOnly "${event.ReadOnly}" does not match CloudTrailEvent readOnly ${record.readOnly}`, pointer: '/readOnly' };
  }
  // EventTime is epoch seconds (CLI v1) or ISO-8601 with the local offset (CLI v2): compare instants, to the second.
  if (event.EventTime !== undefined && event.EventTime !== null && typeof record.eventTime === 'string') {
    const outer = instantOf(event.EventTime);
    const inner = instantOf(record.eventTime);
    if (outer === null) return { reason: `lookup-events EventTime ${JSON.stringify(event.EventTime)} is not a time`, pointer: '/eventTime' };
    if (inner !== null && Math.floor(outer / 1000) !== Math.floor(inner / 1000)) {
      return {
        reason: `lookup-events EventTime ${JSON.stringify(event.EventTime)} does not match CloudTrailEvent eventTime "${record.eventTime}"`,
        pointer: '/eventTime',
      };
    }
  }
  return undefined;
}
