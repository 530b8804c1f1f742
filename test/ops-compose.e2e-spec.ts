import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_SCHEMA, load, mergeTag } from 'js-yaml';

/**
 * docker-compose.yml (issue 7), checked without Docker (none runs in CI):
 * the production shape of SPEC §8 with health checks, and a matcher that
 * `docker compose up --scale matcher=4` can replicate.
 */
type Service = {
  image?: string; build?: unknown; command?: string[]; container_name?: string; ports?: string[]; expose?: string[];
  environment?: Record<string, string>; healthcheck?: { test: string[] }; depends_on?: Record<string, { condition: string }>;
  stop_grace_period?: string; init?: boolean;
};
type Compose = { services: Record<string, Service>; volumes?: Record<string, unknown> };

// With merge keys (`<<: *sleutel-env`), as Docker Compose reads them.
const compose = load(readFileSync(join(__dirname, '..', 'docker-compose.yml'), 'utf8'), { schema: CORE_SCHEMA.withTags(mergeTag) }) as Compose;
const { services } = compose;
const seconds = (duration: string): number => Number(/^(\d+)s$/.exec(duration)?.[1] ?? NaN);

describe('docker-compose.yml', () => {
  it('runs EventStoreDB (or KurrentDB), Redis, the API and the matcher', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'eventstore', 'matcher', 'redis']);
    expect(services.eventstore.image).toMatch(/^(eventstore\/eventstore|docker\.kurrent\.io\/.*kurrentdb)/);
  });

  it('runs Redis with AOF persistence and maxmemory-policy noeviction', () => {
    const command = services.redis.command!.join(' ');
    expect(command).toContain('--appendonly yes');
    expect(command).toContain('--maxmemory-policy noeviction');
  });

  it('gives every service a health check, the API and the matcher on /health/ready', () => {
    for (const [name, service] of Object.entries(services)) expect({ name, healthcheck: Boolean(service.healthcheck?.test) }).toEqual({ name, healthcheck: true });
    expect(services.api.healthcheck!.test.join(' ')).toContain('http://localhost:3000/health/ready');
    expect(services.matcher.healthcheck!.test.join(' ')).toContain(`http://localhost:${services.matcher.environment!.MATCHER_OPS_PORT}/health/ready`);
  });

  it('lets the matcher scale: no container name, no published port', () => {
    expect(services.matcher.container_name).toBeUndefined();
    expect(services.matcher.ports).toBeUndefined();
    expect(services.matcher.command).toEqual(['npm', 'run', 'start:matcher']);
  });

  it('starts the API and the matcher once the store and Redis are healthy, on the shared store, queue and key store', () => {
    for (const name of ['api', 'matcher']) {
      const service = services[name];
      expect(service.depends_on).toEqual({ eventstore: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
      expect(service.environment).toMatchObject({
        EVENTSTORE_CONNECTION_STRING: expect.stringMatching(/^esdb:\/\/eventstore:2113/),
        REDIS_URL: 'redis://redis:6379',
        KEY_STORE: 'redis',
        PRIVACY_MASTER_KEY: expect.stringContaining('${PRIVACY_MASTER_KEY:?'),
        AUTH_JWT_SECRET: expect.stringContaining('${AUTH_JWT_SECRET:?'),
      });
    }
  });

  it('stops gracefully: signals reach node (init, npm scripts exec) and the grace period exceeds SHUTDOWN_TIMEOUT_MS', () => {
    const scripts = (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const name of ['api', 'matcher']) {
      const service = services[name];
      expect(service.init).toBe(true);
      expect(seconds(service.stop_grace_period!) * 1000).toBeGreaterThan(Number(service.environment!.SHUTDOWN_TIMEOUT_MS));
      expect(scripts[service.command![2]]).toMatch(/^exec /);
    }
  });

  it('declares the volumes it mounts', () => {
    const mounted = Object.values(services).flatMap((service) => (service as { volumes?: string[] }).volumes ?? []).map((volume) => volume.split(':')[0]);
    for (const volume of mounted) expect(compose.volumes).toHaveProperty(volume);
  });
});
