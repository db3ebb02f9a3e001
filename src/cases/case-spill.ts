/**
 * The case state on disk, for archives with more cases than memory should hold. A case keeps ~2 KB
 * of facts (case-facts.ts): the generator's dense corpus opens a case per ~6 Support events, and
 * its 2,000 files held 123,072 cases, ~356 MB live at the end of the scan. Once the state holds
 * more than {@link SPILL_AT} cases, they are appended to partition files by a hash of their id and
 * the state starts again; when the scan is done, each partition is read alone and its lines merged
 * into one facts object per case (the facts are order-free: case-facts.ts). So the cases in memory
 * are at most {@link SPILL_AT} during the scan and one partition's after it, whatever the archive.
 *
 * One line per case and spill: `"id"<TAB>[facts]`, both JSON (JSON escapes every control
 * character, so a tab or newline is never inside a field), the facts as case-codec.ts writes them.
 * The files live in one temp folder under the OS temp dir (`TMPDIR`), removed when the cases are
 * made, or on any exit (runtime.ts).
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trackTemp, untrackTemp } from '../runtime.ts';
import { decodeFacts, encodeFacts, TextTable } from './case-codec.ts';
import { linesOf, onDisk, writeAll } from './on-disk.ts';
import { type CaseFacts, mergeCaseFacts } from './case-facts.ts';

/**
 * Cases held in memory before they go to disk: ~9 MB of facts at ~2.1 KB a case. Below it (every
 * real archive measured: 3 cases in ../shared/realdata) nothing is written. Measured on the
 * 2,000-file dense corpus (123,072 cases): 4,096 against 16,384, `cases` 343 against 370 MB peak
 * RSS, `report` 569 against 611 MB, in the same time (215,248 lines written against 205,642).
 */
export const SPILL_AT = 4096;

/** Files a spill is split into; a partition larger than {@link SPLIT_ABOVE} is split again the same way. */
const PARTITIONS = 32;
/**
 * A partition up to this size is read whole: ~17,000 cases at ~490 bytes a line (the dense
 * corpus's average), ~35 MB of facts once read. The 2,000-file dense corpus's partitions are ~3.4
 * MB; a smaller bound would split them all, writing every line once more.
 */
export const SPLIT_ABOVE = 8 * 1024 * 1024;
/** Splits deep enough for 32^4 partitions; a partition of one case (every line the same id) is never split. */
const MAX_DEPTH = 4;

/** FNV-1a over the id's UTF-16 code units, seeded by the depth so each split spreads differently. */
function partitionOf(id: string, depth: number): number {
  let h = (0x811c9dc5 ^ Math.imul(depth, 0x9e3779b1)) >>> 0;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h >>> 0) % PARTITIONS;
}

/** One case's line (without its newline), its repeated texts numbered in `texts`. */
export const caseLine = (id: string, f: CaseFacts, texts: TextTable): string => `${JSON.stringify(id)}\t${JSON.stringify(encodeFacts(f, texts))}`;

const idOfLine = (line: string): string => JSON.parse(line.slice(0, line.indexOf('\t')));

/** The case of a line: its id and facts, as they were written. */
export function parseCaseLine(line: string, texts: TextTable): [string, CaseFacts] {
  const tab = line.indexOf('\t');
  return [JSON.parse(line.slice(0, tab)), decodeFacts(JSON.parse(line.slice(tab + 1)), texts)];
}

/** Lines appended to partition files, each kept open while the scan runs. */
class PartitionFiles {
  readonly paths: string[];
  private fds: number[] | null;
  constructor(dir: string, prefix: string) {
    this.paths = Array.from({ length: PARTITIONS }, (_, i) => join(dir, `${prefix}${i}`));
    this.fds = this.paths.map((path) => openSync(path, 'a'));
  }

  append(lines: readonly string[][]): void {
    if (!this.fds) throw new Error('the case partitions are closed');
    for (let i = 0; i < PARTITIONS; i++) if (lines[i].length > 0) writeAll(this.fds[i], lines[i].join(''));
  }

  close(): void {
    for (const fd of this.fds ?? []) closeSync(fd);
    this.fds = null;
  }
}

const byPartition = (): string[][] => Array.from({ length: PARTITIONS }, () => []);

/** The case state's files on disk (see the module comment). */
export class CaseSpill {
  private readonly files: PartitionFiles;
  private readonly texts = new TextTable();
  private splits = 0;
  /** Cases written, counted once per spill they were in. */
  linesWritten = 0;

  private constructor(readonly dir: string, private readonly splitAbove: number) {
    this.files = new PartitionFiles(dir, 'cases-');
  }

  /** A new spill in a fresh temp folder; partitions larger than `splitAbove` bytes are split before they are read. */
  static open(splitAbove = SPLIT_ABOVE): CaseSpill {
    return onDisk(tmpdir(), () => {
      const dir = mkdtempSync(join(tmpdir(), 'cloudtrail-support-cases-'));
      trackTemp(dir);
      return new CaseSpill(dir, splitAbove);
    });
  }

  /** Appends every case of `cases` (the caller then empties it). */
  write(cases: ReadonlyMap<string, CaseFacts>): void {
    if (cases.size === 0) return;
    const lines = byPartition();
    for (const [id, facts] of cases) lines[partitionOf(id, 0)].push(`${caseLine(id, facts, this.texts)}\n`);
    this.linesWritten += cases.size;
    onDisk(this.dir, () => this.files.append(lines));
  }

  /**
   * Every case written (or those of `only`), its lines merged, one partition at a time (each map
   * is the whole of its cases: a case's lines all go to one partition). The files stay until
   * {@link remove}.
   */
  *partitions(only?: ReadonlySet<string>): Generator<Map<string, CaseFacts>> {
    this.files.close();
    for (const path of this.files.paths) yield* this.partition(path, 0, only);
  }

  private *partition(path: string, depth: number, only: ReadonlySet<string> | undefined): Generator<Map<string, CaseFacts>> {
    if (onDisk(this.dir, () => statSync(path).size) > this.splitAbove && depth < MAX_DEPTH) {
      const parts = onDisk(this.dir, () => this.split(path, depth + 1));
      if (parts) {
        for (const part of parts) yield* this.partition(part, depth + 1, only);
        return;
      }
    }
    const cases = new Map<string, CaseFacts>();
    for (const line of onDisk(this.dir, () => readFileSync(path, 'utf8')).split('\n')) {
      // A case not asked for is skipped on its id, before its facts are read.
      if (line === '' || (only && !only.has(idOfLine(line)))) continue;
      const [id, facts] = parseCaseLine(line, this.texts);
      const mine = cases.get(id);
      if (mine) mergeCaseFacts(mine, facts);
      else cases.set(id, facts);
    }
    yield cases;
  }

  /** The lines of `path` spread over new partition files by their id at `depth`; null when they all share one. */
  private split(path: string, depth: number): string[] | null {
    const files = new PartitionFiles(this.dir, `split${this.splits++}-`);
    const used = new Set<number>();
    let lines = byPartition();
    let pending = 0;
    for (const line of linesOf(path, 1024 * 1024)) {
      const p = partitionOf(idOfLine(line), depth);
      used.add(p);
      lines[p].push(`${line}\n`);
      pending += line.length;
      if (pending < 8 * 1024 * 1024) continue;
      files.append(lines);
      lines = byPartition();
      pending = 0;
    }
    files.append(lines);
    files.close();
    return used.size > 1 ? files.paths : null;
  }

  /** Removes the files (a spill is not used after). */
  remove(): void {
    this.files.close();
    rmSync(this.dir, { recursive: true, force: true });
    untrackTemp(this.dir);
  }
}
