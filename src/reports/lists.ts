/** Joins the distinct non-null values of a list in sorted order, so list cells are deterministic. */
export function sortedJoin(values: readonly unknown[], separator = ' '): string {
  return [...new Set(values.filter((v) => v !== null && v !== undefined).map(String))].sort().join(separator);
}

/**
 * MFA over several calls: the distinct values of `mfaAuthenticated` (a string in CloudTrail,
 * read as true/false), with `absent` for calls that carry none (long-term access keys, services).
 */
export function mfaSummary(values: readonly unknown[]): string {
  return sortedJoin(values.map((v) => (v === null || v === undefined ? 'absent' : String(v))));
}
