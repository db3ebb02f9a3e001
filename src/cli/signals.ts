/**
 * The way out on a signal: temp files of outputs being written are removed, then the signal is
 * raised again with no listener left, so the process still ends as killed by it (130 for Ctrl-C,
 * 143 for SIGTERM), as a shell and CI expect.
 */
import process from 'node:process';
import { removeOpenTemps } from '../export/atomic.ts';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Installs the handlers (once, at start-up); a normal exit or a crash removes the temps too. */
export function removeTempsOnExit(): void {
  const onSignal = (signal: NodeJS.Signals) => {
    removeOpenTemps();
    for (const s of SIGNALS) process.removeListener(s, onSignal);
    process.kill(process.pid, signal);
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  process.on('exit', removeOpenTemps);
}
