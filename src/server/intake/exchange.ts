/**
 * Hashed ID numbers for exchange with departments (部门数据比对): a department hashes the ID column of its
 * list with the exchange key (HMAC-SHA-256 over the normalised 18-character number, hex) and sends the
 * hashes; the bureau matches them against its registry and learns who matches, while the department
 * learns nothing about people who do not. The exchange key is derived from the master key (see
 * IdProtector.exchangeKey) and written to a key file by `zhenxing exchange-key --out FILE`.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { validationError } from '../errors';

/** Exchange hash (hex) of a normalised 18-character ID number. */
export function exchangeHash(key: Buffer, idNumber: string): string {
  return createHmac('sha256', key).update(idNumber).digest('hex');
}

/**
 * Reads an exchange key file (64 hex characters, white space ignored).
 * @throws validation_error when the file does not hold a 32-byte hex key
 */
export function readExchangeKey(path: string): Buffer {
  const hex = readFileSync(path, 'utf8').replace(/\s/g, '');
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw validationError([{ field: '--key-file', message: '交换密钥文件应为64位十六进制字符' }]);
  return Buffer.from(hex, 'hex');
}
