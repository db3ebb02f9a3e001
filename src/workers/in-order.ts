/**
 * Bounded concurrency with results in submission order, so a run's output never depends on which
 * job finishes first.
 */

/**
 * Starts `start(item)` for each item, keeping at most `window` unfinished, and calls `consume`
 * with the results in the items' order.
 */
export async function consumeInOrder<I, R>(
  items: AsyncIterable<I>,
  start: (item: I) => Promise<R>,
  window: number,
  consume: (result: R) => void | Promise<void>,
): Promise<void> {
  const inFlight: Promise<R>[] = [];
  for await (const item of items) {
    inFlight.push(start(item));
    while (inFlight.length >= window) await consume(await inFlight.shift()!);
  }
  while (inFlight.length > 0) await consume(await inFlight.shift()!);
}
