import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@sleutel/config';
import { APP_CONFIG, AppConfigType } from '@sleutel/platform';
import { createApp } from './create-app';
import { exitOnStartFailure } from './ops/logging/json-logger';
import { stopGracefullyOnSignals } from './ops/shutdown/graceful-shutdown';

async function main(): Promise<void> {
  // Validate before Nest starts, so a bad value is one clear line, not a DI stack trace.
  loadConfig(process.env);
  const app = await createApp();
  const config = app.get<AppConfigType>(APP_CONFIG);
  stopGracefullyOnSignals(app, config.ops.shutdownTimeoutMs);
  await app.listen(config.port);
  new Logger('sleutel').log(`Serving on http://localhost:${config.port} (docs at /docs), data in ${config.dataDir}`);
}

main().catch((error: unknown) => exitOnStartFailure('api', error));
