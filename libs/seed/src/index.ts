/**
 * @sleutel/seed: a realistic, reproducible synthetic population of newcomers
 * and key persons (SPEC §9 `seed`), with real ISO 639-3, ISO 3166-1 and CBS
 * codes and every profile valid under the domain rules. Pure: no I/O, no
 * clock, no global random state. The CLI command registers what it generates
 * through the same commands as the API.
 */
export { generatePopulation } from './population';
export type { Population, PopulationSize } from './population';
export { generateNewcomer, newcomerId, REFERENCE_YEAR } from './newcomer.generator';
export type { SeededNewcomer } from './newcomer.generator';
export { generateKeyPerson, keyPersonId } from './key-person.generator';
export type { SeededKeyPerson } from './key-person.generator';
export { ORIGINS, DUTCH_BORN_KEY_PERSON_SHARE } from './origins';
export type { OriginProfile, LanguageCommunity } from './origins';
export { Random } from './random';
export type { Weighted } from './random';
