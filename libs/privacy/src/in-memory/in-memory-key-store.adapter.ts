import { randomBytes } from 'node:crypto';
import { DataSubject, isDataSubjectType } from '../data-subject';
import { DestroyOutcome, KeyLookup, KeyStore, Tombstone, TombstonePage } from '../key-store.port';
import { KEY_BYTES, MasterKey } from '../master-key';
import { MasterKeyMismatchError } from '../privacy.errors';
import { fromStoredValue, toStoredValue } from '../stored-key-value';

/**
 * The key store of unit tests: wrapped keys and tombstones in a map, in the
 * Redis adapter's value format. Several stores may share one map, like
 * several connections share one file.
 */
export class InMemoryKeyStore implements KeyStore {
  constructor(
    private readonly masterKey: MasterKey,
    readonly values: Map<string, string> = new Map(),
    private readonly now: () => Date = () => new Date(),
  ) {
    const bound = values.get(MASTER_KEY_ID) ?? masterKey.id;
    if (bound !== masterKey.id) throw new MasterKeyMismatchError('The key store', bound, masterKey.id);
    values.set(MASTER_KEY_ID, bound);
  }

  async get(subject: DataSubject): Promise<KeyLookup | null> {
    const value = this.values.get(keyOf(subject));
    if (value === undefined) return null;
    const stored = fromStoredValue(value);
    if (stored.status === 'destroyed') return { status: 'destroyed', destroyedAt: stored.at };
    return { status: 'active', key: { version: stored.wrapped.version, bytes: this.masterKey.unwrap(subject, stored.wrapped) } };
  }

  async getOrCreate(subject: DataSubject): Promise<KeyLookup> {
    if (!this.values.has(keyOf(subject))) {
      const wrapped = this.masterKey.wrap(subject, 1, randomBytes(KEY_BYTES));
      this.values.set(keyOf(subject), toStoredValue({ status: 'active', wrapped, at: this.now().toISOString() }));
    }
    return (await this.get(subject))!;
  }

  async destroy(subject: DataSubject): Promise<DestroyOutcome> {
    const value = this.values.get(keyOf(subject));
    const stored = value === undefined ? null : fromStoredValue(value);
    if (stored?.status === 'destroyed') return { destroyedAt: stored.at, alreadyDestroyed: true };
    const at = this.now().toISOString();
    this.values.set(keyOf(subject), toStoredValue({ status: 'destroyed', at }));
    return { destroyedAt: at, alreadyDestroyed: false };
  }

  async erasuresCheckedThrough(): Promise<number | null> {
    const value = this.values.get(ERASURES_CHECKED);
    return value === undefined ? null : Number(value);
  }

  async markErasuresCheckedThrough(position: number): Promise<void> {
    const current = await this.erasuresCheckedThrough();
    if (current === null || position > current) this.values.set(ERASURES_CHECKED, String(position));
  }

  /** In the order of the map's keys; the cursor is the last key listed. */
  async listTombstones(cursor: string | null, limit: number): Promise<TombstonePage> {
    const names = [...this.values.keys()].filter((name) => subjectOf(name) !== null && (cursor === null || name > cursor)).sort();
    const tombstones: Tombstone[] = [];
    let last: string | null = null;
    for (const name of names.slice(0, limit)) {
      last = name;
      const stored = fromStoredValue(this.values.get(name)!);
      if (stored.status === 'destroyed') tombstones.push({ subject: subjectOf(name)!, destroyedAt: stored.at });
    }
    return { tombstones, next: names.length > limit ? last : null };
  }

  async close(): Promise<void> {}
}

const ERASURES_CHECKED = 'erasures-checked-through';

const MASTER_KEY_ID = 'master-key-id';
const keyOf = (subject: DataSubject): string => `${subject.type}:${subject.id}`;

function subjectOf(name: string): DataSubject | null {
  const colon = name.indexOf(':');
  const type = name.slice(0, colon);
  return colon > 0 && isDataSubjectType(type) ? { type, id: name.slice(colon + 1) } : null;
}
