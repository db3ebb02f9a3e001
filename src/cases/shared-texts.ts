/**
 * One copy of each repeated text of the case state per thread (file paths, principals, user
 * agents, IPs, accounts), and the facts a worker sent made to share them.
 */
import type { CaseFacts } from './case-facts.ts';

// One copy of each repeated text (file paths, principals, user agents, IPs, accounts) per thread:
// every record's JSON.parse and every message from a worker makes new copies, and on the dense
// bench (24,673 cases) the copies were most of the case state (4.2 KB per case).
const texts = new Map<string, string>();
export function intern<T extends string | null | undefined>(text: T): T {
  if (typeof text !== 'string') return text;
  const known = texts.get(text);
  if (known !== undefined) return known as T;
  texts.set(text, text);
  return text;
}

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

/** Replaces the repeated texts of `target` by this thread's copies, in place. */
function internTexts(target: object, keys: readonly string[]): void {
  const fields = target as Record<string, unknown>;
  for (const key of keys) if (typeof fields[key] === 'string') fields[key] = intern(fields[key] as string);
}

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
