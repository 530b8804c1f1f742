/**
 * One autocannon run, summed up as the load bench reports it: throughput,
 * latency percentiles and everything that was not a 2xx answer.
 */
import autocannon from 'autocannon';

export interface CannonSettings {
  /** One URL, or several: autocannon spreads its connections over them round-robin. */
  readonly url: string | string[];
  readonly connections: number;
  readonly durationSeconds: number;
  readonly requests: autocannon.Request[];
}

export interface LoadResult {
  /** Answers per second over the whole window, whatever their status. */
  readonly requestsPerSecond: number;
  readonly total: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Connection errors and timeouts: requests that got no answer at all. */
  readonly errors: number;
  readonly non2xx: number;
  readonly seconds: number;
}

export function fire(settings: CannonSettings): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: settings.url as string,
        connections: settings.connections,
        duration: settings.durationSeconds,
        requests: settings.requests,
        timeout: 10,
      },
      (error, result) => {
        if (error) {
          reject(error);
          return;
        }
        // autocannon counts timeouts among its errors.
        resolve({
          requestsPerSecond: result.requests.total / result.duration,
          total: result.requests.total,
          p50Ms: result.latency.p50,
          p90Ms: result.latency.p90,
          p99Ms: result.latency.p99,
          maxMs: result.latency.max,
          errors: result.errors,
          non2xx: result.non2xx,
          seconds: result.duration,
        });
      },
    );
  });
}

/** One line for the console: what a person compares at a glance. */
export function describe(label: string, result: LoadResult): string {
  const ms = (value: number): string => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
  return `${label}: ${Math.round(result.requestsPerSecond).toLocaleString('en-US')} req/s over ${result.seconds.toFixed(0)} s ` +
    `(${result.total.toLocaleString('en-US')} answers), p50 ${ms(result.p50Ms)}, p90 ${ms(result.p90Ms)}, p99 ${ms(result.p99Ms)}, ` +
    `max ${ms(result.maxMs)}, errors ${result.errors}, non-2xx ${result.non2xx}`;
}
