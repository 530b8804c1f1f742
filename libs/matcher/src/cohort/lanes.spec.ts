import { setTimeout as sleep } from 'node:timers/promises';
import { inLanes } from './lanes';

describe('inLanes', () => {
  const items = ['a1', 'b1', 'a2', 'c1', 'b2', 'a3'];
  const laneOf = (item: string) => item[0];

  it('runs the items of one lane in their order, one at a time, and different lanes side by side', async () => {
    const events: string[] = [];
    let running = 0;
    let most = 0;
    await inLanes(items, laneOf, 2, async (item) => {
      running += 1;
      most = Math.max(most, running);
      events.push(`start ${item}`);
      await sleep(5);
      events.push(`end ${item}`);
      running -= 1;
    });
    for (const lane of ['a', 'b', 'c']) {
      const own = events.filter((event) => laneOf(event.split(' ')[1]) === lane);
      expect(own).toEqual(items.filter((item) => laneOf(item) === lane).flatMap((item) => [`start ${item}`, `end ${item}`]));
    }
    expect(most).toBe(2);
    expect(events.slice(0, 2).sort()).toEqual(['start a1', 'start b1']);
  });

  it('starts nothing after a failure, waits for the work in flight, then throws the first failure', async () => {
    const events: string[] = [];
    const failing = inLanes(items, laneOf, 2, async (item) => {
      events.push(`start ${item}`);
      if (item === 'b1') throw new Error('b1 failed');
      await sleep(20);
      events.push(`end ${item}`);
    });
    await expect(failing).rejects.toThrow('b1 failed');
    // a1 was in flight when b1 failed: it ended before the failure was thrown, and nothing started after it.
    expect(events).toEqual(['start a1', 'start b1', 'end a1']);
  });

  it('does nothing for no items', async () => {
    let calls = 0;
    await inLanes([], laneOf, 8, async () => void (calls += 1));
    expect(calls).toBe(0);
  });
});
