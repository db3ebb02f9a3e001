/**
 * A progress line for long runs: files, MB, MB/s and ETA, redrawn at most ten times a second on
 * one terminal line, cut to the terminal's width so it never wraps. `showProgress` decides whether
 * to draw it; the totals come from a quick pre-walk of the paths (stat only), so the ETA is real.
 */
import type { RowFilter } from '../rows/filter.ts';
import { keepFileOf } from '../scan/scan.ts';
import { plannedFiles } from '../workers/run-files.ts';

export interface ProgressTotals {
  readonly files: number;
  readonly bytes: number;
}

/** Where the progress line would go and where the results go. */
export interface ProgressSetting {
  readonly quiet: boolean;
  readonly stderrIsTTY: boolean;
  readonly stdoutIsTTY: boolean;
  /** The command writes results to stdout while it reads (export without --out), not once at the end. */
  readonly streamsToStdout: boolean;
}

/**
 * Whether to draw the progress line: on a terminal stderr, not --quiet, and not while results
 * stream to stdout on a terminal too (the line would be glued to the rows). Output written once
 * at the end (report, cases) is fine: the line is cleared before it.
 */
export function showProgress(s: ProgressSetting): boolean {
  return !s.quiet && s.stderrIsTTY && !(s.stdoutIsTTY && s.streamsToStdout);
}

/** What decides which files `scan` reads: the same options, so the counts match. */
export interface ProgressScope {
  readonly filter?: RowFilter;
  readonly pruneByPath?: boolean;
}

/**
 * Paths under `paths` that `scan` meets (calls `onFile` for), and the stored bytes of those it
 * reads: the run driver's own plan (workers/run-files.ts), with the scan's pruning, so the two
 * cannot drift. Files skipped unread count too, as the accounting's `seen` does (the total said 83
 * where `seen` said 84, the one `other` file); only archive entries differ, which the accounting
 * counts as files and the line counts as their one archive.
 */
export async function progressTotals(paths: readonly string[], scope: ProgressScope = {}): Promise<ProgressTotals> {
  let files = 0;
  let bytes = 0;
  for await (const plan of plannedFiles(paths, keepFileOf(scope))) {
    files++;
    if ('file' in plan && !('skipped' in plan)) bytes += plan.file.size;
  }
  return { files, bytes };
}

const MB = 1024 * 1024;

/**
 * Seconds as `6.0 s` under a minute, else whole minutes and seconds (`2 min 5 s`). Rounded to whole
 * seconds first: rounding the seconds alone showed `2 min 60 s` for 179.6 s.
 */
export function durationText(seconds: number): string {
  if (seconds < 59.95) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
}

/** One progress line (pure), e.g. `1,204/2,000 files  171/287 MB  85.3 MB/s  ETA 1.4 s`. */
export function progressLine(done: ProgressTotals, total: ProgressTotals, seconds: number): string {
  const rate = seconds > 0 ? done.bytes / MB / seconds : 0;
  const left = rate > 0 ? Math.max(0, total.bytes - done.bytes) / MB / rate : NaN;
  const eta = Number.isFinite(left) ? `ETA ${durationText(left)}` : 'ETA …';
  const n = (x: number) => x.toLocaleString('en');
  return `${n(done.files)}/${n(total.files)} files  ${(done.bytes / MB).toFixed(0)}/${(total.bytes / MB).toFixed(0)} MB  ${rate.toFixed(1)} MB/s  ${eta}`;
}

/** `line` cut to fit a terminal `columns` wide, one column spare so the cursor never wraps. */
export function fitLine(line: string, columns: number | undefined): string {
  if (columns === undefined || !Number.isFinite(columns) || columns < 2) return line;
  return line.length < columns ? line : line.slice(0, columns - 1);
}

/**
 * Draws the line on `write` (stderr), throttled and cut to `columns()` (read at each redraw, so a
 * resized terminal is followed); `end()` clears it.
 */
export function progressMeter(
  total: ProgressTotals,
  write: (text: string) => void,
  now: () => number = () => performance.now(),
  columns: () => number | undefined = () => undefined,
) {
  const started = now();
  const done = { files: 0, bytes: 0 };
  let drawn = 0;
  let shown = false;
  return {
    onFile(bytesRead: number): void {
      done.files++;
      done.bytes += bytesRead;
      const t = now();
      if (t - drawn < 100 && done.files < total.files) return;
      drawn = t;
      shown = true;
      write(`\r\u001b[2K${fitLine(progressLine(done, total, (t - started) / 1000), columns())}`);
    },
    end(): void {
      if (shown) write('\r\u001b[2K');
      shown = false;
    },
  };
}
