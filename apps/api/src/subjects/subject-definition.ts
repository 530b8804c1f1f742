import { DomainCommand, DomainEvent } from '@sleutel/domain';
import { AggregateType } from '@sleutel/eventsourcing';
import { SubjectKind } from '@sleutel/projections';

/**
 * What differs between newcomers and key persons over HTTP; everything else
 * (idempotent create, scoped reads, If-Match changes, lists) is one flow in
 * SubjectService.
 */
export interface SubjectDefinition<Command extends DomainCommand, Event extends DomainEvent, State, Body, View> {
  readonly kind: SubjectKind;
  /** For messages: "newcomer", "key person". */
  readonly label: string;
  /** Path segment under /api/v1, for Location headers. */
  readonly path: string;
  readonly aggregate: AggregateType<Command, Event, State>;
  stream(id: string): string;
  registration(id: string, at: string, body: Body): Command;
  /** The commands a PATCH body stands for, one per section it names. */
  changes(id: string, at: string, body: Partial<Body>): Command[];
  isRegistered(state: State): boolean;
  /** For an erased subject, the 410 Gone its reads answer with; null otherwise. */
  erasure(state: State): Error | null;
  /**
   * Whether an event changes what a person sees of the subject. The matcher's
   * bookkeeping on the same stream (reservations, deferrals) does not, so it
   * does not move the revision a client holds in its ETag.
   */
  isProfileEvent(type: string): boolean;
  municipalityOf(state: State): string;
  /** What a list's `status=` and `language=` find the subject by, as the log has it now. */
  statusOf(state: State): string;
  languagesOf(state: State): readonly string[];
  view(id: string, state: State, revision: number): View;
}
