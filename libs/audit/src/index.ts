/**
 * @sleutel/audit: what auditors use to prove who did what and why (SPEC §6).
 *
 * - `readLogPage`: the global log in order, events exactly as stored.
 * - `subjectTrail`: one newcomer's, key person's or match's events, from the streams themselves.
 * - `stateAsOf`: a subject's state at a past time or log position, folded by the domain's own rules; a match's
 *   with what an erasure since made unreadable as `{ erased: true }` (`matchAsOf`).
 * - `explainProposal`: a proposal's stored explanation, its score and its ranking computed again (SPEC §4.7);
 *   after an erasure it says whose stopped the reproduction, and `compareRanking` which differences key persons
 *   erased since account for (`erasedSince`, `unexplained`). Erasures are read from the log, nothing decoded.
 * - `verifyHashChains`: every stream's hash chain recomputed from the stored bytes; `LogDigestFollower`, the log digest kept current for anchors.
 * - `replayProjections` / `ReplayRegistry`: every projection rebuilt from zero and compared by digest with the live one;
 *   `RedisReplayBoard` shares the reports and the one running slot between API processes.
 * - `exportLog`: history as NDJSON.
 */
export * from './audit-event';
export * from './audit-subject';
export * from './event-log';
export * from './subject-trail';
export * from './as-of';
export * from './match-as-of';
export * from './proposal-reproduction';
export * from './ranking-reproduction';
export * from './ranking-comparison';
export * from './hash-chain-verifier';
export * from './log-digest-follower';
export * from './projection-replay';
export * from './replay-registry';
export * from './redis-replay-board';
export * from './log-export';
