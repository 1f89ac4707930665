/**
 * The audit log's use cases: record an event on its own (denied access, failed sign-in: there is no
 * other write to join), verify the whole chain, and search the events of the caller's region.
 */
import { firstBrokenLink, GENESIS_HASH } from '../domain/audit-chain';
import { hasPermission } from '../domain/permissions';
import { forbidden } from '../errors';
import { AuditRepository, type AuditEventRow } from '../repositories/audit.repository';
import type { Actor } from './actor';
import { nowIso, type ServiceContext } from './context';

/** What an event records (the time and hash chain are added). `details` is any JSON-able object. */
export interface AuditInput {
  action: string;
  targetType: string;
  targetId?: string | number | null;
  regionCode?: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  details?: Record<string, unknown>;
}

/** Builds the stored fields of an event of `actor` at the clock's time. */
export function auditFields(ctx: ServiceContext, actor: Pick<Actor, 'username' | 'regionCode'> | string, e: AuditInput) {
  const username = typeof actor === 'string' ? actor : actor.username;
  return {
    at: nowIso(ctx.clock), actor: username, action: e.action, targetType: e.targetType,
    targetId: e.targetId === undefined || e.targetId === null ? null : String(e.targetId),
    regionCode: e.regionCode ?? (typeof actor === 'string' ? null : actor.regionCode), outcome: e.outcome, details: JSON.stringify(e.details ?? {}),
  };
}

export class AuditService {
  constructor(private readonly ctx: ServiceContext) {}

  /** Appends one event in its own transaction. */
  async record(actor: Pick<Actor, 'username' | 'regionCode'> | string, e: AuditInput): Promise<void> {
    await this.ctx.db.transaction().execute((trx) => new AuditRepository(trx).append(auditFields(this.ctx, actor, e)));
  }

  /**
   * Walks the whole chain in id order, 5,000 entries a page. Returns the number of entries checked and
   * the id of the first broken entry (null when intact); also compares the head's last hash and count.
   */
  async verify(): Promise<{ checked: number; firstBrokenId: number | null; headMatches: boolean }> {
    const repo = new AuditRepository(this.ctx.db);
    let prev = GENESIS_HASH;
    let after = 0;
    let checked = 0;
    for (;;) {
      const page = await repo.page(after, 5000);
      if (page.length === 0) break;
      const broken = firstBrokenLink(page, prev);
      if (broken !== null) return { checked: checked + page.findIndex((e) => e.id === broken), firstBrokenId: broken, headMatches: false };
      checked += page.length;
      prev = page[page.length - 1]!.hash;
      after = page[page.length - 1]!.id;
    }
    const head = await repo.head();
    return { checked, firstBrokenId: null, headMatches: head.lastHash === prev && head.count === checked };
  }

  /**
   * Events of the actor's region, newest first (audit.read permission).
   * @throws forbidden without the permission
   */
  async search(actor: Actor, f: { actor?: string; action?: string; beforeId?: number; limit: number }): Promise<AuditEventRow[]> {
    if (!hasPermission(actor.roles, 'audit.read')) throw forbidden('没有查看审计日志的权限');
    return new AuditRepository(this.ctx.db).search(actor.scope, f);
  }
}
