/**
 * Export routes of the person list and the risk-clue queue, on both dialects: region-scoped (another
 * county's persons and clues never appear), masked unless the user may see personal data (ID numbers
 * always masked, names on request with personal.view), 403 without personal.export, audited with the
 * row count, exporting user and time in the file. And the legacy encodings of CSV exports (C07): GBK is
 * refused with the names it cannot encode and a hint to GB18030, GB18030 keeps 王𬌗 and 赵𠮷祥 intact.
 */
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect, newTestApp, newTestServices, testAuthHeaders } from '../../../../test/harness';
import { FULL_ID_PATTERN, head, household, person, VILLAGES } from '../../../../test/fixtures/registry';
import type { Services } from '../../container';
import { NATIONAL_SCOPE } from '../../repositories/scope';

forEachDialect('export routes: persons, clues, encodings', (dialect) => {
  let services: Services;
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  let clerk: Record<string, string>;
  let masked: Record<string, string>;
  let viewer: Record<string, string>;
  beforeAll(async () => {
    ({ services, drop } = await newTestServices(dialect));
    await services.regions.ensureReferenceData();
    const r = await services.registry.registerHouseholds(NATIONAL_SCOPE, [
      household('EX-A-1', VILLAGES.basha, [head({ name: '王𬌗' }), person({ name: '赵𠮷祥' })]),
      household('EX-A-2', VILLAGES.darong, [head({ name: '杨㵲' })]),
      household('EX-B-1', VILLAGES.rongjiang, [head({ name: '乙县人' })]),
    ]);
    const db = services.ctx.db;
    const clue = (no: string, county: string, village: string, rule: string) => ({
      dedupKey: `test:${no}:${rule}`, countyCode: county, villageCode: village, householdId: r.ids.get(no)!, personId: null, sourceDepartment: '医保局', listKind: 'medical', batchId: 1, sourceRow: 4,
      ruleId: rule, riskType: 'illness', factsJson: '{}', summary: '=合规自付38000元', status: 'open', createdAt: '2026-03-01T00:00:00.000Z',
    });
    await db.insertInto('riskClue').values([clue('EX-A-1', '522633', VILLAGES.basha, 'TEST-01'), clue('EX-B-1', '522632', VILLAGES.rongjiang, 'TEST-02')]).execute();
    app = await newTestApp(services);
    clerk = await testAuthHeaders(app, services, { username: 'export_clerk', regionCode: '522633', roles: ['reviewer'] });
    masked = await testAuthHeaders(app, services, { username: 'export_nopv', regionCode: '522633', roles: ['dataEntry'] });
    viewer = await testAuthHeaders(app, services, { username: 'export_viewer', regionCode: '522633', roles: ['readOnly'] });
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });
  const get = (headers: Record<string, string>, url: string) => app.inject({ method: 'GET', url, headers });
  const lastExport = async () => services.ctx.db.selectFrom('auditEvent').selectAll().where('action', '=', 'export').orderBy('id', 'desc').executeTakeFirstOrThrow();

  describe('persons', () => {
    it('CSV: the county only, names and ID numbers masked, user and time in the file, audited with the row count', async () => {
      const res = await get(clerk, '/api/v1/exports/persons.csv');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('charset=utf-8');
      const text = res.body.replace(/^\uFEFF/, '');
      const lines = text.trim().split('\r\n');
      expect(lines[0]).toMatch(/^# 人员名单;导出人:export_clerk;导出时间\(北京时间\):2026-03-15 18:00:00;行数:3$/);
      // the file is named after the region and the time in Beijing time (10:00 UTC = 18:00)
      expect(res.headers['content-disposition']).toContain('persons-522633-20260315180000.csv');
      expect(lines[1]).toBe('户编号,村级区划代码,姓名,证件号码(脱敏),与户主关系,性别,出生年份,健康状况,劳动技能,在校生状况');
      expect(lines.slice(2).map((l) => l.split(',').slice(0, 3))).toEqual([['EX-A-1', VILLAGES.basha, '王*'], ['EX-A-1', VILLAGES.basha, '赵**'], ['EX-A-2', VILLAGES.darong, '杨*']]);
      expect(text).not.toMatch(FULL_ID_PATTERN);
      expect(text).not.toContain('乙县人');
      expect(lines[2]!.split(',')[7]).toBe('健康');
      // THE mask rule: the birth year only beside the masked number (issue 9 item 11)
      expect(lines.slice(2).every((l) => /^\d{4}$/.test(l.split(',')[6]!))).toBe(true);
      const audit = await lastExport();
      expect(audit).toMatchObject({ actor: 'export_clerk', targetType: 'person_list', outcome: 'ok' });
      expect(JSON.parse(audit.details)).toMatchObject({ format: 'csv', rows: 3, names: 'masked' });
    });
    it('full names with personal.view; health withheld and full names refused without it; 403 without personal.export', async () => {
      const full = await get(clerk, '/api/v1/exports/persons.csv?names=full');
      expect(full.body).toContain('王𬌗');
      expect(full.body).toContain('赵𠮷祥');
      expect((await get(viewer, '/api/v1/exports/persons.csv')).statusCode).toBe(403);
      expect((await get(masked, '/api/v1/exports/persons.csv')).statusCode).toBe(403);
    });
    it('a region outside the county gives an empty file; a village inside narrows it', async () => {
      const out = await get(clerk, '/api/v1/exports/persons.csv?region=522632');
      expect(out.statusCode).toBe(200);
      expect(out.body.trim().split('\r\n')).toHaveLength(2);
      const v = await get(clerk, `/api/v1/exports/persons.csv?region=${VILLAGES.darong}`);
      expect(v.body.trim().split('\r\n').slice(2).map((l) => l.split(',')[0])).toEqual(['EX-A-2']);
    });
    it('XLSX: masked names as text, exporting user in the workbook', async () => {
      const res = await get(clerk, '/api/v1/exports/persons.xlsx');
      expect(res.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      expect(wb.creator).toBe('export_clerk');
      const ws = wb.worksheets[0]!;
      expect(ws.rowCount).toBe(4);
      expect(ws.getRow(2).getCell(3).value).toBe('王*');
      expect(String(ws.getRow(2).getCell(4).value)).toMatch(/^522633\*+\d{2}[\dX]?$|^522633\*{10}\d{1}[\dX]$/);
    });
  });

  describe('clues', () => {
    it('the county queue only, formula neutralised, audited; 403 without personal.export', async () => {
      const res = await get(clerk, '/api/v1/exports/clues.csv');
      expect(res.statusCode).toBe(200);
      const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(lines[0]).toContain('导出人:export_clerk');
      expect(lines).toHaveLength(3);
      expect(lines[2]).toContain('TEST-01');
      expect(lines[2]).toContain("'=合规自付38000元");
      expect(res.body).not.toContain('TEST-02');
      expect(JSON.parse((await lastExport()).details)).toMatchObject({ format: 'csv', rows: 1 });
      const x = await get(clerk, '/api/v1/exports/clues.xlsx?status=open');
      expect(x.statusCode).toBe(200);
      expect((await get(viewer, '/api/v1/exports/clues.csv')).statusCode).toBe(403);
    });
  });

  describe('C07 legacy encodings', () => {
    it('encoding=gbk lists the names GBK cannot encode and suggests GB18030; nothing is written with ?', async () => {
      const res = await get(clerk, '/api/v1/exports/persons.csv?names=full&encoding=gbk');
      expect(res.statusCode).toBe(400);
      const body = res.body;
      expect(body).toContain('王𬌗');
      expect(body).toContain('赵𠮷祥');
      expect(body).toContain('U+2C317');
      expect(body).toContain('U+20BB7');
      expect(body).toContain('GB18030');
      expect(body).toContain('U+3D72'); // 㵲 (CJK Extension A) is in GB18030 only
      expect(body).not.toContain('?');
    });
    it('encoding=gbk works when every name is encodable (masked names)', async () => {
      const res = await get(clerk, '/api/v1/exports/persons.csv?encoding=gbk');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('charset=GBK');
      const text = iconv.decode(res.rawPayload, 'gbk');
      expect(text).toContain('王*');
      expect(res.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    });
    it('encoding=gb18030 keeps 王𬌗 and 赵𠮷祥 byte for byte', async () => {
      const res = await get(clerk, '/api/v1/exports/persons.csv?names=full&encoding=gb18030');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('charset=GB18030');
      const text = iconv.decode(res.rawPayload, 'gb18030');
      const names = text.trim().split('\r\n').slice(2).map((l) => l.split(',')[2]);
      expect(names).toEqual(['王𬌗', '赵𠮷祥', '杨㵲']);
      expect(Buffer.from(names[1]!, 'utf8').equals(Buffer.from('赵𠮷祥', 'utf8'))).toBe(true);
      // the household export takes the option too
      expect((await get(clerk, '/api/v1/exports/households.csv?names=full&encoding=gbk')).statusCode).toBe(400);
      expect((await get(clerk, '/api/v1/exports/households.csv?names=full&encoding=gb18030')).statusCode).toBe(200);
    });
  });
});
