import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { JsonValue } from '@sleutel/event-store';
import { DataSubject } from './data-subject';
import { DataKey } from './key-store.port';
import { IV_BYTES, TAG_BYTES } from './master-key';

export const PERSONAL_DATA_ALGORITHM = 'A256GCM';

/** Personal data as stored in an event: AES-256-GCM under the subject's key version `kv`; bytes in base64. */
export interface SealedPersonalData {
  readonly alg: typeof PERSONAL_DATA_ALGORITHM;
  readonly kv: number;
  readonly iv: string;
  readonly ct: string;
  readonly tag: string;
}

/** Everything the ciphertext is bound to: moving it to another event, stream or subject makes it fail authentication. */
export interface SealContext {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly streamId: string;
  readonly subject: DataSubject;
}

export function sealPersonalData(key: DataKey, plaintext: Buffer, context: SealContext): SealedPersonalData {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.bytes, iv).setAAD(additionalData(context, key.version));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { alg: PERSONAL_DATA_ALGORITHM, kv: key.version, iv: iv.toString('base64'), ct: ct.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

/** The plaintext; throws when authentication fails. */
export function openPersonalData(key: DataKey, sealed: SealedPersonalData, context: SealContext): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(sealed.iv, 'base64')).setAAD(additionalData(context, sealed.kv));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]);
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The sealed data when `value` has exactly its shape (with IV and tag of the right length), else null. */
export function asSealedPersonalData(value: JsonValue | undefined): SealedPersonalData | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { alg, kv, iv, ct, tag } = value;
  if (alg !== PERSONAL_DATA_ALGORITHM || typeof kv !== 'number' || !Number.isSafeInteger(kv) || kv < 1) return null;
  if (typeof iv !== 'string' || typeof ct !== 'string' || typeof tag !== 'string') return null;
  // The ciphertext is not checked here: any change to it fails authentication anyway.
  if (!BASE64.test(iv) || !BASE64.test(tag)) return null;
  if (Buffer.from(iv, 'base64').length !== IV_BYTES || Buffer.from(tag, 'base64').length !== TAG_BYTES) return null;
  if (Object.keys(value).length !== 5) return null;
  return { alg, kv, iv, ct, tag };
}

function additionalData(context: SealContext, keyVersion: number): Buffer {
  const { eventId, type, schemaVersion, streamId, subject } = context;
  return Buffer.from(JSON.stringify(['sleutel/personal-data/v1', eventId, type, schemaVersion, streamId, subject.type, subject.id, keyVersion]));
}
