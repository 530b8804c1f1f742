import { KeyPersonCommand, KeyPersonEvent, KeyPersonState } from '@sleutel/domain';
import { SubjectService } from '../subjects/subject.service';
import { RegisterKeyPersonRequest } from './key-person.request.dto';
import { KeyPersonResponse } from './key-person.response.dto';

export const KEY_PERSONS = Symbol('KeyPersonService');
export type KeyPersonService = SubjectService<KeyPersonCommand, KeyPersonEvent, KeyPersonState, RegisterKeyPersonRequest, KeyPersonResponse>;
