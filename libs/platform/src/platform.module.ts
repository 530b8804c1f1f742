import { DynamicModule, Global, Inject, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { resolveJwtSecret, TokenService } from '@sleutel/auth';
import { EventStore } from '@sleutel/event-store';
import { eventSchemaVersions, eventUpcasters, NEWCOMER_CATEGORY } from '@sleutel/domain';
import { CommandRunner, composeCodecs, EventCodec, upcastingCodec } from '@sleutel/eventsourcing';
import { assertKeyStoreFitsLog, CachingKeyStore, DEFAULT_CLEAR_FIELDS, describeSubject, destroyKeysOfErased, erasureIn, KeyStore, personalDataCodec, RedisKeyStore, resolveMasterKey, SqliteKeyStore, SubjectRows } from '@sleutel/privacy';
import { join } from 'node:path';
import { APP_CONFIG, appConfig, AppConfigType } from './app-config.provider';
import { createEventStore } from './event-store.factory';
import { KeyStoreTombstones } from './key-store-tombstones';
import { ReadSide } from './read-side';

export const EVENT_STORE = Symbol('EventStore');
export const JWT_SECRET = Symbol('JwtSecret');
/** How stored events become what the domain reads: personal data opened with its subject's key, then old versions upcast (SPEC §7, §6). */
export const EVENT_CODEC = Symbol('EventCodec');
/** The data keys of newcomers and key persons, shared by the codec and erasure (one cache per process). */
export const KEY_STORE = Symbol('KeyStore');
/**
 * A `CommandRunner` whose codec leaves per-person rows sealed (a cohort run's
 * newcomers, and why those left out were): for reads and writes that never
 * look at the rows (the matcher's run, the list of runs), which would
 * otherwise open each under its own key.
 */
export const ROWS_SEALED_RUNNER = Symbol('RowsSealedRunner');
/** Read models of another version on disk: `rebuild` them (their owner) or `refuse` (see `PlatformModule.besideTheirOwner`). */
const READ_MODELS_OF_OTHER_VERSION = Symbol('ReadModelsOfOtherVersion');
/** The folder of the read models; null: DATA_DIR. */
const READ_MODELS_DIR = Symbol('ReadModelsDir');
/** Whether start-up checks the key store's tombstones against the log (not where the caller checks and reports them itself). */
const TOMBSTONES_AT_START = Symbol('TombstonesAtStart');

/** Kept in clear besides ids and times: the library's codes and counts, and these. */
export const PLATFORM_CLEAR_FIELDS: readonly string[] = [
  ...DEFAULT_CLEAR_FIELDS,
  // An erasure's basis: its event must stay readable.
  'basis',
  // A match's bookkeeping, which its state needs after the newcomer's erasure: log position, answering party, and the
  // coordinator who approved or rejected it (an id, and the human decision an audit must keep). Matches approved or
  // rejected before this list named them keep those ids sealed under the newcomer's key.
  'logPosition', 'party', 'approvedBy', 'rejectedBy',
  // The rules an acceptance was given under (a version number), which its settlement reads whenever it runs.
  'acceptanceRules',
];

/** Match events whose `reason` is what a coordinator wrote; a withdrawal's reason is the system's (`The key person retired`). */
const WRITTEN_CLOSINGS: ReadonlySet<string> = new Set(['MatchRejected', 'MatchDeclined', 'MatchEnded']);

/**
 * Facts about two people, sealed under both their keys: a match's explanation (the newcomer's and the key person's
 * profile facts) and the free text a coordinator wrote when it closed. A withdrawal's reason, written by the system,
 * stays under the newcomer's key alone, so it can still say that the key person's data was erased.
 */
export function platformPairFields(eventType: string): readonly string[] {
  return WRITTEN_CLOSINGS.has(eventType) ? ['explanation', 'reason'] : ['explanation'];
}

const COHORT_RUN_ROWS: ReadonlySet<string> = new Set(['CohortRunSolutionPaged', 'CohortRunSolved']);
const NEWCOMER_ROWS: SubjectRows = { field: 'newcomers', subjectType: NEWCOMER_CATEGORY, idField: 'newcomerId' };
const UNPLACED_ROWS: SubjectRows = { field: 'unplaced', subjectType: NEWCOMER_CATEGORY, idField: 'newcomerId' };

/**
 * A cohort run's per-newcomer rows, each under the newcomer's own key: their facts (an erasure takes them out of the
 * run's fairness report) and, in pages from schema version 2, why they were left out (which constraints excluded
 * key persons says something of their preferences). Pages of version 1 keep those reasons in clear, and read so.
 */
export function platformSubjectRows(eventType: string, schemaVersion: number): readonly SubjectRows[] {
  if (!COHORT_RUN_ROWS.has(eventType)) return [];
  return eventType === 'CohortRunSolutionPaged' && schemaVersion >= 2 ? [NEWCOMER_ROWS, UNPLACED_ROWS] : [NEWCOMER_ROWS];
}

/** How stored events become what the domain reads: personal data opened with its subjects' keys, then old versions upcast (SPEC §7, §6). */
export function platformEventCodec(keys: KeyStore, options: { readonly leaveRowsSealed?: boolean } = {}): EventCodec {
  // Decoding runs right to left: personal data is opened first, then the clear event is upcast.
  return composeCodecs(
    upcastingCodec(eventSchemaVersions, eventUpcasters),
    personalDataCodec(keys, { clearFields: PLATFORM_CLEAR_FIELDS, pairFields: platformPairFields, subjectRows: platformSubjectRows, ...options }),
  );
}

/** The configured key store behind one cache: with `KEY_STORE=redis` on Redis, else in DATA_DIR/keys.sqlite. */
export async function openKeyStore(config: AppConfigType): Promise<CachingKeyStore> {
  const masterKey = resolveMasterKey(config.privacy.masterKey, config.dataDir);
  if (config.privacy.keyStore === 'redis') {
    const store = RedisKeyStore.connect(config.redisUrl!, masterKey, { prefix: config.privacy.keyStorePrefix });
    await store.assertMasterKey();
    return new CachingKeyStore(store);
  }
  return new CachingKeyStore(SqliteKeyStore.open(config.privacy.keyStoreFile ?? join(config.dataDir, 'keys.sqlite'), masterKey));
}

/**
 * The infrastructure every process shares: configuration, the event store
 * chosen by it, the command runner, the read side and token verification.
 */
@Global()
@Module({
  imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [appConfig] })],
  providers: [
    { provide: EVENT_STORE, inject: [APP_CONFIG], useFactory: (config: AppConfigType) => createEventStore(config) },
    { provide: KEY_STORE, inject: [APP_CONFIG], useFactory: (config: AppConfigType) => openKeyStore(config) },
    {
      provide: EVENT_CODEC,
      inject: [KEY_STORE],
      useFactory: (keys: KeyStore): EventCodec => platformEventCodec(keys),
    },
    { provide: KeyStoreTombstones, inject: [EVENT_STORE, KEY_STORE], useFactory: (store: EventStore, keys: KeyStore) => new KeyStoreTombstones(store, keys) },
    { provide: CommandRunner, inject: [EVENT_STORE, EVENT_CODEC], useFactory: (store: EventStore, codec: EventCodec) => new CommandRunner(store, codec) },
    {
      provide: ROWS_SEALED_RUNNER,
      inject: [EVENT_STORE, KEY_STORE],
      useFactory: (store: EventStore, keys: KeyStore) => new CommandRunner(store, platformEventCodec(keys, { leaveRowsSealed: true })),
    },
    { provide: READ_MODELS_OF_OTHER_VERSION, useValue: 'rebuild' },
    { provide: READ_MODELS_DIR, useValue: null },
    { provide: TOMBSTONES_AT_START, useValue: true },
    {
      provide: ReadSide,
      inject: [APP_CONFIG, READ_MODELS_OF_OTHER_VERSION, READ_MODELS_DIR],
      useFactory: (config: AppConfigType, otherVersion: 'rebuild' | 'refuse', dir: string | null) =>
        ReadSide.open(dir ?? config.dataDir, config.http.readYourWritesTimeoutMs, { otherVersion }),
    },
    { provide: JWT_SECRET, inject: [APP_CONFIG], useFactory: (config: AppConfigType) => resolveJwtSecret(config.auth.jwtSecret, config.dataDir) },
    {
      provide: TokenService,
      inject: [APP_CONFIG, JWT_SECRET],
      useFactory: (config: AppConfigType, secret: string) =>
        new TokenService({ secret, clockSkewSeconds: config.auth.clockSkewSeconds, maxTokenTtlSeconds: config.auth.maxTokenTtlSeconds }),
    },
  ],
  exports: [EVENT_STORE, EVENT_CODEC, KEY_STORE, KeyStoreTombstones, CommandRunner, ROWS_SEALED_RUNNER, ReadSide, JWT_SECRET, TokenService],
})
export class PlatformModule implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('privacy');

  /**
   * The platform for a process that reads the read models another process
   * owns (the CLI's `audit replay`): read models of another version are
   * refused (`ReadModelVersionError`), never dropped and rebuilt.
   * `readModelsDir`: read models of its own in that folder instead of
   * DATA_DIR's (when DATA_DIR holds none, the CLI builds them in a folder it
   * deletes afterwards). Its replay checks the key store's tombstones and
   * prints what it finds, so start-up does not check them first.
   */
  static besideTheirOwner({ readModelsDir }: { readonly readModelsDir?: string } = {}): DynamicModule {
    // Providers given here come after the decorator's, and replace the one of the same token.
    return {
      module: PlatformModule,
      providers: [
        { provide: READ_MODELS_OF_OTHER_VERSION, useValue: 'refuse' },
        { provide: READ_MODELS_DIR, useValue: readModelsDir ?? null },
        { provide: TOMBSTONES_AT_START, useValue: false },
      ],
    };
  }

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_CODEC) private readonly codec: EventCodec,
    @Inject(KEY_STORE) private readonly keys: CachingKeyStore,
    private readonly readSide: ReadSide,
    private readonly tombstones: KeyStoreTombstones,
    @Inject(TOMBSTONES_AT_START) private readonly tombstonesAtStart: boolean,
  ) {}

  async onModuleInit(): Promise<void> {
    // Before anything reads personal data: a key the log says was erased is destroyed, whatever the key store says.
    for (const subject of await destroyKeysOfErased(this.store, this.keys)) {
      this.logger.warn(`destroyed the data key of ${describeSubject(subject)}, erased in the log but still in the key store (a stop between erasure and key destruction, or a key store restored from an older backup)`);
    }
    // A key store deleted and made anew, or another installation's: refused before anything is registered with it.
    await assertKeyStoreFitsLog(this.store, this.codec);
    if (this.tombstonesAtStart) await this.reportTombstonesWithoutErasure();
    // An erasure made by another process stops this one decrypting the subject as soon as its read side sees it.
    await this.readSide.start(this.store, this.codec, (event) => {
      const erasure = erasureIn(event);
      if (erasure !== null) this.keys.forgetErased(erasure.subject, erasure.erasedAt);
    });
  }

  /**
   * The reverse of the pass above: a tombstone the log has no erasure for (a key destroyed by hand, or a log restored
   * from before the erasure). Nothing can bring the key back; said here, one line per person (ids only), and counted
   * for the metric.
   */
  private async reportTombstonesWithoutErasure(): Promise<void> {
    const found = await this.tombstones.check();
    for (const { subjectType, subjectId, destroyedAt } of found.subjects) {
      this.logger.error(`the key store holds a tombstone for ${subjectType} ${subjectId} (key destroyed at ${destroyedAt}), but the log records no erasure of them: their key was destroyed outside an erasure (by hand in the key store; their personal data is lost, and every process reads it as erased), or the log was restored from a backup older than the erasure`);
    }
    if (found.withoutErasure > found.subjects.length) {
      this.logger.error(`and ${found.withoutErasure - found.subjects.length} more tombstones without an erasure in the log (${found.withoutErasure} of ${found.tombstones}); only the first ${found.subjects.length} are named`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.readSide.close();
    await this.store.close();
    await this.keys.close();
  }
}
