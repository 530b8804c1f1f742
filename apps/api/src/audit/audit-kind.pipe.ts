import { Injectable, PipeTransform } from '@nestjs/common';
import { isStateKind, isTrailKind, STATE_KINDS, StateKind, TRAIL_KINDS, TrailKind } from '@sleutel/audit';
import { ProblemException } from '../common/problem';

function unknownKind(allowed: readonly string[]): ProblemException {
  return new ProblemException(400, 'REQUEST.INVALID', 'Bad Request', 'There is no such kind of subject to audit.', [
    { field: 'kind', rule: 'enum', message: `must be one of ${allowed.join(', ')}` },
  ]);
}

/** `{kind}` of a trail path: newcomers, key-persons or matches. */
@Injectable()
export class TrailKindPipe implements PipeTransform<string, TrailKind> {
  transform(value: string): TrailKind {
    if (!isTrailKind(value)) throw unknownKind(TRAIL_KINDS);
    return value;
  }
}

/** `{kind}` of an as-of path: newcomers or key-persons (a match's has its own path, declared before). */
@Injectable()
export class StateKindPipe implements PipeTransform<string, StateKind> {
  transform(value: string): StateKind {
    if (!isStateKind(value)) throw unknownKind(STATE_KINDS);
    return value;
  }
}
