/**
 * Runs `work` for every item, the items of one lane (same `laneOf`) one after
 * another in their order, at most `limit` lanes at a time. After a failure
 * no item is started any more; the work in flight is waited for, and then
 * the first failure is thrown, so nothing of it runs on after the caller has
 * given up (and a redelivered job begins).
 */
export async function inLanes<T>(items: readonly T[], laneOf: (item: T) => string, limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const lanes = new Map<string, T[]>();
  for (const item of items) {
    const lane = lanes.get(laneOf(item));
    if (lane === undefined) lanes.set(laneOf(item), [item]);
    else lane.push(item);
  }
  const queue = [...lanes.values()];
  let next = 0;
  let failure: { readonly error: unknown } | null = null;
  const runner = async (): Promise<void> => {
    while (failure === null && next < queue.length) {
      for (const item of queue[next++]) {
        if (failure !== null) return;
        try {
          await work(item);
        } catch (error) {
          failure ??= { error };
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, queue.length)) }, runner));
  if (failure !== null) throw (failure as { readonly error: unknown }).error;
}
