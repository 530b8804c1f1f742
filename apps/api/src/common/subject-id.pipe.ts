import { Injectable, PipeTransform } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ProblemException } from './problem';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Subject ids are UUIDs, which are case-insensitive on input (RFC 9562 §4):
 * an id in upper case names the same subject, and is kept and compared in
 * lower case, as in stream names and as `doNotMatch` stores its ids.
 */
function lowerCase(value: unknown): unknown {
  return typeof value === 'string' ? value.toLowerCase() : value;
}

/** A path id: a UUID in any case, passed on in lower case; anything else cannot name a subject, so it is a 404. */
@Injectable()
export class SubjectIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw new ProblemException(404, 'HTTP.404', 'Not Found', 'No such resource.');
    return value.toLowerCase();
  }
}

/** A subject id in a body or query: taken in any case, validated (`@IsUUID()`) and used in lower case. */
export const AsSubjectId = (): PropertyDecorator => Transform(({ value }) => lowerCase(value));
