/**
 * Records built from a few summary fields, when the full event JSON is not in the evidence (an
 * Event history CSV without its event column, a lookup-events Event without CloudTrailEvent).
 * Only what the fields say is filled in; nothing is invented (no eventVersion, no identity type),
 * and rows made from them are marked `partial`. Resources are left out: the summaries name them
 * (type and name) where records hold ARNs, and no Support column uses them.
 */

/** The summary fields of the console and of lookup-events, all optional. */
export interface SummaryFields {
  eventID?: string;
  eventTime?: string;
  eventName?: string;
  eventSource?: string;
  awsRegion?: string;
  sourceIPAddress?: string;
  errorCode?: string;
  readOnly?: string;
  userName?: string;
  accessKeyId?: string;
}

/**
 * Epoch milliseconds of a time as the CLI and the console print it: epoch seconds (CLI v1, a
 * number or numeric string), ISO-8601 with `T` or a space and an offset (CLI v2 prints the local
 * offset, e.g. `2022-02-08 09:23:37+11:00`), or UTC `Z`. Null when it is none of these.
 */
export function instantOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.round(value * 1000) : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (/^\d{9,11}(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const iso = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(text);
  if (!iso) return null;
  const zone = iso[3] === undefined ? 'Z' : iso[3].length === 5 ? `${iso[3].slice(0, 3)}:${iso[3].slice(3)}` : iso[3].toUpperCase();
  const ms = Date.parse(`${iso[1]}T${iso[2]}${zone}`);
  return Number.isNaN(ms) ? null : ms;
}

/** A time as CloudTrail writes eventTime (`2026-01-05T10:15:00Z`), or the text unchanged when it is not a time. */
export function toEventTime(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const ms = instantOf(value);
  if (ms === null) return String(value);
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

const set = (target: Record<string, unknown>, key: string, value: unknown) => {
  if (value !== undefined && value !== null && value !== '') target[key] = value;
};

/** Builds the partial record of one summary. `readOnly` "true"/"false" becomes a boolean, as in records. */
export function partialRecord(fields: SummaryFields): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  set(record, 'eventID', fields.eventID);
  set(record, 'eventTime', toEventTime(fields.eventTime));
  set(record, 'eventSource', fields.eventSource);
  set(record, 'eventName', fields.eventName);
  set(record, 'awsRegion', fields.awsRegion);
  set(record, 'sourceIPAddress', fields.sourceIPAddress);
  set(record, 'errorCode', fields.errorCode);
  const readOnly = fields.readOnly?.toLowerCase();
  if (readOnly === 'true' || readOnly === 'false') record.readOnly = readOnly === 'true';
  const identity: Record<string, unknown> = {};
  set(identity, 'userName', fields.userName);
  set(identity, 'accessKeyId', fields.accessKeyId);
  if (Object.keys(identity).length > 0) record.userIdentity = identity;
  return record;
}
