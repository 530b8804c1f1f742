import { Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { RedisReplayBoard, ReplayRegistry, replayProjections } from '@sleutel/audit';
import { EventStore } from '@sleutel/event-store';
import { EventCodec } from '@sleutel/eventsourcing';
import { APP_CONFIG, AppConfigType, EVENT_CODEC, EVENT_STORE, KeyStoreTombstones, ReadSide } from '@sleutel/platform';
import { AuditReplaysController } from './audit-replays.http.controller';
import { AuditController } from './audit.http.controller';
import { LogAnchors } from './log-anchors';

/** The auditor's endpoints (SPEC §6, §9 `/audit/...`). */
@Module({
  // Replays first: their `/audit/replays/{id}` must win over `/audit/{kind}/{id}`.
  controllers: [AuditReplaysController, AuditController],
  providers: [
    LogAnchors,
    {
      provide: ReplayRegistry,
      inject: [EVENT_STORE, ReadSide, EVENT_CODEC, APP_CONFIG, KeyStoreTombstones],
      useFactory: (store: EventStore, readSide: ReadSide, codec: EventCodec, config: AppConfigType, tombstones: KeyStoreTombstones) => {
        const logger = new Logger('audit-replays');
        let reported = false;
        // The key store is part of what is served (a tombstone makes a person erased everywhere): checked against the log too.
        const run = async (onProgress: (progress: number) => void) => ({ ...(await replayProjections(store, readSide, { onProgress, codec })), tombstones: await tombstones.check() });
        return new ReplayRegistry(run, {
          // API replicas behind one load balancer share replays through Redis: any of them answers, one runs at a time.
          board: config.redisUrl === null ? undefined : RedisReplayBoard.connect(config.redisUrl, { prefix: config.ops.replayRedisPrefix }),
          onBoardError: (error) => {
            // Once per process (later failures say nothing new), never the URL; the replay itself goes on in this process.
            if (!reported) logger.warn(`Replays are not shared while Redis does not answer: ${error instanceof Error ? error.message : String(error)}`);
            reported = true;
          },
        });
      },
    },
  ],
})
export class AuditModule implements OnApplicationShutdown {
  constructor(@Inject(ReplayRegistry) private readonly replays: ReplayRegistry) {}

  /** Runs before the platform closes the store and read side, so a replay is not cut off mid-page. */
  async onApplicationShutdown(): Promise<void> {
    await this.replays.close();
  }
}
