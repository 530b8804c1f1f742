import { loadConfig } from '@sleutel/config';

/**
 * Whether this process runs the matcher itself: by default yes when there is
 * no Redis (the embedded default of SPEC §8), no when workers run apart.
 */
export function runsMatcherInProcess(env: NodeJS.ProcessEnv): boolean {
  const config = loadConfig(env);
  return config.matcher.inProcess ?? config.redisUrl === null;
}
