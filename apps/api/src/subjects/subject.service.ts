import { randomUUID } from 'node:crypto';
import { Principal } from '@sleutel/auth';
import { DomainCommand, DomainError, DomainEvent } from '@sleutel/domain';
import { CommandContext, CommandRunner, derivedId, StaleRevisionError } from '@sleutel/eventsourcing';
import { KeyStore } from '@sleutel/privacy';
import { DirectoryProjection } from '@sleutel/projections';
import { decodeCursor, encodeCursor } from '../common/page-cursor';
import { idempotentName, IdempotencyKeys } from '../common/idempotency-key';
import { ProblemException } from '../common/problem';
import { assertMayPlaceIn, inScope, notFound } from '../common/auth/municipality-scope';
import { failpoint } from '../common/failpoint';
import { SubjectDefinition } from './subject-definition';

export interface Versioned<View> {
  readonly view: View;
  readonly revision: number;
}

export interface ListFilters {
  readonly status?: string;
  readonly municipality?: string;
  readonly language?: string;
  readonly cursor?: string;
  readonly limit?: number;
}

/** Waits until the read side has seen a log position (read-your-writes). */
export interface ReadSide {
  readonly directory: DirectoryProjection;
  waitFor(position: number): Promise<void>;
}

/**
 * The HTTP use cases of a subject (newcomer or key person) on top of the
 * command runner: create with Idempotency-Key, read with municipality scope,
 * change under If-Match, lifecycle commands, and cursor-paged lists.
 */
export class SubjectService<C extends DomainCommand, E extends DomainEvent, S, Body extends object, View> {
  constructor(
    private readonly definition: SubjectDefinition<C, E, S, Body, View>,
    private readonly runner: CommandRunner,
    private readonly readSide: ReadSide,
    private readonly idempotency: IdempotencyKeys,
    /** The data keys of the people registered, which key a registration's fingerprint. */
    private readonly dataKeys: KeyStore,
  ) {}

  async register(principal: Principal, body: Body, context: (idempotency?: { key: string; fingerprint: string }) => CommandContext, key?: string): Promise<Versioned<{ id: string }>> {
    assertMayPlaceIn(principal, (body as { municipality?: unknown }).municipality);
    const { definition } = this;
    if (key === undefined) {
      const id = randomUUID();
      return this.create(id, body, context());
    }
    const id = derivedId(idempotentName(definition.kind, principal.subject, key));
    const subject = { type: definition.kind, id };
    // The key the registration is sealed under keys the body's fingerprint. Held already: an earlier request with
    // this Idempotency-Key may have registered the subject, and is answered first.
    const held = await this.dataKeys.get(subject);
    if (held === null) {
      // A body the domain refuses is refused before a key is made for a person who then does not exist.
      definition.aggregate.decider.decide(definition.registration(id, new Date().toISOString(), body), definition.aggregate.decider.initialState());
    } else if (held.status === 'active') {
      const earlier = await this.firstAnswer(id, key, (stored) => this.idempotency.sameSubjectBody(stored, body, held.key));
      if (earlier) return earlier;
    }
    const lookup = held ?? (await this.dataKeys.getOrCreate(subject));
    // Erased (before the look, or since): the log says so first (410 whatever the body), before any fingerprint is compared.
    if (lookup.status === 'destroyed') return (await this.firstAnswer(id, key, () => false)) ?? this.create(id, body, context());
    const sameBody = (stored: string | undefined) => this.idempotency.sameSubjectBody(stored, body, lookup.key);
    const fingerprint = this.idempotency.subjectFingerprint(body, lookup.key);
    try {
      await this.create(id, body, context({ key, fingerprint }));
    } catch (error) {
      // Another request with this key registered the subject since we looked.
      if (!(error instanceof DomainError && error.code.endsWith('.ALREADY_REGISTERED'))) throw error;
    }
    // Racing requests with one key derive equal event ids, so the store kept only
    // the first: answer with what was stored, or 422 if that was another body.
    const stored = await this.firstAnswer(id, key, sameBody);
    if (!stored) throw new Error(`Registration of ${definition.label} ${id} left no event`);
    return stored;
  }

  /** The subject as the principal may see it; 404 when unknown or out of scope, 410 Gone once erased (SPEC §9). */
  async get(principal: Principal, id: string): Promise<Versioned<View>> {
    const found = await this.find(principal, id);
    if (found === null) throw notFound(this.definition.label);
    if ('gone' in found) throw found.gone;
    return found;
  }

  /** The subject as the log has it now; null when unknown, out of the principal's scope or not one `fits`. */
  private async find(principal: Principal, id: string, fits: (state: S) => boolean = () => true): Promise<Versioned<View> | { gone: Error } | null> {
    const loaded = await this.runner.load(this.definition.aggregate, this.definition.stream(id));
    if (!this.definition.isRegistered(loaded.state) || !inScope(principal, this.definition.municipalityOf(loaded.state))) return null;
    if (!fits(loaded.state)) return null;
    const gone = this.definition.erasure(loaded.state);
    if (gone !== null) return { gone };
    const revision = this.revisionOf(loaded.events);
    return { view: this.definition.view(id, loaded.state, revision), revision };
  }

  async change(principal: Principal, id: string, body: Partial<Body>, context: CommandContext, expectedRevision: number | undefined): Promise<Versioned<View>> {
    assertMayPlaceIn(principal, (body as { municipality?: unknown }).municipality);
    if (this.definition.changes(id, '', body).length === 0) {
      throw new ProblemException(400, 'REQUEST.INVALID', 'Bad Request', 'Name at least one section to change.', [
        { field: 'body', rule: 'min-properties', message: 'must name at least one section' },
      ]);
    }
    return this.execute(principal, id, (now) => this.definition.changes(id, now, body), context, expectedRevision);
  }

  /** A lifecycle command (withdraw, pause, resume, retire); If-Match optional. */
  async execute(principal: Principal, id: string, build: (now: string) => C[], context: CommandContext, expectedRevision?: number): Promise<Versioned<View>> {
    const { definition } = this;
    const stream = definition.stream(id);
    let before = -1;
    const outcome = await this.runner.run(
      definition.aggregate,
      stream,
      (_state, now) => build(now),
      context,
      {
        // Unknown or out of scope, then erased, then a stale If-Match: an erased subject is 410 whatever revision is named.
        // If-Match names the profile revision; the matcher may have appended bookkeeping since.
        precondition: ({ state, events }) => {
          if (!definition.isRegistered(state) || !inScope(principal, definition.municipalityOf(state))) throw notFound(definition.label);
          const gone = definition.erasure(state);
          if (gone !== null) throw gone;
          before = this.revisionOf(events);
          if (expectedRevision !== undefined && expectedRevision !== before) throw new StaleRevisionError(stream, expectedRevision, before);
        },
      },
    );
    if (outcome.position !== null) await this.readSide.waitFor(outcome.position);
    const revision = before + outcome.appended;
    return { view: definition.view(id, outcome.state, revision), revision };
  }

  async list(principal: Principal, filters: ListFilters): Promise<{ items: View[]; nextCursor: string | null }> {
    const limit = filters.limit ?? 20;
    const scope = principal.municipalities;
    const municipalities = filters.municipality
      ? (scope === null || scope.includes(filters.municipality) ? [filters.municipality] : [])
      : scope;
    const page = this.readSide.directory.list({
      kind: this.definition.kind,
      status: filters.status,
      language: filters.language,
      municipalities,
      after: decodeCursor(filters.cursor),
      limit,
    });
    // The directory may be behind the log (an erasure, a withdrawal, a pause or a move to another municipality
    // between that read and these, or made by another process its read side has not reached): each entry is as the
    // log has it now, and one erased, out of scope or no longer fitting the filters there is left out; the cursor
    // still follows the directory, so nothing is skipped.
    const { definition } = this;
    const fits = (state: S) => (filters.status === undefined || definition.statusOf(state) === filters.status)
      && (filters.municipality === undefined || definition.municipalityOf(state) === filters.municipality)
      && (filters.language === undefined || definition.languagesOf(state).includes(filters.language));
    const found = await Promise.all(page.entries.map((entry) => this.find(principal, entry.id, fits)));
    const items = found.flatMap((subject) => (subject === null || 'gone' in subject ? [] : [subject.view]));
    const last = page.entries[page.entries.length - 1];
    return { items, nextCursor: page.more && last ? encodeCursor(last.registeredPosition) : null };
  }

  /** The subject's revision as clients see it: its profile and status events, counted from 0. */
  private revisionOf(events: readonly { type: string }[]): number {
    return events.filter((event) => this.definition.isProfileEvent(event.type)).length - 1;
  }

  private async create(id: string, body: Body, context: CommandContext): Promise<Versioned<{ id: string }>> {
    const outcome = await this.runner.run(
      this.definition.aggregate,
      this.definition.stream(id),
      (_state, now) => [this.definition.registration(id, now, body)],
      context,
      // Drawn at random, or derived from an Idempotency-Key that register() has just looked up: its stream is new
      // unless a racing request registered it since, which the append's conflict finds.
      { assumeNew: true },
    );
    failpoint('exit-after-register-append');
    if (outcome.position !== null) await this.readSide.waitFor(outcome.position);
    return { view: { id }, revision: outcome.revision };
  }

  /**
   * The answer to an earlier create with this key: same body → the first answer, other body → 422; 410 Gone, whatever
   * the body, once the subject was erased — else comparing answers would tell which body had been the person's data.
   */
  private async firstAnswer(id: string, key: string, sameBody: (stored: string | undefined) => boolean): Promise<Versioned<{ id: string }> | null> {
    const { state, events } = await this.runner.load(this.definition.aggregate, this.definition.stream(id));
    if (events.length === 0) return null;
    const gone = this.definition.erasure(state);
    if (gone !== null) throw gone;
    const first = events[0];
    if (first.metadata.idempotency?.key !== key || !sameBody(first.metadata.idempotency.fingerprint)) throw IdempotencyKeys.reused();
    // A 201 like the first, so read-your-writes like the first: the registration may have been made by another
    // replica (or by a request here still waiting), which this one's read models have not reached yet.
    await this.readSide.waitFor(first.position);
    return { view: { id }, revision: first.revision };
  }
}
