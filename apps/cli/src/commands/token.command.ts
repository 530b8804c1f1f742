import { Command, InvalidArgumentError } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isRole, JWT_SECRET_FILE, MAX_SUBJECT_LENGTH, resolveJwtSecret, Role, TokenService } from '@sleutel/auth';
import { AppConfig, loadConfig } from '@sleutel/config';
import { isMunicipalityCode } from '@sleutel/reference';
import { CliError } from '../cli-error';

/** `token --role R --sub S [--municipalities GM0344,GM0363] [--ttl 1h]`: a bearer token for the configured secret. */
export function tokenCommand(): Command {
  return new Command('token')
    .description('print a bearer token signed with the configured secret')
    .requiredOption('--role <roles>', 'role, or comma-separated roles: intake, coordinator, auditor, admin', parseRoles)
    .requiredOption('--sub <subject>', 'who the token is for (an id, not a name)', parseSubject)
    .option('--municipalities <codes>', 'limit to these CBS codes, comma-separated', parseMunicipalities)
    .option('--ttl <duration>', 'lifetime: 90s, 30m, 1h, 7d', parseDuration, 3600)
    .action((options: { role: Role[]; sub: string; municipalities?: string[]; ttl: number }, command: Command) => {
      const config = loadConfig();
      const longest = config.auth.maxTokenTtlSeconds;
      // The API would refuse such a token anyway; say so in one line rather than with the service's stack trace,
      // naming --ttl only when it was given: otherwise the default lifetime is what is too long.
      if (options.ttl > longest) {
        command.error(command.getOptionValueSource('ttl') === 'default'
          ? `error: the default lifetime of 1 h (${options.ttl}s) is longer than the maximum of ${longest}s (AUTH_MAX_TOKEN_TTL_SECONDS); pass a shorter --ttl, e.g. --ttl ${longest}s`
          : `error: --ttl of ${options.ttl}s is longer than the maximum of ${longest}s (AUTH_MAX_TOKEN_TTL_SECONDS)`);
      }
      refuseSecretNoApiHas(config);
      const secret = resolveJwtSecret(config.auth.jwtSecret, config.dataDir);
      const tokens = new TokenService({ secret, clockSkewSeconds: config.auth.clockSkewSeconds, maxTokenTtlSeconds: longest });
      process.stdout.write(`${tokens.issue({ subject: options.sub, roles: options.role, municipalities: options.municipalities, ttlSeconds: options.ttl })}\n`);
    });
}

/**
 * The API generates its secret into DATA_DIR at its first start. A secret
 * generated here instead, for a DATA_DIR no API uses (a mistyped one, or the
 * default beside an API started with its own), would sign tokens every API
 * refuses with a bare 401: say so, and make nothing.
 */
function refuseSecretNoApiHas(config: AppConfig): void {
  const path = join(config.dataDir, JWT_SECRET_FILE);
  if (config.auth.jwtSecret || existsSync(path)) return;
  throw new CliError(
    `token: DATA_DIR ${config.dataDir} holds no token secret (${path}): give the DATA_DIR the API runs with (it makes the secret at its first start), or the AUTH_JWT_SECRET it is given; no token printed`,
  );
}

function parseRoles(value: string): Role[] {
  const roles = value.split(',').map((role) => role.trim());
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) throw new InvalidArgumentError(`unknown role ${unknown.join(', ')}; use intake, coordinator, auditor or admin`);
  return roles as Role[];
}

/** The API refuses a token without a subject or with a longer one: say so here rather than print one it will refuse. */
export function parseSubject(value: string): string {
  const subject = value.trim();
  if (subject === '' || subject.length > MAX_SUBJECT_LENGTH) throw new InvalidArgumentError(`must be 1 to ${MAX_SUBJECT_LENGTH} characters, e.g. anna or intake-utrecht-3`);
  return subject;
}

/**
 * Current CBS codes only, as the API takes for a profile's municipality: a
 * mistyped or merged-away code (GM0003 became Eemsdelta in 2021) would make a
 * token that sees nobody and may register nobody, with nothing saying why.
 */
export function parseMunicipalities(value: string): string[] {
  const codes = value.split(',').map((code) => code.trim());
  const bad = codes.filter((code) => !isMunicipalityCode(code));
  if (bad.length > 0) throw new InvalidArgumentError(`not a current CBS municipality code: ${bad.map((code) => JSON.stringify(code)).join(', ')} (e.g. GM0344)`);
  return codes;
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

export function parseDuration(value: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(value.trim());
  if (!match || Number(match[1]) === 0) throw new InvalidArgumentError('use a duration such as 90s, 30m, 1h or 7d');
  return Number(match[1]) * UNITS[match[2] || 's'];
}
