/**
 * The case state as text, for archives with more cases than memory should hold. A case keeps ~2 KB
 * of facts (case-facts.ts): the generator's dense corpus opens a case per ~6 Support events, and
 * its 2,000 files held 123,072 cases, ~356 MB live at the end of the scan when they were held as
 * objects. Here they are lines in partitions chosen by a hash of their id; when the scan is done,
 * each partition is read alone and its lines merged into one facts object per case (the facts
 * are order-free: case-facts.ts). So the main thread holds no case as an object during the scan,
 * and one partition's cases after it, whatever the archive.
 *
 * The cases come as chunks of lines, one chunk per partition: {@link packCases} makes them where
 * a file's cases are folded (on the workers), so the main thread appends text and never holds a
 * worker's cases as objects (each file's cases arrived as new objects to merge, and the main heap
 * stood at 100-180 MB of their garbage between full collections on the 2,000-file dense corpus).
 * Chunks stay in memory up to a bound of lines, then go to disk; below it (every real archive
 * measured) nothing is written. A chunk is a table line, `#` and the JSON array of the texts its
 * lines number (case-codec.ts), then one line per case: `"id"<TAB>[facts]`, and `<TAB>[first
 * calls]` when the findings noted the case's first call per account (its facts are then `null` if
 * the file held none), all JSON (JSON escapes every control character, so a tab or newline is never
 * inside a field). The files live in one temp folder under the OS temp dir (`TMPDIR`), removed
 * when the cases are made, or on any exit (runtime.ts).
 */
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseFacts } from './case-facts.ts';
import {
  byPartition,
  emptyPartition,
  idOfLine,
  type LineParts,
  mergeLines,
  packCases,
  type PackedCases,
  type Partition,
  partitionOf,
  PARTITIONS,
  TABLE,
} from './case-lines.ts';
import { FileText, linesOf, onDisk, removeTempFolder, tempFolder } from './on-disk.ts';
import { collectWhenGrown } from '../read/heap-hint.ts';

export { caseLine, packCases, type PackedCases, parseCaseLine, type Partition } from './case-lines.ts';

/**
 * Case lines (one per case and file) held in memory before the chunks go to disk: ~5 MB at the
 * dense corpus's ~650 bytes a line. Real archives stay far below it (3 cases in ../shared/realdata).
 */
export const LINES_IN_MEMORY = 8192;

/**
 * A partition up to this size is read whole: ~25,000 lines at the dense corpus's ~650 bytes a line
 * (a file's cases, each with its own text table), ~20 MB of facts once read. The 2,000-file dense
 * corpus's partitions are ~9 MB: at an 8 MiB bound each was split, and splitting them took the
 * report ~13 s more (50 against 65 s).
 */
export const SPLIT_ABOVE = 16 * 1024 * 1024;
/** Splits deep enough for 32^4 partitions; a partition of one case (every line the same id) is never split. */
const MAX_DEPTH = 4;

/** Lines appended to partition files, each kept open while the scan runs. */
class PartitionFiles {
  readonly paths: string[];
  private fds: number[] | null;
  /** One buffer for every partition's appends. */
  private readonly text: FileText;
  constructor(dir: string, prefix: string) {
    this.paths = Array.from({ length: PARTITIONS }, (_, i) => join(dir, `${prefix}${i}`));
    this.fds = this.paths.map((path) => openSync(path, 'a'));
    this.text = new FileText(this.fds[0]);
  }

  append(chunks: readonly (readonly string[])[]): void {
    if (!this.fds) throw new Error('the case partitions are closed');
    for (let i = 0; i < PARTITIONS; i++) for (const chunk of chunks[i]) this.text.to(this.fds[i]).write(chunk);
    this.text.flush();
  }

  close(): void {
    for (const fd of this.fds ?? []) closeSync(fd);
    this.fds = null;
  }
}

/** Where a spill's temp folder goes, and its bounds. */
export interface SpillOptions {
  /** A partition file larger than this is split before it is read (default {@link SPLIT_ABOVE}). */
  readonly splitAbove?: number;
  /** Case lines held in memory before the chunks go to disk (default 0: every chunk is written). */
  readonly inMemory?: number;
}

/** The case state as lines, in memory and then on disk (see the module comment). */
export class CaseSpill {
  private files: PartitionFiles | undefined;
  private pending = byPartition();
  private pendingLines = 0;
  private splits = 0;
  /** What each partition file too large to read whole was split into (null: it could not be), so each is split once, however often the cases are read. */
  private readonly splitInto = new Map<string, string[] | null>();
  private folder: string | undefined;
  /** Case lines added, counted once per chunk they were in. */
  linesWritten = 0;

  private constructor(private readonly splitAbove: number, private readonly inMemory: number) {}

  /** A new spill; its temp folder is made when its first chunk goes to disk. */
  static open(options: SpillOptions = {}): CaseSpill {
    return new CaseSpill(options.splitAbove ?? SPLIT_ABOVE, options.inMemory ?? 0);
  }

  /** The temp folder, once made. */
  get dir(): string | undefined {
    return this.folder;
  }

  private folderMade(): string {
    return this.folder ??= tempFolder('cases');
  }

  /** True once some of the cases are on disk. */
  get onDisk(): boolean {
    return this.files !== undefined;
  }

  /** Adds every case of `cases` (the caller then empties it). */
  write(cases: ReadonlyMap<string, CaseFacts>): void {
    if (cases.size > 0) this.add(packCases(cases));
  }

  /** Adds cases packed by {@link packCases} (on any thread). */
  add(packed: PackedCases): void {
    for (let p = 0; p < PARTITIONS; p++) if (packed.chunks[p] !== '') this.pending[p].push(packed.chunks[p]);
    this.linesWritten += packed.lines;
    this.pendingLines += packed.lines;
    if (this.pendingLines > this.inMemory) this.flush();
  }

  private flush(): void {
    if (this.pendingLines === 0) return;
    const dir = this.folderMade();
    onDisk(dir, () => (this.files ??= new PartitionFiles(dir, 'cases-')).append(this.pending));
    this.pending = byPartition();
    this.pendingLines = 0;
  }

  /**
   * Every case added (or those of `only`), its lines merged, one partition at a time (each holds
   * the whole of its cases: a case's lines all go to one partition). The files stay until
   * {@link remove}.
   */
  *partitions(only?: ReadonlySet<string>, parts: LineParts = 'both'): Generator<Partition> {
    for (const partition of this.read(only, parts)) {
      yield partition;
      // A partition read is garbage once its cases are used: collected before the next piles on it
      // (the 2,000-file dense report's heap grew from 158 to 515 MB reading the openers, uncollected).
      collectWhenGrown(1.5);
    }
  }

  private *read(only: ReadonlySet<string> | undefined, parts: LineParts): Generator<Partition> {
    if (!this.files) {
      for (const chunks of this.pending) {
        const partition = emptyPartition();
        for (const chunk of chunks) mergeLines(partition, chunk, only, parts);
        yield partition;
      }
      return;
    }
    this.flush();
    this.files.close();
    for (const path of this.files.paths) yield* this.partition(path, 0, only, parts);
  }

  private *partition(path: string, depth: number, only: ReadonlySet<string> | undefined, parts: LineParts): Generator<Partition> {
    if (!this.splitInto.has(path) && depth < MAX_DEPTH && onDisk(this.folderMade(), () => statSync(path).size) > this.splitAbove) {
      this.splitInto.set(path, onDisk(this.folderMade(), () => this.split(path, depth + 1)));
    }
    const split = this.splitInto.get(path);
    if (split) {
      for (const part of split) yield* this.partition(part, depth + 1, only, parts);
      return;
    }
    const partition = emptyPartition();
    mergeLines(partition, onDisk(this.folderMade(), () => readFileSync(path, 'utf8')), only, parts);
    yield partition;
  }

  /**
   * The lines of `path` spread over new partition files by their id at `depth`, each case line
   * after the table it was written with; null when they all share one partition.
   */
  private split(path: string, depth: number): string[] | null {
    const files = new PartitionFiles(this.folderMade(), `split${this.splits++}-`);
    const used = new Set<number>();
    let lines = byPartition();
    let table = '';
    let tableGiven = new Set<number>();
    let pending = 0;
    for (const line of linesOf(path, 1024 * 1024)) {
      if (line.startsWith(TABLE)) {
        table = `${line}\n`;
        tableGiven = new Set();
        continue;
      }
      const p = partitionOf(idOfLine(line), depth);
      used.add(p);
      if (!tableGiven.has(p)) {
        tableGiven.add(p);
        lines[p].push(table);
      }
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
    this.files?.close();
    this.pending = byPartition();
    if (this.folder !== undefined) removeTempFolder(this.folder);
  }
}
