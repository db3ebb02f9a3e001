/**
 * The way out on a signal: temp files of outputs being written are removed, then the signal is
 * raised again with no listener left, so the process still ends as killed by it (130 for Ctrl-C,
 * 143 for SIGTERM), as a shell and CI expect.
 */
import process from 'node:process';
import { removeOpenTemps } from '../runtime.ts';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const SIGNAL_NUMBERS: Record<(typeof SIGNALS)[number], number> = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 };

/** Installs the handlers (once, at start-up); a normal exit or a crash removes the temps too. */
export function removeTempsOnExit(): void {
  const onSignal = (signal: (typeof SIGNALS)[number]) => {
    removeOpenTemps();
    for (const s of SIGNALS) process.removeListener(s, onSignal);
    process.kill(process.pid, signal);
    // Deno keeps its signal listener for a while after the last one is removed, so the raised
    // signal can be swallowed: then end as a shell reports a process the signal ended.
    setTimeout(() => process.exit(128 + SIGNAL_NUMBERS[signal]), 200);
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  process.on('exit', removeOpenTemps);
}
