import { JobRefusedError } from './job-queue.errors';
import { assertJobSpec, JOB_LIMITS } from './job-spec.guard';

describe('assertJobSpec', () => {
  const spec = (id: unknown, data: unknown) => ({ name: 'match-request', id, data });

  it('accepts ids derived from a cause and flat data of ids, numbers and flags', () => {
    expect(() => assertJobSpec(spec('evt-6f1c2a9e', { newcomerId: 'f3b1c1f0-0000-4000-8000-000000000000', round: 2, retry: false }))).not.toThrow();
    expect(() => assertJobSpec(spec('a1', {}))).not.toThrow();
    expect(() => assertJobSpec(spec('x'.repeat(JOB_LIMITS.idLength), { id: 'y'.repeat(JOB_LIMITS.stringLength) }))).not.toThrow();
  });

  it.each([
    ['a colon in the id', spec('cause:1', {})],
    ['an all-digit id', spec('0042', {})],
    ['a number as id', spec(42, {})],
    ['an over-long id', spec('x'.repeat(JOB_LIMITS.idLength + 1), {})],
    ['a field name that is not a plain name', spec('odd-field', { 'first name': 'Amal' })],
    ['undefined in data', spec('undefined', { newcomerId: undefined })],
    ['a bigint in data', spec('bigint', { position: 10n })],
    ['an object without a prototype holding an object', spec('bare', Object.assign(Object.create(null) as object, { nested: {} }))],
    ['an infinite number', spec('infinite', { count: Number.POSITIVE_INFINITY })],
  ])('refuses %s', (_, job) => {
    expect(() => assertJobSpec(job)).toThrow(JobRefusedError);
  });

  it('says why, with a stable code', () => {
    try {
      assertJobSpec(spec('person', { profile: { name: 'Amal', phone: '0612345678' } }));
      throw new Error('not refused');
    } catch (error) {
      expect(error).toBeInstanceOf(JobRefusedError);
      expect((error as JobRefusedError).code).toBe('QUEUE.JOB_REFUSED');
      expect((error as JobRefusedError).message).toMatch(/profile .*ids only/);
    }
  });
});
