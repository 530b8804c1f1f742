import { Body, Controller, Get, Headers, Put, Req, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import {
  DEFAULT_POLICY, GENDER_WEIGHT_RECOMMENDED, SCORING_POLICY_STREAM, ScoringPolicy, ScoringPolicyCommand, SEPARATE_MACROLANGUAGES_RECOMMENDED,
} from '@sleutel/matching';
import { CommandRunner } from '@sleutel/eventsourcing';
import { ReadSide } from '@sleutel/platform';
import { Response } from 'express';
import { AuthenticatedRequest } from '../common/auth/auth.guard';
import { Roles } from '../common/auth/roles.decorator';
import { commandContextFrom } from '../common/command-context.factory';
import { ProblemException } from '../common/problem';
import { ApiProblems } from '../common/problem.dto';
import { etag, parseIfMatch } from '../common/revision-headers';
import { StaleRevisionError } from '@sleutel/eventsourcing';
import { scoringPolicyAggregate } from '@sleutel/platform';
import { FREE_FORM_OBJECT } from '../common/free-form';

class PolicyResponse {
  @ApiProperty({ description: 'The version in force; also the ETag' }) version!: number;
  @ApiProperty({ ...FREE_FORM_OBJECT, example: DEFAULT_POLICY, description: 'Weights, hard constraints and parameters (SPEC §5)' }) policy!: object;
}

/**
 * The scoring policy as versioned data (SPEC §5): every change is an event on
 * its own stream, and every proposal names the version it was scored with.
 */
@ApiTags('policy')
@Controller('policy')
export class PolicyController {
  constructor(private readonly runner: CommandRunner, private readonly readSide: ReadSide) {}

  @Get()
  @Roles('coordinator', 'auditor', 'admin')
  @ApiOperation({ summary: 'The scoring policy in force' })
  @ApiOkResponse({ type: PolicyResponse })
  async get(@Res({ passthrough: true }) response: Response): Promise<PolicyResponse> {
    const { state } = await this.runner.load(scoringPolicyAggregate, SCORING_POLICY_STREAM);
    response.setHeader('ETag', etag(state.current.version));
    return { version: state.current.version, policy: state.current };
  }

  @Put()
  @Roles('admin')
  @ApiOperation({
    summary: 'Replace the scoring policy with its next version',
    description:
      'The body is the whole policy, the object `GET` gives in `policy`, at the top level (not wrapped in `{"policy": …}`), with an optional `reason` member added. Its `version` says what the change builds on: the version you read; ' +
      'left out, the change builds on whatever is in force. A version older than the one in force is a 412 (someone changed the policy since you read it), as is a stale `If-Match`. ' +
      'The next version (the one in force plus 1) is taken only with an `If-Match` naming the version you read, and is a 428 without one: alone it cannot be told from the version you read once someone else has written that number, ' +
      'and the second of two admins who read the same version would replace the first one\'s change unseen.\n\n' +
      '`parameters.language.separateMacrolanguages` (optional; left out means none, as in version 1) lists ISO 639-3 macrolanguage codes whose member languages ' +
      'do not count as each other\'s: a pair that shares only such a macrolanguage shares no language (refused by the shared-language constraint, no language credit). ' +
      `Recommended: ${JSON.stringify(SEPARATE_MACROLANGUAGES_RECOMMENDED)} (Kurmanji and Sorani, Mandarin and Cantonese are distinct languages). ` +
      'Each entry must be a macrolanguage code, once (rules `iso-639-3-macrolanguage`, `unique`).\n\n' +
      '`weights.gender` (optional; left out, as in version 1, the policy does not weigh it) weighs the `gender` component: 1 when the key person is of the gender ' +
      'the newcomer prefers without requiring it, else 0; it applies only to such a preference (a required one is the hard constraint `gender-required`) and ' +
      'its explanation says only whether the key person matches. ' +
      `Recommended: ${GENDER_WEIGHT_RECOMMENDED}. Like every weight a finite number from 0 to 1000000 (rules \`type\`, \`range\`; \`null\` is refused), ` +
      'and it does not count towards the weight above 0 one of language, availability, proximity, load or waiting must have.\n\n' +
      'Proposals keep the version they name, so they still reproduce.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The version you read (optional; the body\'s `version` says the same)' })
  @ApiBody({
    description: 'The whole new policy',
    schema: { ...FREE_FORM_OBJECT, example: DEFAULT_POLICY },
    examples: {
      'version-1': { summary: 'Version 1 as shipped', value: DEFAULT_POLICY },
      'separate-macrolanguages': { summary: 'Kurdish and Chinese varieties kept apart (recommended)', value: withRecommendedSeparation(DEFAULT_POLICY) },
      'gender-weight': { summary: 'Kurdish and Chinese kept apart, and a preferred gender weighed (both recommended)', value: withRecommendedGenderWeight(withRecommendedSeparation(DEFAULT_POLICY)) },
    },
  })
  @ApiProblems(412, 428, 503)
  @ApiOkResponse({ type: PolicyResponse })
  async put(
    @Body() body: Record<string, unknown> | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PolicyResponse> {
    const expected = parseIfMatch(ifMatch);
    // No body at all is judged as `{}` is: the domain names each field the policy lacks.
    const { reason, ...policy } = body ?? {};
    // The policy itself is validated by the domain; the reason beside it is ours to check, never to drop in silence.
    if (reason !== undefined && reason !== null && (typeof reason !== 'string' || reason.length > 1000)) {
      throw new ProblemException(400, 'REQUEST.INVALID', 'Bad Request', 'The reason must be text of at most 1000 characters.', [
        { field: 'reason', rule: typeof reason === 'string' ? 'max-length' : 'string', message: typeof reason === 'string' ? 'must be at most 1000 characters' : 'must be a string' },
      ]);
    }
    const outcome = await this.runner.run(scoringPolicyAggregate, SCORING_POLICY_STREAM, (state, at): ScoringPolicyCommand[] => [
      { type: 'ChangeScoringPolicy', data: { at, policy: asNextVersion(policy, state.current.version), reason: typeof reason === 'string' ? reason : null } },
    ], commandContextFrom(request), {
      precondition: ({ state }) => {
        const inForce = state.current.version;
        if (expected !== undefined && inForce !== expected) throw new StaleRevisionError(SCORING_POLICY_STREAM, expected, inForce);
        const named = policy.version;
        if (typeof named === 'number' && Number.isInteger(named) && named >= 1 && named < inForce) throw new StaleRevisionError(SCORING_POLICY_STREAM, named, inForce);
        // The next version names what it builds on only beside an If-Match: "2" alone is "I read 1" or, once someone
        // else wrote 2, "I read 2", and taken as the latter it replaced their change unseen (found by a review).
        if (ifMatch === undefined && named === inForce + 1) throw nextVersionWithoutIfMatch(inForce);
      },
    });
    if (outcome.position !== null) await this.readSide.waitFor(outcome.position);
    response.setHeader('ETag', etag(outcome.state.current.version));
    return { version: outcome.state.current.version, policy: outcome.state.current };
  }
}

function nextVersionWithoutIfMatch(inForce: number): ProblemException {
  return new ProblemException(428, 'REQUEST.IF_MATCH_REQUIRED', 'Precondition Required',
    `A policy naming the next version (${inForce + 1}) must say with If-Match which version it builds on; or send the version you read as its version.`, [
      { field: 'If-Match', rule: 'required', message: `is required with version ${inForce + 1}` },
    ]);
}

/**
 * The policy as the domain takes it, whose `version` must be the next one: a
 * body without a version, or with the version in force (as read and changed),
 * becomes the next. Anything else goes as it came, for the domain to judge.
 */
function asNextVersion(policy: Record<string, unknown>, inForce: number): Record<string, unknown> {
  return policy.version === undefined || policy.version === inForce ? { ...policy, version: inForce + 1 } : policy;
}

/** The OpenAPI example of a policy that also weighs a preferred gender at the recommended weight. */
function withRecommendedGenderWeight(policy: ScoringPolicy): ScoringPolicy {
  return { ...policy, weights: { ...policy.weights, gender: GENDER_WEIGHT_RECOMMENDED } };
}

/** The OpenAPI example of a policy that keeps the recommended macrolanguages apart. */
function withRecommendedSeparation(policy: ScoringPolicy): ScoringPolicy {
  const language = { ...policy.parameters.language, separateMacrolanguages: SEPARATE_MACROLANGUAGES_RECOMMENDED };
  return { ...policy, version: policy.version + 1, parameters: { ...policy.parameters, language } };
}
