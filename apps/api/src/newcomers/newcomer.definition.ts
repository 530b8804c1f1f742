import {
  keyPersonStream, NewcomerCommand, newcomerErased, NewcomerEvent, NewcomerState, newcomerStream, UUID,
} from '@sleutel/domain';
import { EventStore } from '@sleutel/event-store';
import { newcomerAggregate } from '@sleutel/platform';
import { has, pick } from '../subjects/patch-body';
import { SubjectDefinition, SubjectReferences } from '../subjects/subject-definition';
import { RegisterNewcomerRequest } from './newcomer.request.dto';
import { NewcomerResponse } from './newcomer.response.dto';

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

  registration: (newcomerId, at, body, references) => ({
    type: 'RegisterNewcomer',
    data: { newcomerId, at, profile: body, unregisteredKeyPersonIds: references?.unregisteredKeyPersonIds ?? [] },
  }),

  changes(newcomerId, at, body, references) {
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
    if (has(body, 'doNotMatch')) {
      const unregisteredKeyPersonIds = references?.unregisteredKeyPersonIds ?? [];
      commands.push({ type: 'ChangeNewcomerDoNotMatch', data: { ...base, keyPersonIds: body.doNotMatch ?? [], unregisteredKeyPersonIds } });
    }
    if (has(body, 'notes')) commands.push({ type: 'ChangeNewcomerNotes', data: { ...base, notes: body.notes ?? null } });
    return commands;
  },

  references: unregisteredKeyPersons,

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
  }),
};

/**
 * The do-not-match ids no key person was ever registered under. A key person's
 * stream opens with their registration, and its type is readable without their
 * key, so one event each tells; malformed ids are the decider's to report.
 */
async function unregisteredKeyPersons(body: Partial<RegisterNewcomerRequest>, store: EventStore): Promise<SubjectReferences> {
  const ids: readonly unknown[] = Array.isArray(body.doNotMatch) ? body.doNotMatch : [];
  const wellFormed = [...new Set(ids.filter((id): id is string => typeof id === 'string' && UUID.test(id)).map((id) => id.toLowerCase()))];
  const registered = await Promise.all(wellFormed.map(async (id) => (await store.readStream(keyPersonStream(id), { maxCount: 1 }))[0]?.type === 'KeyPersonRegistered'));
  return { unregisteredKeyPersonIds: wellFormed.filter((_, index) => !registered[index]) };
}
