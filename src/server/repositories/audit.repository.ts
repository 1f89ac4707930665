/**
 * The audit log's SQL: append (inside the caller's transaction, chained to the head), read in id order
 * for verification, and search by region. Append-only: there is no update or delete here.
 */
import type { Db } from '../db/connect';
import { auditHash, type AuditFields } from '../domain/audit-chain';
import type { Scope } from './scope';

export type AuditEventRow = AuditFields & { id: number; prevHash: string; hash: string };

export class AuditRepository {
  constructor(private readonly db: Db) {}

  /**
   * Appends an event chained to the current head. Call inside the transaction of the change it records;
   * the head row update serialises concurrent appends (row lock on PostgreSQL, one writer on SQLite).
   */
  async append(e: AuditFields): Promise<AuditEventRow> {
    // touch the head first so that the row lock is held before the last hash is read
    await this.db.updateTable('auditHead').set((eb) => ({ count: eb('count', '+', 1) })).where('id', '=', 1).execute();
    const head = await this.db.selectFrom('auditHead').select(['lastHash']).where('id', '=', 1).executeTakeFirstOrThrow();
    const hash = auditHash(head.lastHash, e);
    const row = await this.db.insertInto('auditEvent').values({ ...e, prevHash: head.lastHash, hash }).returning('id').executeTakeFirstOrThrow();
    await this.db.updateTable('auditHead').set({ lastHash: hash }).where('id', '=', 1).execute();
    return { ...e, id: row.id, prevHash: head.lastHash, hash };
  }

  /** A page of events in id order after `afterId`, for verification. */
  page(afterId: number, limit: number): Promise<AuditEventRow[]> {
    return this.db.selectFrom('auditEvent').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
  }

  /** The head: last hash and number of appends. */
  head(): Promise<{ lastHash: string; count: number }> {
    return this.db.selectFrom('auditHead').select(['lastHash', 'count']).where('id', '=', 1).executeTakeFirstOrThrow();
  }

  /** Events whose region lies inside the scope (newest first), with optional filters. */
  search(scope: Scope, f: { actor?: string; action?: string; beforeId?: number; limit: number }): Promise<AuditEventRow[]> {
    return this.db
      .selectFrom('auditEvent')
      .selectAll()
      .$if(scope.regionCode !== null, (q) => q.where('regionCode', 'like', `${scope.regionCode}%`))
      .$if(!!f.actor, (q) => q.where('actor', '=', f.actor!))
      .$if(!!f.action, (q) => q.where('action', '=', f.action!))
      .$if(f.beforeId !== undefined, (q) => q.where('id', '<', f.beforeId!))
      .orderBy('id', 'desc')
      .limit(f.limit)
      .execute();
  }
}
