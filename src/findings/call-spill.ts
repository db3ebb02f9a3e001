/**
 * The denied and attachment calls of the merged findings, as lines, in memory and then on disk.
 * The stateful findings judge them only once every file is merged (denied bursts need each
 * principal's calls in time order; an attachment reaches cases through sets linked later), so they
 * would be held, as objects, for the whole scan: on the 2,000-file dense corpus ~64,000 calls,
 * 23 MB of the main heap at its end, where every report's peak RSS was (265 MiB, both workers still
 * alive). Here each call is a line of JSON; past a bound of lines they go to a temp file (under
 * `TMPDIR`, removed when drained or on any exit: runtime.ts), and after the scan each kind is
 * made objects again, in the order it came, just before it is judged (findings/stateful.ts).
 */
import { instantJson, LinesAside } from '../cases/on-disk.ts';
import type { CallKind, CallsAside, SpilledCall, Subject } from './fold.ts';

/** Calls held in memory before they go to disk: ~2 MB at ~250 bytes a line. Real archives stay far below it. */
export const CALLS_IN_MEMORY = 8192;

/** A denied call under its principal key, or an attachment call with its sets; the subject's fields follow. */
type CallLine = ['d', string, ...SubjectFields] | ['a', string[], ...SubjectFields];
type SubjectFields = [string, string, string, string, string, number | string, readonly string[], string];

// An instant that could not be read is NaN, which JSON would write as null: it goes as its text.
const fieldsOf = (s: Subject): SubjectFields => [s.principal, s.principalKey, s.account, s.eventID, s.eventTime, instantJson(s.at), s.caseIds, s.file];

export class CallSpill implements CallsAside {
  private readonly lines: Record<CallKind, LinesAside<SpilledCall>>;

  constructor(inMemory = CALLS_IN_MEMORY) {
    const aside = () => new LinesAside('calls', inMemory, lineOf, (line) => callOf(JSON.parse(line) as CallLine));
    this.lines = { denied: aside(), attachments: aside() };
  }

  /** Adds a denied call of the principal (and account) `key`. */
  denied(key: string, subject: Subject): void {
    this.lines.denied.add({ denied: key, subject });
  }

  /** Adds a successful call that adds attachments to `sets`. */
  attachment(subject: Subject, sets: readonly string[]): void {
    this.lines.attachments.add({ sets: sets as string[], subject });
  }

  /** Calls added. */
  get count(): number {
    return this.lines.denied.count + this.lines.attachments.count;
  }

  /** True once some of the calls are on disk. */
  get onDisk(): boolean {
    return this.lines.denied.onDisk || this.lines.attachments.onDisk;
  }

  /** Every call of `kind` added, in the order added; then they are gone (their file removed). */
  drain(kind: CallKind): Generator<SpilledCall> {
    return this.lines[kind].drain();
  }

  /** Empties the spill and removes its files, if any. */
  remove(): void {
    this.lines.denied.remove();
    this.lines.attachments.remove();
  }
}

const lineOf = ({ denied, sets, subject }: SpilledCall): string =>
  JSON.stringify(denied !== undefined ? ['d', denied, ...fieldsOf(subject)] : ['a', sets, ...fieldsOf(subject)]);

function callOf([kind, keyOrSets, principal, principalKey, account, eventID, eventTime, at, caseIds, file]: CallLine): SpilledCall {
  const subject: Subject = { principal, principalKey, account, eventID, eventTime, at: Number(at), caseIds, file };
  return kind === 'd' ? { denied: keyOrSets as string, subject } : { sets: keyOrSets as string[], subject };
}
