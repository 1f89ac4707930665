/**
 * Personal-data routes on both dialects: revealing a full ID number needs idNumber.reveal and a reason,
 * decrypts with the IdProtector and appends view_id_number with the reason (never the number); a person
 * of another region is 404; temporary access (人户分离) lets a user of another county read one household
 * until it expires, and the grant is audited.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect, newTestApp, newTestDb, testAuthHeaders, testConfig, TEST_KEY, TEST_NOW } from '../../../../test/harness';
import { head, household, person, VILLAGES } from '../../../../test/fixtures/registry';
import { createServices, type Services } from '../../container';
import { IdProtector } from '../../crypto/id-protector';
import { NATIONAL_SCOPE } from '../../repositories/scope';

forEachDialect('personal-data routes', (dialect) => {
  let services: Services;
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  let now = new Date(TEST_NOW);
  let hh: number;
  let personId: number;
  let fullId: string;

  beforeAll(async () => {
    const t = await newTestDb(dialect);
    drop = t.drop;
    services = createServices(t.db, testConfig(), () => now, new IdProtector(TEST_KEY));
    await services.regions.ensureReferenceData();
    fullId = '522633199001010012';
    const r = await services.registry.registerHouseholds(NATIONAL_SCOPE, [household('P01', VILLAGES.basha, [head({ idNumber: fullId, name: '杨秀英' }), person()])]);
    hh = r.ids.get('P01')!;
    personId = (await t.db.selectFrom('person').select('id').where('householdId', '=', hh).where('relationToHead', '=', 'head').executeTakeFirstOrThrow()).id;
    app = await newTestApp(services);
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  const reveal = (headers: Record<string, string>, id: number, reason: string) => app.inject({ method: 'POST', url: `/api/v1/persons/${id}/id-number`, headers, payload: { reason } });
  const events = (action: string) => services.ctx.db.selectFrom('auditEvent').selectAll().where('action', '=', action).orderBy('id').execute();

  it('reveals the full ID number with a reason and logs who, whom and why (not the number)', async () => {
    const h = await testAuthHeaders(app, services, { regionCode: '522633', roles: ['reviewer'], username: 'reviewer.a' });
    const res = await reveal(h, personId, '核实低保申请材料');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ idNumber: fullId });
    const ev = await events('view_id_number');
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ actor: 'reviewer.a', targetType: 'person', targetId: String(personId), regionCode: VILLAGES.basha, outcome: 'ok' });
    expect(JSON.parse(ev[0]!.details)).toEqual({ reason: '核实低保申请材料', householdId: hh });
    expect(ev[0]!.details).not.toContain(fullId);
  });

  it('refuses without a reason (400 naming reason) or without the permission (403, audited)', async () => {
    const h = await testAuthHeaders(app, services, { regionCode: '522633', roles: ['reviewer'] });
    const short = await reveal(h, personId, '看');
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details.issues[0].field).toBe('body.reason');
    // the message a person reads names the field in Chinese, not the internal path (issue 16)
    expect(short.json().error.message).toMatch(/^参数有误:理由 /);
    expect(short.json().error.message).not.toContain('body.');
    const clerk = await testAuthHeaders(app, services, { regionCode: '522633', roles: ['dataEntry'], username: 'clerk.a' });
    expect((await reveal(clerk, personId, '核实低保申请材料')).statusCode).toBe(403);
    expect((await events('access_denied')).some((e) => e.actor === 'clerk.a')).toBe(true);
    expect(await events('view_id_number')).toHaveLength(1);
  });

  it('a village user reads a household of the village (the verdicts are scoped through the household)', async () => {
    const v = await testAuthHeaders(app, services, { regionCode: VILLAGES.basha, roles: ['villageCadre'] });
    const res = await app.inject({ method: 'GET', url: `/api/v1/households/${hh}`, headers: v });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().members.map((m: { name: string }) => m.name)).toContain('杨秀英');
    // and the village's figures, its list and its export
    const sum = await app.inject({ method: 'GET', url: `/api/v1/summary?region=${VILLAGES.basha}`, headers: v });
    expect(sum.statusCode, sum.body).toBe(200);
    expect(sum.json().households).toBe(1);
    expect((await app.inject({ method: 'GET', url: `/api/v1/summary/children?region=${VILLAGES.basha}`, headers: v })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/households', headers: v })).json().total).toBe(1);
    expect((await app.inject({ method: 'GET', url: `/api/v1/summary?region=${VILLAGES.basha.slice(0, 9)}`, headers: v })).statusCode).toBe(403);
  });

  it('a person of another county is 404 like a missing one', async () => {
    const other = await testAuthHeaders(app, services, { regionCode: '522632', roles: ['reviewer'] });
    const a = await reveal(other, personId, '核实低保申请材料');
    const b = await reveal(other, personId + 10_000, '核实低保申请材料');
    expect([a.statusCode, b.statusCode]).toEqual([404, 404]);
    expect(a.json().error.message).toBe(b.json().error.message);
  });

  it('temporary access (人户分离): a county approver grants a user of another county one household for 7 days', async () => {
    now = new Date('2026-03-15T10:00:00Z');
    const approver = await testAuthHeaders(app, services, { regionCode: '522633', roles: ['countyApprover'], username: 'approver.a' });
    const outsider = await testAuthHeaders(app, services, { regionCode: '522632', roles: ['reviewer'], username: 'clerk.b' });
    expect((await app.inject({ method: 'GET', url: `/api/v1/households/${hh}`, headers: outsider })).statusCode).toBe(404);
    const g = await app.inject({ method: 'POST', url: '/api/v1/access-grants', headers: approver, payload: { username: 'clerk.b', householdId: hh, days: 7, reason: '户主在榕江县务工居住,协助核实' } });
    expect(g.statusCode, g.body).toBe(201);
    // 2026-03-15T10:00Z + 7 days
    expect(g.json().expiresAt).toBe('2026-03-22T10:00:00.000Z');
    const ev = await events('access_grant');
    expect(ev.map((e) => [e.actor, e.targetId, e.regionCode])).toEqual([['approver.a', String(hh), VILLAGES.basha]]);
    expect(JSON.parse(ev[0]!.details)).toMatchObject({ grantee: 'clerk.b', reason: '户主在榕江县务工居住,协助核实' });
    const seen = await app.inject({ method: 'GET', url: `/api/v1/households/${hh}`, headers: outsider });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().householdNo).toBe('P01');
    // not in lists, and gone after expiry
    expect((await app.inject({ method: 'GET', url: '/api/v1/households', headers: outsider })).json().items).toHaveLength(0);
    now = new Date('2026-03-22T10:00:00Z');
    const again = await testAuthHeaders(app, services, { regionCode: '522632', roles: ['reviewer'] });
    expect((await app.inject({ method: 'GET', url: `/api/v1/households/${hh}`, headers: again })).statusCode).toBe(404);
  });

  it('a grant for a household outside the granter\'s region is 404; without access.grant 403', async () => {
    const approverB = await testAuthHeaders(app, services, { regionCode: '522632', roles: ['countyApprover'] });
    expect((await app.inject({ method: 'POST', url: '/api/v1/access-grants', headers: approverB, payload: { username: 'clerk.b', householdId: hh, days: 7, reason: '协助核实情况' } })).statusCode).toBe(404);
    const reviewer = await testAuthHeaders(app, services, { regionCode: '522633', roles: ['reviewer'] });
    expect((await app.inject({ method: 'POST', url: '/api/v1/access-grants', headers: reviewer, payload: { username: 'clerk.b', householdId: hh, days: 7, reason: '协助核实情况' } })).statusCode).toBe(403);
  });
});
