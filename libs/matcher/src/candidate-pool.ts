import { Injectable, Logger } from '@nestjs/common';
import { evolveKeyPerson, initialKeyPersonState, KEY_PERSON_CATEGORY, KeyPersonEvent, KeyPersonState } from '@sleutel/domain';
import { CheckpointedSubscription, EventFilter, EventStore, InMemoryCheckpointStore, noneOfFilterUpTo, RecordedEvent } from '@sleutel/event-store';
import { EventCodec, identityCodec, isReadable } from '@sleutel/eventsourcing';
import {
  CandidateIndex, MatchingKeyPerson, SCORING_POLICY_STREAM, ScoringPolicy, ScoringPolicyEvent, ScoringPolicyState,
  scoringPolicyDecider,
} from '@sleutel/matching';

/**
 * This worker's view of every key person and of the scoring policy, folded
 * from the log with the domain's own `evolve` (so the matcher and the
 * deciders can never disagree about a key person's state) and kept current by
 * a subscription that continues live. It lives in memory and is rebuilt from
 * the log at start: the log is the only source of truth.
 */
/** The streams the pool folds: every key person's and the scoring policy's. */
const POOL_STREAMS = { streamPrefixes: [`${KEY_PERSON_CATEGORY}-`, SCORING_POLICY_STREAM] };

@Injectable()
export class CandidatePool {
  private readonly logger = new Logger('candidate-pool');
  readonly index = new CandidateIndex();
  /** The streams the pool reads; its subscription is filtered so, and its lag counted so. */
  readonly filter: EventFilter = POOL_STREAMS;
  private readonly keyPersons = new Map<string, KeyPersonState>();
  private policyState: ScoringPolicyState = scoringPolicyDecider.initialState();
  private subscription: CheckpointedSubscription | null = null;
  private store: EventStore | null = null;
  private applied = 0;
  /** The position of the last event of the pool's streams handled, folded or (erased) skipped. */
  private handled = -1;

  /** Follows the log through the platform's codec (personal data opened; an erased key person's earlier events skipped). */
  async start(store: EventStore, codec: EventCodec = identityCodec): Promise<void> {
    this.store = store;
    this.subscription = await CheckpointedSubscription.start({
      store,
      checkpoints: new InMemoryCheckpointStore(),
      subscriber: 'candidate-pool',
      filter: POOL_STREAMS,
      handle: async (event) => {
        const decoded = await codec.decode(event);
        if (isReadable(codec, decoded)) this.apply(decoded);
        // After the index has it: while it is being opened, a job must not take the pool to hold it already.
        this.handled = Math.max(this.handled, event.position);
      },
      checkpointEvery: 1000,
      // The subscription retries by itself; say so, or a pool stuck on an event it cannot read (and the worker, which
      // waits for it) shows only as lag. Codes and positions only, no event data.
      onError: (error, attempt) => this.logger.warn(`candidate pool: ${error.name} after position ${this.position}, resubscribing (attempt ${attempt})`),
    });
  }

  get policy(): ScoringPolicy {
    return this.policyState.current;
  }

  /** The policy of a given version, for scoring a proposal again. */
  policyVersion(version: number): ScoringPolicy | undefined {
    return this.policyState.versions.get(version);
  }

  /** Log position up to which the subscription has handled every event (for waiting and lag). */
  get position(): number {
    return this.subscription?.position ?? 0;
  }

  /**
   * The position of the last event folded into the index: exactly what a
   * ranking read, recorded with each proposal so it can be scored again
   * (SPEC §4.7). Set in the same synchronous step as the index changes, so
   * it never runs ahead of or behind the index, as the subscription's own
   * position can for the moment between handling an event and advancing.
   */
  get indexPosition(): number {
    return this.applied;
  }

  /** Wait (bounded) until the pool includes `position`, e.g. the event that caused a job. */
  async waitFor(position: number, timeoutMs: number): Promise<boolean> {
    return (await this.subscription?.waitForPosition(position, timeoutMs)) ?? false;
  }

  /**
   * `waitFor`, failing the job when the pool does not get there in time (a
   * worker just started, still reading the log from its start): a ranking
   * of a partial pool would record a deferral or a worse proposal as if
   * nobody better existed. The queue tries the job again later.
   */
  async catchUp(position: number, timeoutMs: number): Promise<void> {
    if (!(await this.reached(position, timeoutMs))) throw new CandidatePoolBehindError(this.position, position);
  }

  /** Whether the pool holds everything of its streams up to `position`, waiting (bounded) for it to get there. */
  async reached(position: number, timeoutMs: number): Promise<boolean> {
    if (await this.waitFor(position, timeoutMs)) return true;
    // At a quiet end of a log filtered on the server the subscription may not say it got there (`noneOfFilterUpTo`).
    return this.store !== null && (await noneOfFilterUpTo(this.store, POOL_STREAMS, this.handled, position));
  }

  keyPerson(id: string): KeyPersonState | undefined {
    return this.keyPersons.get(id);
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
    this.store = null;
  }

  apply(event: RecordedEvent): void {
    this.applied = Math.max(this.applied, event.position);
    if (event.streamId === SCORING_POLICY_STREAM) {
      this.policyState = scoringPolicyDecider.evolve(this.policyState, event as unknown as ScoringPolicyEvent);
      return;
    }
    const id = event.streamId.slice(KEY_PERSON_CATEGORY.length + 1);
    const state = evolveKeyPerson(this.keyPersons.get(id) ?? initialKeyPersonState(), event as unknown as KeyPersonEvent);
    this.keyPersons.set(id, state);
    const candidate = toCandidate(id, state);
    if (candidate) this.index.upsert(candidate);
    else this.index.remove(id);
  }
}

export function toCandidate(id: string, state: KeyPersonState): MatchingKeyPerson | null {
  const { profile } = state;
  if (profile === null || state.status === 'unregistered') return null;
  return {
    id,
    gender: profile.gender,
    municipality: profile.municipality,
    postcodeArea: profile.postcodeArea,
    travelRadiusKm: profile.travelRadiusKm,
    remoteOnly: profile.remoteOnly,
    languages: profile.languages,
    origin: profile.origin,
    expertise: profile.expertise,
    capacity: profile.capacity,
    load: state.reservations.length,
    status: state.status,
    availability: profile.availability,
  };
}

/** What follows the log and can say whether it has read it up to a position (the candidate pool, the read side). */
export interface LogFollower {
  reached(position: number, timeoutMs: number): Promise<boolean>;
}

/**
 * Waits, for as long as it takes, until every follower has read the log up
 * to `position` (its head when a worker started): the worker takes no job
 * before, so the jobs waiting in the queue when it starts, however long a
 * long log takes to read, are not failed and tried again until the queue
 * gives up on them. False when `stopped` said so first.
 */
export async function untilReached(
  followers: readonly LogFollower[], position: number, stopped: () => boolean, onWaiting: (error?: unknown) => void = () => {},
): Promise<boolean> {
  while (!stopped()) {
    try {
      let all = true;
      for (const follower of followers) all = all && (await follower.reached(position, 1_000));
      if (all) return true;
      onWaiting();
    } catch (error) {
      // A look at the log that failed (an EventStoreDB leader change): the followers retry by themselves, and so does this.
      onWaiting(error);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
  return false;
}

/** The candidate pool had not read the log up to a job's cause in time; the job is tried again. */
export class CandidatePoolBehindError extends Error {
  constructor(readonly reached: number, readonly needed: number) {
    super(`The candidate pool has read the log up to ${reached}, not yet up to ${needed}: the job is tried again later`);
    this.name = 'CandidatePoolBehindError';
  }
}
