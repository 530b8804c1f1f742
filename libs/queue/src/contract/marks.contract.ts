import { JobQueueFactory, useQueues } from './contract-queue';

export function describeMarksContract(factory: JobQueueFactory): void {
  describe('marks', () => {
    const open = useQueues(factory);

    it('keeps a position by name, none until one is saved, and never lowers it', async () => {
      const queue = await open();
      expect(await queue.marks.load('relay')).toBeNull();
      await queue.marks.save('relay', 40);
      await queue.marks.save('relay', 7);
      await queue.marks.save('other', 3);
      expect(await queue.marks.load('relay')).toBe(40);
      expect(await queue.marks.load('other')).toBe(3);
      await queue.marks.save('relay', 41);
      expect(await queue.marks.load('relay')).toBe(41);
    });

    it('forgets a mark cleared, and then takes a lower one', async () => {
      const queue = await open();
      await queue.marks.save('relay', 40);
      await queue.marks.clear('relay');
      expect(await queue.marks.load('relay')).toBeNull();
      await queue.marks.save('relay', 3);
      expect(await queue.marks.load('relay')).toBe(3);
      await expect(queue.marks.clear('never-saved')).resolves.toBeUndefined();
    });

    it('keeps the furthest of producers saving at once', async () => {
      const queue = await open();
      await Promise.all(Array.from({ length: 50 }, (_, index) => queue.marks.save('relay', (index * 37) % 50)));
      expect(await queue.marks.load('relay')).toBe(49);
    });
  });
}
