import { Body, Controller, HttpCode, Inject, Logger, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal } from '@sleutel/auth';
import {
  EraseKeyPerson, EraseNewcomer, ErasureBasis, KeyPersonCommand, keyPersonStream, NewcomerCommand, newcomerStream, RECORDED_ERASURE_BASES,
} from '@sleutel/domain';
import { RecordedEvent } from '@sleutel/event-store';
import { CommandRunner, LoadedAggregate } from '@sleutel/eventsourcing';
import { KEY_STORE, keyPersonAggregate, newcomerAggregate, ReadSide } from '@sleutel/platform';
import { DataSubject, KeyStore, KeyStoreUnavailableError } from '@sleutel/privacy';
import { AuthenticatedRequest } from '../common/auth/auth.guard';
import { inScope, notFound } from '../common/auth/municipality-scope';
import { CurrentPrincipal } from '../common/auth/principal.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { commandContextFrom } from '../common/command-context.factory';
import { ProblemException } from '../common/problem';
import { ApiProblems } from '../common/problem.dto';
import { EraseRequest, ErasureResponse } from './erasure.dto';

/**
 * Erasure by crypto-shredding (SPEC §7): the erasure event is appended (ids,
 * times, a basis code), then the subject's data key is destroyed, which makes
 * every personal field of every earlier event unreadable — in the log, its
 * backups and any export — while the log and its hash chain stay whole. The
 * matcher withdraws open proposals (as for a withdrawal or retirement), the
 * read models drop the subject. Idempotent: asking again destroys again and
 * answers the same (to an admin limited to some municipalities, only after an
 * erasure of their own: anyone else's erased subject is an id they cannot see).
 */
@ApiTags('erasures')
@Controller('erasures')
export class ErasuresController {
  private readonly logger = new Logger('erasures');

  constructor(
    private readonly runner: CommandRunner,
    private readonly readSide: ReadSide,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
  ) {}

  @Post()
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: "Erase a newcomer's or key person's personal data for good" })
  @ApiProblems(400, 404, 503)
  @ApiOkResponse({ type: ErasureResponse })
  async erase(@Body() body: EraseRequest, @CurrentPrincipal() principal: Principal, @Req() request: AuthenticatedRequest): Promise<ErasureResponse> {
    const { subjectType, subjectId } = body;
    const basis: ErasureBasis = body.basis ?? 'data-subject-request';
    const context = commandContextFrom(request);
    // Checked on the stream as loaded, before anything is decided or any key destroyed (a key store that does not
    // answer would tell a 503 from the 404 of an id that never existed).
    const precondition = <S extends ErasableState>({ state, events }: LoadedAggregate<S>) => this.assertErasable(principal, state, events);
    const outcome = subjectType === 'newcomer'
      ? await this.runner.run(newcomerAggregate, newcomerStream(subjectId), (_state, at): NewcomerCommand[] =>
        [{ type: 'EraseNewcomer', data: { newcomerId: subjectId, at, basis } } satisfies EraseNewcomer], context, { precondition })
      : await this.runner.run(keyPersonAggregate, keyPersonStream(subjectId), (_state, at): KeyPersonCommand[] =>
        [{ type: 'EraseKeyPerson', data: { keyPersonId: subjectId, at, basis } } satisfies EraseKeyPerson], context, { precondition });
    // After the event, never before: a reader must never meet unreadable events without the erasure that explains them.
    await this.destroyKey({ type: subjectType, id: subjectId });
    if (outcome.position !== null) await this.readSide.waitFor(outcome.position);
    // Asked again: answered as it was recorded the first time, whatever basis this request names (it records nothing).
    const recorded = outcome.appended === 0 ? await this.recordedBasis(subjectType, subjectId) : null;
    return { subjectType, subjectId, status: 'erased', erasedAt: outcome.state.erasedAt ?? '', basis: recorded ?? basis };
  }

  /**
   * A key store that is locked, unreachable or out of space answers 503 here as before a registration, but not with
   * "nothing was changed": the erasure event is in the log, every process reads the person as erased once it has read
   * it, and only the key is left. Asking again destroys it, and so does every process's next start.
   */
  private async destroyKey(subject: DataSubject): Promise<void> {
    try {
      await this.keys.destroy(subject);
    } catch (error) {
      if (!(error instanceof KeyStoreUnavailableError)) throw error;
      this.logger.warn(`the erasure of ${subject.type} ${subject.id} is recorded, but its data key is not destroyed yet: ${error.message}`);
      throw new ProblemException(503, 'KEY_STORE.UNAVAILABLE', 'Service Unavailable',
        'The erasure is recorded and the person reads as erased, but the key store could not destroy their data key yet '
        + `(${error.reason === 'busy' ? 'it is busy or does not answer' : 'it cannot write to its disk'}). Send the same erasure again to destroy it; `
        + 'every process also destroys it at its next start.',
        undefined, { 'Retry-After': String(error.retryAfterSeconds) });
    }
  }

  /** The basis the subject's erasure event records (a code, readable after the erasure); null when there is none. */
  private async recordedBasis(subjectType: 'newcomer' | 'key-person', subjectId: string): Promise<ErasureBasis | null> {
    const { events } = subjectType === 'newcomer'
      ? await this.runner.load(newcomerAggregate, newcomerStream(subjectId))
      : await this.runner.load(keyPersonAggregate, keyPersonStream(subjectId));
    const erasure = events.find((event) => event.type === 'NewcomerErased' || event.type === 'KeyPersonErased');
    const recorded = (erasure?.data as { basis?: unknown } | undefined)?.basis;
    return typeof recorded === 'string' && (RECORDED_ERASURE_BASES as readonly string[]).includes(recorded) ? recorded as ErasureBasis : null;
  }

  /**
   * 404 when unknown, or outside a scoped token's municipalities. An erased subject has no municipality left, so to a
   * scoped token it is one it may not see: answered as an id that never existed (a 200 would tell any municipality
   * that the id had been a person, and whose erasure to ask for again), unless the erasure is the caller's own (the
   * `sub` its event records), which they may repeat as the idempotent contract says, e.g. after a 503.
   */
  private assertErasable(principal: Principal, state: ErasableState, events: readonly RecordedEvent[]): void {
    if (state.status === 'unregistered' && state.erasedAt === null) throw notFound('subject');
    if (principal.municipalities === null) return;
    if (state.erasedAt === null ? !inScope(principal, state.profile?.municipality ?? '') : erasedBy(events) !== principal.subject) throw notFound('subject');
  }
}

/** What a newcomer's and a key person's state both tell of whether they may be erased. */
interface ErasableState { readonly status: string; readonly erasedAt: string | null; readonly profile: { readonly municipality: string } | null }

/** Who recorded a subject's erasure (the actor of its erasure event); null when there is none. */
function erasedBy(events: readonly RecordedEvent[]): string | null {
  return events.find((event) => event.type === 'NewcomerErased' || event.type === 'KeyPersonErased')?.metadata.actor.id ?? null;
}
