import { Injectable, PipeTransform } from '@nestjs/common';
import { ProblemException } from './problem';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Subject ids are lower-case UUIDs; anything else cannot name a subject, so it is a 404. */
@Injectable()
export class SubjectIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw new ProblemException(404, 'HTTP.404', 'Not Found', 'No such resource.');
    return value;
  }
}
