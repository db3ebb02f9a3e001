/**
 * The event list, bounded: the latest events in the events report's order (the instant of
 * eventTime, then eventID, file, index), kept to a limit while rows come, so memory does not grow
 * with the archive. The whole list is what `export` streams.
 */
import { eventInstant } from '../rows/time-order.ts';
import type { SupportRow } from '../types.ts';

/** Events shown by default: the latest ones. */
export const EVENT_LIST_LIMIT = 1000;

/** A row of the event list: the Support row without its raw record. */
export type EventRow = Omit<SupportRow, 'raw'>;

const withoutRaw = (row: SupportRow | EventRow): EventRow => {
  if (!('raw' in row)) return row;
  const { raw: _raw, ...rest } = row;
  return rest;
};

/** A row with its instant, computed once per sort rather than once per comparison. */
interface Keyed {
  readonly at: number;
  readonly row: SupportRow | EventRow;
}

function compareEvents({ at: ta, row: a }: Keyed, { at: tb, row: b }: Keyed): number {
  if (ta !== tb) return ta < tb ? -1 : 1;
  const ia = a.eventID ?? '';
  const ib = b.eventID ?? '';
  if (ia !== ib) return ia < ib ? -1 : 1;
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.index !== b.index) return a.index - b.index;
  const ea = a.archivePath ?? '';
  const eb = b.archivePath ?? '';
  return ea < eb ? -1 : ea > eb ? 1 : 0;
}

/**
 * The latest `limit` events of `list` plus `more`. Sorts only when the list has doubled: O(n log
 * limit) over a run. Rows keep their raw record until {@link trim} drops the older ones: only the
 * survivors are copied without it (copying every row cost 1.5 s of 43 on the dense bench).
 */
export function keepLatest(list: (SupportRow | EventRow)[], more: Iterable<SupportRow | EventRow>, limit: number): EventRow[] {
  for (const row of more) {
    list.push(row);
    if (list.length >= 2 * limit + 1024) trim(list, limit);
  }
  return list as EventRow[];
}

/** Sorts the list and keeps its latest `limit` events, without their raw records (in place). */
export function trim(list: (SupportRow | EventRow)[], limit: number): EventRow[] {
  // The instants are parsed once per row here: parsed in the comparator, they were 2.3 M parses
  // (0.37 of 17.9 s in a CPU profile of the 200-file dense report), as this runs once per file.
  const keyed: Keyed[] = list.map((row) => ({ at: eventInstant(row.eventTime), row }));
  keyed.sort(compareEvents);
  const from = Math.max(0, keyed.length - limit);
  list.length = keyed.length - from;
  for (let i = from; i < keyed.length; i++) list[i - from] = withoutRaw(keyed[i].row);
  return list as EventRow[];
}

/**
 * The event list's floor, shared by the threads of a run (one integer over a SharedArrayBuffer):
 * no event earlier than it can be among the latest, because the list merged so far already holds
 * `limit` events at or after it. Workers drop the rows under it before they fold them, so the
 * files read after the floor has risen do not ship every Support row to the main thread: on the
 * dense bench that list was a third of each file's partial. It only rises, and a row is dropped
 * only when it could never be shown, so the list is the same whatever the timing.
 */
export type EventFloor = BigInt64Array;

const NO_FLOOR = -(2n ** 63n);
// Above every instant a time can have (ms); an unparseable time sorts last (Infinity) and stays.
const ABOVE_ALL_TIMES = 2n ** 62n;

/** A floor that drops nothing yet. */
export function newEventFloor(): EventFloor {
  const floor = new BigInt64Array(new SharedArrayBuffer(8));
  floor[0] = NO_FLOOR;
  return floor;
}

/** The rows that may still be among the latest events. */
export function aboveFloor<R extends Pick<SupportRow, 'eventTime'>>(rows: readonly R[], floor: EventFloor | undefined): readonly R[] {
  const at = floor === undefined ? NO_FLOOR : Atomics.load(floor, 0);
  if (at === NO_FLOOR) return rows;
  const ms = Number(at);
  return rows.filter((row) => eventInstant(row.eventTime) >= ms);
}

/** Raises the floor to the earliest of the latest `limit` events in `list` (which it trims), once the list holds that many. */
export function raiseFloor(floor: EventFloor, list: (SupportRow | EventRow)[], limit: number): void {
  if (list.length < limit || limit === 0) return;
  trim(list, limit);
  const at = eventInstant(list[0].eventTime);
  // Whole milliseconds, rounded down: a floor never above the event it comes from.
  Atomics.store(floor, 0, at === Number.POSITIVE_INFINITY ? ABOVE_ALL_TIMES : BigInt(Math.floor(at)));
}
