import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { loadConfig } from '../config/app-config.js';
import { CryptoService, DecryptionError } from './crypto.service.js';

const keyA = `a:${randomBytes(32).toString('base64')}`;
const keyB = `b:${randomBytes(32).toString('base64')}`;

function service(keys: string): CryptoService {
  return new CryptoService(loadConfig({ NODE_ENV: 'test', ENCRYPTION_KEYS: keys, AVALARA_TO_EXTRACTOR_TOKEN: 'x'.repeat(20) }));
}

describe('CryptoService', () => {
  it('round-trips text, including non-ASCII and empty values', () => {
    const crypto = service(keyA);
    for (const value of ['s3cr3t', 'päss wörd ✓', '']) {
      assert.equal(crypto.decrypt(crypto.encrypt(value)), value);
    }
  });

  it('never stores the plaintext and uses a fresh nonce per value', () => {
    const crypto = service(keyA);
    const first = crypto.encrypt('same secret value');
    const second = crypto.encrypt('same secret value');
    assert.notEqual(first, second);
    assert.ok(!first.includes('same secret value'));
    assert.ok(!Buffer.from(first.split(':')[3], 'base64url').toString('utf8').includes('secret'));
    const [version, keyId, nonce] = first.split(':');
    assert.equal(version, 'v1');
    assert.equal(keyId, 'a');
    assert.equal(Buffer.from(nonce, 'base64url').length, 12);
  });

  it('detects tampering with the ciphertext', () => {
    const crypto = service(keyA);
    const [version, keyId, nonce, body] = crypto.encrypt('amount=100').split(':');
    const bytes = Buffer.from(body, 'base64url');
    bytes[0] ^= 1;
    assert.throws(() => crypto.decrypt([version, keyId, nonce, bytes.toString('base64url')].join(':')), DecryptionError);
  });

  it('binds a value to its associated data', () => {
    const crypto = service(keyA);
    const envelope = crypto.encrypt('api-key', 'connection:1');
    assert.equal(crypto.decrypt(envelope, 'connection:1'), 'api-key');
    assert.throws(() => crypto.decrypt(envelope, 'connection:2'), DecryptionError);
    assert.throws(() => crypto.decrypt(envelope), DecryptionError);
  });

  it('rotates keys: the first key encrypts, older keys still decrypt', () => {
    const before = service(keyA);
    const old = before.encrypt('written before rotation');
    const after = service(`${keyB},${keyA}`);
    assert.equal(after.decrypt(old), 'written before rotation');
    assert.equal(after.needsRotation(old), true);
    const fresh = after.encrypt('written after rotation');
    assert.equal(fresh.split(':')[1], 'b');
    assert.equal(after.needsRotation(fresh), false);
  });

  it('names the missing key when a value was encrypted with a key no longer configured', () => {
    const old = service(keyA).encrypt('orphan');
    assert.throws(() => service(keyB).decrypt(old), /key "a", which is not in ENCRYPTION_KEYS/);
  });

  it('refuses values that are not envelopes', () => {
    const crypto = service(keyA);
    assert.throws(() => crypto.decrypt('plaintext'), DecryptionError);
    assert.throws(() => crypto.decrypt('v1:a:abc:'), DecryptionError);
  });
});
