import { JobRefusedError } from '../job-queue.errors';
import { AnyJobSpec } from '../job-queue.port';
import { JobQueueFactory, TestJobs, useQueues } from './contract-queue';

/** What would put more than ids in the queue, or break its keys, never gets in. */
export function describeRefusalContract(factory: JobQueueFactory): void {
  describe('refusals', () => {
    const open = useQueues(factory);
    // The compiler already refuses these; the casts model data from untyped code.
    const job = (id: string, data: unknown): AnyJobSpec<TestJobs> => ({ name: 'ping', id, data }) as AnyJobSpec<TestJobs>;

    it.each([
      ['an id with a colon', job('newcomer:1', { key: 'k' })],
      ['an all-digit id', job('12345', { key: 'k' })],
      ['an empty id', job('', { key: 'k' })],
      ['nested data', job('nested', { key: 'k', person: { name: 'Amal' } })],
      ['an array in data', job('array', { keys: ['a', 'b'] })],
      ['null data', job('null', null)],
      ['an array as data', job('array-data', ['a'])],
      ['a Date in data', job('date', { at: new Date() })],
      ['a class instance as data', job('instance', new Map([['key', 'k']]))],
      ['a long string', job('long', { key: 'x'.repeat(5_000) })],
      ['too many fields', job('wide', Object.fromEntries(Array.from({ length: 40 }, (_, index) => [`f${index}`, index])))],
      ['a non-finite number', job('nan', { count: Number.NaN })],
    ])('refuses %s', async (_, refused) => {
      const queue = await open();
      await expect(queue.add(refused)).rejects.toBeInstanceOf(JobRefusedError);
      expect((await queue.counts()).waiting).toBe(0);
    });

    it('refuses a whole bulk when one job is refused, adding none', async () => {
      const queue = await open();
      const bulk = [job('fine', { key: 'k' }), job('bad', { key: 'k', nested: { a: 1 } })];
      await expect(queue.addBulk(bulk)).rejects.toBeInstanceOf(JobRefusedError);
      expect((await queue.counts()).waiting).toBe(0);
    });

    it('refuses schedule data that is not flat', async () => {
      const queue = await open();
      const data = { scope: 'all', extra: { a: 1 } } as unknown as TestJobs['sweep'];
      await expect(queue.schedule('sweep', 1_000, data)).rejects.toBeInstanceOf(JobRefusedError);
    });
  });
}
