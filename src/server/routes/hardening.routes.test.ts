/**
 * Issue 17 at the HTTP edge, on both dialects: a lone surrogate or NUL in any string of a request (body,
 * nested fields, object keys, query) is 400 naming the field, and the audit log still verifies after a
 * sign-in tried with one (point 1); numbers are not coerced from `true`, `"1"`, `0x10`, `1e3` or `""`; a
 * household without members is refused; API answers carry Cache-Control: no-store; Fastify's own client
 * errors are Chinese without internals (point 6).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect, newTestApp, newTestServices, testAuthHeaders } from '../../../test/harness';
import { head, household, VILLAGES } from '../../../test/fixtures/registry';
import type { Services } from '../container';

forEachDialect('request edge (issue 17)', (dialect) => {
  let services: Services;
  let drop: () => Promise<void>;
  let app: Awaited<ReturnType<typeof newTestApp>>;
  let auth: Record<string, string>;
  beforeAll(async () => {
    ({ services, drop } = await newTestServices(dialect));
    await services.regions.ensureReferenceData();
    app = await newTestApp(services);
    auth = await testAuthHeaders(app, services);
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });
  const json = (method: 'POST' | 'PUT' | 'GET', url: string, raw?: string, headers = auth) =>
    app.inject({ method, url, headers: { ...headers, ...(raw === undefined ? {} : { 'content-type': 'application/json' }) }, payload: raw });
  const fields = (res: { json: () => unknown }) => (res.json() as { error: { details?: { issues?: { field: string }[] } } }).error.details?.issues?.map((i) => i.field);

  it('a sign-in with user name "\\ud800" is 400 naming body.username, is not audited, and the log verifies', async () => {
    const before = (await services.audit.verify()).checked;
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', headers: { 'content-type': 'application/json' }, payload: '{"username":"\\ud800","password":"x"}' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation_error', message: expect.stringContaining('body.username 含有无效的 Unicode 字符(孤立的代理项)') });
    expect(fields(res)).toEqual(['body.username']);
    const v = await services.audit.verify();
    expect(v).toMatchObject({ ok: true, checked: before, breaks: [] });
  });

  it('NUL or a lone surrogate anywhere in a body (nested fields, object keys) or a query is 400 naming it', async () => {
    const hh = JSON.stringify([household('E-1', VILLAGES.basha, [head({ name: '王\u0000明' })])]);
    const res = await json('POST', '/api/v1/households', hh);
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(['body[0].members[0].name']);
    const key = await json('PUT', '/api/v1/intake/mappings', JSON.stringify({ kind: 'medical', headerSignature: 'a'.repeat(64), mapping: { '\udc00姓名': 'name' } }));
    expect(key.statusCode).toBe(400);
    expect(fields(key)).toEqual(['body.mapping(键名)']);
    const q = await app.inject({ method: 'GET', url: `/api/v1/audit?actor=${encodeURIComponent('a\u0000b')}`, headers: auth });
    expect(q.statusCode).toBe(400);
    expect(fields(q)).toEqual(['query.actor']);
    // a well-formed pair of surrogates (𠮷) is a character like any other
    const ok = await json('POST', '/api/v1/households', JSON.stringify([household('E-2', VILLAGES.basha, [head({ name: '赵𠮷祥' })])]));
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('numbers are not coerced: true, "7", 0x10, 1e3 and "" are refused', async () => {
    const grant = (householdId: unknown, days: unknown) => json('POST', '/api/v1/access-grants', JSON.stringify({ username: 'nobody', householdId, days, reason: '协助核实情况' }));
    expect(fields(await grant(true, 7))).toEqual(['body.householdId']);
    expect(fields(await grant(1, true))).toEqual(['body.days']);
    expect(fields(await grant(1, '7'))).toEqual(['body.days']);
    for (const limit of ['0x10', '1e3', '', ' 12']) {
      const res = await app.inject({ method: 'GET', url: `/api/v1/households?limit=${encodeURIComponent(limit)}`, headers: auth });
      expect(res.statusCode, limit).toBe(400);
      expect(fields(res)).toEqual(['querystring.limit']);
    }
    expect((await app.inject({ method: 'GET', url: '/api/v1/households?limit=16', headers: auth })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/households/0x10', headers: auth })).statusCode).toBe(400);
  });

  it('a household with no members is refused (was 201)', async () => {
    const res = await json('POST', '/api/v1/households', JSON.stringify([household('E-3', VILLAGES.basha, [])]));
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toContain('body.0.members');
  });

  it('API answers carry Cache-Control: no-store; bad JSON is 400 in Chinese without the parser message', async () => {
    const list = await app.inject({ method: 'GET', url: '/api/v1/households', headers: auth });
    expect(list.headers['cache-control']).toBe('no-store');
    const bad = await json('POST', '/api/v1/households', '{"a":');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'bad_request', message: '请求体不是有效的 JSON' });
  });
});
