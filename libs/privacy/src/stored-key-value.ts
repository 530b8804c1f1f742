import { WrappedKey } from './master-key';
import { IntegrityError } from './privacy.errors';

/** What the Redis (and in-memory) store keeps per subject: the wrapped key, or the tombstone that replaced it. */
export type StoredKeyValue =
  | { readonly status: 'active'; readonly wrapped: WrappedKey; readonly at: string }
  | { readonly status: 'destroyed'; readonly at: string };

/** JSON with short names and base64 bytes; `s` is read by the destroy script. */
interface ActiveJson {
  readonly s: 'active';
  readonly kv: number;
  readonly mk: string;
  readonly iv: string;
  readonly ct: string;
  readonly tag: string;
  readonly at: string;
}

interface TombstoneJson {
  readonly s: 'destroyed';
  readonly at: string;
}

export function toStoredValue(value: StoredKeyValue): string {
  if (value.status === 'destroyed') return JSON.stringify({ s: 'destroyed', at: value.at } satisfies TombstoneJson);
  const { wrapped } = value;
  return JSON.stringify({
    s: 'active', kv: wrapped.version, mk: wrapped.masterKeyId,
    iv: wrapped.iv.toString('base64'), ct: wrapped.ciphertext.toString('base64'), tag: wrapped.tag.toString('base64'), at: value.at,
  } satisfies ActiveJson);
}

export function fromStoredValue(text: string): StoredKeyValue {
  let json: Partial<ActiveJson> | Partial<TombstoneJson>;
  try {
    json = JSON.parse(text) as Partial<ActiveJson> | Partial<TombstoneJson>;
  } catch {
    throw new IntegrityError('A key-store value is not JSON');
  }
  if (json.s === 'destroyed' && typeof json.at === 'string') return { status: 'destroyed', at: json.at };
  const active = json as Partial<ActiveJson>;
  if (
    active.s !== 'active' || typeof active.kv !== 'number' || typeof active.mk !== 'string' || typeof active.iv !== 'string' ||
    typeof active.ct !== 'string' || typeof active.tag !== 'string' || typeof active.at !== 'string'
  ) {
    throw new IntegrityError('A key-store value is neither a wrapped key nor a tombstone');
  }
  return {
    status: 'active',
    at: active.at,
    wrapped: {
      version: active.kv, masterKeyId: active.mk,
      iv: Buffer.from(active.iv, 'base64'), ciphertext: Buffer.from(active.ct, 'base64'), tag: Buffer.from(active.tag, 'base64'),
    },
  };
}
