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
      tokenCommand(config),
  );
}

/**
 * The CLI line that prints a token this process accepts, pasteable into a shell as it stands (no `<you>` for the shell
 * to read as a redirection, no npm banner on stdout), last on the line: the CLI must find the same secret and not sign
 * a lifetime over this process's maximum (README, "Quick start").
 */
function tokenCommand(config: AppConfigType): string {
  const ttl = config.auth.maxTokenTtlSeconds < 3600 ? ` --ttl ${config.auth.maxTokenTtlSeconds}s` : '';
  const command = `npm run --silent cli -- token --role coordinator --sub YOUR_ID${ttl}`;
  if (config.auth.jwtSecret) return `A token to sign in with (give the CLI the same AUTH_JWT_SECRET): ${command}`;
  return `A token to sign in with: ${process.env.DATA_DIR ? `DATA_DIR=${shellWord(config.dataDir)} ` : ''}${command}`;
}

/** A path as one shell word: as it stands when it holds nothing a shell reads, else single-quoted. */
function shellWord(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

main().catch((error: unknown) => exitOnStartFailure('api', error));
