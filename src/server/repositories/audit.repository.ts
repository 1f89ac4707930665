/**
 * The audit log's SQL: append (inside the caller's transaction, chained to the head with the keyed hash
 * of domain/audit-chain.ts), read in id order for verification, and search by region. Append-only:
 * there is no update or delete here.
 *
 * The audit key is registered with the database handle when the services are built (createServices →
 * registerAuditKey), not passed by every caller: every service appends through `new AuditRepository(trx)`,
 * and the key must never be forgotten by one of them. A handle without a key refuses to append.
 */
import type { Db } from '../db/connect';
import { auditHash, headMac, storedForm, type AuditFields, type ChainEntry } from '../domain/audit-chain';
import { configError } from '../errors';
import type { Scope } from './scope';

export type AuditEventRow = ChainEntry;

/** Audit keys by database adapter (shared by a Kysely instance and its transactions). */
const keys = new WeakMap<object, Buffer>();

/** Registers the audit key of a database handle (and every transaction opened on it). */
export function registerAuditKey(db: Db, key: Buffer): void {
  keys.set(db.getExecutor().adapter, key);
}

/** The audit key registered for a handle, if any. */
export function registeredAuditKey(db: Db): Buffer | undefined {
  return keys.get(db.getExecutor().adapter);
}

/** The audit key of a handle. @throws config_error when none was registered */
export function auditKeyOf(db: Db): Buffer {
  const k = keys.get(db.getExecutor().adapter);
  if (!k) throw configError('审计密钥未配置:审计日志无法写入');
  return k;
}

export class AuditRepository {
  constructor(private readonly db: Db) {}

  /**
   * Appends an event chained to the current head, in the stored form of its text (lone surrogates and
   * NUL as U+FFFD), so that the hash covers exactly what the database keeps. Call inside the transaction
   * of the change it records; the head row update serialises concurrent appends (row lock on
   * PostgreSQL, one writer on SQLite). The head gets the HMAC of its new count and last hash.
   */
  async append(input: AuditFields): Promise<AuditEventRow> {
    const key = auditKeyOf(this.db);
    const e = storedForm(input);
    // touch the head first so that the row lock is held before the last hash is read
    await this.db.updateTable('auditHead').set((eb) => ({ count: eb('count', '+', 1) })).where('id', '=', 1).execute();
    const head = await this.db.selectFrom('auditHead').select(['lastHash', 'count']).where('id', '=', 1).executeTakeFirstOrThrow();
    const hash = auditHash(key, head.lastHash, e);
    const row = await this.db.insertInto('auditEvent').values({ ...e, prevHash: head.lastHash, hash }).returning('id').executeTakeFirstOrThrow();
    await this.db.updateTable('auditHead').set({ lastHash: hash, mac: headMac(key, head.count, hash) }).where('id', '=', 1).execute();
    return { ...e, id: row.id, prevHash: head.lastHash, hash };
  }

  /** A page of events in id order after `afterId`, for verification. */
  page(afterId: number, limit: number): Promise<AuditEventRow[]> {
    return this.db.selectFrom('auditEvent').select(['id', 'at', 'actor', 'action', 'targetType', 'targetId', 'regionCode', 'outcome', 'details', 'prevHash', 'hash']).where('id', '>', afterId).orderBy('id').limit(limit).execute();
  }

  /** The head: last hash, number of appends and its HMAC (null before the audit key existed). */
  head(): Promise<{ lastHash: string; count: number; mac: string | null }> {
    return this.db.selectFrom('auditHead').select(['lastHash', 'count', 'mac']).where('id', '=', 1).executeTakeFirstOrThrow();
  }

  /** The last entry (id and hash), or undefined for an empty log. */
  last(): Promise<{ id: number; hash: string } | undefined> {
    return this.db.selectFrom('auditEvent').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  }

  /** Hashes of the given entry ids (to check checkpoints). */
  async hashesOf(ids: readonly number[]): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.db.selectFrom('auditEvent').select(['id', 'hash']).where('id', 'in', ids.slice(i, i + 500)).execute();
      for (const r of rows) out.set(r.id, r.hash);
    }
    return out;
  }

  /** Events whose region lies inside the scope (newest first), with optional filters. */
  search(scope: Scope, f: { actor?: string; action?: string; beforeId?: number; limit: number }): Promise<AuditEventRow[]> {
    return this.db
      .selectFrom('auditEvent')
      .select(['id', 'at', 'actor', 'action', 'targetType', 'targetId', 'regionCode', 'outcome', 'details', 'prevHash', 'hash'])
      .$if(scope.regionCode !== null, (q) => q.where('regionCode', 'like', `${scope.regionCode}%`))
      .$if(!!f.actor, (q) => q.where('actor', '=', f.actor!))
      .$if(!!f.action, (q) => q.where('action', '=', f.action!))
      .$if(f.beforeId !== undefined, (q) => q.where('id', '<', f.beforeId!))
      .orderBy('id', 'desc')
      .limit(f.limit)
      .execute();
  }
}
