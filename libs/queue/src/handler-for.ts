import { JobHandler, JobHandlers, JobName } from './job-queue.port';

/** The handler for a stored job; a name without one fails the run (and so retries). */
export function handlerFor<Types>(handlers: JobHandlers<Types>, name: string): JobHandler<string, object> {
  // `hasOwn`, so a job named after an Object method cannot reach one.
  if (!Object.hasOwn(handlers, name)) return () => Promise.reject(new Error(`No handler for job ${name}`));
  // The catalog ties each name to its data type; stored jobs are untyped.
  return handlers[name as JobName<Types>] as unknown as JobHandler<string, object>;
}
