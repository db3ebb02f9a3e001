/**
 * One copy of each repeated text of the case state per thread (file paths, principals, user
 * agents, IPs, accounts).
 */
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

/** Replaces the repeated texts of `target` by this thread's copies, in place. */
export function internTexts(target: object, keys: readonly string[]): void {
  const fields = target as Record<string, unknown>;
  for (const key of keys) if (typeof fields[key] === 'string') fields[key] = intern(fields[key] as string);
}
