/**
 * A progress line for long runs: files, MB, MB/s and ETA, redrawn at most ten times a second on
 * one terminal line. The caller decides whether to show it (a TTY, not --quiet); the totals come
 * from a quick pre-walk of the paths (stat only), so the ETA is real.
 */
import { discover } from './discover.ts';
import type { LogFile } from './types.ts';

export interface ProgressTotals {
  readonly files: number;
  readonly bytes: number;
}

/** Log files and their stored bytes under `paths` (the same files `scan` will read). */
export async function progressTotals(paths: readonly string[]): Promise<ProgressTotals> {
  let files = 0;
  let bytes = 0;
  for await (const found of discover(paths)) {
    if ('file' in found && found.file.kind === 'log') {
      files++;
      bytes += found.file.size;
    }
  }
  return { files, bytes };
}

const MB = 1024 * 1024;

/** One progress line (pure), e.g. `1,204/2,000 files  171/287 MB  85.3 MB/s  ETA 1.4 s`. */
export function progressLine(done: ProgressTotals, total: ProgressTotals, seconds: number): string {
  const rate = seconds > 0 ? done.bytes / MB / seconds : 0;
  const left = rate > 0 ? (total.bytes - done.bytes) / MB / rate : NaN;
  const eta = Number.isFinite(left) ? `ETA ${left < 60 ? `${left.toFixed(1)} s` : `${Math.floor(left / 60)} min ${Math.round(left % 60)} s`}` : 'ETA …';
  const n = (x: number) => x.toLocaleString('en');
  return `${n(done.files)}/${n(total.files)} files  ${(done.bytes / MB).toFixed(0)}/${(total.bytes / MB).toFixed(0)} MB  ${rate.toFixed(1)} MB/s  ${eta}`;
}

/** Draws the line on `write` (stderr), throttled; `end()` clears it. */
export function progressMeter(total: ProgressTotals, write: (text: string) => void, now: () => number = () => performance.now()) {
  const started = now();
  const done = { files: 0, bytes: 0 };
  let drawn = 0;
  return {
    onFile(file: LogFile): void {
      done.files++;
      done.bytes += file.size;
      const t = now();
      if (t - drawn < 100 && done.files < total.files) return;
      drawn = t;
      write(`\r\u001b[2K${progressLine(done, total, (t - started) / 1000)}`);
    },
    end(): void {
      if (drawn > 0) write('\r\u001b[2K');
    },
  };
}
