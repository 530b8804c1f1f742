import { KeyPersonCommand, keyPersonErased, KeyPersonEvent, keyPersonLoad, KeyPersonState, keyPersonStream } from '@sleutel/domain';
import { keyPersonAggregate } from '@sleutel/platform';
import { has, pick } from '../subjects/patch-body';
import { SubjectDefinition } from '../subjects/subject-definition';
import { RegisterKeyPersonRequest } from './key-person.request.dto';
import { KeyPersonResponse } from './key-person.response.dto';

/** What the matcher records on a key person's stream; none of it changes the profile a coordinator edits (nor its ETag). */
const CAPACITY_BOOKKEEPING = new Set(['KeyPersonCapacityReserved', 'KeyPersonCapacityReleased', 'KeyPersonReservationBarred']);

/** How key persons map between HTTP bodies, commands and views. */
export const keyPersonDefinition: SubjectDefinition<KeyPersonCommand, KeyPersonEvent, KeyPersonState, RegisterKeyPersonRequest, KeyPersonResponse> = {
  kind: 'key-person',
  label: 'key person',
  path: 'key-persons',
  aggregate: keyPersonAggregate,
  stream: keyPersonStream,

  registration: (keyPersonId, at, body) => ({ type: 'RegisterKeyPerson', data: { keyPersonId, at, profile: body } }),

  changes(keyPersonId, at, body) {
    const base = { keyPersonId, at };
    const commands: KeyPersonCommand[] = [];
    if (has(body, 'displayName') || has(body, 'gender')) {
      commands.push({ type: 'ChangeKeyPersonPersonalDetails', data: { ...base, ...pick(body, ['displayName', 'gender']) } });
    }
    if (has(body, 'municipality') || has(body, 'postcodeArea') || has(body, 'travelRadiusKm') || has(body, 'remoteOnly')) {
      commands.push({ type: 'ChangeKeyPersonResidence', data: { ...base, ...pick(body, ['municipality', 'postcodeArea', 'travelRadiusKm', 'remoteOnly']) } });
    }
    if (has(body, 'contact')) commands.push({ type: 'ChangeKeyPersonContact', data: { ...base, contact: body.contact ?? {} } });
    if (has(body, 'languages')) commands.push({ type: 'ChangeKeyPersonLanguages', data: { ...base, languages: body.languages! } });
    if (has(body, 'origin')) commands.push({ type: 'ChangeKeyPersonOrigin', data: { ...base, origin: body.origin! } });
    if (has(body, 'expertise')) commands.push({ type: 'ChangeKeyPersonExpertise', data: { ...base, expertise: body.expertise! } });
    if (has(body, 'capacity')) commands.push({ type: 'ChangeKeyPersonCapacity', data: { ...base, capacity: body.capacity! } });
    if (has(body, 'maxHoursPerMonth')) commands.push({ type: 'ChangeKeyPersonMonthlyHours', data: { ...base, maxHoursPerMonth: body.maxHoursPerMonth! } });
    if (has(body, 'availability')) commands.push({ type: 'ChangeKeyPersonAvailability', data: { ...base, availability: body.availability! } });
    if (has(body, 'engagement')) commands.push({ type: 'ChangeKeyPersonEngagement', data: { ...base, engagement: body.engagement! } });
    return commands;
  },

  isRegistered: (state) => state.status !== 'unregistered',
  erasure: (state) => (state.erasedAt === null ? null : keyPersonErased(state.erasedAt)),
  isProfileEvent: (type) => !CAPACITY_BOOKKEEPING.has(type),
  municipalityOf: (state) => state.profile?.municipality ?? '',
  statusOf: (state) => state.status,
  languagesOf: (state) => (state.profile?.languages ?? []).map((language) => language.code),

  view: (id, state, revision) => ({
    id,
    status: state.status,
    revision,
    registeredAt: state.registeredAt ?? '',
    ...(state.profile as RegisterKeyPersonRequest),
    placesTaken: keyPersonLoad(state),
  }),
};
