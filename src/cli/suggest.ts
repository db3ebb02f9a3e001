/**
 * "Did you mean": a first argument that is neither a command nor an existing path, but is close to
 * a command name (`repot samples`), is a typo of the command, not a missing input folder.
 */
const COMMANDS = ['report', 'cases', 'export', 'validate', 'verify'] as const;

/** Levenshtein distance, for short words. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

/** The command `word` is probably a typo of (at most two edits, case aside), if any. */
export function commandLike(word: string): string | undefined {
  const lower = word.toLowerCase();
  let best: { name: string; d: number } | undefined;
  for (const name of COMMANDS) {
    const d = distance(lower, name);
    if (d <= 2 && (!best || d < best.d)) best = { name, d };
  }
  return best?.name;
}
