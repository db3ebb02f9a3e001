/** Joins the distinct non-null values of a list in sorted order, so list cells are deterministic. */
export function sortedJoin(values: readonly unknown[], separator = ' '): string {
  return [...new Set(values.filter((v) => v !== null && v !== undefined).map(String))].sort().join(separator);
}

/**
 * The MFA of one call as text: `true`/`false` from `mfaAuthenticated` (a string in CloudTrail),
 * `absent` when the call carries none (long-term access keys, services). Aggregates skip nulls,
 * so the absence needs a value of its own to be counted.
 */
export const mfaText = (mfa: boolean | null | undefined): string => (mfa === null || mfa === undefined ? 'absent' : String(mfa));
