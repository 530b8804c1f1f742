import { Module } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { CommandRunner } from '@sleutel/eventsourcing';
import { EventStore } from '@sleutel/event-store';
import { EVENT_STORE, JWT_SECRET, KEY_STORE, ReadSide } from '@sleutel/platform';
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
      inject: [CommandRunner, ReadSide, IdempotencyKeys, KEY_STORE, EVENT_STORE],
      useFactory: (runner: CommandRunner, readSide: ReadSide, keys: IdempotencyKeys, dataKeys: KeyStore, store: EventStore) =>
        new SubjectService(newcomerDefinition, runner, readSide, keys, dataKeys, store),
    },
    {
      provide: KEY_PERSONS,
      inject: [CommandRunner, ReadSide, IdempotencyKeys, KEY_STORE, EVENT_STORE],
      useFactory: (runner: CommandRunner, readSide: ReadSide, keys: IdempotencyKeys, dataKeys: KeyStore, store: EventStore) =>
        new SubjectService(keyPersonDefinition, runner, readSide, keys, dataKeys, store),
    },
  ],
  exports: [IdempotencyKeys],
})
export class SubjectsModule {}
