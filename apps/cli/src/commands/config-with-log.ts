import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, loadConfig } from '@sleutel/config';
import { CliError } from '../cli-error';

/**
 * The configuration, once it is sure the embedded store's log is there: a
 * mistyped DATA_DIR would otherwise get a new, empty log (and a new master
 * key and token secret), which verifies as intact and holds nobody.
 * `command` names the command in the refusal (`audit`, `keys lost`).
 */
export function configWithLog(command: string): AppConfig {
  const config = loadConfig(process.env);
  if (config.eventStoreConnectionString) return config;
  if (config.sqliteEventStoreFile) {
    if (!existsSync(config.sqliteEventStoreFile)) throw new CliError(`${command}: SQLITE_EVENT_STORE_FILE ${config.sqliteEventStoreFile} does not exist; nothing was checked`);
    return config;
  }
  const log = join(config.dataDir, 'events.sqlite');
  if (!existsSync(log)) throw new CliError(`${command}: DATA_DIR ${config.dataDir} holds no event log (${log}); nothing was checked`);
  return config;
}
