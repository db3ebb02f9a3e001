/**
 * How deep a parsed record nests, and whether it holds a number JSON.parse could not, found with
 * an explicit stack (no recursion), so the answer is the same on the main thread and on a worker
 * (pure).
 *
 * JSON.parse nests as deep as the text does (V8's parser is iterative), but JSON.stringify and
 * the schema checks recurse: a record ~8,000 levels deep overflowed the main thread's stack
 * (about 1 MB) and passed on a worker (4 MB), so `--workers 1` and `--workers 2` disagreed.
 */

/**
 * Deepest nesting a record may have, counting the record itself as level 1. CloudTrail records
 * nest a few tens of levels (policy documents in requestParameters); JSON.stringify needs well
 * under 200 KB of stack for 1,000 levels, a fraction of the smallest thread stack.
 */
export const MAX_RECORD_DEPTH = 1000;

const isContainer = (v: unknown): v is object => v !== null && typeof v === 'object';

/** True when `value` nests objects or arrays more than `limit` levels deep (a scalar is level 0, `{}` level 1). */
export function nestedDeeperThan(value: unknown, limit = MAX_RECORD_DEPTH): boolean {
  if (!isContainer(value)) return false;
  if (limit < 1) return true;
  const stack: object[] = [value];
  const depths: number[] = [1];
  while (stack.length > 0) {
    const container = stack.pop()!;
    const depth = depths.pop()!;
    const items: unknown[] = Array.isArray(container) ? container : Object.values(container);
    for (const item of items) {
      if (!isContainer(item)) continue;
      if (depth >= limit) return true;
      stack.push(item);
      depths.push(depth + 1);
    }
  }
  return false;
}
