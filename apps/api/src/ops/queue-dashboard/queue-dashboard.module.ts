import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BULL_BOARD_INSTANCE, BullBoardInstance, BullBoardModule } from '@bull-board/nestjs';
import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { TokenService } from '@sleutel/auth';
import { QueueInspector } from '../redis/queue-inspector';
import { DASHBOARD_ROUTE } from '../route-template';
import { adminOnly } from './admin-only.middleware';

/**
 * The BullMQ dashboard (@bull-board) at `/queues`, for admins, in an API
 * process with `REDIS_URL` set. Read-only: jobs are derived from the log
 * (a lost one is derived again), and removing or promoting them by hand
 * would bypass the rules that made them; ask for matching again with
 * `POST /newcomers/{id}/match-requests` instead.
 */
@Module({
  imports: [
    BullBoardModule.forRootAsync({
      inject: [TokenService],
      useFactory: (tokens: TokenService) => ({
        route: DASHBOARD_ROUTE,
        adapter: ExpressAdapter,
        middleware: adminOnly(tokens),
        boardOptions: { uiConfig: { boardTitle: 'sleutel' } },
      }),
    }),
  ],
})
export class QueueDashboardModule implements OnModuleInit {
  constructor(@Inject(BULL_BOARD_INSTANCE) private readonly board: BullBoardInstance, private readonly inspector: QueueInspector) {}

  onModuleInit(): void {
    if (this.inspector.queue !== null) this.board.addQueue(new BullMQAdapter(this.inspector.queue, { readOnlyMode: true, allowRetries: false }));
  }
}
