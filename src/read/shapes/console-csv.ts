/**
 * The CloudTrail console's Event history download as CSV. When a column holds the event JSON
 * ("CloudTrail event"), that is the record. Otherwise the record is built from the summary
 * columns (event id, time, name, source, user name, access key, region, source IP, error code,
 * read-only) and marked partial. Headers are matched loosely ("Event name", "eventName",
 * "event_name" are the same column), so the camelCase exports of other tools read too.
 */
import { parseJsonExact } from '../exact-numbers.ts';
import type { BatchBuilder } from './batches.ts';
import { jsonErrorOf } from '../parse.ts';
import { parseCsv } from './csv-parse.ts';
import { headerKey, isRecordLike } from './detect.ts';
import { partialRecord, type SummaryFields } from './partial.ts';

/** Normalised header -> summary field. */
const COLUMNS: Record<string, keyof SummaryFields> = {
  eventid: 'eventID',
  eventtime: 'eventTime',
  eventname: 'eventName',
  eventsource: 'eventSource',
  username: 'userName',
  awsaccesskey: 'accessKeyId',
  accesskeyid: 'accessKeyId',
  accesskey: 'accessKeyId',
  awsregion: 'awsRegion',
  region: 'awsRegion',
  sourceipaddress: 'sourceIPAddress',
  sourceip: 'sourceIPAddress',
  errorcode: 'errorCode',
  readonly: 'readOnly',
};

/** Headers of a column that holds the whole event as JSON. */
const EVENT_JSON = new Set(['cloudtrailevent', 'event', 'rawevent', 'eventjson']);

/** Reads a CSV text. Returns a reason when the text is not a CSV at all (then the whole file is rejected). */
export function fromCsvText(text: string, out: BatchBuilder): string | undefined {
  const parsed = parseCsv(text);
  if (!parsed.ok) return parsed.reason;
  const [header, ...rows] = parsed.rows;
  if (!header) return 'CSV: no header row';
  const keys = header.cells.map(headerKey);
  const jsonColumn = keys.findIndex((k) => EVENT_JSON.has(k));
  for (const row of rows) {
    if (row.cells.every((cell) => cell.trim() === '')) continue; // spreadsheets pad with empty rows
    const index = out.take();
    const json = jsonColumn >= 0 ? row.cells[jsonColumn]?.trim() : undefined;
    if (json) {
      fromJsonCell(json, index, row.line, out);
      continue;
    }
    const fields: SummaryFields = {};
    keys.forEach((key, i) => {
      const field = COLUMNS[key];
      const cell = row.cells[i]?.trim();
      if (field && cell) fields[field] = cell;
    });
    if (!fields.eventName && !fields.eventID) {
      out.reject(index, 'validate', `CSV line ${row.line}: neither an event JSON nor an event name or id`, '');
      continue;
    }
    out.add('console-csv', partialRecord(fields), index, true);
  }
  return undefined;
}

function fromJsonCell(json: string, index: number, line: number, out: BatchBuilder): void {
  let record: unknown;
  try {
    record = parseJsonExact(json);
  } catch (err) {
    return out.reject(index, 'parse', `CSV line ${line}: the event column is not valid JSON: ${jsonErrorOf(err)}`);
  }
  if (record === null || typeof record !== 'object' || Array.isArray(record) || !isRecordLike(record as Record<string, unknown>)) {
    return out.reject(index, 'validate', `CSV line ${line}: the event column is not a CloudTrail record`, '');
  }
  out.add('console-csv', record, index);
}
