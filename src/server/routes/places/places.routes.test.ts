/**
 * Place routes and the mapping step over HTTP, on both dialects: a user of 华亭市 620881 (a real county of the
 * shipped code list that is not a designated key county) uploads an invented national-layout file, the preview
 * lists the place names the code list does not hold with suggestions, a `placeMapping` makes them import, a bad
 * mapping is 400 naming the entry; the crosswalk lookup answers 华亭县 620824 → 620881; mappings of a county
 * outside the user's scope are 403. Places by hand from data/regions/divisions-west-2023.csv.gz.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect, newTestApp, newTestServices, testAuthHeaders } from '../../../../test/harness';
import { idNumber } from '../../../../test/fixtures/registry';
import { multipart } from '../../../../test/fixtures/multipart';
import type { Services } from '../../container';

const CSV = [
  '县,乡,村,户编号,证件号码,姓名,与户主关系,户类型,劳动技能,健康状况,在校生状况,工资性收入,生产经营性收入,转移性收入,识别监测时间,监测对象类别,致贫/返贫风险1',
  `华亭市,安口镇,前峰,R-1,${idNumber('620881', '19700101', 501)},测试甲,户主,脱贫户,普通劳动力,健康,非在校生,12000,0,0,202304,脱贫不稳定户,因病`,
  `华亭市,安口镇,阳安村,R-2,${idNumber('620824', '19700101', 502)},测试乙,户主,脱贫户,普通劳动力,健康,非在校生,12000,0,0,202304,脱贫不稳定户,因病`,
].join('\n');

forEachDialect('place routes', (dialect) => {
  let services: Services;
  let drop: () => Promise<void>;
  let app: Awaited<ReturnType<typeof newTestApp>>;
  let county: Record<string, string>;
  let readOnly: Record<string, string>;
  beforeAll(async () => {
    ({ services, drop } = await newTestServices(dialect));
    await services.regions.ensureReferenceData();
    app = await newTestApp(services);
    county = await testAuthHeaders(app, services, { regionCode: '620881', roles: ['dataEntry'] });
    readOnly = await testAuthHeaders(app, services, { regionCode: '620881', roles: ['readOnly'] });
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('GET /places/codes/:code follows the crosswalk; 400 for a malformed code', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/v1/places/codes/620824', headers: readOnly });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'replaced', code: '620881', changes: [{ oldName: '华亭县', newName: '华亭市', changedOn: '2018-07-02', kind: 'rename', document: '民函〔2018〕109号' }] });
    expect((await app.inject({ method: 'GET', url: '/api/v1/places/codes/62082', headers: readOnly })).statusCode).toBe(400);
  });

  describe('the mapping step in the preview', () => {
    let uploadId = '';
    beforeAll(async () => {
      const m = multipart('华亭.csv', Buffer.from(CSV));
      const up = await app.inject({ method: 'POST', url: '/api/v1/intake/uploads', payload: m.payload, headers: { ...county, ...m.headers } });
      expect(up.statusCode).toBe(201);
      uploadId = (up.json() as { uploadId: string }).uploadId;
    });

    it('lists the names the code list does not hold, with suggestions; nothing is assigned by itself', async () => {
      const pv = await app.inject({ method: 'POST', url: `/api/v1/intake/uploads/${uploadId}/preview`, payload: { kind: 'national-person', year: 2025 }, headers: county });
      expect(pv.statusCode).toBe(200);
      const body = pv.json() as { counts: { add: number; reject: number }; placeNames: unknown[] };
      expect(body.counts).toMatchObject({ add: 1, reject: 1 });
      expect(body.placeNames).toEqual([{ countyCode: '620881', countyName: '华亭市', town: '安口镇', village: '前峰', key: '安口镇/前峰', rows: [2], suggestions: [{ code: '620881101200', name: '前峰村委会', town: '安口镇' }] }]);
    });

    it('a placeMapping makes the row import; a bad one is 400 naming the entry', async () => {
      const ok = await app.inject({ method: 'POST', url: `/api/v1/intake/uploads/${uploadId}/preview`, payload: { kind: 'national-person', year: 2025, placeMapping: { '安口镇/前峰': '620881101200' } }, headers: county });
      expect(ok.statusCode).toBe(200);
      expect((ok.json() as { counts: { add: number; reject: number } }).counts).toMatchObject({ add: 2, reject: 0 });
      const bad = await app.inject({ method: 'POST', url: `/api/v1/intake/uploads/${uploadId}/preview`, payload: { kind: 'national-person', year: 2025, placeMapping: { '安口镇/前峰': '620802100200' } }, headers: county });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ error: { code: 'validation_error', details: { issues: [{ field: 'placeMapping.安口镇/前峰', message: '区划 620802100200 不在您的管辖范围内' }] } } });
    });
  });

  it('GET /places/mappings: the own county with intake.import; another county 403; without the permission 403', async () => {
    const own = await app.inject({ method: 'GET', url: '/api/v1/places/mappings?county=620881', headers: county });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toEqual([]);
    expect((await app.inject({ method: 'GET', url: '/api/v1/places/mappings?county=620802', headers: county })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/v1/places/mappings?county=620881', headers: readOnly })).statusCode).toBe(403);
  });
});
