/**
 * The `report` job as a library call: scan an archive and build every report, as one plain
 * document that every output format renders.
 */
import { buildReports, REPORT_NAMES, type ReportName, type ReportTable } from './reports/index.ts';
import { scan, type ScanOptions, type ScanResult } from './scan.ts';
import type { FileCounts, RecordCounts, Reject, Stage } from './types.ts';

export interface ReportOptions extends ScanOptions {
  /** Which reports to build (all by default). */
  readonly reports?: readonly ReportName[];
}

/** The result of `report`: counts that add up, the rejects, and every report. */
export interface ReportDocument {
  readonly files: FileCounts;
  readonly records: RecordCounts;
  /** Rejects ledger lines by stage (the lines themselves are in `ledger`). */
  readonly rejects: Partial<Record<Stage, number>>;
  readonly reports: Map<ReportName, ReportTable>;
  readonly ledger: readonly Reject[];
}

/** Scans `paths` and builds the reports. */
export async function report(paths: readonly string[], options: ReportOptions = {}): Promise<ReportDocument> {
  return toReportDocument(await scan(paths, options), options.reports ?? REPORT_NAMES);
}

/** Builds the report document from a scan result (pure). */
export function toReportDocument(result: ScanResult, names: readonly ReportName[] = REPORT_NAMES): ReportDocument {
  const rejects: Partial<Record<Stage, number>> = {};
  for (const r of result.rejects) rejects[r.stage] = (rejects[r.stage] ?? 0) + 1;
  return { files: result.files, records: result.records, rejects, reports: buildReports(result.rows, names), ledger: result.rejects };
}

/** True when the accounting identity holds: seen = support + filteredOut + rejected + duplicates. */
export function accountingHolds(records: RecordCounts): boolean {
  return (
    records.seen === records.support + records.filteredOut + records.rejected + records.duplicates &&
    records.filteredOut === records.notSupport + records.excluded
  );
}

/**
 * True when `--strict` should fail the run: any line in the ledger (a failed file or path, a
 * rejected record, a duplicate, or a warning such as trailing garbage or invalid UTF-8).
 */
export function hasProblems(ledger: readonly Reject[]): boolean {
  return ledger.length > 0;
}
