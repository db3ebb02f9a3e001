/**
 * The denied and attachment calls of the merged findings, as lines, in memory and then on disk.
 * The stateful findings judge them only once every file is merged (denied bursts need each
 * principal's calls in time order; an attachment reaches cases through sets linked later), so they
 * would be held, as objects, for the whole scan: on the 2,000-file dense corpus ~64,000 calls,
 * 23 MB of the main heap at its end, where every report's peak RSS was (265 MiB, both workers still
 * alive). Here each call is a line of JSON; past a bound of lines they go to a temp file (under
 * `TMPDIR`, removed when drained or on any exit: runtime.ts), and they are made objects again,
 * in the order they came, when the findings are finished, after the scan.
 */
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trackTemp, untrackTemp } from '../runtime.ts';
import { FileText, linesOf, onDisk, onDiskEach } from '../cases/on-disk.ts';
import type { CallsAside, Subject } from './fold.ts';

/** Calls held in memory before they go to disk: ~2 MB at ~250 bytes a line. Real archives stay far below it. */
export const CALLS_IN_MEMORY = 8192;

/** A denied call under its principal key, or an attachment call with its sets; the subject's fields follow. */
type CallLine = ['d', string, ...SubjectFields] | ['a', string[], ...SubjectFields];
type SubjectFields = [string, string, string, string, string, number | string, readonly string[], string];

// An instant that could not be read is NaN, which JSON would write as null: it goes as its text.
const fieldsOf = (
  s: Subject,
): SubjectFields => [s.principal, s.principalKey, s.account, s.eventID, s.eventTime, Number.isFinite(s.at) ? s.at : String(s.at), s.caseIds, s.file];

/** A call made again from its line; `own` gives this thread's copy of its subject (merge.ts). */
export interface SpilledCall {
  readonly denied?: string;
  readonly sets?: string[];
  readonly subject: Subject;
}

export class CallSpill implements CallsAside {
  private pending: string[] = [];
  private file: { dir: string; path: string; fd: number; text: FileText } | undefined;
  /** Calls added. */
  count = 0;

  constructor(private readonly inMemory = CALLS_IN_MEMORY) {}

  /** Adds a denied call of the principal (and account) `key`. */
  denied(key: string, s: Subject): void {
    this.add(JSON.stringify(['d', key, ...fieldsOf(s)]));
  }

  /** Adds a successful call that adds attachments to `sets`. */
  attachment(s: Subject, sets: readonly string[]): void {
    this.add(JSON.stringify(['a', sets, ...fieldsOf(s)]));
  }

  /** True once some of the calls are on disk. */
  get onDisk(): boolean {
    return this.file !== undefined;
  }

  private add(line: string): void {
    this.count++;
    if (this.file) return void onDisk(this.file.dir, () => this.file!.text.write(line + '\n'));
    this.pending.push(line);
    if (this.pending.length > this.inMemory) this.toDisk();
  }

  private toDisk(): void {
    const dir = onDisk(tmpdir(), () => mkdtempSync(join(tmpdir(), 'cloudtrail-support-calls-')));
    trackTemp(dir);
    const path = join(dir, 'calls');
    const fd = onDisk(dir, () => openSync(path, 'a'));
    this.file = { dir, path, fd, text: new FileText(fd) };
    for (const line of this.pending) onDisk(dir, () => this.file!.text.write(line + '\n'));
    this.pending = [];
  }

  /** Every call added, in the order added, then the spill is emptied (its file removed). */
  *drain(): Generator<SpilledCall> {
    const lines = this.file ? this.fileLines(this.file) : this.pending;
    try {
      for (const line of lines) yield callOf(JSON.parse(line) as CallLine);
    } finally {
      this.remove();
    }
  }

  private *fileLines(file: NonNullable<CallSpill['file']>): Generator<string> {
    onDisk(file.dir, () => {
      file.text.flush();
      closeSync(file.fd);
    });
    file.fd = -1;
    yield* onDiskEach(file.dir, linesOf(file.path));
  }

  /** Empties the spill and removes its file, if any. */
  remove(): void {
    this.pending = [];
    if (!this.file) return;
    if (this.file.fd >= 0) closeSync(this.file.fd);
    rmSync(this.file.dir, { recursive: true, force: true });
    untrackTemp(this.file.dir);
    this.file = undefined;
  }
}

function callOf([kind, keyOrSets, principal, principalKey, account, eventID, eventTime, at, caseIds, file]: CallLine): SpilledCall {
  const subject: Subject = { principal, principalKey, account, eventID, eventTime, at: Number(at), caseIds, file };
  return kind === 'd' ? { denied: keyOrSets as string, subject } : { sets: keyOrSets as string[], subject };
}
