/**
 * GET /api/v1/regions/names (issue 16: names, not codes), on both dialects, over the shipped division
 * codes: 从江县 522633, 丙妹镇 522633100, 岜沙村村民委员会 522633100207; a code not loaded is left out.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect, newTestApp, newTestServices, testAuthHeaders } from '../../../../test/harness';
import type { Services } from '../../container';

forEachDialect('region names route', (dialect) => {
  let services: Services;
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  let headers: Record<string, string> = {};
  beforeAll(async () => {
    ({ services, drop } = await newTestServices(dialect));
    await services.regions.ensureReferenceData();
    app = await newTestApp(services);
    headers = await testAuthHeaders(app, services, { username: 'names_village', regionCode: '522633100207', roles: ['villageCadre'] });
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  describe('GET /api/v1/regions/names', () => {
    it('names of a province, county, township and village; unknown codes left out', async () => {
      const res = await app.inject({ method: 'GET', url: '/api/v1/regions/names', query: { codes: '52,522633,522633100,522633100207,522633999999' }, headers });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ '52': '贵州省', '522633': '从江县', '522633100': '丙妹镇', '522633100207': '岜沙村村民委员会' });
    });
    it('a malformed code is 400 naming the field in Chinese; signed out is 401', async () => {
      const bad = await app.inject({ method: 'GET', url: '/api/v1/regions/names', query: { codes: '52,abc' }, headers });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('区划代码应为2、4、6、9或12位数字');
      expect((await app.inject({ method: 'GET', url: '/api/v1/regions/names', query: { codes: '52' } })).statusCode).toBe(401);
    });
  });
});
