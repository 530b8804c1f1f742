import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ReplayRegistry, replayProjections } from '@sleutel/audit';
import { EventStore } from '@sleutel/event-store';
import { EventCodec } from '@sleutel/eventsourcing';
import { EVENT_CODEC, EVENT_STORE, ReadSide } from '@sleutel/platform';
import { AuditReplaysController } from './audit-replays.http.controller';
import { AuditController } from './audit.http.controller';

/** The auditor's endpoints (SPEC §6, §9 `/audit/...`). */
@Module({
  // Replays first: their `/audit/replays/{id}` must win over `/audit/{kind}/{id}`.
  controllers: [AuditReplaysController, AuditController],
  providers: [
    {
      provide: ReplayRegistry,
      inject: [EVENT_STORE, ReadSide, EVENT_CODEC],
      useFactory: (store: EventStore, readSide: ReadSide, codec: EventCodec) =>
        new ReplayRegistry((onProgress) => replayProjections(store, readSide, { onProgress, codec })),
    },
  ],
})
export class AuditModule implements OnApplicationShutdown {
  constructor(@Inject(ReplayRegistry) private readonly replays: ReplayRegistry) {}

  /** Runs before the platform closes the store and read side, so a replay is not cut off mid-page. */
  async onApplicationShutdown(): Promise<void> {
    await this.replays.idle();
  }
}
