/**
 * A one-worker export streams rows document by document (export/stream-scan.ts): an archive
 * entry's rows are written before the next entry is read, and the result (rows, ledger in order,
 * counts, manifest inputs) is the whole-file scan's.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { exportArchive } from '../../src/export/job.ts';
import type { ExportRow, RowSink } from '../../src/export/row-sink.ts';
import { readLogFile, readLogFileSteps } from '../../src/read/log-file.ts';
import { scan } from '../../src/scan/scan.ts';
import type { LogFile } from '../../src/types.ts';
import { zipOf } from '../_support/archive-of.ts';
import { ec2Record, gz, put, record, tempDir, trailFile } from '../_support/helpers.ts';

const KEY = 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/111122223333_CloudTrail_us-east-1_20260105T1000Z_';

/** A sink that keeps the size of each write, and its rows. */
function recordingSink(): RowSink & { writes: number[]; rows: ExportRow[] } {
  const writes: number[] = [];
  const rows: ExportRow[] = [];
  return {
    writes,
    rows,
    write: async (batch) => {
      writes.push(batch.length);
      for (const row of batch) rows.push(row);
    },
    close: async () => undefined,
    abort: async () => undefined,
  };
}

/** A zip of `entries` delivery files, each of the records given. */
function zipOfEntries(entries: unknown[][]): Uint8Array {
  const folder = tempDir();
  entries.forEach((records, i) => put(folder, `${KEY}e${i}.json`, trailFile(records)));
  return zipOf(folder);
}

test("a one-worker export writes each archive entry's rows before it reads the next (one write per entry, not one per file)", async () => {
  const root = tempDir();
  const ids = (entry: number) => Array.from({ length: 5 }, (_, i) => record({ eventID: `00000000-0000-4000-8000-00000000${entry}00${i}` }));
  put(root, 'archive.zip', zipOfEntries([ids(1), ids(2), ids(3)]));
  const sink = recordingSink();
  const result = await exportArchive([root], sink, {});
  assert.equal(sink.writes, [5, 5, 5]);
  assert.is(result.records.support, 15);
});

/** Every kind of thing the merge puts in order: repeats within and across entries, rejects, a failed entry, a copy of a file, plain and gzip files. */
function mixedArchive(): string {
  const root = tempDir();
  const a = record({ eventID: '00000000-0000-4000-8000-00000000000a' });
  const b = record({ eventID: '00000000-0000-4000-8000-00000000000b' });
  const changedA = { ...a, awsRegion: 'eu-west-1' };
  put(root, 'a.zip', zipOfEntries([[a, ec2Record(), b, a], [null, changedA, record(), { eventSource: 'support.amazonaws.com' }], [record(), b]]));
  const broken = zipOfEntries([[record()]]);
  broken[broken.length - 30] ^= 0xff; // inside the central directory: the entry's CRC no longer matches
  put(root, 'b.zip', broken);
  const plain = trailFile([record(), b, ec2Record()]);
  put(root, `${KEY}c.json`, plain);
  put(root, `${KEY}d.json`, plain); // a byte-identical copy
  put(root, `${KEY}e.json.gz`, gz(trailFile([record({ eventID: '00000000-0000-4000-8000-00000000000a' }), record()])));
  return root;
}

test("the streamed export gives the whole-file scan's rows, ledger (in order), counts and manifest inputs", async () => {
  const root = mixedArchive();
  const whole = await scan([root], { workers: 1, inputs: true });
  const sink = recordingSink();
  const streamed = await exportArchive([root], sink, { inputs: true });
  const place = (r: ExportRow) => [r.file, r.archivePath, r.index, r.eventID];
  assert.equal(sink.rows.map(place), whole.rows.map((r) => place(r as unknown as ExportRow)));
  assert.equal(streamed.rejects, whole.rejects);
  assert.ok(whole.rejects.some((r) => r.stage === 'dedupe' && r.reason.startsWith('duplicate file')), 'the copy is in the ledger');
  assert.ok(whole.rejects.filter((r) => r.reason.startsWith('duplicate eventID')).length >= 4, 'repeats within and across entries and files');
  assert.equal([streamed.files, streamed.records, streamed.inputs], [whole.files, whole.records, whole.inputs]);
  assert.equal(streamed.rows, [], 'an export keeps no rows');
  const twoWorkers = recordingSink();
  const pooled = await exportArchive([root], twoWorkers, { inputs: true, workers: 2 });
  assert.equal([twoWorkers.rows, pooled.rejects, pooled.records], [sink.rows, streamed.rejects, streamed.records]);
});

test("readLogFileSteps() pauses after each document read, with the file's content digest, and ends as readLogFile() does", () => {
  const root = tempDir();
  const path = put(root, 'archive.zip', zipOfEntries([[record()], [record(), record()], [ec2Record()]]));
  const file: LogFile = { path, kind: 'log', size: 0 };
  const seen: number[] = [];
  const reader = { records: (batches: { records: unknown[] }[]) => seen.push(batches[0].records.length) };
  const steps = readLogFileSteps(file, { maxFileBytes: 2 ** 20 }, reader);
  const paused: (string | undefined)[] = [];
  let step = steps.next();
  for (; !step.done; step = steps.next()) paused.push(step.value);
  assert.is(paused.length, 3, 'one pause per entry');
  assert.ok(paused.every((digest) => typeof digest === 'string' && digest === paused[0]));
  assert.equal(seen, [1, 2, 1]);
  const once = readLogFile(file, { maxFileBytes: 2 ** 20 }, { records: () => 0 });
  assert.equal({ ...step.value, parts: [] }, { ...once, parts: [] });
});

test.run();
