/**
 * A worker job for the pool's tests: holds `megabytes` MB of live objects at once (arrays of
 * numbers, ~8 bytes each), then answers how many it held. Its module is loaded by the workers.
 */
export function runJob(megabytes: number): number {
  const held: number[][] = [];
  for (let i = 0; i < megabytes; i++) held.push(Array.from({ length: 2 ** 17 }, (_, j) => j + 0.5));
  return held.length;
}
