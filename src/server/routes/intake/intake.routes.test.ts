/**
 * Intake routes on both dialects: upload (multipart, size-limited) → preview with problems →
 * problems.xlsx → commit in the background with progress → history → clues → checks → rollback;
 * bad files are 400 bad_file with code and where, never 500. Under sign-in (issue 5): every call is the
 * signed-in user's (testAuthHeaders: cookie + CSRF), another region's import, held rows, clue or check
 * answers 404, permissions are checked (intake.import, clue.handle, personal.export), names and health
 * details are masked without personal.view, downloads are audited, and the upload limit is ZX_UPLOAD_MAX_MB.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect, newTestApp, newTestServices, testAuthHeaders } from '../../../../test/harness';
import { head, household, income, person, VILLAGES } from '../../../../test/fixtures/registry';
import { multipart } from '../../../../test/fixtures/multipart';
import { createServices, type Services } from '../../container';
import { testConfig } from '../../../../test/harness';

const FIX = join(__dirname, '../../../../test/fixtures/intake');

forEachDialect('intake routes', (dialect) => {
  let services: Services;
  let drop: () => Promise<void>;
  let app: Awaited<ReturnType<typeof newTestApp>>;
  let auth: Record<string, string>;
  beforeAll(async () => {
    ({ services, drop } = await newTestServices(dialect));
    await services.regions.ensureReferenceData();
    await services.registry.registerHouseholds({ regionCode: null }, [
      household('C09-2', VILLAGES.basha, [head({ idNumber: '522633195501011338', name: '胡秀莲' }), person({ idNumber: '522633195712031443', name: '罗正发' })], [income(2025, 1_000_000)]),
    ]);
    app = await newTestApp(services);
    auth = await testAuthHeaders(app, services);
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  const upload = async (name: string, bytes: Buffer, headers = auth) => {
    const m = multipart(name, bytes);
    const res = await app.inject({ method: 'POST', url: '/api/v1/intake/uploads', payload: m.payload, headers: { ...headers, ...m.headers } });
    return res;
  };

  it('kinds and template download', async () => {
    const kinds = (await app.inject({ method: 'GET', url: '/api/v1/intake/kinds', headers: auth })).json() as { kind: string }[];
    expect(kinds.map((k) => k.kind)).toEqual(['national-person', 'national-household', 'national-work', 'national-work-plan', 'national-village', 'medical', 'dibao', 'disability', 'education', 'disaster', 'hrss']);
    const t = await app.inject({ method: 'GET', url: '/api/v1/intake/templates/national-person', headers: auth });
    expect(t.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(t.rawPayload as unknown as ArrayBuffer);
    // two title rows, header on row 3, as the national exports
    expect(wb.worksheets[0]!.getRow(3).getCell(5).value).toBe('*户编号');
    expect((await app.inject({ method: 'GET', url: '/api/v1/intake/templates/nope', headers: auth })).statusCode).toBe(400);
    // the national system's other tables download with the columns of the formats file (§2)
    const w = await app.inject({ method: 'GET', url: '/api/v1/intake/templates/national-work', headers: auth });
    expect(w.statusCode).toBe(200);
    const ww = new ExcelJS.Workbook();
    await ww.xlsx.load(w.rawPayload as unknown as ArrayBuffer);
    const header = (ww.worksheets[0]!.getRow(3).values as unknown[]).slice(1).map((v) => String(v).replace(/^\*/, ''));
    expect(header).toEqual(['县', '乡', '行政村', '户编号', '证件号码', '户类型', '监测对象类别', '是否已务工', '开始时间', '结束时间', '务工所在县', '务工月收入', '就业渠道', '所属行业', '务工企业名称', '年度交通费补助']);
  });

  it('upload → preview → problems.xlsx → commit with progress → history, clues, checks → rollback', async () => {
    const up = await upload('c09_yibao_merged_header.xlsx', readFileSync(join(FIX, 'c09_yibao_merged_header.xlsx')));
    expect(up.statusCode).toBe(201);
    const { uploadId } = up.json() as { uploadId: string };
    const pv = await app.inject({ method: 'POST', url: `/api/v1/intake/uploads/${uploadId}/preview`, payload: { kind: 'medical' }, headers: auth });
    expect(pv.statusCode).toBe(200);
    expect(pv.json()).toMatchObject({ dryRun: true, headerRows: [3, 4], counts: { rows: 4, matched: 2, clues: 1 } });
    const px = await app.inject({ method: 'GET', url: `/api/v1/intake/uploads/${uploadId}/problems.xlsx`, headers: auth });
    expect(px.statusCode).toBe(200);
    expect(px.headers['content-type']).toContain('spreadsheetml');
    const cm = await app.inject({ method: 'POST', url: `/api/v1/intake/uploads/${uploadId}/commit`, payload: { kind: 'medical' }, headers: auth });
    expect(cm.statusCode).toBe(202);
    const { jobId } = cm.json() as { jobId: string };
    let job: { status: string; report: { batchId: number; counts: { clues: number } } | null } = { status: 'running', report: null };
    for (let i = 0; i < 200 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      job = (await app.inject({ method: 'GET', url: `/api/v1/intake/jobs/${jobId}`, headers: auth })).json();
    }
    expect(job.status).toBe('done');
    expect(job.report!.counts.clues).toBe(1);
    const hist = (await app.inject({ method: 'GET', url: '/api/v1/intake/imports', headers: auth })).json() as { id: number; status: string }[];
    expect(hist[0]).toMatchObject({ id: job.report!.batchId, status: 'committed' });
    const clues = (await app.inject({ method: 'GET', url: '/api/v1/intake/clues?status=open', headers: auth })).json() as { id: number; ruleId: string; facts: { selfPaidFen: number } }[];
    expect(clues).toHaveLength(1);
    expect(clues[0]).toMatchObject({ ruleId: 'MED-01', facts: { selfPaidFen: 700000 } });
    expect((await app.inject({ method: 'PUT', url: `/api/v1/intake/clues/${clues[0]!.id}/status`, payload: { status: 'verified' }, headers: auth })).statusCode).toBe(204);
    const checks = await app.inject({ method: 'GET', url: '/api/v1/intake/checks?region=522633', headers: auth });
    expect(checks.statusCode).toBe(200);
    expect(checks.json()).toMatchObject({ regionCode: '522633', households: 1 });
    expect((await app.inject({ method: 'GET', url: '/api/v1/intake/checks.xlsx?region=522633', headers: auth })).statusCode).toBe(200);

    // another region (榕江县 522632), every role: the batch, its held rows, the clue and the checks are not found; lists are empty
    const other = await testAuthHeaders(app, services, { regionCode: '522632', roles: ['admin', 'reviewer', 'dataEntry', 'countyApprover'] });
    const batchId = job.report!.batchId;
    for (const [method, url] of [['GET', `/api/v1/intake/imports/${batchId}`], ['GET', `/api/v1/intake/imports/${batchId}/held`], ['POST', `/api/v1/intake/imports/${batchId}/rollback`], ['GET', '/api/v1/intake/checks?region=522633'], ['GET', '/api/v1/intake/checks.xlsx?region=522633'], ['GET', `/api/v1/intake/jobs/${jobId}`], ['GET', `/api/v1/intake/uploads/${uploadId}/problems.xlsx`]] as const) {
      expect((await app.inject({ method, url, headers: other })).statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await app.inject({ method: 'PUT', url: `/api/v1/intake/clues/${clues[0]!.id}/status`, payload: { status: 'dismissed' }, headers: other })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/v1/intake/imports', headers: other })).json()).toEqual([]);
    expect((await app.inject({ method: 'GET', url: '/api/v1/intake/clues', headers: other })).json()).toEqual([]);
    expect((await app.inject({ method: 'GET', url: '/api/v1/intake/checks', headers: other })).json()).toMatchObject({ households: 0, findings: [] });

    // a read-only user of the county: sees the clue with its health details withheld, may not import, handle clues or download
    const reader = await testAuthHeaders(app, services, { regionCode: '522633', roles: ['readOnly'] });
    const seen = (await app.inject({ method: 'GET', url: '/api/v1/intake/clues', headers: reader })).json() as { ruleId: string; summary: string; facts: object; personalDataMasked?: boolean }[];
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ ruleId: 'MED-01', facts: {}, personalDataMasked: true });
    expect(seen[0]!.summary).not.toContain('元');
    expect((await app.inject({ method: 'PUT', url: `/api/v1/intake/clues/${clues[0]!.id}/status`, payload: { status: 'dismissed' }, headers: reader })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: `/api/v1/intake/imports/${batchId}/rollback`, headers: reader })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/v1/intake/checks.xlsx?region=522633', headers: reader })).statusCode).toBe(403);
    expect((await upload('x.csv', Buffer.from('姓名\n张三\n'), reader)).statusCode).toBe(403);
    // a data-entry user may import but not export personal data (the problem list, the check report)
    const entry = await testAuthHeaders(app, services, { regionCode: '522633', roles: ['dataEntry'] });
    expect((await app.inject({ method: 'GET', url: '/api/v1/intake/checks.xlsx?region=522633', headers: entry })).statusCode).toBe(403);
    // downloads, the import and the rollback are in the audit log
    const events = await services.ctx.db.selectFrom('auditEvent').select(['action', 'targetType', 'details']).execute();
    expect(events.filter((e) => e.action === 'export').map((e) => e.targetType).sort()).toEqual(['check_report', 'import_problems']);
    expect(events.some((e) => e.action === 'import_commit')).toBe(true);
    // the clue was verified: the rollback would erase handled work, so it is refused naming the clue (issue 16 item 11)
    const refused = await app.inject({ method: 'POST', url: `/api/v1/intake/imports/${job.report!.batchId}/rollback`, headers: auth });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain(`线索 ${clues[0]!.id}(MED-01,已核实)`);
    expect((await app.inject({ method: 'PUT', url: `/api/v1/intake/clues/${clues[0]!.id}/status`, payload: { status: 'open' }, headers: auth })).statusCode).toBe(204);
    const rb = await app.inject({ method: 'POST', url: `/api/v1/intake/imports/${job.report!.batchId}/rollback`, headers: auth });
    expect(rb.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/intake/clues', headers: auth })).json()).toEqual([]);
    expect((await services.ctx.db.selectFrom('auditEvent').select('action').where('action', '=', 'import_rollback').execute())).toHaveLength(1);
  });

  it('held rows: names masked for an importer without personal.view, ID numbers always masked', async () => {
    const importer = await testAuthHeaders(app, services, { regionCode: '522633', roles: ['dataEntry'] });
    const { uploadId } = (await upload('c15_roster.csv', readFileSync(join(FIX, 'c15_roster.csv')), importer)).json() as { uploadId: string };
    const cm = await app.inject({ method: 'POST', url: `/api/v1/intake/uploads/${uploadId}/commit`, payload: { kind: 'national-person', village: VILLAGES.basha }, headers: importer });
    expect(cm.statusCode).toBe(202);
    const { jobId } = cm.json() as { jobId: string };
    let job: { status: string; report: { batchId: number } | null } = { status: 'running', report: null };
    for (let i = 0; i < 200 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      job = (await app.inject({ method: 'GET', url: `/api/v1/intake/jobs/${jobId}`, headers: importer })).json();
    }
    expect(job.status).toBe('done');
    const url = `/api/v1/intake/imports/${job.report!.batchId}/held`;
    const full = (await app.inject({ method: 'GET', url, headers: importer })).json() as { name: string; idMasked: string }[];
    expect(full[0]).toMatchObject({ name: '包小军', idMasked: '522633**********36' });
    const admin = await testAuthHeaders(app, services, { regionCode: '522633', roles: ['admin'] });
    const res = await app.inject({ method: 'GET', url, headers: admin });
    expect(res.statusCode).toBe(200);
    const masked = res.json() as { name: string; idMasked: string; personalDataMasked: boolean }[];
    expect(masked[0]).toMatchObject({ name: '包**', idMasked: '522633**********36', personalDataMasked: true });
    expect(res.body).not.toContain('包小军');
    expect(res.body).not.toMatch(/\d{17}[\dX]/);
  });

  it('the upload limit is ZX_UPLOAD_MAX_MB: a larger file is 413 and not kept', async () => {
    const small = createServices(services.ctx.db, testConfig({ uploadMaxBytes: 1024 }), () => new Date(), services.ctx.ids);
    const app2 = await newTestApp(small);
    try {
      const h = await testAuthHeaders(app2, small, { regionCode: '522633', roles: ['dataEntry'] });
      const m = multipart('big.csv', Buffer.alloc(4096, 0x41));
      const res = await app2.inject({ method: 'POST', url: '/api/v1/intake/uploads', payload: m.payload, headers: { ...h, ...m.headers } });
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    } finally {
      await app2.close();
    }
  });

  describe('bad input', () => {
    it('an empty file, a CSV posing as .xlsx: 400 bad_file with code and message', async () => {
      const { uploadId } = (await upload('empty.csv', Buffer.alloc(0))).json() as { uploadId: string };
      const res = await app.inject({ method: 'POST', url: `/api/v1/intake/uploads/${uploadId}/preview`, payload: { kind: 'medical' }, headers: auth });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: 'bad_file', details: { code: 'FILE_EMPTY' } } });
      const fake = (await upload('fake.xlsx', Buffer.from('姓名,身份证号\n'))).json() as { uploadId: string };
      const r2 = await app.inject({ method: 'POST', url: `/api/v1/intake/uploads/${fake.uploadId}/preview`, payload: { kind: 'medical' }, headers: auth });
      expect(r2.json()).toMatchObject({ error: { code: 'bad_file', details: { code: 'FILE_NOT_XLSX', problems: [{ code: 'FILE_NOT_XLSX', level: 'error' }] } } });
    });
    it('a mapping is saved for the next file with the same header; unknown keys are 400', async () => {
      const { uploadId } = (await upload('odd.csv', Buffer.from('人员名称,证号,残疾级别名\n张三,522633196702032412,二级\n'))).json() as { uploadId: string };
      const first = (await app.inject({ method: 'POST', url: `/api/v1/intake/uploads/${uploadId}/preview`, payload: { kind: 'disability' }, headers: auth })).json() as { mappingComplete: boolean; headerSignature: string };
      expect(first.mappingComplete).toBe(false);
      const mapping = { 人员名称: 'name', 证号: 'idNumber', 残疾级别名: 'disabilityGrade' };
      expect((await app.inject({ method: 'PUT', url: '/api/v1/intake/mappings', payload: { kind: 'disability', headerSignature: first.headerSignature, mapping: { 证号: 'nope' } }, headers: auth })).statusCode).toBe(400);
      expect((await app.inject({ method: 'PUT', url: '/api/v1/intake/mappings', payload: { kind: 'disability', headerSignature: first.headerSignature, mapping }, headers: auth })).statusCode).toBe(204);
      const again = (await app.inject({ method: 'POST', url: `/api/v1/intake/uploads/${uploadId}/preview`, payload: { kind: 'disability' }, headers: auth })).json() as { mappingComplete: boolean; counts: { add: number } };
      expect(again).toMatchObject({ mappingComplete: true, counts: { add: 1 } });
    });
    it('unknown upload ids and bad bodies are 404/400', async () => {
      expect((await app.inject({ method: 'POST', url: '/api/v1/intake/uploads/00000000-0000-4000-8000-000000000000/preview', payload: { kind: 'medical' }, headers: auth })).statusCode).toBe(404);
      expect((await app.inject({ method: 'POST', url: '/api/v1/intake/uploads', payload: { a: 1 }, headers: auth })).statusCode).toBe(400);
      const { uploadId } = (await upload('x.csv', Buffer.from('姓名,身份证号\n张三,522633196702032412\n'))).json() as { uploadId: string };
      expect((await app.inject({ method: 'POST', url: `/api/v1/intake/uploads/${uploadId}/preview`, payload: { kind: 'medical', village: '12' }, headers: auth })).statusCode).toBe(400);
    });
  });
});
