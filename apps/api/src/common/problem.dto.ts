import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

/** One broken rule, named so a form can show it beside its field. */
export class FieldViolationDto {
  @ApiProperty({ example: 'languages[0].code', description: 'Path of the field, or a header name such as If-Match' })
  field!: string;

  @ApiProperty({ example: 'iso-639-3', description: 'Stable name of the rule' })
  rule!: string;

  @ApiProperty({ example: 'must be an ISO 639-3 language code' })
  message!: string;
}

/** RFC 9457 problem details, as every error is answered (`application/problem+json`). */
export class ProblemDto {
  @ApiProperty({ example: '/problems/request-invalid' })
  type!: string;

  @ApiProperty({ example: 'Bad Request' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty({ example: 'REQUEST.INVALID', description: 'Stable machine-readable code' })
  code!: string;

  @ApiPropertyOptional()
  detail?: string;

  @ApiPropertyOptional({ example: '/api/v1/newcomers' })
  instance?: string;

  @ApiPropertyOptional({ type: [FieldViolationDto] })
  errors?: FieldViolationDto[];
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: every broken rule in `errors`',
  401: 'No valid bearer token',
  403: 'The token lacks a role for this, or the municipality is outside its scope',
  404: 'No such resource (or outside your municipalities)',
  409: 'The subject is in a state that does not allow this',
  410: 'The person\'s data was erased: what it said can no longer be read',
  412: 'If-Match is stale: the ETag header carries the current revision',
  413: 'The body is too large',
  415: 'The body is not JSON',
  422: 'Idempotency-Key reused with another body',
  428: 'If-Match is required',
  429: 'Too many requests from this token or address; retry after Retry-After seconds',
  501: 'Not available with the configured event store',
  503: 'A store the request needs is busy, does not answer or cannot write to its disk; the detail says whether anything changed; retry after Retry-After seconds',
};

/** How a problem answer is documented: its description and the ProblemDto schema. */
export function problemResponse(status: number): { description: string; content: { 'application/problem+json': { schema: { $ref: string } } } } {
  return { description: DESCRIPTIONS[status], content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } } };
}

/**
 * Documents the problem answers particular to an operation. Those every write,
 * every id in a path and every erasable person's operation give alike are
 * declared once for all of them (common-problems.ts).
 */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, ...problemResponse(status) })));
}
