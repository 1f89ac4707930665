/**
 * The gate of every export with full ID numbers (issue 9 item 10): the user needs idNumber.reveal AND
 * personal.export AND a reason of at least 4 characters; otherwise the request is refused (403) and the
 * refusal recorded as an `export` audit event with outcome `denied`, what was asked (target, scope,
 * filters) and what was missing. Never answered masked instead.
 */
import { hasPermission } from '../domain/permissions';
import { forbidden } from '../errors';
import type { Actor } from './actor';
import { AuditService } from './audit.service';
import type { ServiceContext } from './context';

/**
 * Checks the gate; returns the trimmed reason.
 * @throws forbidden (after recording the refusal) naming every missing permission and the reason
 */
export async function requireFullIdExport(ctx: ServiceContext, actor: Actor, reason: string | undefined, asked: { targetType: string; targetId: string | null; details: Record<string, unknown> }): Promise<string> {
  const r = reason?.trim() ?? '';
  const missing = [
    ...(['idNumber.reveal', 'personal.export'] as const).filter((perm) => !hasPermission(actor.roles, perm)).map((perm) => (perm === 'idNumber.reveal' ? '查看完整身份证号的权限' : '导出个人信息的权限')),
    ...([...r].length < 4 ? ['至少4个字的导出理由'] : []),
  ];
  if (missing.length) {
    await new AuditService(ctx).record(actor, { action: 'export', targetType: asked.targetType, targetId: asked.targetId, outcome: 'denied', details: { ...asked.details, scope: actor.regionCode, idNumbers: 'full', reason: r || null, missing } });
    throw forbidden(`导出完整身份证号需要:${missing.join('、')}`);
  }
  return r;
}
