import { NewcomerCommand, NewcomerEvent, NewcomerState } from '@sleutel/domain';
import { SubjectService } from '../subjects/subject.service';
import { RegisterNewcomerRequest } from './newcomer.request.dto';
import { NewcomerResponse } from './newcomer.response.dto';

export const NEWCOMERS = Symbol('NewcomerService');
export type NewcomerService = SubjectService<NewcomerCommand, NewcomerEvent, NewcomerState, RegisterNewcomerRequest, NewcomerResponse>;
