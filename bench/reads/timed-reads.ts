/** How the read benches time a request: the median of `SAMPLES` one after another, after one unmeasured. */
export const SAMPLES = 7;

type Answer = { status: number; body: string };

/** The answer, provided it has `status`; throws otherwise, so that an error is never timed as a read. */
export async function ok(answer: Promise<Answer>, status = 200): Promise<Answer> {
  const response = await answer;
  if (response.status !== status) throw new Error(`Unexpected ${response.status}: ${response.body.slice(0, 300)}`);
  return response;
}

/** Milliseconds `work` took. */
export async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** The median of `SAMPLES` runs of `work` one after another, after one unmeasured, in milliseconds. */
export async function median(work: () => Promise<unknown>): Promise<number> {
  await work();
  const times: number[] = [];
  for (let sample = 0; sample < SAMPLES; sample++) times.push(await timed(work));
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}
