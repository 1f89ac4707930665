/**
 * Personal-data routes.
 * - POST /api/v1/persons/:id/id-number { reason } → { idNumber }: the full ID number (idNumber.reveal
 *   permission, 403 without; a reason of at least 4 characters, 400 naming `reason`); audited
 *   view_id_number. 404 for a person missing or of another region (audited access_denied).
 * - POST /api/v1/persons/search { idNumber } → PersonMatch[] (person, household id and 户编号, masked ID
 *   number, village) inside the user's region (names masked without personal.view); the number travels in
 *   the body, never in the URL, so that no log or proxy records it (issue 9 item 9); 18 or 15 digits (a
 *   15-digit number is upgraded, issue 9 item 4); 400 naming idNumber for a malformed number.
 * - POST /api/v1/access-grants { username, householdId, days ≤ 30, reason } → 201 { id, expiresAt }:
 *   temporary access of a user to a household of the granter's region (人户分离; access.grant), audited.
 */
import { z } from 'zod';
import { qint } from '../../../shared/strict';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FastifyInstance } from 'fastify';
import { accessGrantInput, reasonInput } from '../../../shared/accounts';
import type { Services } from '../../container';
import { actorOf } from '../scope-of';

export function personRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/api/v1/persons/:id/id-number', { schema: { tags: ['personal data'], summary: '查看完整身份证号(须说明理由,记入审计日志)', params: z.object({ id: qint(z.number().int().positive()) }), body: reasonInput } }, async (req) =>
    s.personalData.revealIdNumber(actorOf(req), req.params.id, req.body.reason),
  );
  r.post('/api/v1/persons/search', { schema: { tags: ['personal data'], summary: '按身份证号查找本区域人员(号码放在请求体中)', body: z.object({ idNumber: z.string().min(1).max(40) }) } }, async (req) =>
    s.personalData.findByIdNumber(actorOf(req), req.body.idNumber),
  );
  r.post('/api/v1/access-grants', { schema: { tags: ['personal data'], summary: '临时授权访问本区域农户(人户分离)', body: accessGrantInput } }, async (req, reply) =>
    reply.code(201).send(await s.personalData.grantHouseholdAccess(actorOf(req), req.body)),
  );
}
