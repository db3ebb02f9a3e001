/** Reads ../shared/realdata/SOURCES.md: per folder its totals, per file its record count and format. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InputShape } from '../../src/types.ts';
import { REALDATA } from './helpers.ts';

export interface SourceFile {
  folder: string;
  file: string;
  records: number;
  support: number;
  format: string;
}

export interface SourceFolder {
  folder: string;
  files: number;
  records: number;
  support: number;
}

/** True when the real data is there; otherwise logs why a test is skipped. */
export function haveRealdata(): boolean {
  if (existsSync(join(REALDATA, 'SOURCES.md'))) return true;
  console.log('  skipped: ../shared/realdata is absent (a fresh clone without the shared folder)');
  return false;
}

export function readSources(): { folders: SourceFolder[]; files: SourceFile[] } {
  const folders: SourceFolder[] = [];
  const files: SourceFile[] = [];
  let folder = '';
  for (const line of readFileSync(join(REALDATA, 'SOURCES.md'), 'utf8').split('\n')) {
    const heading = /^## (.+)\/$/.exec(line);
    if (heading) folder = heading[1];
    const totals = /^- Files: (\d+); records: (\d+); Support-related records: (\d+)/.exec(line);
    if (totals && folder) folders.push({ folder, files: +totals[1], records: +totals[2], support: +totals[3] });
    const cells = line.split('|').map((c) => c.trim());
    if (folder && cells.length >= 7 && /^\d+$/.test(cells[3])) files.push({ folder, file: cells[1], records: +cells[3], support: +cells[4], format: cells[5] });
  }
  return { folders, files };
}

/** The shape a SOURCES.md format description means ('digest' for digests, which are skipped). */
export function shapeOfFormat(format: string): InputShape | 'digest' {
  if (/digest/i.test(format)) return 'digest';
  if (/Records-wrapped/.test(format)) return 'trail-file';
  if (/lookup-events/.test(format)) return 'lookup-events';
  if (/EventBridge/.test(format)) return 'eventbridge';
  if (/JSON array/.test(format)) return 'json-array';
  if (/NDJSON/.test(format)) return 'ndjson';
  if (/single bare event record/.test(format)) return 'bare-record';
  throw new Error(`unknown format in SOURCES.md: ${format}`);
}
