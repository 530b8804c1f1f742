import { derivedId } from '@sleutel/domain';
import { CommandContext } from '@sleutel/eventsourcing';
import { JobCause } from './matcher.jobs';

/** The matcher acts as the system, on behalf of nobody in particular. */
export const MATCHER_ACTOR = { id: 'matcher', role: 'system' } as const;

/**
 * A command issued while handling a job. The command id derives from the job
 * and the step, so a redelivered job issues the same commands with the same
 * event ids and the store appends them once.
 */
export function workerContext(jobId: string, cause: JobCause | null, step: string): CommandContext {
  return {
    actor: MATCHER_ACTOR,
    source: 'worker',
    correlationId: cause?.correlationId ?? jobId,
    causationId: cause ? cause.causeEventId : `job:${jobId}`,
    commandId: derivedId(`job|${jobId}|${step}`),
  };
}
