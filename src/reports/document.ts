/**
 * The report document: counts, rejects by stage, and every report table (pure).
 */
import type { FileCounts, LedgerLines, RecordCounts, Reject, Stage } from '../types.ts';
import type { ReportName, ReportTable } from './index.ts';
import { type FailedFile, failedFilesOf } from '../read/file-counts.ts';
import type { FindingsResult } from '../findings/run-rules.ts';
import type { ShownFinding } from '../findings/finish.ts';
import type { SeenInput } from '../read/provenance.ts';

/** How much of the event list a document holds: the latest `shown` of `total` events. */
export interface EventListExtent {
  readonly total: number;
  readonly shown: number;
  /** True when every event is shown; otherwise `export` (or `--report events` with a larger `--events`) gives them all. */
  readonly complete: boolean;
}

/** The result of `report`: counts that add up, the rejects, and every report. */
export interface ReportDocument {
  readonly files: FileCounts;
  /** The files counted as failed, each with the stage and reason (from the ledger). */
  readonly failedFiles: readonly FailedFile[];
  readonly records: RecordCounts;
  /** Rejects ledger lines by stage (the lines themselves are in `ledger`). */
  readonly rejects: Partial<Record<Stage, number>>;
  readonly reports: Map<ReportName, ReportTable>;
  /** Set when the events report was built. */
  readonly eventList?: EventListExtent;
  /** The rejects ledger, each line made when read (millions of duplicate lines are held as numbers: scan/ledger.ts). */
  readonly ledger: LedgerLines;
  /** Set when detection rules ran: the findings, the rules, and what they cost. */
  readonly findings?: FindingsResult;
  /** Every input seen, with its SHA-256, when the run was asked for them (`inputs`): the manifest's; not in the JSON. */
  readonly inputs?: readonly SeenInput[];
  /** The document as `report --format json` prints it (so `JSON.stringify(doc)` does not lose the reports). */
  toJSON(): ReportJson;
}

/** The JSON form of a report document: counts, rejects by stage, and each report's rows by name. */
export interface ReportJson {
  /** Every finding, most severe first (present when rules ran). */
  readonly findings?: readonly ShownFinding[];
  /** The rules that ran, the rule files refused, and what the rules made the run read. */
  readonly rules?: RulesJson;
  readonly files: FileCounts;
  readonly failedFiles: readonly FailedFile[];
  readonly records: RecordCounts;
  readonly rejects: Partial<Record<Stage, number>>;
  readonly eventList?: EventListExtent;
  readonly reports: Partial<Record<ReportName, Record<string, unknown>[]>>;
}

/** The `rules` member of the JSON form. */
export interface RulesJson {
  readonly ran: number;
  readonly refused: FindingsResult['refused'];
  readonly extraSources: readonly string[] | null;
  readonly recordsForRules: number;
}

/** The `findings` and `rules` members of the JSON form (empty when no rule ran). */
export function findingsJson(findings: FindingsResult | undefined): Pick<ReportJson, 'findings' | 'rules'> {
  if (!findings) return {};
  const { scope } = findings;
  return {
    findings: findings.findings,
    rules: { ran: findings.rules.length, refused: findings.refused, extraSources: scope.extraSources, recordsForRules: scope.recordsForRules },
  };
}

/** What a run counted: the input of a report document besides its tables. */
export interface RunCounts {
  readonly files: FileCounts;
  readonly records: RecordCounts;
  readonly rejects: LedgerLines;
  readonly inputs?: readonly SeenInput[];
}

/** Builds the report document (pure). */
export function toReportDocument(run: RunCounts, reports: Map<ReportName, ReportTable>, findings?: FindingsResult): ReportDocument {
  const rejects: Partial<Record<Stage, number>> = {};
  // One pass: each line of a compact ledger is made as it is read.
  const wholeFiles: Reject[] = [];
  for (const r of run.rejects) {
    rejects[r.stage] = (rejects[r.stage] ?? 0) + 1;
    if (r.index === null) wholeFiles.push(r);
  }
  const events = reports.get('events');
  const eventList = events && { total: run.records.support, shown: events.rows.length, complete: events.rows.length === run.records.support };
  const failedFiles = failedFilesOf(wholeFiles);
  const toJSON = (): ReportJson => ({
    ...findingsJson(findings),
    files: run.files,
    failedFiles,
    records: run.records,
    rejects,
    ...(eventList ? { eventList } : {}),
    reports: Object.fromEntries([...reports].map(([name, t]) => [name, t.rows])),
  });
  return {
    files: run.files,
    failedFiles,
    records: run.records,
    rejects,
    reports,
    ...(eventList ? { eventList } : {}),
    ledger: run.rejects,
    ...(findings ? { findings } : {}),
    ...(run.inputs ? { inputs: run.inputs } : {}),
    toJSON,
  };
}
