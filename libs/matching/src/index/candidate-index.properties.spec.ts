/**
 * The candidate index is only an accelerator: for any key persons, any
 * history of changes to them and any limit, it returns what plain `rank` over
 * the same key persons returns, with the ranking cut to the limit.
 */
import fc from 'fast-check';
import type { MatchingKeyPerson } from '../matching-key-person';
import { rank } from '../ranking/rank';
import * as arb from '../testing/matching.arbitraries';
import { CandidateIndex } from './candidate-index';

const runs = { numRuns: 300 };
const limit = fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined });

type Change =
  | { readonly kind: 'upsert'; readonly keyPerson: MatchingKeyPerson }
  | { readonly kind: 'remove'; readonly id: string }
  | { readonly kind: 'load'; readonly id: string; readonly load: number };

const change: fc.Arbitrary<Change> = fc.oneof(
  arb.keyPerson(fc.constantFrom(...arb.KEY_PERSON_IDS)).map((keyPerson): Change => ({ kind: 'upsert', keyPerson })),
  fc.constantFrom(...arb.KEY_PERSON_IDS).map((id): Change => ({ kind: 'remove', id })),
  fc.record({ id: fc.constantFrom(...arb.KEY_PERSON_IDS), load: fc.integer({ min: 0, max: 6 }) }).map(({ id, load }): Change => ({ kind: 'load', id, load })),
);

/** What the index should hold after the changes: the same operations on a plain map. */
function applyPlain(start: readonly MatchingKeyPerson[], changes: readonly Change[]): MatchingKeyPerson[] {
  const byId = new Map(start.map((k) => [k.id, k]));
  for (const c of changes) {
    if (c.kind === 'upsert') byId.set(c.keyPerson.id, c.keyPerson);
    if (c.kind === 'remove') byId.delete(c.id);
    const current = c.kind === 'load' ? byId.get(c.id) : undefined;
    if (current !== undefined && c.kind === 'load') byId.set(c.id, { ...current, load: c.load });
  }
  return [...byId.values()];
}

/** An index built from `start`, then changed. */
function indexAfter(start: readonly MatchingKeyPerson[], changes: readonly Change[]): CandidateIndex {
  const index = new CandidateIndex(start);
  for (const c of changes) {
    if (c.kind === 'upsert') index.upsert(c.keyPerson);
    if (c.kind === 'remove') index.remove(c.id);
    if (c.kind === 'load') index.setLoad(c.id, c.load);
  }
  return index;
}

describe('CandidateIndex.rank', () => {
  it('equals plain rank over all its key persons, cut to the limit', () => {
    fc.assert(
      fc.property(arb.rankingInput(), limit, ({ newcomer, candidates, policy, now }, max) => {
        const plain = rank(newcomer, candidates, policy, now);
        const indexed = new CandidateIndex(candidates).rank(newcomer, policy, now, { limit: max });
        expect(indexed).toEqual({ ...plain, ranking: plain.ranking.slice(0, max ?? plain.ranking.length) });
      }),
      runs,
    );
  });

  it('equals plain rank for a newcomer who prefers a gender without requiring it, under a policy that weighs gender', () => {
    const preferring = fc.tuple(arb.rankingInput(), fc.constantFrom('female' as const, 'male' as const), arb.policyWeighingGender)
      .map(([input, gender, policy]) => ({ ...input, newcomer: arb.preferringGender(input.newcomer, gender), policy }));
    fc.assert(
      fc.property(preferring, limit, ({ newcomer, candidates, policy, now }, max) => {
        const plain = rank(newcomer, candidates, policy, now);
        const indexed = new CandidateIndex(candidates).rank(newcomer, policy, now, { limit: max });
        expect(indexed).toEqual({ ...plain, ranking: plain.ranking.slice(0, max ?? plain.ranking.length) });
        expect(new CandidateIndex(candidates).feasibleScores(newcomer, policy, now).scores).toEqual(plain.ranking.map(({ keyPersonId, score }) => ({ keyPersonId, score })));
      }),
      runs,
    );
  });

  it('stays equal to plain rank through upserts, removals and load changes', () => {
    fc.assert(
      fc.property(arb.rankingInput(), fc.array(change, { maxLength: 40 }), limit, ({ newcomer, candidates, policy, now }, changes, max) => {
        const index = indexAfter(candidates, changes);
        const plain = rank(newcomer, applyPlain(candidates, changes), policy, now);
        expect(index.size).toBe(plain.considered);
        expect(index.rank(newcomer, policy, now, { limit: max })).toEqual({ ...plain, ranking: plain.ranking.slice(0, max ?? plain.ranking.length) });
      }),
      runs,
    );
  });

  it('scores every feasible key person as the ranking does, without explanations', () => {
    fc.assert(
      fc.property(arb.rankingInput(), fc.array(change, { maxLength: 20 }), ({ newcomer, candidates, policy, now }, changes) => {
        const index = indexAfter(candidates, changes);
        const plain = rank(newcomer, applyPlain(candidates, changes), policy, now);
        expect(index.feasibleScores(newcomer, policy, now)).toEqual({
          scores: plain.ranking.map(({ keyPersonId, score }) => ({ keyPersonId, score })),
          considered: plain.considered,
          excluded: plain.excluded,
        });
      }),
      runs,
    );
  });

  it('answers many newcomers in a row from one index, as a worker does', () => {
    fc.assert(
      fc.property(arb.keyPersons(40), fc.array(fc.record({ newcomer: arb.newcomer, policy: arb.policy, now: arb.now }), { minLength: 2, maxLength: 5 }), (keyPersons, requests) => {
        const index = new CandidateIndex(keyPersons);
        for (const { newcomer, policy, now } of requests) expect(index.rank(newcomer, policy, now)).toEqual(rank(newcomer, keyPersons, policy, now));
      }),
      { numRuns: 100 },
    );
  });
});
