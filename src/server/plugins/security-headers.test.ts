/**
 * Hardening of the HTTP layer: security headers with the CSP on every API answer, a request body
 * above the 5 MiB limit refused with 413 and a Chinese message, and no stack trace or SQL in errors.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect, newTestApp, newTestServices, testAuthHeaders } from '../../../test/harness';
import type { Services } from '../container';

forEachDialect('security headers and limits', (dialect) => {
  let services: Services;
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ services, drop } = await newTestServices(dialect));
    app = await newTestApp(services);
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('sends CSP, nosniff, frame and referrer headers on API answers, also on errors', async () => {
    for (const url of ['/api/v1/meta', '/api/v1/households']) {
      const res = await app.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-eval');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('refuses a body above 5 MiB with 413 in Chinese, without internals', async () => {
    const headers = await testAuthHeaders(app, services);
    const big = JSON.stringify([{ householdNo: 'x'.repeat(5 * 1024 * 1024) }]);
    const res = await app.inject({ method: 'POST', url: '/api/v1/households', headers: { ...headers, 'content-type': 'application/json' }, payload: big });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'payload_too_large', message: '请求内容过大' });
    expect(res.body).not.toMatch(/at \w+ \(|node_modules|select |insert /i);
  });
});
