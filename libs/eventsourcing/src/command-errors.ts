/** The caller decided on a revision (If-Match) that is no longer the stream's. */
export class StaleRevisionError extends Error {
  readonly code = 'CONCURRENCY.STALE_REVISION';
  constructor(readonly streamId: string, readonly expected: number, readonly actual: number) {
    super(`The resource is at revision ${actual}, not ${expected}`);
    this.name = 'StaleRevisionError';
  }
}

/** Others kept writing to the stream; we gave up after a bounded number of tries. */
export class ContentionError extends Error {
  readonly code = 'CONCURRENCY.CONTENTION';
  constructor(readonly streamId: string, readonly attempts: number) {
    super(`Stream ${streamId} kept changing during ${attempts} attempts`);
    this.name = 'ContentionError';
  }
}
