import { INestApplication, Logger } from '@nestjs/common';
import { Server, ServerResponse } from 'node:http';
import { ShutdownDrain } from './shutdown-drain';

const SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];
/** How often idle keep-alive connections are closed while requests in flight finish. */
const IDLE_SWEEP_MS = 50;

/**
 * Stops the process on SIGTERM (or SIGINT) within `timeoutMs`, in this order:
 *
 * 1. Stop taking HTTP work: readiness fails, the listener closes, idle
 *    keep-alive connections are closed, and a request arriving on a still
 *    open one is refused with 503 (nothing was done: a retry loses nothing).
 * 2. Requests in flight run to their answer (a write still waits for the read
 *    models, so nothing else has stopped yet).
 * 3. Nest's shutdown hooks: the matcher's worker finishes its jobs or hands
 *    them back (bounded by the queue's close timeout), the relay, candidate
 *    pool and read side stop and save their checkpoints, the store and key
 *    store close.
 * 4. Exit 0. Past the bound: exit 1; jobs still held come back by BullMQ's
 *    stall detection, and subscribers resume from their last checkpoint.
 *
 * Replaces Nest's `enableShutdownHooks`, which closes the HTTP listener only
 * after the other hooks and then re-raises the signal (so never exits 0).
 */
export function stopGracefullyOnSignals(app: INestApplication, timeoutMs: number): void {
  const logger = new Logger('shutdown');
  const server = app.getHttpServer() as Server;
  const inFlight = countAnswersInFlight(server);
  let stopping = false;
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) return;
    stopping = true;
    const started = Date.now();
    logger.log(`${signal}: stopping, within ${timeoutMs} ms`);
    setTimeout(() => {
      logger.error(`not stopped within ${timeoutMs} ms (SHUTDOWN_TIMEOUT_MS); exiting anyway`);
      process.exit(1);
    }, timeoutMs).unref();
    try {
      app.get(ShutdownDrain).begin();
      await closeListener(server, inFlight);
      await app.close();
      logger.log(`stopped in ${Date.now() - started} ms`);
      process.exit(0);
    } catch (error) {
      logger.error(`stopping failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
  };
  for (const signal of SIGNALS) process.on(signal, () => void stop(signal));
}

/** How many requests the server took (their headers arrived and the app has them) and has not answered yet. */
function countAnswersInFlight(server: Server): () => number {
  let answering = 0;
  server.on('request', (_request, response: ServerResponse) => {
    answering += 1;
    // 'close' comes once, when the answer is sent or the connection is gone first.
    response.once('close', () => (answering -= 1));
  });
  return () => answering;
}

/**
 * Resolves once the server no longer listens and every request it took has
 * been answered. A connection that carries no such request holds close()
 * open too, for as long as the peer keeps it: an idle keep-alive one (Node
 * closes those on request), but also one on which no whole request has
 * arrived yet (a browser's preconnect, a load balancer's spare, a client
 * sending slowly), which Node keeps until its headers time out (60 s).
 * Those are closed as soon as nothing is in flight: nothing was taken on
 * them, so the client may retry elsewhere.
 */
function closeListener(server: Server, inFlight: () => number): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    const sweep = setInterval(() => {
      if (inFlight() === 0) server.closeAllConnections();
      else server.closeIdleConnections();
    }, IDLE_SWEEP_MS);
    server.close(() => {
      clearInterval(sweep);
      resolve();
    });
  });
}
