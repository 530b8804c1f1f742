import {
  NewcomerCommand, newcomerErased, NewcomerEvent, NewcomerState, newcomerStream,
} from '@sleutel/domain';
import { newcomerAggregate } from '@sleutel/platform';
import { has, pick } from '../subjects/patch-body';
import { SubjectDefinition } from '../subjects/subject-definition';
import { RegisterNewcomerRequest } from './newcomer.request.dto';
import { NewcomerMatchingResponse, NewcomerResponse } from './newcomer.response.dto';

type Body = RegisterNewcomerRequest;

/** What the matcher records on a newcomer's stream; none of it changes the profile a person edits. */
const MATCHING_BOOKKEEPING = new Set(['NewcomerMatchReserved', 'NewcomerMatchReleased', 'NewcomerMatchingDeferred', 'NewcomerMatchingRequested']);

/** How newcomers map between HTTP bodies, commands and views. */
export const newcomerDefinition: SubjectDefinition<NewcomerCommand, NewcomerEvent, NewcomerState, Body, NewcomerResponse> = {
  kind: 'newcomer',
  label: 'newcomer',
  path: 'newcomers',
  aggregate: newcomerAggregate,
  stream: newcomerStream,

  registration: (newcomerId, at, body) => ({ type: 'RegisterNewcomer', data: { newcomerId, at, profile: body } }),

  changes(newcomerId, at, body) {
    const base = { newcomerId, at };
    const commands: NewcomerCommand[] = [];
    if (has(body, 'displayName') || has(body, 'birthYear') || has(body, 'gender')) {
      commands.push({ type: 'ChangeNewcomerPersonalDetails', data: { ...base, ...pick(body, ['displayName', 'birthYear', 'gender']) } });
    }
    if (has(body, 'municipality') || has(body, 'postcodeArea')) {
      commands.push({ type: 'ChangeNewcomerResidence', data: { ...base, ...pick(body, ['municipality', 'postcodeArea']) } });
    }
    if (has(body, 'contact')) commands.push({ type: 'ChangeNewcomerContact', data: { ...base, contact: body.contact ?? {} } });
    if (has(body, 'languages')) commands.push({ type: 'ChangeNewcomerLanguages', data: { ...base, languages: body.languages! } });
    if (has(body, 'origin')) commands.push({ type: 'ChangeNewcomerOrigin', data: { ...base, origin: body.origin! } });
    if (has(body, 'needs')) commands.push({ type: 'ChangeNewcomerNeeds', data: { ...base, needs: body.needs! } });
    if (has(body, 'availability')) commands.push({ type: 'ChangeNewcomerAvailability', data: { ...base, availability: body.availability! } });
    if (has(body, 'preferences')) commands.push({ type: 'ChangeNewcomerPreferences', data: { ...base, preferences: body.preferences ?? {} } });
    if (has(body, 'doNotMatch')) commands.push({ type: 'ChangeNewcomerDoNotMatch', data: { ...base, keyPersonIds: body.doNotMatch ?? [] } });
    if (has(body, 'notes')) commands.push({ type: 'ChangeNewcomerNotes', data: { ...base, notes: body.notes ?? null } });
    return commands;
  },

  isRegistered: (state) => state.status !== 'unregistered',
  erasure: (state) => (state.erasedAt === null ? null : newcomerErased(state.erasedAt)),
  isProfileEvent: (type) => !MATCHING_BOOKKEEPING.has(type),
  municipalityOf: (state) => state.profile?.municipality ?? '',
  statusOf: (state) => state.status,
  languagesOf: (state) => (state.profile?.languages ?? []).map((language) => language.code),

  view: (id, state, revision) => ({
    id,
    status: state.status,
    revision,
    registeredAt: state.registeredAt ?? '',
    withdrawnAt: state.withdrawnAt,
    ...(state.profile as RegisterNewcomerRequest),
    matching: matchingOf(state),
  }),
};

/** Where the newcomer stands in matching, as their stream has it (the proposal's own status is on the match's stream). */
function matchingOf(state: NewcomerState): NewcomerMatchingResponse {
  const none = { waitingSince: null, openMatchId: null, lastDeferral: null };
  if (state.status !== 'active') return { state: 'not-matching', ...none };
  if (state.openMatch !== null) return { state: 'open-match', ...none, openMatchId: state.openMatch.matchId };
  if (state.matchEnded) return { state: 'match-ended', ...none };
  const deferral = state.lastDeferral;
  return {
    state: 'waiting',
    ...none,
    waitingSince: state.waitingSince,
    lastDeferral: deferral === null ? null : {
      deferredAt: deferral.deferredAt, policyVersion: deferral.policyVersion, considered: deferral.considered, excluded: { ...deferral.excluded },
    },
  };
}
