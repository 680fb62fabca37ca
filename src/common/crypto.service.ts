import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig, type EncryptionKey } from '../config/app-config.js';

const VERSION = 'v1';
const NONCE_BYTES = 12; // 96-bit nonce, the GCM recommendation
const TAG_BYTES = 16;

export class DecryptionError extends Error {
  override name = 'DecryptionError';
}

/**
 * AES-256-GCM for values stored at rest. Each ciphertext carries the id of the key that made
 * it (`v1:<keyId>:<nonce>:<ciphertext+tag>`, base64url), so keys rotate without downtime: the
 * first key of ENCRYPTION_KEYS encrypts, every listed key decrypts. Associated data binds a
 * ciphertext to its place (e.g. the row id), so a value copied elsewhere does not decrypt.
 */
@Injectable()
export class CryptoService {
  private readonly active: EncryptionKey;
  private readonly byId: ReadonlyMap<string, Buffer>;

  constructor(config: AppConfig) {
    const keys = config.encryption.keys;
    if (keys.length === 0) throw new Error('No encryption key is configured');
    this.active = keys[0];
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  encrypt(plaintext: string, associatedData?: string): string {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.active.key, nonce);
    if (associatedData !== undefined) cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return [VERSION, this.active.id, nonce.toString('base64url'), body.toString('base64url')].join(':');
  }

  decrypt(envelope: string, associatedData?: string): string {
    const [version, keyId, nonce, body] = envelope.split(':');
    if (version !== VERSION || !keyId || !nonce || body === undefined) {
      throw new DecryptionError('The value is not an encrypted envelope of a known format');
    }
    const key = this.byId.get(keyId);
    if (!key) throw new DecryptionError(`The value was encrypted with key "${keyId}", which is not in ENCRYPTION_KEYS`);
    const bytes = Buffer.from(body, 'base64url');
    if (bytes.length < TAG_BYTES) throw new DecryptionError('The encrypted value is truncated');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
    if (associatedData !== undefined) decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new DecryptionError('The encrypted value failed authentication (tampered, or wrong key or associated data)');
    }
  }

  get activeKeyId(): string {
    return this.active.id;
  }

  /** True when the value was encrypted with a key other than the active one (re-encrypt it on write). */
  needsRotation(envelope: string): boolean {
    return envelope.split(':')[1] !== this.active.id;
  }
}
