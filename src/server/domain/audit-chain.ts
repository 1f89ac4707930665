/**
 * The hash chain of the audit log: each entry's hash is SHA-256 over the previous entry's hash and the
 * entry's own fields in a fixed order, so that removing, inserting or changing any entry breaks every
 * hash after it (detected by `zhenxing audit verify`). Pure apart from hashing.
 */
import { createHash } from 'node:crypto';

/** The fields an audit hash covers. */
export interface AuditFields {
  at: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  regionCode: string | null;
  outcome: string;
  details: string;
}

/** Hash of the first entry's predecessor. */
export const GENESIS_HASH = '0'.repeat(64);

/** SHA-256 (hex) of an entry chained to `prevHash`. */
export function auditHash(prevHash: string, e: AuditFields): string {
  return createHash('sha256')
    .update(JSON.stringify([prevHash, e.at, e.actor, e.action, e.targetType, e.targetId, e.regionCode, e.outcome, e.details]))
    .digest('hex');
}

/**
 * Verifies a chain in id order. Returns null when intact, else the id of the first entry whose
 * `prevHash` or `hash` does not follow (a removed, inserted or altered entry).
 */
export function firstBrokenLink(entries: Iterable<AuditFields & { id: number; prevHash: string; hash: string }>, startHash = GENESIS_HASH): number | null {
  let prev = startHash;
  for (const e of entries) {
    if (e.prevHash !== prev || auditHash(prev, e) !== e.hash) return e.id;
    prev = e.hash;
  }
  return null;
}
