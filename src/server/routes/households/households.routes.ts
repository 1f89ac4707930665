/**
 * Registry routes.
 * - GET /api/v1/households?… → Page<HouseholdListItem> (filters, sort, cursor pagination; see shared/queries.ts)
 * - GET /api/v1/households/:id?year= → HouseholdDetailDto (404 when missing or outside the scope)
 * - POST /api/v1/households → 201 { ids }: registers households (body: HouseholdInput[]); 400 naming
 *   each bad field, 409 when a household number or person exists.
 * - PUT /api/v1/households/:id/incomes/:year → 204: records a year's income (fen), refreshes facts and screening.
 * ID numbers are masked in every response; names and health details too unless the user has the
 * personal.view permission (presenters/personal-data.presenter.ts). Writes need household.write (403).
 * A household of another region answers 404 like a missing one and leaves an access_denied audit
 * event; so does a list filtered to a region outside the user's (200 with no items).
 * - POST /api/v1/households/search {idNumber?, name?} → HouseholdMatch[] (≤ 50) inside the user's region:
 *   by ID number (exact, through the lookup hash; in the body, never in the URL, issue 16) or by any part
 *   of the head's or a member's name. Head names masked without personal.view. 400 when both are empty.
 */
import { z } from 'zod';
import { qint } from '../../../shared/strict';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FastifyInstance } from 'fastify';
import { householdListQuery, householdParams, yearQuery } from '../../../shared/queries';
import { incomeInput, newHouseholdInput } from '../../../shared/registry';
import type { Services } from '../../container';
import { actorOf, requirePermission } from '../scope-of';
import { narrow } from '../../repositories/scope';
import { maskHouseholdDetail, maskHouseholdPage } from '../../presenters/personal-data.presenter';
import { AppError } from '../../errors';
import { ID_REGISTERED } from '../../services/registry.service';
import type { Actor } from '../../services/actor';
import { hasPermission } from '../../domain/permissions';
import { maskName } from '../../domain/masking';

const NO_WRITE = '没有登记或修改农户的权限';

export function householdRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  /** Runs a by-id call; a not_found for a record that exists elsewhere is audited as access_denied. */
  const byId = async <T>(actor: Actor, id: number, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (e) {
      if (e instanceof AppError && e.code === 'not_found') await s.personalData.deniedIfExists(actor, 'household', id);
      throw e;
    }
  };
  r.get('/api/v1/households', { schema: { tags: ['registry'], summary: '农户列表', querystring: householdListQuery } }, async (req) => {
    const actor = actorOf(req);
    const page = await s.households.list(actor.scope, req.query);
    if (req.query.region && !narrow(actor.scope, req.query.region)) await s.personalData.recordDenied(actor, { targetType: 'household_list', targetId: req.query.region, details: { reason: 'outside_scope' } });
    return maskHouseholdPage(actor, page);
  });
  r.post('/api/v1/households/search', {
    schema: {
      tags: ['registry'], summary: '按身份证号或姓名(任一部分)查找本区域农户',
      body: z.object({ idNumber: z.string().trim().min(1).max(40).optional(), name: z.string().trim().min(1, '姓名至少一个字').max(20).optional() })
        .refine((b) => b.idNumber || b.name, { message: '请填写身份证号或姓名', path: ['idNumber'] }),
    },
  }, async (req) => {
    const actor = actorOf(req);
    const matches = await s.households.search(actor, req.body);
    return hasPermission(actor.roles, 'personal.view') ? matches : matches.map((m) => ({ ...m, headName: maskName(m.headName) }));
  });
  r.get('/api/v1/households/:id', { schema: { tags: ['registry'], summary: '农户详情(成员、收入、筛查结论)', params: householdParams, querystring: yearQuery } }, async (req) => {
    const actor = actorOf(req);
    return maskHouseholdDetail(actor, await byId(actor, req.params.id, () => s.households.get(actor.scope, req.params.id, req.query.year)));
  });
  r.post('/api/v1/households', { schema: { tags: ['registry'], summary: '登记农户', body: z.array(newHouseholdInput).min(1).max(1000) } }, async (req, reply) => {
    const actor = requirePermission(req, 'household.write', NO_WRITE);
    const report = await s.registry.registerHouseholds(actor.scope, req.body).catch(async (e: unknown) => {
      // uniqueness is national, so the refusal itself says that the number is registered somewhere: each one
      // is audited, so that probing numbers one by one shows in the log (decision 0227)
      if (e instanceof AppError && (e.details as { reason?: string } | undefined)?.reason === ID_REGISTERED) {
        await s.audit.record(actor, { action: 'registration_duplicate_refused', targetType: 'household', targetId: null, outcome: 'denied', details: { persons: (e.details as { persons: number }).persons } });
      }
      throw e;
    });
    return reply.code(201).send({ households: report.households, persons: report.persons, idsToVerify: report.idsToVerify, ids: Object.fromEntries(report.ids) });
  });
  r.put(
    '/api/v1/households/:id/incomes/:year',
    {
      schema: {
        tags: ['registry'],
        summary: '录入年度收入',
        params: householdParams.extend({ year: qint(z.number().int().min(2014).max(2100)) }),
        body: incomeInput.omit({ year: true }).extend({ version: z.number().int().min(1).optional() }),
      },
    },
    async (req, reply) => {
      const actor = requirePermission(req, 'household.write', NO_WRITE);
      const { version, ...income } = req.body;
      await byId(actor, req.params.id, () => s.registry.recordIncome(actor.scope, req.params.id, { ...income, year: req.params.year }, version));
      return reply.code(204).send();
    },
  );
}
