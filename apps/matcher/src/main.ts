import 'reflect-metadata';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigurationError, loadConfig } from '@sleutel/config';
import { MatcherModule } from '@sleutel/matcher';
import { PlatformModule } from '@sleutel/platform';

@Module({ imports: [PlatformModule, MatcherModule] })
class MatcherWorkerModule {}

/**
 * `npm run start:matcher`: a matcher worker process. Run as many as needed
 * beside the API (SPEC §8): each follows the log, keeps its own candidate
 * index in memory, and takes jobs from the shared BullMQ queue.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  if (!config.redisUrl) throw new ConfigurationError(['REDIS_URL: a separate matcher process needs the shared queue; without Redis, `npm start` runs the matcher inside the API']);
  const app = await NestFactory.createApplicationContext(MatcherWorkerModule, { logger: ['error', 'warn', 'log'], abortOnError: false });
  app.enableShutdownHooks();
  new Logger('matcher').log(`Matcher worker ${process.pid} taking jobs from ${config.matcher.queueName}, concurrency ${config.matcher.concurrency}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigurationError ? error.message : error);
  process.exit(1);
});
