import { Injectable } from '@nestjs/common';
import { evolveKeyPerson, initialKeyPersonState, KEY_PERSON_CATEGORY, KeyPersonEvent, KeyPersonState } from '@sleutel/domain';
import { CheckpointedSubscription, EventStore, InMemoryCheckpointStore, RecordedEvent } from '@sleutel/event-store';
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
@Injectable()
export class CandidatePool {
  readonly index = new CandidateIndex();
  private readonly keyPersons = new Map<string, KeyPersonState>();
  private policyState: ScoringPolicyState = scoringPolicyDecider.initialState();
  private subscription: CheckpointedSubscription | null = null;
  private applied = 0;

  /** Follows the log through the platform's codec (personal data opened; an erased key person's earlier events skipped). */
  async start(store: EventStore, codec: EventCodec = identityCodec): Promise<void> {
    this.subscription = await CheckpointedSubscription.start({
      store,
      checkpoints: new InMemoryCheckpointStore(),
      subscriber: 'candidate-pool',
      filter: { streamPrefixes: [`${KEY_PERSON_CATEGORY}-`, SCORING_POLICY_STREAM] },
      handle: async (event) => {
        const decoded = await codec.decode(event);
        if (isReadable(codec, decoded)) this.apply(decoded);
      },
      checkpointEvery: 1000,
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

  keyPerson(id: string): KeyPersonState | undefined {
    return this.keyPersons.get(id);
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
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
