/** Joins the distinct non-null values of a list in sorted order, so list cells are deterministic. */
export function sortedJoin(values: readonly unknown[], separator = ' '): string {
  return [...new Set(values.filter((v) => v !== null && v !== undefined).map(String))].sort().join(separator);
}
