/**
 * Sign-in, sessions, CSRF, lockout and user management through app.inject() on both dialects, with a
 * clock the tests move (policy numbers from domain/account-policy.ts: 5 failures of a name from one
 * address within 15 minutes lock it there for 15 minutes, answered like an unknown name; 30 attempts a
 * minute per address; sessions end after 30 idle minutes or 12 hours; issue 17 point 5).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect, newTestApp, newTestDb, signInHeaders, testAuthHeaders, testConfig, TEST_KEY, TEST_NOW } from '../../../../test/harness';
import { createServices, type Services } from '../../container';
import { IdProtector } from '../../crypto/id-protector';
import { AuditRepository } from '../../repositories/audit.repository';
import { systemActor } from '../../services/actor';

forEachDialect('auth routes', (dialect) => {
  let services: Services;
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  let now = new Date(TEST_NOW);
  const PASSWORD = 'Zhen-xing-2026';
  const at = (iso: string) => (now = new Date(iso));

  beforeAll(async () => {
    const t = await newTestDb(dialect);
    drop = t.drop;
    services = createServices(t.db, testConfig(), () => now, new IdProtector(TEST_KEY));
    await services.regions.ensureReferenceData();
    app = await newTestApp(services);
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  const create = (username: string, regionCode: string | null, roles: string[] = ['dataEntry'], mustChange = false) =>
    services.accounts.createUser(systemActor(), { username, regionCode, roles: roles as never }, mustChange ? {} : { password: PASSWORD, mustChangePassword: false });
  const signIn = (username: string, password: string) => app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username, password } });
  const audits = async () => (await new AuditRepository(services.ctx.db).page(0, 10_000));

  it('every /api/v1 route but sign-in and /meta answers 401 without a session', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/households' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/summary' })).json().error.code).toBe('unauthenticated');
    expect((await app.inject({ method: 'GET', url: '/api/v1/meta' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/households', headers: { cookie: 'zx_session=forged' } })).statusCode).toBe(401);
  });

  it('signs in with an httpOnly SameSite=Strict cookie, audits it, and /auth/me answers', async () => {
    at('2026-03-15T10:00:00Z');
    await create('wang.county', '522633');
    const res = await signIn('wang.county', PASSWORD);
    expect(res.statusCode, res.body).toBe(200);
    const c = res.cookies.find((x) => x.name === 'zx_session')!;
    expect(c).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(res.json().user).toMatchObject({ username: 'wang.county', regionCode: '522633', level: 'county', roles: ['dataEntry'] });
    const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: `zx_session=${c.value}` } });
    expect(me.json().user.username).toBe('wang.county');
    expect((await audits()).filter((e) => e.action === 'sign_in' && e.actor === 'wang.county').map((e) => e.outcome)).toEqual(['ok']);
  });

  it('marks the cookie Secure with ZX_COOKIE_SECURE=1 (behind a TLS proxy)', async () => {
    const secureServices = createServices(services.ctx.db, testConfig({ cookieSecure: true }), () => now, new IdProtector(TEST_KEY));
    const secureApp = await newTestApp(secureServices);
    try {
      const res = await secureApp.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username: 'wang.county', password: PASSWORD } });
      expect(res.cookies.find((x) => x.name === 'zx_session')).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict' });
    } finally {
      await secureApp.close();
    }
  });

  it('unknown user and wrong password answer the same 401 and are audited as failed', async () => {
    const a = await signIn('nobody', 'whatever-1');
    const b = await signIn('wang.county', 'wrong-password');
    expect([a.statusCode, b.statusCode]).toEqual([401, 401]);
    expect(a.json().error.message).toBe(b.json().error.message);
    const failed = (await audits()).filter((e) => e.action === 'sign_in' && e.outcome === 'failed');
    expect(failed.map((e) => e.actor)).toEqual(expect.arrayContaining(['nobody', 'wang.county']));
  });

  it('5 failures of a name from one address within 15 minutes lock that name for that address only, answered like an unknown name', async () => {
    at('2026-03-15T11:00:00Z');
    await create('li.locked', '522633');
    for (let i = 1; i <= 5; i++) expect((await signIn('li.locked', `wrong-${i}`)).statusCode).toBe(401);
    // locked from this address: even the right password answers exactly like an unknown name
    const locked = await signIn('li.locked', PASSWORD);
    const unknown = await signIn('nobody.at.all', PASSWORD);
    expect([locked.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect(locked.json().error).toEqual({ ...unknown.json().error, requestId: locked.json().error.requestId });
    expect(locked.json().error.message).toBe('用户名或密码错误(同一用户名在本机连续失败 5 次后,15 分钟内无法登录)');
    // no lock-at-will: the real user at another address signs in
    const elsewhere = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username: 'li.locked', password: PASSWORD }, remoteAddress: '10.20.30.40' });
    expect(elsewhere.statusCode).toBe(200);
    // 11:00 + 15 min = 11:15: the lock is over
    at('2026-03-15T11:15:00Z');
    expect((await signIn('li.locked', PASSWORD)).statusCode).toBe(200);
    const failed = (await audits()).filter((e) => e.action === 'sign_in' && e.actor === 'li.locked' && e.outcome === 'failed').map((e) => JSON.parse(e.details).reason);
    expect(failed).toEqual(['wrong_password', 'wrong_password', 'wrong_password', 'wrong_password', 'wrong_password', 'locked']);
  });

  it('failures are counted within a window: four, then one 1.5 hours later, lock nothing', async () => {
    at('2026-03-15T13:00:00Z');
    await create('zhao.window', '522633');
    for (let i = 1; i <= 4; i++) expect((await signIn('zhao.window', `wrong-${i}`)).statusCode).toBe(401);
    at('2026-03-15T14:30:00Z');
    expect((await signIn('zhao.window', 'wrong-5')).statusCode).toBe(401);
    expect((await signIn('zhao.window', PASSWORD)).statusCode).toBe(200);
  });

  it('throttles one address across user names (spraying): 429 with a Chinese message and Retry-After', async () => {
    const limited = createServices(services.ctx.db, testConfig({ signInRatePerAddress: 5 }), () => now, new IdProtector(TEST_KEY));
    const app2 = await newTestApp(limited);
    try {
      const codes: number[] = [];
      let last: Awaited<ReturnType<typeof app2.inject>> | undefined;
      for (let i = 0; i < 6; i++) {
        last = await app2.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username: `spray${i}`, password: 'x' }, remoteAddress: '10.9.9.9' });
        codes.push(last.statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
      expect(last!.json().error).toMatchObject({ code: 'too_many_requests', message: expect.stringMatching(/^尝试过于频繁,请 \d+ 秒后再试$/) });
      expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
      // another address is not affected
      expect((await app2.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username: 'spray0', password: 'x' }, remoteAddress: '10.9.9.10' })).statusCode).toBe(401);
    } finally {
      await app2.close();
    }
  });

  it('user names differ by more than case: Admin beside admin is refused, and sign-in ignores case', async () => {
    await create('case.user', '522633');
    await expect(create('Case.User', '522633')).rejects.toMatchObject({ code: 'conflict' });
    expect((await signIn('CASE.USER', PASSWORD)).statusCode).toBe(200);
  });

  it('refuses unsafe requests without the CSRF header (403), accepts them with it', async () => {
    at('2026-03-15T12:00:00Z');
    const h = await testAuthHeaders(app, services, { regionCode: '522633', roles: ['dataEntry'] });
    const body = { currentPassword: 'Test-Passw0rd-2026', newPassword: 'Another-pass-77' };
    const without = await app.inject({ method: 'POST', url: '/api/v1/auth/change-password', headers: { cookie: h.cookie! }, payload: body });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('csrf_failed');
    const wrong = await app.inject({ method: 'POST', url: '/api/v1/auth/change-password', headers: { cookie: h.cookie!, 'x-csrf-token': 'guess' }, payload: body });
    expect(wrong.json().error.code).toBe('csrf_failed');
    const changed = await app.inject({ method: 'POST', url: '/api/v1/auth/change-password', headers: h, payload: body });
    expect(changed.statusCode).toBe(200);
    // the session and its CSRF token are replaced: the old cookie no longer works, the new one does
    const fresh = changed.cookies.find((x) => x.name === 'zx_session')!;
    expect(`zx_session=${fresh.value}`).not.toBe(h.cookie);
    expect(changed.json().csrfToken).not.toBe(h['x-csrf-token']);
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: h.cookie! } })).statusCode).toBe(401);
    const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: `zx_session=${fresh.value}` } });
    expect(me.json().csrfToken).toBe(changed.json().csrfToken);
    expect(me.headers['cache-control']).toBe('no-store');
  });

  it('ends a session after 30 idle minutes and 12 hours after sign-in', async () => {
    at('2026-03-16T08:00:00Z');
    const h = await testAuthHeaders(app, services, { regionCode: '522633' });
    const get = () => app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: h });
    at('2026-03-16T08:29:59Z');
    expect((await get()).statusCode).toBe(200); // touched at 08:29:59
    at('2026-03-16T08:59:58Z');
    expect((await get()).statusCode).toBe(200); // 29 min 59 s idle
    at('2026-03-16T09:30:00Z');
    expect((await get()).statusCode).toBe(401); // 30 min 2 s idle
    // absolute: active every 20 minutes from 08:00 → still ends at 20:00
    const h2 = await testAuthHeaders(app, services, { regionCode: '522633' });
    const ok: number[] = [];
    for (let m = 20; m < 12 * 60; m += 20) {
      at(new Date(Date.parse('2026-03-16T09:30:00Z') + m * 60_000).toISOString());
      ok.push((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: h2 })).statusCode);
    }
    expect(ok.every((c) => c === 200)).toBe(true);
    at('2026-03-16T21:30:00Z'); // 09:30 + 12 h
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: h2 })).statusCode).toBe(401);
  });

  it('forces a one-time password to be changed before anything else', async () => {
    at('2026-03-17T08:00:00Z');
    const { oneTimePassword } = await create('new.user', '522633', ['dataEntry'], true);
    expect(oneTimePassword).toMatch(/^.{16}$/);
    const h = await signInHeaders(app, 'new.user', oneTimePassword);
    const blocked = await app.inject({ method: 'GET', url: '/api/v1/households', headers: h });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('password_change_required');
    const weak = await app.inject({ method: 'POST', url: '/api/v1/auth/change-password', headers: h, payload: { currentPassword: oneTimePassword, newPassword: 'short' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details.issues[0].field).toBe('newPassword');
    const changed = await app.inject({ method: 'POST', url: '/api/v1/auth/change-password', headers: h, payload: { currentPassword: oneTimePassword, newPassword: 'My-own-pass-2026' } });
    expect(changed.statusCode).toBe(200);
    const next = { cookie: `zx_session=${changed.cookies.find((x) => x.name === 'zx_session')!.value}`, 'x-csrf-token': changed.json().csrfToken as string };
    expect((await app.inject({ method: 'GET', url: '/api/v1/households', headers: next })).statusCode).toBe(200);
  });

  it('sign-out ends the session', async () => {
    const h = await testAuthHeaders(app, services);
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: h })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: h })).statusCode).toBe(401);
  });

  it('a session kept in memory is refused at the next request once disabled; a session deleted by another server is refused at once with ZX_SESSION_CACHE_SECONDS=0 (decision 0244)', async () => {
    at('2026-03-18T08:00:00Z');
    const admin = await testAuthHeaders(app, services, { regionCode: '522633', roles: ['admin'] });
    const { user } = await create('cached.user', '522633100');
    const h = await signInHeaders(app, 'cached.user', PASSWORD);
    const me = () => app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: h });
    expect((await me()).statusCode).toBe(200);
    expect((await me()).statusCode).toBe(200); // the second from memory
    const off = await app.inject({ method: 'PATCH', url: `/api/v1/users/${user.id}`, headers: admin, payload: { disabled: true } });
    expect(off.statusCode, off.body).toBe(200);
    expect((await me()).statusCode).toBe(401);
    // a second server over the same database, which keeps nothing: a row deleted behind its back counts at once
    const other = createServices(services.ctx.db, testConfig({ sessionCacheMs: 0 }), () => now, new IdProtector(TEST_KEY));
    const app0 = await newTestApp(other);
    try {
      const h0 = await testAuthHeaders(app0, other, { regionCode: '522633' });
      const me0 = () => app0.inject({ method: 'GET', url: '/api/v1/auth/me', headers: h0 });
      expect((await me0()).statusCode).toBe(200);
      expect((await me0()).statusCode).toBe(200);
      await services.ctx.db.deleteFrom('userSession').where('csrfToken', '=', h0['x-csrf-token']!).execute();
      expect((await me0()).statusCode).toBe(401);
    } finally {
      await app0.close();
    }
  });

  describe('user management by administrators of a region, for that region only', () => {
    it('a county administrator creates users of the county and below, not of another county', async () => {
      const admin = await testAuthHeaders(app, services, { regionCode: '522633', roles: ['admin'] });
      const ok = await app.inject({ method: 'POST', url: '/api/v1/users', headers: admin, payload: { username: 'cun.ganbu', regionCode: '522633100207', roles: ['villageCadre'] } });
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json().user).toMatchObject({ level: 'village', mustChangePassword: true });
      const other = await app.inject({ method: 'POST', url: '/api/v1/users', headers: admin, payload: { username: 'other.county', regionCode: '522632', roles: ['dataEntry'] } });
      expect(other.statusCode).toBe(403);
      const national = await app.inject({ method: 'POST', url: '/api/v1/users', headers: admin, payload: { username: 'national.x', regionCode: null, roles: ['dataEntry'] } });
      expect(national.statusCode).toBe(403);
      const list = (await app.inject({ method: 'GET', url: '/api/v1/users', headers: admin })).json() as { username: string; regionCode: string }[];
      expect(list.every((u) => u.regionCode.startsWith('522633'))).toBe(true);
      expect(list.map((u) => u.username)).toContain('cun.ganbu');
    });

    it('role changes are audited as permission_change; a user of another region is 404', async () => {
      const admin = await testAuthHeaders(app, services, { regionCode: '522633', roles: ['admin'] });
      const list = (await app.inject({ method: 'GET', url: '/api/v1/users', headers: admin })).json() as { id: number; username: string }[];
      const target = list.find((u) => u.username === 'cun.ganbu')!;
      const res = await app.inject({ method: 'PATCH', url: `/api/v1/users/${target.id}`, headers: admin, payload: { roles: ['villageCadre', 'reviewer'] } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().user.roles).toEqual(['villageCadre', 'reviewer']);
      const change = (await audits()).filter((e) => e.action === 'permission_change' && e.targetId === 'cun.ganbu');
      expect(change).toHaveLength(1);
      expect(JSON.parse(change[0]!.details).before.roles).toBe('villageCadre');
      const { user: far } = await create('far.away', '522632');
      expect((await app.inject({ method: 'PATCH', url: `/api/v1/users/${far.id}`, headers: admin, payload: { disabled: true } })).statusCode).toBe(404);
      const clerk = await testAuthHeaders(app, services, { regionCode: '522633', roles: ['dataEntry'] });
      expect((await app.inject({ method: 'GET', url: '/api/v1/users', headers: clerk })).statusCode).toBe(403);
    });
  });

  describe('GET /api/v1/audit: administrators of a region search its events', () => {
    it('a county administrator sees events of the county only; without audit.read 403', async () => {
      const admin = await testAuthHeaders(app, services, { regionCode: '522633', roles: ['admin'], username: 'audit.admin' });
      const res = await app.inject({ method: 'GET', url: '/api/v1/audit', headers: admin, query: { limit: '500' } });
      expect(res.statusCode, res.body).toBe(200);
      const events = res.json() as { id: number; regionCode: string | null; actor: string; action: string }[];
      expect(events.length).toBeGreaterThan(0);
      expect(events.every((e) => e.regionCode?.startsWith('522633'))).toBe(true);
      // newest first
      expect(events.map((e) => e.id)).toEqual([...events.map((e) => e.id)].sort((a, b) => b - a));
      // the failed sign-ins of wang.county (522633) are there; nothing of far.away (522632)
      expect(events.some((e) => e.actor === 'wang.county' && e.action === 'sign_in')).toBe(true);
      expect(events.some((e) => e.actor === 'far.away')).toBe(false);
      const only = (await app.inject({ method: 'GET', url: '/api/v1/audit', headers: admin, query: { actor: 'wang.county', action: 'sign_in' } })).json() as { actor: string; action: string }[];
      expect(only.length).toBeGreaterThanOrEqual(2);
      expect(only.every((e) => e.actor === 'wang.county' && e.action === 'sign_in')).toBe(true);
      const clerk = await testAuthHeaders(app, services, { regionCode: '522633', roles: ['dataEntry', 'reviewer'] });
      expect((await app.inject({ method: 'GET', url: '/api/v1/audit', headers: clerk })).statusCode).toBe(403);
    });
  });
});
