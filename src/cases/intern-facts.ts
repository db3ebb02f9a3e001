/**
 * Case facts and calls that came from another thread (a worker's file partial, just deserialized)
 * made to share their repeated texts with this thread's (shared-texts.ts), in place.
 */
import type { CaseEvent } from './case-events.ts';
import type { CaseFacts } from './case-facts.ts';
import { intern, internTexts } from './shared-texts.ts';

/** A call held to the end (naming only an attachment set), made to share its row's texts with this thread's; in place. */
export const internEvent = (event: CaseEvent): CaseEvent => {
  internTexts(event.row, ROW_TEXTS);
  return event;
};

/** Texts of a moment, a resolution or an opening's row that repeat across cases. */
const ROW_TEXTS = [
  'file',
  'archivePath',
  'account',
  'eventName',
  'principal',
  'identityType',
  'callerAccount',
  'region',
  'credentialClass',
  'sourceIPAddress',
  'userAgent',
];
const USE_TEXTS = ['principalKey', 'principal', 'value'];

/**
 * Facts that came from another thread (a worker's file partial, just deserialized) made to share
 * their texts with this thread's other cases, in place: they are this thread's own objects
 * already, and copying every case merged on the main thread doubled what it allocated.
 */
export function internFacts(f: CaseFacts): CaseFacts {
  for (const part of [f.first, f.last, f.resolved, f.opened?.row]) if (part) internTexts(part, ROW_TEXTS);
  for (const list of ['communicatedBy', 'principalKeys', 'touchedBy', 'accounts', 'regions', 'errorCodes'] as const) {
    const values = f[list] as string[];
    for (let i = 0; i < values.length; i++) values[i] = intern(values[i]);
  }
  for (const use of [...f.ips, ...f.agents]) internTexts(use, USE_TEXTS);
  return f;
}
