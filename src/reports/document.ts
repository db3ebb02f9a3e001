/**
 * The report document: counts, rejects by stage, and every report table, built from a scan
 * result (pure). Kept apart from report.ts so arquero loads while the archive is being read.
 */
import { buildReports, REPORT_NAMES, type ReportName, type ReportTable } from './index.ts';
import type { ScanResult } from '../scan/scan.ts';
import type { FileCounts, RecordCounts, Reject, Stage } from '../types.ts';

/** The result of `report`: counts that add up, the rejects, and every report. */
export interface ReportDocument {
  readonly files: FileCounts;
  readonly records: RecordCounts;
  /** Rejects ledger lines by stage (the lines themselves are in `ledger`). */
  readonly rejects: Partial<Record<Stage, number>>;
  readonly reports: Map<ReportName, ReportTable>;
  readonly ledger: readonly Reject[];
  /** The document as `report --format json` prints it (so `JSON.stringify(doc)` does not lose the reports). */
  toJSON(): ReportJson;
}

/** The JSON form of a report document: counts, rejects by stage, and each report's rows by name. */
export interface ReportJson {
  readonly files: FileCounts;
  readonly records: RecordCounts;
  readonly rejects: Partial<Record<Stage, number>>;
  readonly reports: Partial<Record<ReportName, Record<string, unknown>[]>>;
}

/** Builds the report document from a scan result (pure). */
export function toReportDocument(result: ScanResult, names: readonly ReportName[] = REPORT_NAMES): ReportDocument {
  const rejects: Partial<Record<Stage, number>> = {};
  for (const r of result.rejects) rejects[r.stage] = (rejects[r.stage] ?? 0) + 1;
  const reports = buildReports(result.rows, names);
  const toJSON = (): ReportJson => ({
    files: result.files,
    records: result.records,
    rejects,
    reports: Object.fromEntries([...reports].map(([name, t]) => [name, t.rows])),
  });
  return { files: result.files, records: result.records, rejects, reports, ledger: result.rejects, toJSON };
}
