import { Global, Inject, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { resolveJwtSecret, TokenService } from '@sleutel/auth';
import { EventStore } from '@sleutel/event-store';
import { eventSchemaVersions, eventUpcasters } from '@sleutel/domain';
import { CommandRunner, EventCodec, upcastingCodec } from '@sleutel/eventsourcing';
import { APP_CONFIG, appConfig, AppConfigType } from './app-config.provider';
import { createEventStore } from './event-store.factory';
import { ReadSide } from './read-side';

export const EVENT_STORE = Symbol('EventStore');
export const JWT_SECRET = Symbol('JwtSecret');
/** How stored events become what the domain reads: upcasting now, per-subject encryption composes here (SPEC §7). */
export const EVENT_CODEC = Symbol('EventCodec');

/**
 * The infrastructure every process shares: configuration, the event store
 * chosen by it, the command runner, the read side and token verification.
 */
@Global()
@Module({
  imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [appConfig] })],
  providers: [
    { provide: EVENT_STORE, inject: [APP_CONFIG], useFactory: (config: AppConfigType) => createEventStore(config) },
    { provide: EVENT_CODEC, useFactory: (): EventCodec => upcastingCodec(eventSchemaVersions, eventUpcasters) },
    { provide: CommandRunner, inject: [EVENT_STORE, EVENT_CODEC], useFactory: (store: EventStore, codec: EventCodec) => new CommandRunner(store, codec) },
    {
      provide: ReadSide,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfigType) => ReadSide.open(config.dataDir, config.http.readYourWritesTimeoutMs),
    },
    { provide: JWT_SECRET, inject: [APP_CONFIG], useFactory: (config: AppConfigType) => resolveJwtSecret(config.auth.jwtSecret, config.dataDir) },
    {
      provide: TokenService,
      inject: [APP_CONFIG, JWT_SECRET],
      useFactory: (config: AppConfigType, secret: string) =>
        new TokenService({ secret, clockSkewSeconds: config.auth.clockSkewSeconds, maxTokenTtlSeconds: config.auth.maxTokenTtlSeconds }),
    },
  ],
  exports: [EVENT_STORE, EVENT_CODEC, CommandRunner, ReadSide, JWT_SECRET, TokenService],
})
export class PlatformModule implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly readSide: ReadSide) {}

  async onModuleInit(): Promise<void> {
    await this.readSide.start(this.store);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.readSide.close();
    await this.store.close();
  }
}
