import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenService } from '@sleutel/auth';
import { ApiProcess } from './support/api-process';
import { newcomerBody } from './support/bodies';
import { eventually } from './support/eventually';

type Verification = { intact: boolean; head: { position: number; anchor: string } | null; anchor?: { matches: boolean; found: string | null } };

/**
 * Log anchors written by `npm start` itself (AUDIT_ANCHOR_INTERVAL_MS): each
 * is a JSON log line a log shipper keeps outside the system, and verify
 * accepts it back later. Read from the real process's output.
 */
describe('log anchors in the JSON log of npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sleutel-anchors-'));
  const secret = randomBytes(48).toString('base64');
  const tokens = new TokenService({ secret, clockSkewSeconds: 30, maxTokenTtlSeconds: 86_400 });
  const intake = tokens.issue({ subject: 'anchor-intake', roles: ['intake'], ttlSeconds: 3_600 });
  const auditor = tokens.issue({ subject: 'anchor-auditor', roles: ['auditor'], ttlSeconds: 3_600 });
  let api: ApiProcess;

  beforeAll(async () => {
    api = await ApiProcess.start('anchors', {
      DATA_DIR: dataDir, AUTH_JWT_SECRET: secret, AUDIT_ANCHOR_INTERVAL_MS: '3000', MATCHER_IN_PROCESS: 'false',
      RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_PER_IP_PER_MINUTE: '0',
    });
  });
  afterAll(async () => {
    await api.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const anchors = (): { anchor: string; position: number; context?: string }[] =>
    api.output.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.msg === 'log anchor') as { anchor: string; position: number }[];
  const verify = async (anchor?: string): Promise<Verification> =>
    (await api.request('GET', `/api/v1/audit/verify${anchor ? `?anchor=${anchor}` : ''}`, { token: auditor })).json() as Promise<Verification>;
  const register = async (count: number) => {
    for (let index = 0; index < count; index++) expect((await api.request('POST', '/api/v1/newcomers', { token: intake, body: newcomerBody() })).status).toBe(201);
  };

  it('logs the digest of the log as it grows, once per growth, and each one verifies later; the last one by the time it stops', async () => {
    await register(2);
    const first = await eventually(async () => anchors().at(-1), { what: 'a first log anchor', timeoutMs: 10_000 });
    expect(first).toMatchObject({ position: 2, anchor: expect.stringMatching(/^2:[0-9a-f]{64}$/), context: 'log-anchor' });
    expect((await verify()).head?.anchor).toBe(first.anchor);

    // Nothing appended: no new line at the next interval.
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    expect(anchors()).toHaveLength(1);

    await register(3);
    const second = await eventually(async () => anchors().find((line) => line.position === 5), { what: 'the anchor after growth' });
    const later = await verify(first.anchor);
    expect(later).toMatchObject({ intact: true, anchor: { matches: true }, head: { anchor: second.anchor } });

    // SIGTERM soon after a write: the last event is anchored by the time the process has stopped, once — on the way
    // out, or by the interval when a loaded machine took longer than it to get here. (That the stop itself anchors
    // what the timer has not is shown by the next test, whose interval is the default hour.)
    await register(1);
    await api.kill('SIGTERM');
    expect(anchors().at(-1)).toMatchObject({ position: 6 });
    expect(api.output.some((line) => line.includes('SIGTERM: stopping'))).toBe(true);
    expect(anchors().map((line) => line.position)).toEqual([...new Set(anchors().map((line) => line.position))]);
  });

  it('anchors at stop what a process appended though it lived less than an interval (the default hour), and anchors the log it finds at start', async () => {
    const ownDir = mkdtempSync(join(tmpdir(), 'sleutel-anchors-hour-'));
    const env = { DATA_DIR: ownDir, AUTH_JWT_SECRET: secret, MATCHER_IN_PROCESS: 'false', RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_PER_IP_PER_MINUTE: '0' };
    const linesOf = (process: ApiProcess) => process.output.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { msg?: string; position?: number; anchor?: string });
    try {
      const first = await ApiProcess.start('anchors-hour', env);
      for (let index = 0; index < 2; index++) expect((await first.request('POST', '/api/v1/newcomers', { token: intake, body: newcomerBody() })).status).toBe(201);
      await first.kill('SIGTERM');
      const atStop = linesOf(first).filter((line) => line.msg === 'log anchor');
      expect(atStop).toEqual([expect.objectContaining({ position: 2, anchor: expect.stringMatching(/^2:[0-9a-f]{64}$/) })]);

      const second = await ApiProcess.start('anchors-hour-again', env);
      try {
        const atStart = await eventually(async () => linesOf(second).find((line) => line.msg === 'log anchor'), { what: 'the anchor of the log found at start' });
        expect(atStart.anchor).toBe(atStop[0].anchor);
      } finally {
        await second.kill('SIGTERM');
      }
      // Nothing appended while the second process ran: it wrote the one line, at start.
      expect(linesOf(second).filter((line) => line.msg === 'log anchor')).toHaveLength(1);
    } finally {
      rmSync(ownDir, { recursive: true, force: true });
    }
  });
});
