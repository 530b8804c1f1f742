import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested, validateSync,
  ValidationError,
} from 'class-validator';
import { accessSync, constants, Stats, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import defaults from './default.json';

/** The shortest AUTH_JWT_SECRET accepted; a secret generated into DATA_DIR is held to it when read back. */
export const JWT_SECRET_MIN_LENGTH = 32;

/**
 * The whole configuration (SPEC §8): `config/default.json` overridden by
 * environment variables, validated once at start-up. A bad value stops the
 * process with a message naming the variable, never a stack trace later.
 */
export class AuthConfig {
  /** HS256 secret; when absent one is generated once into DATA_DIR. */
  @IsOptional() @IsString() @MinLength(JWT_SECRET_MIN_LENGTH, { message: `must be at least ${JWT_SECRET_MIN_LENGTH} characters` })
  jwtSecret!: string | null;

  @IsInt() @Min(0) @Max(300)
  clockSkewSeconds!: number;

  @IsInt() @Min(60) @Max(31 * 86400)
  maxTokenTtlSeconds!: number;
}

export class PrivacyConfig {
  /**
   * 32 bytes, base64: wraps every person's data key (envelope encryption).
   * When absent one is generated once into DATA_DIR (embedded default only:
   * production must configure it, or erasure is only as safe as that file).
   */
  @IsOptional() @IsString() @MinLength(43, { message: 'must be 32 bytes in base64' })
  masterKey!: string | null;

  /** Where data keys live: `sqlite` (DATA_DIR/keys.sqlite) or `redis` (REDIS_URL, with persistence). */
  @IsIn(['sqlite', 'redis'])
  keyStore!: 'sqlite' | 'redis';

  /** SQLite key store only: its file, so processes with their own DATA_DIR can share one (with one PRIVACY_MASTER_KEY); default DATA_DIR/keys.sqlite. */
  @IsOptional() @IsString() @MinLength(1)
  keyStoreFile!: string | null;

  /** Redis key store only: the prefix of its keys (one installation, one prefix, one master key). */
  @Matches(/^[A-Za-z0-9:_-]{1,100}$/, { message: 'must be 1 to 100 letters, digits, :, _ or -' })
  keyStorePrefix!: string;
}

export class HttpConfig {
  @Matches(/^\d+(kb|mb)$/, { message: 'must look like 100kb or 1mb' })
  bodyLimit!: string;

  @IsInt() @Min(0) @Max(60000)
  readYourWritesTimeoutMs!: number;

  /**
   * Browser origins allowed to call the API (CORS), e.g. the web console's.
   * Empty: no Access-Control-Allow-Origin is ever sent, so browsers on other
   * origins cannot read answers. `*` is refused: name the origins.
   */
  @IsArray() @ArrayMaxSize(50)
  @Matches(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/, { each: true, message: 'must list origins such as https://console.example.nl, without a path' })
  corsOrigins!: string[];

  /**
   * Reverse proxies in front of the API whose X-Forwarded-For is believed
   * (Express `trust proxy` as a hop count). 0: the client is the socket's
   * peer. Per-IP rate limits count the address this yields.
   */
  @IsInt() @Min(0) @Max(10)
  trustProxyHops!: number;
}

/**
 * Requests per minute. Per token: by the verified token's `sub`, or by
 * address for requests without a valid token. Per IP: everything from one
 * address, a ceiling for a whole office behind one NAT. 0 switches a limit off.
 */
export class RateLimitConfig {
  @IsInt() @Min(0) @Max(1_000_000)
  perMinute!: number;

  @IsInt() @Min(0) @Max(1_000_000)
  perIpPerMinute!: number;

  /**
   * Where requests are counted: `redis` (REDIS_URL), shared by every API
   * process, so N replicas allow the limit once, not N times; `memory`, in
   * this process. null: `redis` when REDIS_URL is set.
   */
  @IsOptional() @IsIn(['memory', 'redis'])
  store!: 'memory' | 'redis' | null;

  /** Redis only: the prefix of the counters' keys (one installation, one prefix). */
  @Matches(/^[A-Za-z0-9:_-]{1,100}$/, { message: 'must be 1 to 100 letters, digits, :, _ or -' })
  redisPrefix!: string;
}

export class MatcherConfig {
  /** Run the matcher inside this process; null: yes when REDIS_URL is unset (the embedded default). */
  @IsOptional() @IsBoolean()
  inProcess!: boolean | null;

  @IsInt() @Min(1) @Max(64)
  concurrency!: number;

  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be 1 to 64 letters, digits, - or _' })
  queueName!: string;

  /** How long a coordinator has to approve or reject a proposal before it expires (default 7 days). */
  @IsInt() @Min(1) @Max(90 * 86_400)
  proposalDeadlineSeconds!: number;

  /** How long the newcomer and key person have to answer an approved proposal (default 14 days). */
  @IsInt() @Min(1) @Max(90 * 86_400)
  answerDeadlineSeconds!: number;

  @IsInt() @Min(100) @Max(86_400_000)
  expirySweepIntervalMs!: number;

  /** How long a job waits for this worker's candidate index to include its cause. */
  @IsInt() @Min(0) @Max(600_000)
  indexWaitTimeoutMs!: number;

  /** Runs of a matcher job before it ends failed (the first run counts); a job that failed for good is tried again by the sweep. */
  @IsInt() @Min(1) @Max(100)
  jobAttempts!: number;

  /** Delay before a failed matcher job's first retry; doubles with each further retry. */
  @IsInt() @Min(0) @Max(3_600_000)
  jobBackoffMs!: number;

  /**
   * BullMQ only: how long a worker's lock on a job lasts (renewed at half of it). A killed
   * worker's jobs are redelivered once it lapses; a lock shorter than the longest event-loop
   * stall of a busy worker makes BullMQ deliver a running job a second time.
   */
  @IsInt() @Min(200) @Max(600_000)
  lockDurationMs!: number;

  /** BullMQ only: how often each worker looks for jobs whose lock lapsed (stalled jobs). */
  @IsInt() @Min(50) @Max(600_000)
  stalledIntervalMs!: number;

  /** `on-demand`: propose at intake and whenever something changes; `cohort`: newcomers wait for a cohort run unless asked for. */
  @IsIn(['on-demand', 'cohort'])
  mode!: 'on-demand' | 'cohort';

  /** Start a cohort run over everyone this often (e.g. 604800000 for weekly); 0: only when a coordinator asks. */
  @IsInt() @Min(0) @Max(31_622_400_000)
  cohortRunIntervalMs!: number;

  /** Newcomers per page of a cohort run's recorded solution: each page is one append (EventStoreDB refuses appends over its MaxAppendSize). */
  @IsInt() @Min(1) @Max(10_000)
  cohortRunPageNewcomers!: number;

  /**
   * A cohort run still `running` this long after it started is taken as stalled (the matcher stopped taking it up,
   * e.g. its job given up after a store outage): it no longer holds back a new run over the same newcomers.
   */
  @IsInt() @Min(1_000) @Max(31 * 86_400_000)
  cohortRunStaleAfterMs!: number;
}

/** Operations (issue 7): logs, shutdown, readiness, metrics. */
export class OpsConfig {
  /** Lowest level written to the JSON log. */
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  logLevel!: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

  /**
   * After SIGTERM (or SIGINT): how long the process may take to stop taking
   * HTTP work, finish or hand back its jobs and flush its checkpoints before
   * it gives up and exits non-zero. Keep it under the orchestrator's grace period.
   */
  @IsInt() @Min(1_000) @Max(600_000)
  shutdownTimeoutMs!: number;

  /** Readiness fails while the read models are more than this many events behind the log. */
  @IsInt() @Min(0) @Max(10_000_000)
  readyMaxLagEvents!: number;

  /**
   * A static bearer token that may read `GET /metrics` (for Prometheus, which
   * cannot renew a JWT); admins' tokens may read it too. Null: admins only.
   */
  @IsOptional() @IsString() @MinLength(32, { message: 'must be at least 32 characters' }) @Matches(/^[A-Za-z0-9_\-.~+/=]+$/, { message: 'must be a token68 (letters, digits, -._~+/=)' })
  metricsToken!: string | null;

  /**
   * A matcher worker process (`npm run start:matcher`) has no API: on this
   * port it serves `/health/live`, `/health/ready` and `/metrics`. Null: none.
   */
  @IsOptional() @IsInt() @Min(1) @Max(65535)
  matcherOpsPort!: number | null;

  /**
   * How often each API process writes the log's digest to its JSON log as
   * `log anchor` (and once more when it stops), for the log shipper to keep
   * outside the system; `GET /audit/verify?anchor=` checks one later. 0: never.
   */
  @ValidateIf((_, value) => value !== 0) @IsInt() @Min(1_000, { message: 'must be 0 (off) or at least 1000' }) @Max(86_400_000)
  anchorIntervalMs!: number;

  /**
   * With REDIS_URL: the prefix of the keys through which the API processes
   * share audit replays (the running one, and each report for a week).
   */
  @Matches(/^[A-Za-z0-9:_-]{1,100}$/, { message: 'must be 1 to 100 letters, digits, :, _ or -' })
  replayRedisPrefix!: string;
}

export class AppConfig {
  @IsInt({ message: 'must be an integer' }) @Min(0) @Max(65535)
  port!: number;

  @IsString() @MinLength(1) @MaxLength(4096)
  dataDir!: string;

  @IsOptional() @Matches(/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kurrent|kurrent\+discover):\/\/.+/, {
    message: 'must be a connection string such as esdb://localhost:2113?tls=false',
  })
  eventStoreConnectionString!: string | null;

  @IsOptional() @Matches(/^rediss?:\/\/.+/, { message: 'must be a redis:// or rediss:// URL' })
  redisUrl!: string | null;

  /** The embedded store's file; null: `events.sqlite` in DATA_DIR. Lets processes with their own DATA_DIR share one log. */
  @IsOptional() @IsString() @MinLength(1)
  sqliteEventStoreFile!: string | null;

  /**
   * How often the embedded store looks for events other processes appended to the same file (API replicas, a
   * matcher beside them): the delay before their read models and matcher see another process's writes.
   * A process's own appends are seen at once.
   */
  @IsInt() @Min(1) @Max(60_000)
  sqlitePollIntervalMs!: number;

  @ValidateNested() @Type(() => MatcherConfig)
  matcher!: MatcherConfig;

  @ValidateNested() @Type(() => AuthConfig)
  auth!: AuthConfig;

  @ValidateNested() @Type(() => HttpConfig)
  http!: HttpConfig;

  @ValidateNested() @Type(() => PrivacyConfig)
  privacy!: PrivacyConfig;

  @ValidateNested() @Type(() => RateLimitConfig)
  rateLimit!: RateLimitConfig;

  @ValidateNested() @Type(() => OpsConfig)
  ops!: OpsConfig;
}

/** Environment variable → configuration path; the names users see in errors. */
const ENVIRONMENT: ReadonlyArray<readonly [string, string, 'int' | 'string' | 'bool' | 'list']> = [
  ['PORT', 'port', 'int'],
  ['DATA_DIR', 'dataDir', 'string'],
  ['EVENTSTORE_CONNECTION_STRING', 'eventStoreConnectionString', 'string'],
  ['REDIS_URL', 'redisUrl', 'string'],
  ['AUTH_JWT_SECRET', 'auth.jwtSecret', 'string'],
  ['AUTH_CLOCK_SKEW_SECONDS', 'auth.clockSkewSeconds', 'int'],
  ['AUTH_MAX_TOKEN_TTL_SECONDS', 'auth.maxTokenTtlSeconds', 'int'],
  ['HTTP_BODY_LIMIT', 'http.bodyLimit', 'string'],
  ['HTTP_READ_YOUR_WRITES_TIMEOUT_MS', 'http.readYourWritesTimeoutMs', 'int'],
  ['CORS_ORIGINS', 'http.corsOrigins', 'list'],
  ['HTTP_TRUST_PROXY_HOPS', 'http.trustProxyHops', 'int'],
  ['RATE_LIMIT_PER_MINUTE', 'rateLimit.perMinute', 'int'],
  ['RATE_LIMIT_PER_IP_PER_MINUTE', 'rateLimit.perIpPerMinute', 'int'],
  ['RATE_LIMIT_STORE', 'rateLimit.store', 'string'],
  ['RATE_LIMIT_REDIS_PREFIX', 'rateLimit.redisPrefix', 'string'],
  ['SQLITE_EVENT_STORE_FILE', 'sqliteEventStoreFile', 'string'],
  ['SQLITE_POLL_INTERVAL_MS', 'sqlitePollIntervalMs', 'int'],
  ['MATCHER_IN_PROCESS', 'matcher.inProcess', 'bool'],
  ['MATCHER_CONCURRENCY', 'matcher.concurrency', 'int'],
  ['MATCHER_QUEUE', 'matcher.queueName', 'string'],
  ['PROPOSAL_DEADLINE_SECONDS', 'matcher.proposalDeadlineSeconds', 'int'],
  ['ANSWER_DEADLINE_SECONDS', 'matcher.answerDeadlineSeconds', 'int'],
  ['EXPIRY_SWEEP_INTERVAL_MS', 'matcher.expirySweepIntervalMs', 'int'],
  ['MATCHER_INDEX_WAIT_TIMEOUT_MS', 'matcher.indexWaitTimeoutMs', 'int'],
  ['MATCHER_JOB_ATTEMPTS', 'matcher.jobAttempts', 'int'],
  ['MATCHER_JOB_BACKOFF_MS', 'matcher.jobBackoffMs', 'int'],
  ['MATCHER_LOCK_DURATION_MS', 'matcher.lockDurationMs', 'int'],
  ['MATCHER_STALLED_INTERVAL_MS', 'matcher.stalledIntervalMs', 'int'],
  ['COHORT_RUN_INTERVAL_MS', 'matcher.cohortRunIntervalMs', 'int'],
  ['COHORT_RUN_PAGE_NEWCOMERS', 'matcher.cohortRunPageNewcomers', 'int'],
  ['COHORT_RUN_STALE_AFTER_MS', 'matcher.cohortRunStaleAfterMs', 'int'],
  ['MATCHING_MODE', 'matcher.mode', 'string'],
  ['PRIVACY_MASTER_KEY', 'privacy.masterKey', 'string'],
  ['KEY_STORE', 'privacy.keyStore', 'string'],
  ['KEY_STORE_PREFIX', 'privacy.keyStorePrefix', 'string'],
  ['KEY_STORE_FILE', 'privacy.keyStoreFile', 'string'],
  ['LOG_LEVEL', 'ops.logLevel', 'string'],
  ['SHUTDOWN_TIMEOUT_MS', 'ops.shutdownTimeoutMs', 'int'],
  ['READY_MAX_LAG_EVENTS', 'ops.readyMaxLagEvents', 'int'],
  ['METRICS_TOKEN', 'ops.metricsToken', 'string'],
  ['MATCHER_OPS_PORT', 'ops.matcherOpsPort', 'int'],
  ['REPLAY_REDIS_PREFIX', 'ops.replayRedisPrefix', 'string'],
  ['AUDIT_ANCHOR_INTERVAL_MS', 'ops.anchorIntervalMs', 'int'],
];

export class ConfigurationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigurationError';
  }
}

type Tree = { [key: string]: unknown };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Tree = structuredClone(defaults) as Tree;
  const problems: string[] = [];
  for (const [variable, path, kind] of ENVIRONMENT) {
    const text = env[variable];
    if (text === undefined || text === '') continue;
    if (kind === 'int' && !/^-?\d+$/.test(text.trim())) {
      problems.push(`${variable}=${JSON.stringify(text)}: must be an integer`);
      continue;
    }
    if (kind === 'bool' && !/^(true|false)$/.test(text.trim())) {
      problems.push(`${variable}=${JSON.stringify(text)}: must be true or false`);
      continue;
    }
    setPath(raw, path, parse(text, kind));
  }
  const config = plainToInstance(AppConfig, raw);
  for (const error of validateSync(config, { forbidUnknownValues: true })) {
    problems.push(...describe(error, ''));
  }
  if (config.privacy?.keyStore === 'redis' && !config.redisUrl) problems.push('KEY_STORE (privacy.keyStore): redis needs REDIS_URL');
  if (config.rateLimit?.store === 'redis' && !config.redisUrl) problems.push('RATE_LIMIT_STORE (rateLimit.store): redis needs REDIS_URL');
  problems.push(...diskProblems(config));
  if (problems.length > 0) throw new ConfigurationError(problems);
  return config;
}

/**
 * The paths the embedded stores will create and write (SPEC §8), checked here
 * but not created (the stores do that), so that a DATA_DIR that is a file or
 * read-only is one line naming it rather than an EEXIST stack trace from
 * Nest's dependency injection. A store file is checked only when it is used.
 */
function diskProblems(config: AppConfig): string[] {
  const paths: Array<[string, string | null | undefined, 'directory' | 'file']> = [
    ['dataDir', config.dataDir, 'directory'],
    ['sqliteEventStoreFile', config.eventStoreConnectionString ? null : config.sqliteEventStoreFile, 'file'],
    ['privacy.keyStoreFile', config.privacy?.keyStore === 'sqlite' ? config.privacy.keyStoreFile : null, 'file'],
  ];
  return paths.flatMap(([path, value, kind]) => {
    // A value of the wrong type was reported by validation already.
    const problem = typeof value === 'string' && value !== '' ? pathProblem(value, kind) : null;
    return problem === null ? [] : [`${nameOf(path)}: ${JSON.stringify(value)} ${problem}`];
  });
}

/** Why `value` cannot be a directory (or file) this process creates and writes in; null if it can. */
function pathProblem(value: string, kind: 'directory' | 'file'): string | null {
  const target = resolve(value);
  const found = nearestExisting(target);
  if (found instanceof Error) return `cannot be inspected (${found.message})`;
  if (found.path === target) return existingProblem(target, found.stats, kind);
  // Missing: the store would create it, and any missing parents, under its nearest existing ancestor.
  if (!found.stats.isDirectory()) return `cannot be created: ${found.path} is not a directory`;
  if (!writable(found.path, 'directory')) return `cannot be created: ${found.path} is not writable`;
  return null;
}

function existingProblem(target: string, stats: Stats, kind: 'directory' | 'file'): string | null {
  if (kind === 'directory' && !stats.isDirectory()) return 'is not a directory';
  if (kind === 'file' && stats.isDirectory()) return 'is a directory, not a file';
  if (!writable(target, kind)) return 'is not writable';
  // SQLite keeps its write-ahead log beside the file.
  if (kind === 'file' && !writable(dirname(target), 'directory')) return `is in ${dirname(target)}, which is not writable`;
  return null;
}

/** The path itself or its closest ancestor that exists; an Error when looking fails for another reason than absence (e.g. EACCES). */
function nearestExisting(path: string): { path: string; stats: Stats } | Error {
  for (let current = path; ; current = dirname(current)) {
    try {
      return { path: current, stats: statSync(current) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // ENOTDIR: an ancestor is a file; the walk up reaches it and says so.
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || dirname(current) === current) return error as Error;
    }
  }
}

/** access(2) also answers EROFS for a read-only mount, which permission bits (and running as root) do not show. */
function writable(path: string, kind: 'directory' | 'file'): boolean {
  try {
    accessSync(path, constants.W_OK | (kind === 'directory' ? constants.X_OK : constants.R_OK));
    return true;
  } catch {
    return false;
  }
}

function parse(text: string, kind: 'int' | 'string' | 'bool' | 'list'): unknown {
  switch (kind) {
    case 'int': return Number(text.trim());
    case 'bool': return text.trim() === 'true';
    case 'list': return text.split(',').map((item) => item.trim()).filter((item) => item !== '');
    case 'string': return text;
  }
}

function setPath(tree: Tree, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = tree;
  for (const key of keys.slice(0, -1)) node = node[key] as Tree;
  node[keys[keys.length - 1]] = value;
}

function describe(error: ValidationError, prefix: string): string[] {
  const path = prefix ? `${prefix}.${error.property}` : error.property;
  const own = Object.values(error.constraints ?? {}).map((message) => `${nameOf(path)}: ${message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message}`);
  return [...own, ...(error.children ?? []).flatMap((child) => describe(child, path))];
}

/** Name a configuration path by its environment variable, which is what the user set. */
function nameOf(path: string): string {
  const entry = ENVIRONMENT.find(([, p]) => p === path);
  return entry ? `${entry[0]} (${path})` : path;
}
