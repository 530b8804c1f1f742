/**
 * @sleutel/domain: the newcomer, key person and match aggregates as pure
 * deciders, their commands, events, states and profiles, and the rules, which
 * are the single place where input is validated semantically (the HTTP layer
 * checks only JSON shape). No Nest, no I/O, no clock: time and ids arrive
 * in commands.
 */
export * from './decider';
export * from './domain-error';
export * from './profile';
export * from './stream-names';
export * from './event-schemas';
export * from './upcaster';
export * from './structural-equality';
export * from './decider-specification';

export * from './rules/violation';
export * from './rules/availability.rules';
export * from './rules/commitment.rules';
export * from './rules/contact.rules';
export * from './rules/date-time.rules';
export * from './rules/do-not-match.rules';
export * from './rules/free-text.rules';
export * from './rules/id.rules';
export * from './rules/json.rules';
export * from './rules/languages.rules';
export * from './rules/origin.rules';
export * from './rules/personal-details.rules';
export * from './rules/preferences.rules';
export * from './rules/residence.rules';
export * from './rules/topics.rules';

export * from './newcomer/newcomer.commands';
export * from './newcomer/newcomer.events';
export * from './newcomer/newcomer.errors';
export * from './newcomer/newcomer.state';
export * from './newcomer/newcomer.matching';
export type { NewcomerProfile, NewcomerProfileInput, NewcomerPersonalDetails, NewcomerResidence } from './newcomer/newcomer.profile';
export { newcomerProfileViolations, toNewcomerProfile } from './newcomer/newcomer.profile';
export { newcomerDecider, decideNewcomer } from './newcomer/newcomer.decider';

export * from './key-person/key-person.commands';
export * from './key-person/key-person.events';
export * from './key-person/key-person.errors';
export * from './key-person/key-person.state';
export { keyPersonLoad } from './key-person/key-person.capacity';
export type { KeyPersonProfile, KeyPersonProfileInput, KeyPersonPersonalDetails, KeyPersonResidence } from './key-person/key-person.profile';
export { keyPersonProfileViolations, remoteOnlyViolations, toKeyPersonProfile } from './key-person/key-person.profile';
export { keyPersonDecider, decideKeyPerson } from './key-person/key-person.decider';

export * from './match/match.status';
export * from './match/match.commands';
export * from './match/match.events';
export * from './match/match.errors';
export * from './match/match.state';
export * from './match/match.rules';
export * from './match/withdrawal-reasons';
export { matchDecider, decideMatch } from './match/match.decider';
export * from './derived-id';
export * from './cohort-run/cohort-run';
export * from './erasure';
