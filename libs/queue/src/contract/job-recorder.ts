import { DeliveredJob, JobHandlers } from '../job-queue.port';
import { TestJobs } from './contract-queue';

export interface Run {
  readonly id: string;
  readonly name: string;
  readonly data: object;
  readonly attempt: number;
  readonly at: number;
}

type Behaviour = (job: DeliveredJob<string, object>) => Promise<void>;

/** Handlers that record every run; `behaviour` decides how each run ends. */
export class JobRecorder {
  readonly runs: Run[] = [];
  readonly completed: string[] = [];
  running = 0;
  mostRunning = 0;

  constructor(private readonly behaviour: Behaviour = async () => undefined) {}

  get handlers(): JobHandlers<TestJobs> {
    const handle = (job: DeliveredJob<string, object>): Promise<void> => this.handle(job);
    return { ping: handle, sweep: handle };
  }

  runsOf(id: string): Run[] {
    return this.runs.filter((run) => run.id === id);
  }

  private async handle(job: DeliveredJob<string, object>): Promise<void> {
    this.runs.push({ id: job.id, name: job.name, data: job.data, attempt: job.attempt, at: Date.now() });
    this.running += 1;
    this.mostRunning = Math.max(this.mostRunning, this.running);
    try {
      await this.behaviour(job);
      this.completed.push(job.id);
    } finally {
      this.running -= 1;
    }
  }
}

/** A promise the test releases by hand. */
export class Gate {
  readonly opened: Promise<void>;
  open!: () => void;

  constructor() {
    this.opened = new Promise<void>((resolve) => {
      this.open = resolve;
    });
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Retries `check` until it passes or `timeoutMs` runs out, then throws its last error. */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(20);
    }
  }
}
