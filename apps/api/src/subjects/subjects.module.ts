import { Module } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { CommandRunner } from '@sleutel/eventsourcing';
import { JWT_SECRET, KEY_STORE, ReadSide } from '@sleutel/platform';
import { KeyStore } from '@sleutel/privacy';
import { IdempotencyKeys } from '../common/idempotency-key';
import { keyPersonDefinition } from '../key-persons/key-person.definition';
import { KeyPersonsController } from '../key-persons/key-persons.http.controller';
import { KEY_PERSONS } from '../key-persons/key-persons.tokens';
import { newcomerDefinition } from '../newcomers/newcomer.definition';
import { NewcomersController } from '../newcomers/newcomers.http.controller';
import { NEWCOMERS } from '../newcomers/newcomers.tokens';
import { SubjectService } from './subject.service';

/** Newcomer intake and the key-person registry: the two subjects people register. */
@Module({
  controllers: [NewcomersController, KeyPersonsController],
  providers: [
    {
      provide: IdempotencyKeys,
      inject: [JWT_SECRET],
      // A key of its own, derived from the configured secret, so fingerprints say nothing about tokens.
      useFactory: (secret: string) => new IdempotencyKeys(createHmac('sha256', secret).update('idempotency-fingerprint').digest('base64url')),
    },
    {
      provide: NEWCOMERS,
      inject: [CommandRunner, ReadSide, IdempotencyKeys, KEY_STORE],
      useFactory: (runner: CommandRunner, readSide: ReadSide, keys: IdempotencyKeys, dataKeys: KeyStore) => new SubjectService(newcomerDefinition, runner, readSide, keys, dataKeys),
    },
    {
      provide: KEY_PERSONS,
      inject: [CommandRunner, ReadSide, IdempotencyKeys, KEY_STORE],
      useFactory: (runner: CommandRunner, readSide: ReadSide, keys: IdempotencyKeys, dataKeys: KeyStore) => new SubjectService(keyPersonDefinition, runner, readSide, keys, dataKeys),
    },
  ],
  exports: [IdempotencyKeys],
})
export class SubjectsModule {}
