import { ConfigType, registerAs } from '@nestjs/config';
import { AppConfig, loadConfig } from '@sleutel/config';

/** The validated configuration as a @nestjs/config namespace; loading fails fast on a bad value. */
export const appConfig = registerAs('app', (): AppConfig => loadConfig(process.env));
export type AppConfigType = ConfigType<typeof appConfig>;
export const APP_CONFIG = appConfig.KEY;
