/**
 * TEST DOUBLE of an EventStoreDB node's gRPC Streams service, NOT a server.
 *
 * It serves the service definitions generated inside `@eventstore/db-client`
 * (`generated/streams_grpc_pb`, `serverfeatures_grpc_pb`) with `@grpc/grpc-js`
 * on 127.0.0.1, insecure, so the real client talks real gRPC to it. What the
 * client calls on a single-node connection string is served: ServerFeatures
 * (which decides between BatchAppend and Append) and the Streams methods
 * Read, Append and BatchAppend. Keep-alive pings are HTTP/2 pings grpc-js
 * answers itself; Gossip is only used with discovery (`esdb+discover://` or
 * several hosts), so it is not served, nor are Delete, Tombstone, users,
 * projections or persistent subscriptions.
 *
 * What it proves: the adapter's mapping through the real client and real
 * gRPC (messages, expected revisions, errors, positions, filters,
 * checkpoints), and of the errors a node answers when it cannot serve a call
 * now (`failNext`: not the leader, a commit timeout, a deadline). What it does not: the real server's behaviour beyond the
 * rules copied here, authorisation, clustering, durability, performance.
 */
import { Server, ServerCredentials, status } from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { handleAppend, handleBatchAppend } from './streams-double.append';
import { FaultedCall, StreamsDoubleFault, StreamsDoubleFaults } from './streams-double.faults';
import { StreamsDoubleLog } from './streams-double.log';
import { handleRead, ReadTally } from './streams-double.read';
import { StreamsDoubleSubscription } from './streams-double.subscription';

export interface StreamsDoubleOptions {
  /** List BatchAppend among the server's features, as servers from 21.10 do (default true). */
  readonly batchAppend?: boolean;
  /** The server's `MaxAppendSize`: bytes of data and metadata one append may carry (default 1 MiB, as the server's). */
  readonly maxAppendSize?: number;
}

/** EventStoreDB's default `MaxAppendSize`. */
export const DEFAULT_MAX_APPEND_SIZE = 1_048_576;

const STREAMS_SERVICE = 'event_store.client.streams.Streams';

export class StreamsDouble {
  readonly log = new StreamsDoubleLog();
  /** Reads of `$all` served so far and the records they sent, and the records subscriptions sent. */
  readonly reads: ReadTally = { allReads: 0, allRecordsSent: 0, subscriptionRecordsSent: 0 };
  private readonly subscriptions = new Set<StreamsDoubleSubscription>();
  private readonly faults = new StreamsDoubleFaults(() => this.port);

  private constructor(private readonly server: Server, readonly port: number) {}

  static async start(options: StreamsDoubleOptions = {}): Promise<StreamsDouble> {
    const server = new Server();
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    const double = new StreamsDouble(server, port);
    double.serve(options.batchAppend ?? true, options.maxAppendSize ?? DEFAULT_MAX_APPEND_SIZE);
    return double;
  }

  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  /** Ends every live subscription with UNAVAILABLE, as a node restart does. */
  dropSubscriptions(): void {
    for (const subscription of [...this.subscriptions]) subscription.fail(status.UNAVAILABLE, 'Subscription dropped by the test double');
  }

  /**
   * Answers the next `count` calls of that kind with `fault` instead of
   * serving them: a read (not a subscription), or an append through the unary
   * `Append` (start the double with `batchAppend: false`).
   */
  failNext(call: FaultedCall, fault: StreamsDoubleFault, count = 1, skip = 0): void {
    this.faults.failNext(call, fault, count, skip);
  }

  /** Dispose the clients first; whatever is still open is cut off. */
  async stop(): Promise<void> {
    this.dropSubscriptions();
    await new Promise<void>((resolve) => {
      const deadline = setTimeout(() => {
        this.server.forceShutdown();
        resolve();
      }, 1000);
      this.server.tryShutdown(() => {
        clearTimeout(deadline);
        resolve();
      });
    });
  }

  private serve(batchAppend: boolean, maxAppendSize: number): void {
    const methods = ['Read', 'Append', ...(batchAppend ? ['BatchAppend'] : [])];
    this.server.addService(ServerFeaturesService, {
      getSupportedMethods: (_call: unknown, callback: (error: null, response: SupportedMethods) => void) => {
        const supported = methods.map((name) => new SupportedMethod().setServiceName(STREAMS_SERVICE).setMethodName(name));
        callback(null, new SupportedMethods().setMethodsList(supported).setEventStoreServerVersion('23.10.0 (Streams test double)'));
      },
    });
    this.server.addService(StreamsService, {
      read: handleRead(this.log, this.faults, (call, options) => {
        const subscription = new StreamsDoubleSubscription(this.log, call, options, this.reads, (ended) => this.subscriptions.delete(ended));
        this.subscriptions.add(subscription);
        subscription.start();
      }, this.reads),
      append: handleAppend(this.log, maxAppendSize, this.faults),
      batchAppend: handleBatchAppend(this.log, maxAppendSize),
      delete: (_call: unknown, callback: (error: { code: status; details: string }) => void) =>
        callback({ code: status.UNIMPLEMENTED, details: 'Not served by the test double' }),
      tombstone: (_call: unknown, callback: (error: { code: status; details: string }) => void) =>
        callback({ code: status.UNIMPLEMENTED, details: 'Not served by the test double' }),
    });
  }
}
