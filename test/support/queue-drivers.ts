import { randomUUID } from 'node:crypto';
import { TEST_REDIS_URL } from './replicas';

/**
 * The two queue drivers the matcher runs on, for `describe.each`: the embedded
 * in-process queue, and BullMQ on the suite's Redis under a queue of its own.
 * Each entry's env is made when the suite starts, so every suite gets a fresh queue.
 */
export const QUEUE_DRIVERS: [string, () => Record<string, string>][] = [
  ['in-process queue', () => ({})],
  ['BullMQ on Redis', () => ({ REDIS_URL: TEST_REDIS_URL, MATCHER_QUEUE: `test-${randomUUID()}` })],
];
