import { JobRefusedError } from './job-queue.errors';

/**
 * Checks a job before it reaches a driver. Job data is stored in clear text
 * (Redis keys, dashboards, logs), so it may hold only ids and small scalars:
 * refusing anything nested or large keeps personal data out by construction.
 */
export const JOB_LIMITS = {
  idLength: 200,
  fields: 16,
  stringLength: 200,
  serialisedBytes: 2_048,
} as const;

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const ALL_DIGITS = /^[0-9]+$/;

export function assertJobSpec(job: { readonly name: unknown; readonly id: unknown; readonly data: unknown }): void {
  const id = typeof job.id === 'string' ? job.id : String(job.id);
  const refuse = (reason: string): never => {
    throw new JobRefusedError(id, reason);
  };
  if (typeof job.name !== 'string' || job.name.length === 0) refuse('the name must be a non-empty string');
  assertJobId(job.id, refuse);
  assertFlatData(job.data, refuse);
}

// BullMQ builds Redis keys from the id (':' would split them) and treats an
// all-digit id as one of its own counters, so the caller's id must avoid both.
function assertJobId(id: unknown, refuse: (reason: string) => never): void {
  if (typeof id !== 'string' || id.length === 0) refuse('the id must be a non-empty string');
  const text = id as string;
  if (text.length > JOB_LIMITS.idLength) refuse(`the id is longer than ${JOB_LIMITS.idLength} characters`);
  if (text.includes(':')) refuse("the id must not contain ':'");
  if (ALL_DIGITS.test(text)) refuse('the id must not be all digits');
}

function assertFlatData(data: unknown, refuse: (reason: string) => never): void {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) refuse('data must be a plain object');
  const prototype: unknown = Object.getPrototypeOf(data);
  if (prototype !== Object.prototype && prototype !== null) refuse('data must be a plain object');
  const entries = Object.entries(data as object);
  if (entries.length > JOB_LIMITS.fields) refuse(`data has more than ${JOB_LIMITS.fields} fields`);
  for (const [field, value] of entries) {
    if (!FIELD_NAME.test(field)) refuse(`field ${JSON.stringify(field)} is not a plain name`);
    if (typeof value === 'string') {
      if (value.length > JOB_LIMITS.stringLength) refuse(`field ${field} is longer than ${JOB_LIMITS.stringLength} characters: ids only`);
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) refuse(`field ${field} is not a finite number`);
    } else if (typeof value !== 'boolean') {
      refuse(`field ${field} is not a string, number or boolean: data holds ids only`);
    }
  }
  const bytes = Buffer.byteLength(JSON.stringify(data));
  if (bytes > JOB_LIMITS.serialisedBytes) refuse(`data is ${bytes} bytes, more than ${JOB_LIMITS.serialisedBytes}`);
}
