/**
 * A full garbage collection after a large document. Everything a document's records become
 * (parsed records, rows, `raw` texts) lives until the document is done, so it outlives the young
 * generation (2 MB semi-spaces on the main thread, 4 MB in workers: workers/pool.ts) and dies in
 * the old one. V8 sizes the old generation's next limit from what was live at its last full
 * collection, which for a large document is taken in the middle of one: the garbage of the
 * previous large document then piles up under the limit until the next one. Measured on a zip of
 * six 31 MiB all-Support entries (287,238 records), defaults: `report` 611 -> 376 MB peak RSS,
 * `cases` 443 -> 325, `validate` 403 -> 210, `export --format parquet` 468 -> 360, for a
 * collection of ~6 MB live after each entry (~20-60 ms against the ~3 s an entry takes).
 * CloudTrail's own delivery files are far under the threshold (the largest of 143 real files is
 * 0.5 MB), so a run over them never collects here.
 *
 * The collection is `gc()`'s, V8's last-resort one: besides the garbage it gives back the heap's
 * free pages and drops what optimized code holds weakly (so that code is compiled again). A regular
 * major collection (`gc({ type: 'major' })`) deoptimized nothing, but kept the pages: every report
 * on 400 dense files took 13.2-13.9 against 14.3-15.3 s, and peaked at 274-279 against 192-195 MiB.
 *
 * `gc` is not exposed to scripts by default: `--expose-gc` set at run time takes effect in a new
 * context, whose `gc` collects the whole isolate (this thread's heap). Where that fails (another
 * runtime), the hint does nothing.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Documents at least this large (decompressed bytes) are followed by a collection. */
export const LARGE_DOCUMENT_BYTES = 8 * 1024 * 1024;

let collect: (() => void) | null | undefined;

function collector(): (() => void) | null {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
    return typeof gc === 'function' ? () => gc() : null;
  } catch {
    return null;
  }
}

/** Collects this thread's garbage when a document of `bytes` was just read and its values dropped. */
export function afterDocument(bytes: number): void {
  if (bytes < LARGE_DOCUMENT_BYTES) return;
  if (collect === undefined) collect = collector();
  collect?.();
}

/**
 * The least growth worth a collection. With the case state as lines (cases/case-spill.ts) the
 * 2,000-file dense corpus's main thread holds ~36-45 MB live during `cases`: at 64 MB the heap
 * stood at ~100 MB; at 16 MB (and {@link collectWhenGrown} at 1.5x) `cases` peaked at 260-269
 * against 311 MiB RSS (GNU time), in the same time (31.9-34.3 s against 35.7 s), each collection
 * ~20-35 ms.
 */
const GROWTH_FLOOR_BYTES = 16 * 1024 * 1024;

/** True when a heap of `used` bytes has grown `factor` times (and by the floor, 16 MB) since a collection left `live` bytes. Pure. */
export function grownEnough(used: number, live: number, factor = 2): boolean {
  return used >= Math.max(factor * live, live + GROWTH_FLOOR_BYTES);
}

/** The heap in use just after the last collection {@link collectWhenGrown} made (0: none yet). */
let liveAtCollection = 0;

/**
 * For a thread that keeps merging state (the report's main thread): a full collection once the
 * heap in use has grown `factor` times since the last one and by 16 MB ({@link grownEnough}). Merged
 * partials are promoted, and most of what they bring dies on merge, in the old generation; V8 let
 * that garbage grow to several times the live state before it collected (the dense bench's
 * 2,000-file report: ~0.5 GB live under a 1.3 GB heap, 1.8 GB peak RSS). The factor keeps the
 * collections few (each costs what is live): the report's merge asks for 1.5, as do turning
 * points (the scan done, the state about to be drained into the output). Returns whether it
 * collected.
 */
export function collectWhenGrown(factor = 2): boolean {
  if (!grownEnough(heapUsed(), liveAtCollection, factor)) return false;
  if (collect === undefined) collect = collector();
  if (!collect) return false;
  collect();
  liveAtCollection = heapUsed();
  return true;
}

const heapUsed = () => getHeapStatistics().used_heap_size;
