/**
 * Registry routes.
 * - GET /api/v1/households?… → Page<HouseholdListItem> (filters, sort, cursor pagination; see shared/queries.ts)
 * - GET /api/v1/households/:id?year= → HouseholdDetailDto (404 when missing or outside the scope)
 * - POST /api/v1/households → 201 { ids }: registers households (body: HouseholdInput[]); 400 naming
 *   each bad field, 409 when a household number or person exists.
 * - PUT /api/v1/households/:id/incomes/:year → 204: records a year's income (fen), refreshes facts and screening.
 * ID numbers are masked in every response.
 */
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FastifyInstance } from 'fastify';
import { householdListQuery, householdParams, yearQuery } from '../../../shared/queries';
import { householdInput, incomeInput } from '../../../shared/registry';
import type { Services } from '../../container';
import { scopeOf } from '../scope-of';

export function householdRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/households', { schema: { tags: ['registry'], summary: '农户列表', querystring: householdListQuery } }, async (req) =>
    s.households.list(scopeOf(req), req.query),
  );
  r.get('/api/v1/households/:id', { schema: { tags: ['registry'], summary: '农户详情(成员、收入、筛查结论)', params: householdParams, querystring: yearQuery } }, async (req) =>
    s.households.get(scopeOf(req), req.params.id, req.query.year),
  );
  r.post('/api/v1/households', { schema: { tags: ['registry'], summary: '登记农户', body: z.array(householdInput).min(1).max(1000) } }, async (req, reply) => {
    const report = await s.registry.registerHouseholds(scopeOf(req), req.body);
    return reply.code(201).send({ households: report.households, persons: report.persons, idsToVerify: report.idsToVerify, ids: Object.fromEntries(report.ids) });
  });
  r.put(
    '/api/v1/households/:id/incomes/:year',
    {
      schema: {
        tags: ['registry'],
        summary: '录入年度收入',
        params: householdParams.extend({ year: z.coerce.number().int().min(2014).max(2100) }),
        body: incomeInput.omit({ year: true }).extend({ version: z.number().int().min(1).optional() }),
      },
    },
    async (req, reply) => {
      const { version, ...income } = req.body;
      await s.registry.recordIncome(scopeOf(req), req.params.id, { ...income, year: req.params.year }, version);
      return reply.code(204).send();
    },
  );
}
