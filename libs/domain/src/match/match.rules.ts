/**
 * The input rules of match commands, each returning FieldViolation[] named by
 * the field of the command (the HTTP body's field where a person typed it).
 * Commands from the worker are checked too: what they carry is stored for
 * good and shown to auditors.
 */
import { FieldViolation } from '../domain-error';
import { deadlineViolations } from '../rules/date-time.rules';
import { idViolations } from '../rules/id.rules';
import { jsonObjectViolations } from '../rules/json.rules';
import { integerInRange, numberInRange, oneOf, requiredText } from '../rules/value.rules';
import { ProposeMatch } from './match.commands';
import { MATCH_END_OUTCOMES, MATCH_PARTIES } from './match.status';

/** Far above any real explanation (components, counts, three alternatives); keeps one bug from bloating the log. */
export const EXPLANATION_MAX_CHARACTERS = 64 * 1024;
export const ACTOR_MAX_LENGTH = 200;

export const proposalViolations = (data: ProposeMatch['data']): FieldViolation[] => [
  ...idViolations(data.newcomerId, 'newcomerId', 'Newcomer id'),
  ...idViolations(data.keyPersonId, 'keyPersonId', 'Key person id'),
  ...numberInRange(data.score, 'score', 'Score', 0, 1),
  ...integerInRange(data.policyVersion, 'policyVersion', 'Policy version', 1, Number.MAX_SAFE_INTEGER),
  ...integerInRange(data.logPosition, 'logPosition', 'Log position', 0, Number.MAX_SAFE_INTEGER),
  ...deadlineViolations(data.expiresAt, data.at, 'expiresAt', 'Deadline'),
  ...jsonObjectViolations(data.explanation, 'explanation', 'Explanation', EXPLANATION_MAX_CHARACTERS),
  ...(data.cohortRunId === undefined ? [] : idViolations(data.cohortRunId, 'cohortRunId', 'Cohort run id')),
];

/** The coordinator's actor id (the token's `sub`). */
export const actorViolations = (value: unknown, field = 'by'): FieldViolation[] =>
  requiredText(value, field, { label: 'Actor', maxLength: ACTOR_MAX_LENGTH, singleLine: true });

export const partyViolations = (value: unknown, field = 'party'): FieldViolation[] => oneOf(value, MATCH_PARTIES, field, 'Party');

export const endOutcomeViolations = (value: unknown, field = 'outcome'): FieldViolation[] =>
  oneOf(value, MATCH_END_OUTCOMES, field, 'Outcome');
