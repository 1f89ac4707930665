/**
 * The hash chain of the audit log, keyed: each entry's hash is HMAC-SHA-256 (the audit key, kept with the
 * ID key and never in the database) over the previous entry's hash and the entry's own fields in a fixed
 * order, written `k1:<hex>`. Removing, inserting or changing an entry breaks the chain there, and since
 * recomputing it needs the key, whoever can only write the database cannot rewrite it unseen (issue 17
 * point 4). Entries written before the key existed carry a plain SHA-256 (64 hex digits) and are chain-
 * only; once a keyed entry exists, an unkeyed one after it is a break. The head (count and last hash)
 * carries an HMAC too, so that deleting the tail and updating the head is detected; checkpoints of the
 * head written outside the database (audit-anchor.ts) catch a replayed older head.
 *
 * Text is stored as hashed: `storedForm` replaces lone surrogates and NUL (which SQLite and PostgreSQL
 * store as other characters or refuse) by U+FFFD before hashing (issue 17 point 1). Pure apart from hashing.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { storableText } from './text';

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

/** An entry as stored. */
export type ChainEntry = AuditFields & { id: number; prevHash: string; hash: string };

/** Hash of the first entry's predecessor. */
export const GENESIS_HASH = '0'.repeat(64);

/** Prefix of keyed hashes. */
export const KEYED_PREFIX = 'k1:';

const storedText = storableText;

/** Every text field of an event in its stored form (what is hashed is exactly what is stored). */
export function storedForm(e: AuditFields): AuditFields {
  const t = (s: string | null) => (s === null ? null : storedText(s));
  return { at: storedText(e.at), actor: storedText(e.actor), action: storedText(e.action), targetType: storedText(e.targetType), targetId: t(e.targetId), regionCode: t(e.regionCode), outcome: storedText(e.outcome), details: storedText(e.details) };
}

const material = (prevHash: string, e: AuditFields) => JSON.stringify([prevHash, e.at, e.actor, e.action, e.targetType, e.targetId, e.regionCode, e.outcome, e.details]);

/** Unkeyed SHA-256 (hex) of an entry chained to `prevHash`: entries from before the audit key. */
export function legacyAuditHash(prevHash: string, e: AuditFields): string {
  return createHash('sha256').update(material(prevHash, e)).digest('hex');
}

/** Keyed hash `k1:<hex>` of an entry chained to `prevHash` (HMAC-SHA-256 under the audit key). */
export function auditHash(key: Buffer, prevHash: string, e: AuditFields): string {
  return KEYED_PREFIX + createHmac('sha256', key).update(material(prevHash, e)).digest('hex');
}

/** HMAC of the head (number of appends and last hash). */
export function headMac(key: Buffer, count: number, lastHash: string): string {
  return createHmac('sha256', key).update(`audit-head|${count}|${lastHash}`).digest('hex');
}

/** Constant-time comparison of two hex or text digests. */
export function sameDigest(a: string | null | undefined, b: string): boolean {
  if (typeof a !== 'string' || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** Why an entry breaks the chain. */
export type BreakKind =
  /** its prevHash is not the previous entry's hash: an entry before it was removed or inserted */
  | 'link'
  /** its fields do not give its hash: it was changed (or its hash recomputed without the key) */
  | 'altered'
  /** an unkeyed entry after keyed ones: written or rewritten without the key */
  | 'unkeyed';

/** One break of the chain. */
export interface ChainBreak {
  id: number;
  kind: BreakKind;
}

/**
 * Walks entries in id order and reports every break, not only the first: each entry is checked on its
 * own (its link to the stored hash before it, its own hash), so that one damaged entry does not hide a
 * later alteration. State carries across pages.
 */
export class ChainWalker {
  prev: string;
  checked = 0;
  legacy = 0;
  keyedSeen = false;
  readonly breaks: ChainBreak[] = [];
  constructor(
    private readonly key: Buffer,
    start = GENESIS_HASH,
  ) {
    this.prev = start;
  }

  /** Checks the next entry. */
  step(e: ChainEntry): void {
    this.checked++;
    if (e.prevHash !== this.prev) this.breaks.push({ id: e.id, kind: 'link' });
    const keyed = e.hash.startsWith(KEYED_PREFIX);
    if (keyed) {
      this.keyedSeen = true;
      if (!sameDigest(e.hash, auditHash(this.key, e.prevHash, e))) this.breaks.push({ id: e.id, kind: 'altered' });
    } else {
      this.legacy++;
      if (this.keyedSeen) this.breaks.push({ id: e.id, kind: 'unkeyed' });
      else if (e.hash !== legacyAuditHash(e.prevHash, e)) this.breaks.push({ id: e.id, kind: 'altered' });
    }
    this.prev = e.hash;
  }
}

/** A checkpoint of the head, kept outside the database (one JSON line of the anchor file). */
export interface Checkpoint {
  /** ISO time it was taken */
  at: string;
  /** id of the last entry at that time (0: empty log) */
  id: number;
  /** appends counted by the head at that time */
  count: number;
  /** hash of that entry */
  hash: string;
  /** HMAC over the fields above, so that a line typed back from paper can be checked */
  mac: string;
}

const checkpointMaterial = (c: Omit<Checkpoint, 'mac'>) => `audit-checkpoint|${c.at}|${c.id}|${c.count}|${c.hash}`;

/** A checkpoint with its HMAC. */
export function sealCheckpoint(key: Buffer, c: Omit<Checkpoint, 'mac'>): Checkpoint {
  return { ...c, mac: createHmac('sha256', key).update(checkpointMaterial(c)).digest('hex') };
}

/** Whether a checkpoint's HMAC is right under the key. */
export function checkpointValid(key: Buffer, c: Checkpoint): boolean {
  return sameDigest(c.mac, createHmac('sha256', key).update(checkpointMaterial(c)).digest('hex'));
}

/** Parses one line of an anchor file; null for a line that is not a checkpoint. */
export function parseCheckpoint(line: string): Checkpoint | null {
  try {
    const o = JSON.parse(line) as Record<string, unknown>;
    if (typeof o.at === 'string' && Number.isInteger(o.id) && Number.isInteger(o.count) && typeof o.hash === 'string' && typeof o.mac === 'string') return { at: o.at, id: o.id as number, count: o.count as number, hash: o.hash, mac: o.mac };
  } catch {
    /* not JSON */
  }
  return null;
}
