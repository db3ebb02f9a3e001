/**
 * Reports as Parquet or Arrow files, one per report, typed by reportColumns (counts as int64,
 * first/last seen as UTC timestamps, days as dates). Reports are small: each is encoded whole.
 */
import type { ReportDocument } from '../report.ts';
import { toArrowFile } from './arrow.ts';
import { reportColumns } from './columns.ts';
import { toJsonDocument } from './json.ts';
import { toParquet } from './parquet.ts';

export type ReportTableFormat = 'parquet' | 'arrow';

/** One file per report plus `summary.json`, as bytes. */
export function reportTableFiles(doc: ReportDocument, format: ReportTableFormat): Map<string, Uint8Array | string> {
  const files = new Map<string, Uint8Array | string>();
  for (const [name, t] of doc.reports) {
    const columns = reportColumns(name, t.columns, t.rows);
    files.set(`${name}.${format}`, format === 'parquet' ? toParquet(t.rows, columns) : toArrowFile(t.rows, columns));
  }
  files.set('summary.json', toJsonDocument({ files: doc.files, records: doc.records, rejects: doc.rejects }));
  return files;
}
