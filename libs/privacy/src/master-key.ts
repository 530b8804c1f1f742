import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { DataSubject, describeSubject } from './data-subject';
import { IntegrityError, InvalidMasterKeyError, MasterKeyMismatchError } from './privacy.errors';

export const KEY_BYTES = 32;
export const IV_BYTES = 12;
export const TAG_BYTES = 16;

/** A data key as stored: AES-256-GCM ciphertext under the master key, never the key itself. */
export interface WrappedKey {
  readonly version: number;
  /** Which master key wrapped it (`MasterKey.id`), so a wrong configuration is named, not guessed. */
  readonly masterKeyId: string;
  readonly iv: Buffer;
  readonly ciphertext: Buffer;
  readonly tag: Buffer;
}

/**
 * The key-encryption key from configuration. It wraps each data key with a
 * fresh 96-bit IV and the subject and key version as additional data, so a
 * wrapped key copied onto another subject does not unwrap. Its bytes never
 * leave this object: logging or serialising it shows only its id.
 */
export class MasterKey {
  /** A public fingerprint: the first 8 bytes of HMAC-SHA-256(key, label), hex. */
  readonly id: string;
  readonly #bytes: Buffer;

  private constructor(bytes: Buffer) {
    if (bytes.length !== KEY_BYTES) throw new InvalidMasterKeyError(`A master key must be ${KEY_BYTES} bytes, not ${bytes.length}`);
    this.#bytes = Buffer.from(bytes);
    this.id = createHmac('sha256', this.#bytes).update('sleutel/master-key-id').digest('hex').slice(0, 16);
  }

  static fromBytes(bytes: Buffer): MasterKey {
    return new MasterKey(bytes);
  }

  static generate(): MasterKey {
    return new MasterKey(randomBytes(KEY_BYTES));
  }

  wrap(subject: DataSubject, version: number, dataKey: Buffer): WrappedKey {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#bytes, iv).setAAD(wrappingAad(subject, version));
    const ciphertext = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return { version, masterKeyId: this.id, iv, ciphertext, tag: cipher.getAuthTag() };
  }

  unwrap(subject: DataSubject, wrapped: WrappedKey): Buffer {
    if (wrapped.masterKeyId !== this.id) throw new MasterKeyMismatchError(`The data key of ${describeSubject(subject)}`, wrapped.masterKeyId, this.id);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#bytes, wrapped.iv).setAAD(wrappingAad(subject, wrapped.version));
      decipher.setAuthTag(wrapped.tag);
      const key = Buffer.concat([decipher.update(wrapped.ciphertext), decipher.final()]);
      if (key.length !== KEY_BYTES) throw new Error('wrong length');
      return key;
    } catch {
      throw new IntegrityError(`The wrapped data key of ${describeSubject(subject)} failed authentication: it was altered or belongs to another subject`);
    }
  }

  toJSON(): { masterKeyId: string } {
    return { masterKeyId: this.id };
  }

  [inspect.custom](): string {
    return `MasterKey(${this.id})`;
  }
}

/** Subject type, id and key version, unambiguously: a JSON array. */
function wrappingAad(subject: DataSubject, version: number): Buffer {
  return Buffer.from(JSON.stringify(['sleutel/data-key/v1', subject.type, subject.id, version]));
}
