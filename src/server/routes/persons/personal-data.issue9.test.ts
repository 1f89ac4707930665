/**
 * Personal data of issue 9 (items 4, 9, 10, 11) through the API on both dialects, with invented persons,
 * and the log scan: the server log of every request of this file (captured from the production logger,
 * src/server/logger.ts, at info level so that every request URL is logged) holds no 15- or 18-digit
 * ID number, although requests carry numbers in URLs, bodies and upload files.
 */
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect, newTestServices, testAuthHeaders } from '../../../../test/harness';
import { head, household, idNumber, income, person, VILLAGES, withWrongCheck } from '../../../../test/fixtures/registry';
import { buildApp } from '../../app';
import type { Services } from '../../container';
import { createLogger } from '../../logger';
import { systemActor } from '../../services/actor';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Any run that could be an ID number (15 digits, or 17 and a digit or X), not inside a longer run of digits. */
const ID_RUN = /(?<!\d)(?:\d{17}[\dXx]|\d{15})(?!\d)/;

/** Invented: 王大山 (18 digits), 张老根 registered from a 15-digit first-generation number. */
const WANG = idNumber('522633', '19700301', 11);
const OLD15 = '522633450708123';
/** its 18-digit form: 522633 19 450708 123 + check character (GB 11643-1999 §8.2, computed by the test's own mod11Check) */
const OLD18 = idNumber('522633', '19450708', 123);

forEachDialect('personal data (issue 9)', (dialect) => {
  let services: Services;
  let drop: () => Promise<void>;
  let app: Awaited<ReturnType<typeof buildApp>>;
  const lines: string[] = [];
  let reviewer: Record<string, string>;
  let reader: Record<string, string>;
  let entry: Record<string, string>;
  let householdId = 0;
  beforeAll(async () => {
    ({ services, drop } = await newTestServices(dialect));
    await services.regions.ensureReferenceData();
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    app = await buildApp(services, { logger: createLogger('info', sink), web: false });
    await app.ready();
    await services.registry.registerHouseholds({ regionCode: null }, [
      household('P-1', VILLAGES.basha, [head({ idNumber: WANG, name: '王大山' }), person({ idNumber: OLD15, name: '张老根', relationToHead: 'father' })], [income(2025, 3_000_000)]),
    ]);
    householdId = (await services.ctx.db.selectFrom('household').select('id').where('householdNo', '=', 'P-1').executeTakeFirstOrThrow()).id;
    reviewer = await testAuthHeaders(app, services, { regionCode: '522633', roles: ['reviewer'] });
    // the import below is the system's (national scope): a national read-only user sees it
    reader = await testAuthHeaders(app, services, { regionCode: null, roles: ['readOnly'] });
    entry = await testAuthHeaders(app, services, { regionCode: '522633', roles: ['dataEntry'] });
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('item 9 + 4: the ID search takes the number in a POST body (18 or 15 digits); the old GET with the number in the URL is gone', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/persons/search', headers: reviewer, payload: { idNumber: WANG } });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual([{ personId: expect.any(Number), householdId, householdNo: 'P-1', name: '王大山', idNumberMasked: `522633**********${WANG.slice(-2)}`, villageCode: VILLAGES.basha }]);
    const old = await app.inject({ method: 'POST', url: '/api/v1/persons/search', headers: reviewer, payload: { idNumber: OLD15 } });
    expect(old.json()).toMatchObject([{ name: '张老根', idNumberMasked: `522633**********${OLD18.slice(-2)}` }]);
    const bad = await app.inject({ method: 'POST', url: '/api/v1/persons/search', headers: reviewer, payload: { idNumber: '52263319700301' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).not.toContain('52263319700301');
    const viaUrl = await app.inject({ method: 'GET', url: `/api/v1/persons/search?idNumber=${WANG}`, headers: reviewer });
    expect(viaUrl.statusCode).toBe(404);
  });

  it('item 9: a read-only user reads an import\'s problems with masked numbers only; stored problems keep the masked number and the hash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zx-issue9-'));
    const wrong = withWrongCheck(idNumber('522633', '19800101', 77));
    writeFileSync(join(dir, 'l.csv'), `姓名,身份证号,残疾等级\r\n某甲,${wrong},二级\r\n某乙,5226331980010,一级\r\n`);
    const rep = await services.intake.commit(systemActor('tester'), { path: join(dir, 'l.csv'), fileName: 'l.csv' }, { kind: 'disability' });
    const res = await app.inject({ method: 'GET', url: `/api/v1/intake/imports/${rep.batchId}`, headers: reader });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toMatch(ID_RUN);
    expect(res.body).not.toContain(wrong);
    const problems = res.json().problems as { row: number; code: string; message: string; idMasked: string | null }[];
    expect(problems.find((p) => p.code === 'ID_BAD_CHECKSUM')).toMatchObject({ row: 2, idMasked: `522633**********${wrong.slice(-2)}`, message: `身份证号校验位不符,需核实:522633**********${wrong.slice(-2)}` });
    expect(problems.find((p) => p.code === 'ID_BAD_FORMAT')).toMatchObject({ row: 3, message: '身份证号应为18位(前17位数字,末位数字或X)或15位数字:522633*****10' });
    const stored = await services.ctx.db.selectFrom('importProblem').selectAll().where('batchId', '=', rep.batchId!).where('row', '=', 2).execute();
    expect(stored.map((p) => [p.idMasked, p.idHash])).toContainEqual([`522633**********${wrong.slice(-2)}`, services.ctx.ids.hash(wrong)]);
    expect(JSON.stringify(stored)).not.toContain(wrong);
  });

  it('item 11: the household page shows the masked number beside the birth year only, never the full date', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/households/${householdId}`, headers: reviewer });
    const m = (res.json().members as { name: string; idNumberMasked: string; birthDate: string; age: number }[]).find((x) => x.name === '王大山')!;
    // 1970-03-01 on 2026-03-15: 56 years
    expect(m).toMatchObject({ idNumberMasked: `522633**********${WANG.slice(-2)}`, birthDate: '1970', age: 56 });
    expect(res.body).not.toContain('1970-03-01');
  });

  it('item 10: a full-ID export needs idNumber.reveal + personal.export + a reason, else 403, recorded; every export is audited with its SHA-256', async () => {
    const audits = () => services.ctx.db.selectFrom('auditEvent').selectAll().where('action', '=', 'export').orderBy('id').execute();
    // dataEntry has neither reveal nor export
    const e1 = await app.inject({ method: 'GET', url: '/api/v1/exports/persons.csv?idNumbers=full&reason=%E6%A0%B8%E5%AF%B9%E5%90%8D%E5%8D%95', headers: entry });
    expect(e1.statusCode).toBe(403);
    // the reviewer has both, but gives no reason
    const e2 = await app.inject({ method: 'GET', url: '/api/v1/exports/persons.csv?idNumbers=full', headers: reviewer });
    expect(e2.statusCode).toBe(403);
    expect(e2.json().error.message).toBe('导出完整身份证号需要:至少4个字的导出理由');
    const denied = (await audits()).filter((a) => a.outcome === 'denied');
    expect(denied.map((a) => JSON.parse(a.details!).missing)).toEqual([['查看完整身份证号的权限', '导出个人信息的权限'], ['至少4个字的导出理由']]);
    const ok = await app.inject({ method: 'GET', url: `/api/v1/exports/persons.csv?idNumbers=full&reason=${encodeURIComponent('与民政名单逐一核对')}`, headers: reviewer });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain(WANG);
    expect(ok.body).toContain('1970-03-01');
    const masked = await app.inject({ method: 'GET', url: '/api/v1/exports/persons.csv', headers: reviewer });
    expect(masked.body).not.toMatch(ID_RUN);
    expect(masked.body).toContain('出生年份');
    const done = (await audits()).filter((a) => a.outcome === 'ok');
    expect(done.map((a) => ({ actor: a.actor, target: a.targetType, ...JSON.parse(a.details!) }))).toEqual([
      { actor: expect.any(String), target: 'person_list', format: 'csv', rows: 2, encoding: 'utf-8', scope: '522633', filters: { region: null }, idNumbers: 'full', reason: '与民政名单逐一核对', names: 'masked', sha256: createHash('sha256').update(ok.rawPayload).digest('hex') },
      { actor: expect.any(String), target: 'person_list', format: 'csv', rows: 2, encoding: 'utf-8', scope: '522633', filters: { region: null }, idNumbers: 'masked', reason: null, names: 'masked', sha256: createHash('sha256').update(masked.rawPayload).digest('hex') },
    ]);
    expect(done.every((a) => /^\d{4}-\d\d-\d\dT/.test(a.at))).toBe(true);
  });

  it('log scan: numbers in URLs, bodies and errors never reach the log in clear', async () => {
    // numbers where a client might put them: a query string, an unknown path, a bad JSON body
    await app.inject({ method: 'GET', url: `/api/v1/households?q=${WANG}`, headers: reviewer });
    await app.inject({ method: 'GET', url: `/api/v1/nowhere/${OLD15}`, headers: reviewer });
    await app.inject({ method: 'POST', url: '/api/v1/persons/search', headers: { ...reviewer, 'content-type': 'application/json' }, payload: `{"idNumber":"${WANG}"` });
    const log = lines.join('');
    // the logger saw those requests (their URLs are in the log, redacted)
    expect(log).toContain(`/api/v1/households?q=522633**********${WANG.slice(-2)}`);
    expect(log).toContain('/api/v1/nowhere/522633*******23');
    expect(log.match(ID_RUN)).toBeNull();
  });
});
