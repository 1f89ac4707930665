/**
 * GET /api/v1/exports/national/:kind on both dialects (issue 8 item 4): the user's region only, in the
 * national file's name and layout (title, header on row 3), full ID numbers only with personal.export,
 * idNumber.reveal and a reason (403 otherwise), 400 for a kind that is not a national table, audited.
 */
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect, newTestApp, newTestServices, testAuthHeaders } from '../../../../test/harness';
import { head, household, idNumber, VILLAGES } from '../../../../test/fixtures/registry';
import type { Services } from '../../container';
import { NATIONAL_SCOPE } from '../../repositories/scope';

const A = idNumber('522633', '19660707', 31);
const B = idNumber('522632', '19770808', 41);

forEachDialect('national export route', (dialect) => {
  let services: Services;
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  let reviewer: Record<string, string>;
  let entry: Record<string, string>;
  beforeAll(async () => {
    ({ services, drop } = await newTestServices(dialect));
    await services.regions.ensureReferenceData();
    await services.registry.registerHouseholds(NATIONAL_SCOPE, [
      household('NR-1', VILLAGES.basha, [head({ idNumber: A, name: '测导出', relationToHead: 'head' })], [], { householdType: 'liftedOutOfPoverty' }),
      household('NR-2', VILLAGES.rongjiang, [head({ idNumber: B, name: '乙县人' })]),
    ]);
    app = await newTestApp(services);
    reviewer = await testAuthHeaders(app, services, { username: 'nat_reviewer', regionCode: '522633', roles: ['reviewer'] });
    entry = await testAuthHeaders(app, services, { username: 'nat_entry', regionCode: '522633', roles: ['dataEntry'] });
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('the county persons in （自定义）监测对象信息.xlsx, header on row 3, full ID number; audited', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/exports/national/national-person?reason=${encodeURIComponent('核对全国系统数据')}`, headers: reviewer });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('（自定义）监测对象信息.xlsx')}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('（自定义）监测对象信息');
    const header = (ws.getRow(3).values as unknown[]).slice(1);
    const row = (ws.getRow(4).values as unknown[]).slice(1);
    expect(ws.rowCount).toBe(4);
    expect(row[header.indexOf('户编号')]).toBe('NR-1');
    expect(row[header.indexOf('证件号码')]).toBe(A);
    expect(row[header.indexOf('户类型')]).toBe('脱贫户');
    expect(row[header.indexOf('村')]).toBe('岜沙村村民委员会');
    const audit = await services.ctx.db.selectFrom('auditEvent').selectAll().where('action', '=', 'export').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.actor).toBe('nat_reviewer');
    expect(JSON.parse(audit.details)).toMatchObject({ layout: 'national-person', rows: 1, households: 1, idNumbers: 'full', reason: '核对全国系统数据' });
  });

  it('403 without the export permissions or without a reason; 400 for a kind that is not a national table', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/exports/national/national-person?reason=abcd', headers: entry })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/v1/exports/national/national-person', headers: reviewer })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/v1/exports/national/medical?reason=abcd', headers: reviewer })).statusCode).toBe(400);
  });
});
