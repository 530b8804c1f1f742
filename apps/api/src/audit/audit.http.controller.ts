import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  ErasedStateError, explainProposal, isStoredRowReader, parseAnchor, parseAsOf, readLogPage, StateAsOf, StateKind, stateAsOf, subjectTrail, TRAIL_KINDS, TrailKind,
  verifyHashChains,
} from '@sleutel/audit';
import { EventStore } from '@sleutel/event-store';
import { EventCodec } from '@sleutel/eventsourcing';
import { EVENT_CODEC, EVENT_STORE } from '@sleutel/platform';
import { Roles } from '../common/auth/roles.decorator';
import { ProblemException } from '../common/problem';
import { ApiProblems } from '../common/problem.dto';
import { SubjectIdPipe } from '../common/subject-id.pipe';
import { StateKindPipe, TrailKindPipe } from './audit-kind.pipe';
import {
  AsOfQuery, AUDIT_PAGE_DEFAULT, AuditEventPageDto, AuditEventsQuery, MatchStateAsOfDto, PERSON_STATE_KINDS, ProposalExplanationDto, StateAsOfDto, TrailDto, VerificationDto,
  VerifyQuery,
} from './audit.dto';

const notFound = () => new ProblemException(404, 'HTTP.404', 'Not Found', 'No such resource.');

/**
 * What auditors read (SPEC §6): the log, trails, explanations with their
 * reproduction, past states and the hash-chain check. Read-only, auditors
 * only; everything comes from the log itself, never from a read model.
 * Declared after the replays controller: `/audit/{kind}/{id}` would
 * otherwise also answer `/audit/replays/{id}`.
 */
@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, @Inject(EVENT_CODEC) private readonly codec: EventCodec) {}

  @Get('events')
  @Roles('auditor')
  @ApiOperation({ summary: 'The global event log in order, with full metadata, cursor-paginated' })
  @ApiProblems(400)
  @ApiOkResponse({ type: AuditEventPageDto })
  async events(@Query() query: AuditEventsQuery): Promise<AuditEventPageDto> {
    const page = await readLogPage(this.store, query.after === undefined ? null : Number(query.after), query.limit ?? AUDIT_PAGE_DEFAULT);
    return { items: page.items as AuditEventPageDto['items'], nextCursor: page.next === null ? null : String(page.next) };
  }

  @Get('verify')
  @Roles('auditor')
  @ApiOperation({ summary: 'Recompute the hash chain of every stream (or one) from the stored bytes, and the digest of the whole log (checked against an earlier one with anchor)' })
  @ApiProblems(400, 404, 501)
  @ApiOkResponse({ type: VerificationDto })
  async verify(@Query() query: VerifyQuery): Promise<VerificationDto> {
    if (!isStoredRowReader(this.store)) {
      throw new ProblemException(501, 'AUDIT.VERIFY_UNSUPPORTED', 'Not Implemented', 'The configured event store does not hand out its stored bytes; verify needs them.');
    }
    // The pattern was checked by validation: an anchor that got here parses.
    const anchor = query.anchor === undefined ? undefined : parseAnchor(query.anchor) ?? undefined;
    const verification = await verifyHashChains(this.store, { streamId: query.stream, anchor });
    // A stream with no events is not "intact": most often a mistyped name, which must not read as a clean bill.
    if (query.stream !== undefined && verification.streams === 0) {
      throw new ProblemException(404, 'AUDIT.NO_SUCH_STREAM', 'Not Found', 'The log holds no event of that stream.', [
        { field: 'stream', rule: 'existing-stream', message: 'must name a stream of the log, e.g. newcomer-<uuid>' },
      ]);
    }
    return verification as VerificationDto;
  }

  @Get('trails/:kind/:id')
  @Roles('auditor')
  @ApiOperation({ summary: "One subject's trail: its own events and those naming it, in causal order" })
  @ApiParam({ name: 'kind', enum: TRAIL_KINDS })
  @ApiProblems(400)
  @ApiOkResponse({ type: TrailDto })
  async trail(@Param('kind', TrailKindPipe) kind: TrailKind, @Param('id', SubjectIdPipe) id: string): Promise<TrailDto> {
    const trail = await subjectTrail(this.store, kind, id);
    if (trail === null) throw notFound();
    return trail as unknown as TrailDto;
  }

  @Get('matches/:id/explanation')
  @Roles('auditor')
  @ApiOperation({
    summary: 'Why a proposal was made, and its score computed again from the log',
    description: 'SPEC §9: "the match\'s explanation plus reproduction". The stored explanation\'s fields stand at the top level, beside the match\'s ids and `reproduction`, and the whole explanation once more under `explanation`.',
  })
  @ApiOkResponse({ type: ProposalExplanationDto })
  async explanation(@Param('id', SubjectIdPipe) id: string): Promise<ProposalExplanationDto> {
    const explanation = await explainProposal(this.store, this.codec, id);
    if (explanation === null) throw notFound();
    // The explanation's own keyPersonId, score and policyVersion equal the match's, which come after and stand.
    return { ...explanation.explanation, ...explanation } as unknown as ProposalExplanationDto;
  }

  @Get('matches/:id')
  @Roles('auditor')
  @ApiOperation({
    summary: "A match's state as of a time or log position: why it was withdrawn, rejected, declined or ended",
    description: "The match's stream up to that moment, folded by the domain's rules. Its reasons and explanation are personal data, sealed under the newcomer's key (and the key person's too, except a withdrawal's reason): after either person's erasure the answer is still 200, with what can no longer be read as `{ \"erased\": true }` and `erasedSince` saying whose erasure; ids, status, score, times and who decided stand.",
  })
  @ApiProblems(400)
  @ApiOkResponse({ type: MatchStateAsOfDto })
  async matchAsOf(@Param('id', SubjectIdPipe) id: string, @Query() query: AsOfQuery): Promise<MatchStateAsOfDto> {
    return (await this.stateAsOf('matches', id, query)) as unknown as MatchStateAsOfDto;
  }

  @Get(':kind/:id')
  @Roles('auditor')
  @ApiOperation({ summary: "A newcomer's or key person's state as of a time or log position (a match's: `GET /audit/matches/{id}`)" })
  @ApiParam({ name: 'kind', enum: PERSON_STATE_KINDS })
  @ApiProblems(400, 410)
  @ApiOkResponse({ type: StateAsOfDto })
  async asOf(@Param('kind', StateKindPipe) kind: StateKind, @Param('id', SubjectIdPipe) id: string, @Query() query: AsOfQuery): Promise<StateAsOfDto> {
    return (await this.stateAsOf(kind, id, query)) as unknown as StateAsOfDto;
  }

  private async stateAsOf(kind: StateKind, id: string, query: AsOfQuery): Promise<StateAsOf> {
    const asOf = query.asOf === undefined ? { time: new Date().toISOString() } : parseAsOf(query.asOf);
    if (asOf === null) {
      throw new ProblemException(400, 'REQUEST.INVALID', 'Bad Request', 'asOf names no moment in history.', [
        { field: 'asOf', rule: 'log-position-or-instant', message: 'must be a log position (non-negative integer) or an ISO 8601 instant with a zone' },
      ]);
    }
    try {
      const state = await stateAsOf(this.store, this.codec, kind, id, asOf);
      if (state === null) throw notFound();
      return state;
    } catch (error) {
      if (!(error instanceof ErasedStateError)) throw error;
      throw new ProblemException(410, 'AUDIT.ERASED', 'Gone', `${error.message}; the trail still shows what happened (types, times, who).`);
    }
  }
}
