import { randomUUID } from 'node:crypto';
import { InMemoryCheckpointStore, InMemoryEventStore, NO_STREAM, NewEvent } from '@sleutel/event-store';
import { InProcessJobQueue } from '@sleutel/queue';
import { MatchRequestRelay } from './match-request.relay';
import { MatcherJobs } from './matcher.jobs';
import { stopMatcher } from './matcher.module';

const silent = { warn: () => undefined, error: () => undefined };

function registered(newcomerId: string): NewEvent {
  return {
    id: randomUUID(), type: 'NewcomerRegistered', schemaVersion: 1, data: { newcomerId },
    metadata: { actor: { id: 'w', role: 'intake' }, command: 'RegisterNewcomer', correlationId: 'c', causationId: 'c', occurredAt: '2026-11-29T10:00:00.000Z', source: 'api' },
  };
}

describe('stopping a matcher whose in-process line is full', () => {
  it('ends promptly: the waiting add is refused, and the relay keeps its checkpoint before the events not yet queued', async () => {
    const store = new InMemoryEventStore();
    const checkpoints = new InMemoryCheckpointStore();
    const queue = new InProcessJobQueue<MatcherJobs>({ logger: silent, maxWaiting: 2 });
    const positions: number[] = [];
    for (let i = 0; i < 5; i++) positions.push((await store.append(`newcomer-n${i}`, [registered(`n${i}`)], NO_STREAM)).position);
    const relay = new MatchRequestRelay(store, checkpoints, queue);
    await relay.start();
    // No worker takes jobs: two fill the line and the relay waits with the third.
    while ((await queue.counts()).waiting < 2) await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await queue.counts()).toMatchObject({ waiting: 2 });
    expect(relay.position).toBe(positions[1]);

    const stopped = stopMatcher({ worker: null, relay, pool: { stop: async () => undefined }, queue });
    let bound: NodeJS.Timeout | undefined;
    const hung = new Promise((resolve) => (bound = setTimeout(() => resolve('hung'), 5_000)));
    // Cleared once stopped: a bound left running kept Jest's worker alive for 5 s after the suite.
    const outcome = await Promise.race([stopped.then(() => 'stopped'), hung]).finally(() => clearTimeout(bound));
    expect(outcome).toBe('stopped');
    // The next start reads the third registration again: nothing was skipped.
    expect(await checkpoints.load('relay:matcher-jobs')).toBe(positions[1]);
  });
});
