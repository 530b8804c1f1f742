import { CheckpointedSubscription, CheckpointStore, EventFilter, EventStore, RecordedEvent } from '@sleutel/event-store';
import { SCORING_POLICY_STREAM } from '@sleutel/matching';
import { AnyJobSpec, JobQueue } from '@sleutel/queue';
import { JobCause, MatcherJobs } from './matcher.jobs';

/** Newcomer events after which the newcomer may need (another) proposal. */
const MATCH_REQUEST_CAUSES = new Set([
  'NewcomerRegistered', 'NewcomerMatchingRequested', 'NewcomerPersonalDetailsChanged', 'NewcomerResidenceChanged',
  'NewcomerLanguagesChanged', 'NewcomerOriginChanged', 'NewcomerNeedsChanged', 'NewcomerAvailabilityChanged',
  'NewcomerPreferencesChanged', 'NewcomerDoNotMatchChanged',
]);
/** Match events after which something must be released or checked. */
const SETTLE_CAUSES = new Set(['MatchProposed', 'MatchAccepted', 'MatchRejected', 'MatchDeclined', 'MatchExpired', 'MatchEnded', 'MatchWithdrawn']);
/**
 * Events after which a waiting newcomer may have a candidate now: new places,
 * and any key-person change a hard constraint reads (gender for a required
 * gender, origin for "same origin: no").
 */
const RETRY_CAUSES = new Set([
  'KeyPersonRegistered', 'KeyPersonResumed', 'KeyPersonCapacityChanged', 'KeyPersonCapacityReleased', 'KeyPersonLanguagesChanged',
  'KeyPersonAvailabilityChanged', 'KeyPersonResidenceChanged', 'KeyPersonExpertiseChanged', 'KeyPersonPersonalDetailsChanged',
  'KeyPersonOriginChanged', 'ScoringPolicyChanged',
]);

/**
 * Profile changes after which a pair already proposed may break a hard
 * constraint between the two people (a new do-not-match entry, a required
 * gender, a language, availability or residence that no longer fits).
 */
const RECHECK_CAUSES = new Set([
  'NewcomerDoNotMatchChanged', 'NewcomerPreferencesChanged', 'NewcomerLanguagesChanged', 'NewcomerAvailabilityChanged',
  'NewcomerResidenceChanged', 'NewcomerOriginChanged', 'KeyPersonPersonalDetailsChanged', 'KeyPersonLanguagesChanged',
  'KeyPersonAvailabilityChanged', 'KeyPersonResidenceChanged', 'KeyPersonOriginChanged',
]);

const RETRY_DELAY_MS = 1000;

/**
 * When the matcher proposes by itself (SPEC §5). `on-demand`: at intake, after
 * a profile change, a failed or withdrawn match, or new capacity. `cohort`: only when asked
 * (`POST /newcomers/{id}/match-requests`); everyone else waits for the next
 * cohort run, so that a month's arrivals are assigned together, optimally.
 */
export type MatchingMode = 'on-demand' | 'cohort';
export const MATCHING_MODES: readonly MatchingMode[] = ['on-demand', 'cohort'];

export const RELAY_EVENT_TYPES = [
  ...new Set([...MATCH_REQUEST_CAUSES, ...SETTLE_CAUSES, ...RETRY_CAUSES, ...RECHECK_CAUSES]), 'NewcomerMatchReleased', 'NewcomerWithdrawn', 'KeyPersonRetired', 'KeyPersonPaused', 'CohortRunStarted',
  'NewcomerErased', 'KeyPersonErased',
];

/**
 * Turns causes in the log into matcher jobs (ARCHITECTURE: "process manager →
 * match-request job, id = cause event id"). It follows the log with a
 * checkpointed subscription and adds each job before moving its checkpoint,
 * so nothing is skipped; a job added twice is added once (its id is derived
 * from the cause), so nothing is doubled either.
 */
export function jobFor(event: RecordedEvent, mode: MatchingMode = 'on-demand'): AnyJobSpec<MatcherJobs> | null {
  const cause = causeOf(event);
  const data = event.data as { newcomerId?: string; matchId?: string; outcome?: string };
  if (mode === 'cohort' && !proposesInCohortMode(event.type)) return null;
  if (MATCH_REQUEST_CAUSES.has(event.type)) {
    return { name: 'match-request', id: `match-request-${event.id}`, data: { ...cause, newcomerId: data.newcomerId! } };
  }
  if (event.type === 'NewcomerMatchReleased') {
    // A failed, cancelled or withdrawn match puts the newcomer back in line; an ended one does not. A proposal is
    // withdrawn under a waiting newcomer when their key person retires or is erased, or the pair no longer fits:
    // the retry of the waiting list the freed place causes is no substitute, as it may read the list before this
    // release. A newcomer withdrawn themselves is then not waiting, and the request comes to nothing.
    if (data.outcome === 'ended') return null;
    return { name: 'match-request', id: `match-request-${event.id}`, data: { ...cause, newcomerId: data.newcomerId! } };
  }
  // An erased newcomer is withdrawn and an erased key person retired: the same settling follows (an erasure closes accepted matches too).
  if (event.type === 'NewcomerWithdrawn' || event.type === 'NewcomerErased') {
    const erased = event.type === 'NewcomerErased' ? { erased: true } : {};
    return { name: 'withdraw-matches', id: `withdraw-matches-${event.id}`, data: { ...cause, newcomerId: data.newcomerId!, ...erased } };
  }
  if (event.type === 'CohortRunStarted') {
    const runId = (event.data as { runId: string }).runId;
    return { name: 'cohort-run', id: `cohort-run-${event.id}`, data: { ...cause, runId } };
  }
  // A paused key person answers no proposal until resumed: those awaiting an answer are withdrawn, as at retirement.
  if (event.type === 'KeyPersonRetired' || event.type === 'KeyPersonErased' || event.type === 'KeyPersonPaused') {
    const keyPersonId = (event.data as { keyPersonId: string }).keyPersonId;
    const why = event.type === 'KeyPersonErased' ? { erased: true } : event.type === 'KeyPersonPaused' ? { paused: true } : {};
    return { name: 'withdraw-proposals', id: `withdraw-proposals-${event.id}`, data: { ...cause, keyPersonId, ...why } };
  }
  if (SETTLE_CAUSES.has(event.type)) {
    return { name: 'settle-match', id: `settle-match-${event.id}`, data: { ...cause, matchId: data.matchId! } };
  }
  if (RETRY_CAUSES.has(event.type) || event.streamId === SCORING_POLICY_STREAM) {
    // A job per cause; the looks at the waiting list are shared (waiting-list.ts), so a burst of registrations or
    // released places costs one look, not one per cause.
    return { name: 'retry-waiting', id: `retry-waiting-${event.id}`, data: cause };
  }
  return null;
}

/**
 * A profile change that may break a pair already proposed: one check of that
 * person's open pairs, in both modes (a proposal must not stand against a new
 * do-not-match entry while the newcomer waits for a cohort run either).
 */
export function recheckFor(event: RecordedEvent): AnyJobSpec<MatcherJobs> | null {
  if (!RECHECK_CAUSES.has(event.type)) return null;
  const cause = causeOf(event);
  const { newcomerId, keyPersonId } = event.data as { newcomerId?: string; keyPersonId?: string };
  const whose = newcomerId !== undefined ? { newcomerId } : { keyPersonId: keyPersonId! };
  return { name: 'recheck-pairs', id: `recheck-pairs-${event.id}`, data: { ...cause, ...whose } };
}

/** Every job an event causes: its matching job, if any, and a check of pairs already proposed. */
export function jobsFor(event: RecordedEvent, mode: MatchingMode = 'on-demand'): AnyJobSpec<MatcherJobs>[] {
  return [jobFor(event, mode), recheckFor(event)].filter((job): job is AnyJobSpec<MatcherJobs> => job !== null);
}

/** Where a job's cause sits in the log, and the correlation id it carries on. */
const causeOf = (event: RecordedEvent): JobCause => ({ causePosition: event.position, causeEventId: event.id, correlationId: event.metadata.correlationId });

/** In cohort mode only an explicit request asks for a proposal at once; what settles or withdraws still runs. */
function proposesInCohortMode(type: string): boolean {
  if (type === 'NewcomerMatchingRequested') return true;
  return !MATCH_REQUEST_CAUSES.has(type) && !RETRY_CAUSES.has(type) && type !== 'NewcomerMatchReleased' && type !== 'ScoringPolicyChanged';
}

export class MatchRequestRelay {
  /** The events the relay reads; its subscription is filtered so, and its lag counted so. */
  readonly filter: EventFilter = { eventTypes: RELAY_EVENT_TYPES };
  private subscription: CheckpointedSubscription | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly queue: JobQueue<MatcherJobs>,
    private readonly mode: MatchingMode = 'on-demand',
  ) {}

  async start(): Promise<void> {
    this.subscription = await CheckpointedSubscription.start({
      store: this.store,
      checkpoints: this.checkpoints,
      subscriber: 'relay:matcher-jobs',
      filter: this.filter,
      handle: async (event) => {
        for (const job of jobsFor(event, this.mode)) {
          // A retry waits a moment, so that the look it takes covers the rest of a burst.
          await this.queue.add(job, job.name === 'retry-waiting' ? { delayMs: RETRY_DELAY_MS } : {});
        }
      },
    });
  }

  get position(): number | null {
    return this.subscription?.position ?? null;
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
  }
}
