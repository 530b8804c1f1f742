import { GroupCommit, GroupOutcome } from './group-commit';

describe('GroupCommit', () => {
  it('commits requests of one turn of the event loop together, in order, and answers each with its own outcome', async () => {
    const groups: number[][] = [];
    const committer = new GroupCommit<number, string>(async (requests) => {
      groups.push([...requests]);
      return requests.map((n): GroupOutcome<string> => (n % 3 === 0 ? { error: new Error(`no ${n}`) } : { result: `ok ${n}` }));
    }, 256);
    const answers = await Promise.allSettled([1, 2, 3, 4, 5, 6].map((n) => committer.submit(n)));
    expect(groups).toEqual([[1, 2, 3, 4, 5, 6]]);
    expect(answers.map((a) => (a.status === 'fulfilled' ? a.value : (a.reason as Error).message))).toEqual(['ok 1', 'ok 2', 'no 3', 'ok 4', 'ok 5', 'no 6']);
  });

  it('splits a crowd into groups of at most maxPerGroup, and takes later arrivals in a later group', async () => {
    const groups: number[][] = [];
    const committer = new GroupCommit<number, number>(async (requests) => {
      groups.push([...requests]);
      return requests.map((n) => ({ result: n * 10 }));
    }, 4);
    const first = Promise.all([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => committer.submit(n)));
    await expect(first).resolves.toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(groups).toEqual([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10]]);
    await expect(committer.submit(11)).resolves.toBe(110);
    expect(groups).toHaveLength(4);
  });

  it('fails every request of a group whose commit throws, and carries on with the next group', async () => {
    let calls = 0;
    const committer = new GroupCommit<string, string>(async (requests) => {
      calls += 1;
      if (calls === 1) throw new Error('disk full');
      return requests.map((r) => ({ result: r }));
    }, 2);
    const answers = await Promise.allSettled(['a', 'b', 'c'].map((r) => committer.submit(r)));
    expect(answers.map((a) => a.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    expect((answers[0] as PromiseRejectedResult).reason).toEqual(new Error('disk full'));
  });

  it('idle() resolves only once everything submitted so far is answered', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const committer = new GroupCommit<number, number>(async (requests) => {
      await gate;
      return requests.map((n) => ({ result: n }));
    }, 8);
    let answered = false;
    const pending = committer.submit(1).then(() => (answered = true));
    let idle = false;
    const idlePromise = committer.idle().then(() => (idle = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(idle).toBe(false);
    release();
    await Promise.all([pending, idlePromise]);
    expect(answered && idle).toBe(true);
    await expect(committer.idle()).resolves.toBeUndefined();
  });
});
