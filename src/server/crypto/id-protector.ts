/**
 * Protection of resident ID numbers at rest: an HMAC-SHA-256 keyed hash for exact matching, and an
 * AES-256-GCM ciphertext for authorised display, so that a copy of the database alone reveals neither.
 * Both keys are derived from one master key with HKDF-SHA-256 (distinct `info` labels).
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export class IdProtector {
  private readonly hmacKey: Buffer;
  private readonly aesKey: Buffer;
  /**
   * Exchange key: a third key derived from the master key (HKDF info `zhenxing id-number exchange v1`),
   * given to departments so that they can send keyed hashes of ID numbers instead of the numbers
   * (`zhenxing hash-ids`). It is not the lookup key: a leaked exchange key does not reveal the database's hashes.
   */
  readonly exchangeKey: Buffer;
  /**
   * Audit key used only when the services are built without one (tests, tools): HKDF info
   * `zhenxing audit-chain hmac v1`. A running server uses ZX_AUDIT_KEY or the data folder's audit.key,
   * which `keys rotate` does not change (the audit chain must verify across a rotation).
   */
  readonly derivedAuditKey: Buffer;

  /** @param masterKey 32 bytes */
  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new RangeError('master key must be 32 bytes');
    this.hmacKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'zhenxing id-number hmac v1', 32));
    this.aesKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'zhenxing id-number aes-gcm v1', 32));
    this.exchangeKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'zhenxing id-number exchange v1', 32));
    this.derivedAuditKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'zhenxing audit-chain hmac v1', 32));
  }

  /** Lookup hash (hex) of an 18-character normalised ID number. */
  hash(idNumber: string): string {
    return createHmac('sha256', this.hmacKey).update(idNumber).digest('hex');
  }

  /** Ciphertext `v1.<iv>.<tag>.<ct>` (base64url) of an ID number; a fresh 12-byte IV each time. */
  encrypt(idNumber: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.aesKey, iv);
    const ct = Buffer.concat([cipher.update(idNumber, 'utf8'), cipher.final()]);
    return `v1.${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${ct.toString('base64url')}`;
  }

  /** hash() of many numbers, in order. */
  hashMany(idNumbers: readonly string[]): string[] {
    return idNumbers.map((id) => createHmac('sha256', this.hmacKey).update(id).digest('hex'));
  }

  /** encrypt() of many numbers, in order: the same format, the IVs drawn in one call to the random source. */
  encryptMany(idNumbers: readonly string[]): string[] {
    const ivs = randomBytes(12 * idNumbers.length);
    return idNumbers.map((id, i) => {
      const iv = ivs.subarray(i * 12, i * 12 + 12);
      const cipher = createCipheriv('aes-256-gcm', this.aesKey, iv);
      const ct = Buffer.concat([cipher.update(id, 'utf8'), cipher.final()]);
      return `v1.${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${ct.toString('base64url')}`;
    });
  }

  /** Decrypts a ciphertext made by encrypt(). Throws when it was altered or made with another key. */
  decrypt(ciphertext: string): string {
    const [v, iv, tag, ct] = ciphertext.split('.');
    if (v !== 'v1' || !iv || !tag || ct === undefined) throw new Error('unknown ciphertext format');
    const decipher = createDecipheriv('aes-256-gcm', this.aesKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  }
}

/**
 * The master key: from configuration when given; otherwise, for the embedded default only, read from or
 * generated into `keyFile` (mode 0600). Returns the key and whether it was generated now.
 */
export function loadOrCreateMasterKey(configured: string | undefined, keyFile: string): { key: Buffer; generated: boolean; fromFile: boolean } {
  if (configured) return { key: Buffer.from(configured, 'hex'), generated: false, fromFile: false };
  if (existsSync(keyFile)) return { key: Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'hex'), generated: false, fromFile: true };
  mkdirSync(dirname(keyFile), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(keyFile, key.toString('hex') + '\n', { mode: 0o600 });
  return { key, generated: true, fromFile: true };
}
