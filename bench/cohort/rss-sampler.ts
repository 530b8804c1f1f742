/**
 * Peak resident memory during a synchronous solve. The solving thread cannot
 * sample itself (it is busy), so a worker thread reads the process's RSS every
 * millisecond — RSS is per process, so it sees the solver's allocations.
 */
import { Worker } from 'node:worker_threads';

const SAMPLER = `
const { parentPort } = require('node:worker_threads');
let peak = process.memoryUsage.rss();
const timer = setInterval(() => { const rss = process.memoryUsage.rss(); if (rss > peak) peak = rss; }, 1);
parentPort.on('message', (command) => {
  if (command === 'reset') peak = process.memoryUsage.rss();
  if (command === 'stop') { clearInterval(timer); parentPort.close(); return; }
  parentPort.postMessage(peak);
});
`;

export class RssSampler {
  private readonly worker = new Worker(SAMPLER, { eval: true });

  /** Starts a new high-water mark at the current RSS; resolves once the sampler has done so. */
  reset(): Promise<number> {
    return this.ask('reset');
  }

  /** The highest RSS seen since the last reset, in bytes. */
  peak(): Promise<number> {
    return this.ask('read');
  }

  async stop(): Promise<void> {
    this.worker.postMessage('stop');
    await new Promise((resolve) => this.worker.once('exit', resolve));
  }

  private ask(command: 'reset' | 'read'): Promise<number> {
    return new Promise((resolve) => {
      this.worker.once('message', (peak: number) => resolve(peak));
      this.worker.postMessage(command);
    });
  }
}
