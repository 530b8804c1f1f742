/**
 * TEST DOUBLE: calls the double answers with an error instead of serving
 * them, as a node does that is not the leader (after a failover), that could
 * not commit in time, or that a call's deadline ran out on.
 */
import { Metadata, status } from '@grpc/grpc-js';

export type StreamsDoubleFault = 'not-leader' | 'commit-timeout' | 'deadline-exceeded';

/** The calls a fault can be set for: a read (of a stream or `$all`, not a subscription), or a unary `Append`. */
export type FaultedCall = 'read' | 'append';

export interface GrpcFailure {
  readonly code: status;
  readonly details: string;
  readonly metadata?: Metadata;
}

export class StreamsDoubleFaults {
  /** Per kind of call, what each of the next calls meets: a fault, or `null` to be served. */
  private readonly pending: Record<FaultedCall, (StreamsDoubleFault | null)[]> = { read: [], append: [] };

  constructor(private readonly port: () => number) {}

  /** The next `count` calls of that kind fail with `fault`, after `skip` more are served (an event-id guard's append, say). */
  failNext(call: FaultedCall, fault: StreamsDoubleFault, count = 1, skip = 0): void {
    for (let index = 0; index < skip; index += 1) this.pending[call].push(null);
    for (let index = 0; index < count; index += 1) this.pending[call].push(fault);
  }

  /** The failure for this call, or null to serve it. */
  take(call: FaultedCall): GrpcFailure | null {
    const fault = this.pending[call].shift();
    if (fault === undefined || fault === null) return null;
    switch (fault) {
      case 'not-leader': {
        // As the server answers on a follower: the leader's endpoint, for the client to reconnect to (here, the double).
        const metadata = new Metadata();
        metadata.set('exception', 'not-leader');
        metadata.set('leader-endpoint-host', '127.0.0.1');
        metadata.set('leader-endpoint-port', String(this.port()));
        return { code: status.NOT_FOUND, details: 'Leader info available', metadata };
      }
      case 'commit-timeout':
        return { code: status.ABORTED, details: 'Operation timed out' };
      case 'deadline-exceeded':
        return { code: status.DEADLINE_EXCEEDED, details: 'Deadline exceeded' };
    }
  }
}
