/**
 * Access to personal data beyond the masked default (《个人信息保护法》第五十一条; permissions in
 * domain/permissions.ts): revealing one full ID number with a reason (audited view_id_number), finding
 * persons by ID number inside the scope, temporary access to another region's household (人户分离,
 * audited access_grant), and the audit trace of denied access (a record of another region asked for by
 * id answers 404 like a missing one, and leaves an access_denied event).
 */
import { MAX_TEMPORARY_ACCESS_DAYS } from '../domain/account-policy';
import { checkIdNumber, normalizeIdNumber } from '../domain/id-number';
import { maskName } from '../domain/masking';
import { hasPermission } from '../domain/permissions';
import { forbidden, notFound, validationError } from '../errors';
import { AuditRepository } from '../repositories/audit.repository';
import { HouseholdRepository } from '../repositories/household.repository';
import { PersonRepository } from '../repositories/person.repository';
import { NATIONAL_SCOPE } from '../repositories/scope';
import { UserRepository } from '../repositories/user.repository';
import type { Actor } from './actor';
import { auditFields } from './audit.service';
import { today, type ServiceContext } from './context';

/** A person found by ID number (masked unless the caller has personal.view). */
export interface PersonMatch {
  personId: number;
  householdId: number;
  name: string;
  /** THE mask rule (domain/masking.ts) */
  idNumberMasked: string;
  villageCode: string;
  /** 户编号 of the household */
  householdNo: string;
}

export class PersonalDataService {
  constructor(private readonly ctx: ServiceContext) {}

  /**
   * The full ID number of a person inside the actor's scope, for a stated reason; appends
   * view_id_number (reason, person, household's village) in the same transaction as the read.
   * @throws forbidden without idNumber.reveal; not_found when missing or outside the scope (an
   *   outside one also appends access_denied)
   */
  async revealIdNumber(actor: Actor, personId: number, reason: string): Promise<{ idNumber: string }> {
    if (!hasPermission(actor.roles, 'idNumber.reveal')) throw forbidden('没有查看完整身份证号的权限');
    const p = await new PersonRepository(this.ctx.db).get(actor.scope, personId);
    if (!p) {
      await this.deniedIfExists(actor, 'person', personId);
      throw notFound('该人员');
    }
    return this.ctx.db.transaction().execute(async (trx) => {
      const cipher = await new PersonRepository(trx).protectedCipher(actor.scope, personId);
      if (!cipher) throw notFound('该人员');
      await new AuditRepository(trx).append(auditFields(this.ctx, actor, { action: 'view_id_number', targetType: 'person', targetId: personId, regionCode: p.villageCode, outcome: 'ok', details: { reason, householdId: p.householdId } }));
      return { idNumber: this.ctx.ids.decrypt(cipher) };
    });
  }

  /**
   * Persons inside the actor's scope with this ID number (exact match through the lookup hash). A
   * 15-digit first-generation number is upgraded to its 18-digit form first (GB 11643-1999, as the
   * registry stores it: issue 9 item 4). The number comes in a request body, never a URL (issue 9 item 9).
   * @throws validation_error naming `idNumber` when it is neither 18 nor 15 characters of a possible
   *   number after normalisation (the message never repeats the number)
   */
  async findByIdNumber(actor: Actor, raw: string): Promise<PersonMatch[]> {
    const { value } = normalizeIdNumber(raw);
    const c = /^\d{15}$|^\d{17}[\dX]$/.test(value) ? checkIdNumber(value, today(this.ctx.clock)) : null;
    if (!c?.ok) throw validationError([{ field: 'idNumber', message: '应为18位或15位身份证号' }]);
    const rows = await new PersonRepository(this.ctx.db).byIdHash(actor.scope, this.ctx.ids.hash(c.idNumber!));
    const unmasked = hasPermission(actor.roles, 'personal.view');
    return rows.map((r) => ({ personId: r.id, householdId: r.householdId, householdNo: r.householdNo, name: unmasked ? r.name : maskName(r.name), idNumberMasked: r.idMasked, villageCode: r.villageCode }));
  }

  /**
   * Appends access_denied when a record asked for by id exists outside the actor's scope (a missing
   * one leaves nothing). The answer to the caller stays 404 either way.
   */
  async deniedIfExists(actor: Actor, targetType: 'household' | 'person', id: number): Promise<void> {
    const exists = targetType === 'household' ? !!(await new HouseholdRepository(this.ctx.db).get(NATIONAL_SCOPE, id)) : !!(await new PersonRepository(this.ctx.db).get(NATIONAL_SCOPE, id));
    if (!exists) return;
    await this.ctx.db.transaction().execute((trx) => new AuditRepository(trx).append(auditFields(this.ctx, actor, { action: 'access_denied', targetType, targetId: id, outcome: 'denied', details: { reason: 'outside_scope' } })));
  }

  /** Appends access_denied for a request outside the actor's region that answered empty (e.g. a list filtered to another county). */
  async recordDenied(actor: Actor, target: { targetType: string; targetId?: string | null; details?: Record<string, unknown> }): Promise<void> {
    await this.ctx.db.transaction().execute((trx) => new AuditRepository(trx).append(auditFields(this.ctx, actor, { action: 'access_denied', targetType: target.targetType, targetId: target.targetId ?? null, outcome: 'denied', details: target.details })));
  }

  /**
   * Grants a user temporary read access to one household of the granter's region (人户分离: the member
   * lives in the user's region but is registered here), for `days` ≤ MAX_TEMPORARY_ACCESS_DAYS, with a
   * reason; audited as access_grant in the household's region.
   * @throws forbidden without access.grant; not_found for a household or user not found (a household
   *   outside the granter's scope is not found)
   */
  async grantHouseholdAccess(actor: Actor, input: { username: string; householdId: number; days: number; reason: string }): Promise<{ id: number; expiresAt: string }> {
    if (!hasPermission(actor.roles, 'access.grant')) throw forbidden('没有临时授权的权限');
    if (input.days < 1 || input.days > MAX_TEMPORARY_ACCESS_DAYS) throw validationError([{ field: 'days', message: `应为1至${MAX_TEMPORARY_ACCESS_DAYS}天` }]);
    const h = await new HouseholdRepository(this.ctx.db).get(actor.scope, input.householdId);
    if (!h) throw notFound('该农户');
    const now = this.ctx.clock();
    const expiresAt = new Date(now.getTime() + input.days * 86_400_000).toISOString();
    const granted = await this.ctx.db.transaction().execute(async (trx) => {
      const users = new UserRepository(trx);
      const u = await users.credentials(input.username);
      if (!u || u.disabled === 1) throw notFound('该用户');
      const id = await users.insertGrant({ userId: u.id, householdId: h.id, reason: input.reason, grantedBy: actor.username, grantedAt: now.toISOString(), expiresAt, revokedAt: null });
      await new AuditRepository(trx).append(auditFields(this.ctx, actor, {
        action: 'access_grant', targetType: 'household', targetId: h.id, regionCode: h.villageCode, outcome: 'ok',
        details: { grantee: u.username, granteeRegion: u.regionCode, reason: input.reason, expiresAt },
      }));
      return { id, expiresAt };
    });
    // the grantee's cached session is read again with the grant (decision 0244)
    new UserRepository(this.ctx.db).forgetSessions();
    return granted;
  }
}
