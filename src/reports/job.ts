/**
 * The `report` job as a library call: read an archive, fold each file's Support rows into the
 * reports where they are read (on the workers), merge the partials in file order, and finish the
 * reports as one plain document that every output format renders. No Support row is held.
 */
import { crashedInput } from '../read/provenance.ts';
import { collectWhenGrown } from '../read/heap-hint.ts';
import { nextTurn, siblingModule } from '../runtime.ts';
import { OutcomeMerger } from '../scan/merge.ts';
import { noRecords } from '../scan/outcome.ts';
import { fileScanOptionsOf, keepFileOf, type ScanOptions } from '../scan/scan.ts';
import type { LogFile, RecordCounts, Reject } from '../types.ts';
import type { WorkerJob } from '../workers/job.ts';
import { defaultWorkers } from '../workers/pool.ts';
import { type FileEntry, runFiles } from '../workers/run-files.ts';
import type { ReportDocument } from './document.ts';
import { EVENT_LIST_LIMIT, newEventFloor, raiseFloor } from './event-list.ts';
import { reportFile, type ReportFileOptions, type ReportFileOutcome } from './file.ts';
import { archivePathAt, noKeys, RowPlaces } from '../scan/row-keys.ts';
import { CaseRepeats, isFiltering } from './case-repeats.ts';
import { REPORT_NAMES, type ReportName } from './names.ts';
import { emptyPartial, mergePartials } from './fold.ts';
import { type FindingsOptions, findingsResultOf, ruleSourcesOf } from '../findings/run-rules.ts';
import { sourcesFor } from '../rows/support-row.ts';
import { releaseCases } from '../cases/build-cases.ts';
import { CaseSpill, LINES_IN_MEMORY } from '../cases/case-spill.ts';
import { SetLinks, SetOnlySpill } from '../cases/set-only-spill.ts';
import { CallSpill } from '../findings/call-spill.ts';

export type { ReportDocument } from './document.ts';

export interface ReportOptions extends Omit<ScanOptions, 'onRows' | 'keepRows'> {
  /** Which reports to build (all by default). */
  readonly reports?: readonly ReportName[];
  /** How many of the latest events the events report holds (default 1,000; Infinity holds them all, in memory). */
  readonly eventLimit?: number;
  /** Detection rules to run (findings/); none when absent. */
  readonly findings?: FindingsOptions;
  /**
   * Case lines (one per case and file) held in memory before the case state goes to disk (default
   * 8,192: cases/case-spill.ts); the same bound for the calls that name only an attachment set
   * and for the links of sets to cases (cases/set-only-spill.ts).
   */
  readonly casesInMemory?: number;
}

/** The report's per-file job, for the run driver. */
export const REPORT_JOB: WorkerJob<LogFile, ReportFileOptions, ReportFileOutcome> = {
  module: siblingModule(import.meta.url, 'file'),
  run: reportFile,
  crashed: (file, reason) => {
    const reject: Reject = { path: file.path, index: null, stage: 'read', reason };
    return { reject, keys: noKeys(), rejects: [reject], counts: noRecords(), partial: { groups: {} }, inputs: [crashedInput(file, reason)] };
  },
};

/** Reads `paths` and builds the reports. */
export async function report(paths: readonly string[], options: ReportOptions = {}): Promise<ReportDocument> {
  // Start loading the report tables (arquero) now: they load while the workers read the archive,
  // instead of delaying the first file read (measured: ~0.2 s of start-up on a 2-core machine).
  const building = Promise.all([import('./document.ts'), import('./partial.ts')]);
  const names = options.reports ?? REPORT_NAMES;
  const eventLimit = options.eventLimit ?? EVENT_LIST_LIMIT;
  const rules = options.findings?.loaded.rules;
  const ruleSources = rules && ruleSourcesOf(rules, sourcesFor(options.sources ?? 'all'));
  // Cases and novelty are built from every Support record: the filters choose which cases are
  // shown, never what a case's facts are (its opener, its status, what is new for a principal).
  // So when the case state is built (the cases report, or the stateful findings that read it) the
  // rows the filters drop are folded into the cases too, and no file is skipped for its path date.
  const cases = names.includes('cases') || rules !== undefined;
  const withContext = cases && isFiltering(options.filter);
  const eventFloor = names.includes('events') ? newEventFloor() : undefined;
  const fileOptions: ReportFileOptions = {
    ...fileScanOptionsOf(options),
    reports: names,
    eventLimit,
    ...(eventFloor ? { eventFloor } : {}),
    withContext,
    packCases: cases,
    ...(rules ? { rules, ruleSources: ruleSources?.length === 0 ? undefined : ruleSources } : {}),
  };
  const merger = new OutcomeMerger(false, options.inputs);
  const partial = emptyPartial(names, rules !== undefined);
  if (partial.cases) {
    partial.cases.spill = CaseSpill.open({ inMemory: options.casesInMemory ?? LINES_IN_MEMORY });
    partial.cases.setOnly = new SetOnlySpill(options.casesInMemory);
    partial.cases.links = new SetLinks(options.casesInMemory);
  }
  const calls = partial.findings ? (partial.findings.calls = new CallSpill()) : undefined;
  const keepFile = cases ? undefined : keepFileOf(options);
  const run = { job: REPORT_JOB, options: fileOptions, workers: options.workers ?? defaultWorkers(), keepFile };
  const repeats = new CaseRepeats(merger);
  // Once the list has doubled (when it would be trimmed anyway), the workers learn how late an event must now be to count.
  await runFiles(paths, run, (entry) => {
    consume(entry);
    collectWhenGrown(1.5);
    if (eventFloor && partial.events!.length >= 2 * eventLimit) raiseFloor(eventFloor, partial.events!, eventLimit);
  });
  function consume(entry: FileEntry<ReportFileOutcome>): void {
    if ('reject' in entry || 'skipped' in entry) {
      if ('reject' in entry) merger.addDiscoveryReject(entry.reject);
      else merger.addUnread(entry.file);
      return void options.onFile?.(0);
    }
    const { partial: filePartial, keys, contextKeys, ...outcome } = entry.result;
    const copies = merger.copiesSkipped;
    const kept = merger.addPacked(outcome, keys, entry.file.path);
    options.onFile?.(entry.file.size);
    // A byte-identical copy of a file read before: none of its records count.
    if (merger.copiesSkipped > copies) return;
    const caseExclude = withContext ? repeats.of(keys, kept, contextKeys ?? noKeys()) : new RowPlaces();
    const exclude = new RowPlaces();
    for (let i = 0; i < keys.length; i++) if (kept[i] === 0) exclude.add(archivePathAt(keys, i), keys.indexes[i]);
    // Some rows repeat events kept from earlier files (rare: overlapping downloads, an Event history
    // export beside the trail): fold the file again without them, here, so they count once.
    const unrepeated = exclude.size === 0 && caseExclude.size === 0 ? filePartial : reportFile(entry.file, { ...fileOptions, exclude, caseExclude }).partial;
    mergePartials(partial, unrepeated, eventLimit);
  }
  // The scan's garbage goes before the reports are finished: the 2,000-file dense report's main
  // heap stood at 1.3 GB at the end, of which ~0.5 GB live, with no full collection for 30 s.
  collectWhenGrown(1.25);
  const [{ toReportDocument }, { finishReports }] = await building;
  // The ledger as the merger holds it: its `rejects` would make every line at once.
  const { files, records, ledger, inputs } = merger.result();
  const result = { files, records, rejects: ledger, ...(inputs ? { inputs } : {}) };
  // Findings first: finishing the cases report settles the case state the stateful findings read.
  try {
    const findings = options.findings && findingsResultOf(options.findings, partial.findings!, partial.cases!, ruleSources === undefined ? [] : ruleSources);
    // Another turning point: what judging the case partitions read is garbage before the cases
    // report reads them again. On 2,000 dense files the heap in use stood at 128 MB there, 67 MB
    // of it live (heap snapshot); collected, the cases report starts at 54 MB.
    if (findings) {
      collectWhenGrown(1.25);
      // Judging takes seconds on a dense archive, in one stretch: let a signal in before the reports.
      await nextTurn();
    }
    return toReportDocument(result, finishReports(partial, names, eventLimit), findings);
  } finally {
    if (partial.cases) releaseCases(partial.cases);
    calls?.remove();
  }
}

/** True when the accounting identity holds: seen = support + filteredOut + rejected + duplicates. */
export function accountingHolds(records: RecordCounts): boolean {
  return (
    records.seen === records.support + records.filteredOut + records.rejected + records.duplicates &&
    records.filteredOut === records.notSupport + records.notSelected + records.excluded
  );
}

/**
 * True when `--strict` should fail the run: any line in the ledger (a failed file or path, a
 * rejected record, a duplicate, or a warning such as trailing garbage or invalid UTF-8).
 */
export function hasProblems(ledger: { readonly length: number }): boolean {
  return ledger.length > 0;
}
