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
  const base = `http://localhost:${config.port}`;
  new Logger('sleutel').log(
    `Serving on ${base}: the web console at ${base}/, the API's documentation at ${base}/docs; data in ${config.dataDir}. ` +
      `A token to sign in with: ${tokenCommand(config)}`,
  );
}

/** The CLI line that prints a token this process accepts: the CLI must find the same secret (README, "Quick start"). */
function tokenCommand(config: AppConfigType): string {
  const command = 'npm run cli -- token --role coordinator --sub <you>';
  if (config.auth.jwtSecret) return `${command}, with the same AUTH_JWT_SECRET`;
  return process.env.DATA_DIR ? `DATA_DIR=${config.dataDir} ${command}` : command;
}

main().catch((error: unknown) => exitOnStartFailure('api', error));
