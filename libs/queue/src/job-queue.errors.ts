/** A job the queue will not take: bad id or data that is not ids only. Not retryable. */
export class JobRefusedError extends Error {
  readonly code = 'QUEUE.JOB_REFUSED';
  constructor(
    readonly jobId: string,
    readonly reason: string,
  ) {
    super(`Job ${JSON.stringify(jobId)} refused: ${reason}`);
    this.name = 'JobRefusedError';
  }
}

/**
 * The queue cannot take the job now (Redis unreachable, queue closing). The
 * job was not added; the caller decides whether to retry, e.g. the relay does
 * not advance its checkpoint and tries again.
 */
export class QueueUnavailableError extends Error {
  readonly code = 'QUEUE.UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'QueueUnavailableError';
  }
}
