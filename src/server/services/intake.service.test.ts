/**
 * IntakeService on both dialects with the field cases: c15 roster (integrity, commit, re-import changes
 * nothing, rollback), c02 disability list (normalised IDs, duplicates), c01 (rejected IDs match nobody),
 * c09 medical list (two-row header → clue MED-01 against the household's income, one clue per fact),
 * hashed-ID lists, and a national-layout workbook with header on row 3.
 * Clock TEST_NOW = 2026-03-15; default year 2025.
 */
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { forEachDialect, newTestServices } from '../../../test/harness';
import { head, household, idNumber, income, person, VILLAGES } from '../../../test/fixtures/registry';
import type { Db } from '../db/connect';
import type { Services } from '../container';
import { AppError } from '../errors';
import { exchangeHash } from '../intake/exchange';
import { systemActor } from './actor';
import { RegistryService } from './registry.service';

const FIX = join(__dirname, '../../../test/fixtures/intake');
const tmp = mkdtempSync(join(tmpdir(), 'zx-intake-'));
const actor = systemActor('tester');
const fixture = (name: string) => ({ path: join(FIX, name), fileName: name });
const n = async (db: Db, t: 'household' | 'person' | 'riskClue' | 'importBatch' | 'auditEvent') => Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

forEachDialect('IntakeService', (dialect) => {
  let services: Services;
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ services, db, drop } = await newTestServices(dialect));
    await services.regions.ensureReferenceData();
  });
  afterAll(async () => {
    await drop?.();
  });

  describe('c15 roster', () => {
    it('preview: 3 rows to add in 2 households, 7 held, 3 rejected; nothing written', async () => {
      const r = await services.intake.preview(actor, fixture('c15_roster.csv'), { kind: 'national-person', village: VILLAGES.basha });
      expect(r.counts).toMatchObject({ rows: 13, add: 3, update: 0, hold: 7, reject: 3, households: { add: 2, update: 0, unchanged: 0 } });
      expect(r.problems.filter((p) => p.code === 'PERSON_IN_MULTIPLE_HOUSEHOLDS').map((p) => p.row)).toEqual([4, 6]);
      expect(r.problems.find((p) => p.code === 'MISSING_HOUSEHOLD_ID')).toMatchObject({ row: 10, column: '户编号', level: 'error' });
      expect(await n(db, 'household')).toBe(0);
    });
    let batchId = 0;
    it('commit: rows 2, 3 and 5 are registered (3 persons), recorded with an audit event', async () => {
      const audits = await n(db, 'auditEvent');
      const r = await services.intake.commit(actor, fixture('c15_roster.csv'), { kind: 'national-person', village: VILLAGES.basha });
      batchId = r.batchId!;
      expect(r.counts).toMatchObject({ add: 3, households: { add: 2 } });
      // checks ran after the import: 包大年's household (2 adults) and 班正清 alone raise nothing
      expect(r.checks).toEqual({ findings: 0, byCheck: {} });
      expect(await n(db, 'person')).toBe(3);
      const hist = await services.intake.history(actor);
      expect(hist[0]).toMatchObject({ id: batchId, kind: 'national-person', fileName: 'c15_roster.csv', actor: 'tester', status: 'committed', rowsTotal: 13, added: 2, held: 7, rejected: 3 });
      expect(hist[0]!.fileSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(await n(db, 'auditEvent')).toBe(audits + 1);
      const { problems } = await services.intake.batch(actor, batchId);
      expect(problems.some((p) => p.code === 'MULTIPLE_HEADS' && p.row === 7)).toBe(true);
      // held rows are kept with their values for verification, never dropped; ID numbers masked
      const held = await services.intake.heldRows(actor, batchId);
      expect(held.map((h) => [h.row, h.reasons])).toEqual([
        [4, ['PERSON_IN_MULTIPLE_HOUSEHOLDS']], [6, ['PERSON_IN_MULTIPLE_HOUSEHOLDS']], [7, ['MULTIPLE_HEADS']], [8, ['MULTIPLE_HEADS']],
        [9, ['HOUSEHOLD_WITHOUT_HEAD']], [13, ['DUPLICATE_IN_HOUSEHOLD']], [14, ['DUPLICATE_IN_HOUSEHOLD', 'NAME_MISMATCH']],
      ]);
      expect(held[0]).toMatchObject({ householdNo: 'H1501', name: '包小军', idMasked: '522633**********36', status: 'open', values: { relationToHead: 'son' } });
    });
    it('importing the same file again changes nothing; the same content under another name neither', async () => {
      const again = await services.intake.commit(actor, fixture('c15_roster.csv'), { kind: 'national-person', village: VILLAGES.basha });
      expect(again.alreadyImportedBatchId).toBe(batchId);
      expect(again.counts.add).toBe(0);
      const copy = join(tmp, 'c15-copy.csv');
      copyFileSync(join(FIX, 'c15_roster.csv'), copy);
      writeFileSync(copy, '\r\n', { flag: 'a' });
      const r = await services.intake.commit(actor, { path: copy, fileName: 'c15-copy.csv' }, { kind: 'national-person', village: VILLAGES.basha });
      expect(r.counts).toMatchObject({ add: 0, update: 0, unchanged: 3, households: { add: 0, update: 0, unchanged: 2 } });
      expect(await n(db, 'person')).toBe(3);
    });
    it('rollback removes what the batch added; a batch with later changes cannot be rolled back', async () => {
      await expect(services.intake.rollback(actor, batchId)).resolves.toMatchObject({ households: 2 });
      expect(await n(db, 'household')).toBe(0);
      await expect(services.intake.rollback(actor, batchId)).rejects.toMatchObject({ code: 'conflict' });
    });
  });

  describe('department lists', () => {
    beforeAll(async () => {
      // households of the c09 patients (从江县 岜沙村): incomes of 2025 in fen
      await services.registry.registerHouseholds({ regionCode: null }, [
        household('C09-1', VILLAGES.basha, [head({ idNumber: '522633196003121117', name: '杨德顺' }), person({ idNumber: '522633199007161224', name: '杨小兵', relationToHead: 'son' })], [income(2025, 5_000_000)]),
        household('C09-2', VILLAGES.basha, [head({ idNumber: '522633195501011338', name: '胡秀莲' }), person({ idNumber: '522633195712031443', name: '罗正发' })], [income(2025, 1_000_000)]),
        household('C02-1', VILLAGES.darong, [head({ idNumber: '52263319850312003X', name: '孙玉兰' })]),
      ]);
    });
    it('c09 medical list: 罗正发 paid 7,000 yuan himself against a household income of 10,000 yuan → one MED-01 clue', async () => {
      const r = await services.intake.commit(actor, fixture('c09_yibao_merged_header.xlsx'), { kind: 'medical' });
      expect(r.headerRows).toEqual([3, 4]);
      expect(r.counts).toMatchObject({ rows: 4, matched: 4, clues: 1 });
      // 700,000 fen / 1,000,000 fen = 70% ≥ 50%; 杨小兵 2,900 yuan of 50,000 yuan = 5.8%, 胡秀莲 300 of 10,000 = 3%
      expect(r.clues).toEqual([{ row: 8, ruleId: 'MED-01', riskType: 'illness', summary: '合规自付医疗费用 7,000.00 元(1 笔),家庭年纯收入 10,000.00 元,占 70%' }]);
      const clues = await db.selectFrom('riskClue').selectAll().execute();
      expect(clues).toHaveLength(1);
      expect(clues[0]).toMatchObject({ sourceDepartment: '医保局', listKind: 'medical', sourceRow: 8, ruleId: 'MED-01', riskType: 'illness', countyCode: '522633', status: 'open' });
      expect(JSON.parse(clues[0]!.factsJson)).toMatchObject({ selfPaidFen: 700000, householdNetIncomeFen: 1000000, sharePercent: 70 });
      // list records keep no ID number, and no name for a person outside the registry
      const recs = await db.selectFrom('departmentRecord').selectAll().where('batchId', '=', r.batchId!).orderBy('row').execute();
      expect(recs.map((x) => x.factsJson).join()).not.toMatch(/\d{17}[\dX]/);
      expect(recs.every((x) => x.personId !== null)).toBe(true);
    });
    it('the same fact from the same source raises one clue, whatever file carries it', async () => {
      const csv = join(tmp, 'c09-again.csv');
      writeFileSync(csv, '姓名,身份证号,就诊日期,医疗总费用,报销金额,个人自付\r\n罗正发,522633195712031443,,64000,57000,7000\r\n');
      const r = await services.intake.commit(actor, { path: csv, fileName: 'c09-again.csv' }, { kind: 'medical' });
      expect(r.counts.clues).toBe(0);
      expect(await n(db, 'riskClue')).toBe(1);
    });
    it('c02 disability list: six distinct persons, the repeat of row 2 is a duplicate, 孙玉兰 is matched', async () => {
      const r = await services.intake.preview(actor, fixture('c02_canlian_id_variants.csv'), { kind: 'disability' });
      expect(r.counts).toMatchObject({ rows: 7, add: 6, duplicate: 1, reject: 0, matched: 1 });
      expect(r.problems.find((p) => p.code === 'DUPLICATE_IN_FILE')).toMatchObject({ row: 8, message: '与第 2 行是同一人,本行未导入' });
      expect(r.clues.map((c) => c.ruleId)).toEqual(['DIS-01']);
    });
    it('c01: IDs Excel damaged are rejected and match nobody; the report says to re-export as text', async () => {
      const r = await services.intake.preview(actor, fixture('c01_yibao_export.csv'), { kind: 'medical' });
      expect(r.counts).toMatchObject({ rows: 5, add: 1, reject: 4, matched: 0 });
      expect(r.problems.filter((p) => p.code === 'ID_SCIENTIFIC_NOTATION').map((p) => p.row)).toEqual([2, 4, 6]);
      expect(r.problems.find((p) => p.row === 3 && p.code === 'ID_BAD_CHECKSUM')?.level).toBe('error');
      expect(r.problems.find((p) => p.code === 'ID_SCIENTIFIC_NOTATION')!.message).toContain('文本格式');
      const x = await services.intake.preview(actor, fixture('c01_yibao_numeric_id.xlsx'), { kind: 'medical' });
      expect(x.problems.find((p) => p.row === 2)).toMatchObject({ code: 'ID_NUMERIC_CELL_PRECISION_LOST', column: '身份证号' });
      expect(x.counts).toMatchObject({ add: 1, reject: 1 });
    });
    it('a corrected mapping is remembered for the next file with the same headers', async () => {
      const csv = join(tmp, 'odd-headers.csv');
      writeFileSync(csv, '人员名称,证号,类别\r\n何春燕,522632199306114026,低保\r\n');
      const first = await services.intake.preview(actor, { path: csv, fileName: 'odd.csv' }, { kind: 'dibao' });
      expect(first.mappingComplete).toBe(false);
      expect(first.missingColumns).toEqual(['保障类别']);
      const mapping = { 人员名称: 'name', 证号: 'idNumber', 类别: 'category' };
      const done = await services.intake.commit(actor, { path: csv, fileName: 'odd.csv' }, { kind: 'dibao', mapping });
      expect(done.counts).toMatchObject({ add: 1, matched: 0 });
      const next = join(tmp, 'odd-headers-2.csv');
      writeFileSync(next, '人员名称,证号,类别\r\n马金宝,52263319620704108X,特困\r\n');
      const again = await services.intake.preview(actor, { path: next, fileName: 'odd2.csv' }, { kind: 'dibao' });
      expect(again.mappingComplete).toBe(true);
      expect(again.columns.map((c) => c.key)).toEqual(['name', 'idNumber', 'category']);
    });
    it('a list with hashed ID numbers (exchange key) is matched without any ID number in it', async () => {
      const key = services.ctx.ids.exchangeKey;
      const csv = join(tmp, 'hashed.csv');
      writeFileSync(csv, `姓名,身份证号哈希,保障类别,月保障金额\r\n孙玉兰,${exchangeHash(key, '52263319850312003X')},低保,450\r\n某某,${exchangeHash(key, idNumber('522633', '19700101', 901))},特困,620\r\n`);
      const r = await services.intake.commit(actor, { path: csv, fileName: 'hashed.csv' }, { kind: 'dibao' });
      expect(r.counts).toMatchObject({ rows: 2, add: 2, matched: 1, clues: 1 });
      expect(r.clues[0]).toMatchObject({ ruleId: 'SA-01', row: 2 });
      const recs = await db.selectFrom('departmentRecord').selectAll().where('batchId', '=', r.batchId!).orderBy('row').execute();
      expect(recs.map((x) => [x.row, x.personId !== null, JSON.parse(x.factsJson).name ?? null])).toEqual([[2, true, '孙玉兰'], [3, false, null]]);
    });
  });

  describe('bounded batches', () => {
    it('a large file is committed in batches of whole households; a refused commit is marked failed and resumes; rollback removes it all', async () => {
      const ids = [1, 2, 3, 4, 5].map((h) => [idNumber('522633', '19700101', 600 + h * 2 - 1), idNumber('522633', '19720101', 600 + h * 2)]);
      const csv = join(tmp, 'batched.csv');
      writeFileSync(csv, '户编号,姓名,身份证号,与户主关系,劳动技能\r\n' + ids.map(([a, b], k) => `B-${k + 1},户主${k + 1},${a},户主,普通劳动力\r\nB-${k + 1},配偶${k + 1},${b},配偶,普通劳动力\r\n`).join(''));
      // B-4's spouse gets registered elsewhere while the commit runs (after the analysis, which would have
      // found it beforehand: issue 9 item 6), just before the second batch (B-3, B-4): that batch fails
      const original = RegistryService.prototype.upsertHouseholds;
      let calls = 0;
      const spy = vi.spyOn(RegistryService.prototype, 'upsertHouseholds').mockImplementation(async function (this: RegistryService, ...args: Parameters<RegistryService['upsertHouseholds']>) {
        if (++calls === 2) await services.registry.registerHouseholds({ regionCode: null }, [household('OTHER', VILLAGES.guandong, [head({ idNumber: ids[3]![1]!, name: '别户' })])]);
        return original.apply(this, args);
      });
      const opts = { kind: 'national-person', village: VILLAGES.guandong, batchHouseholds: 2 };
      await expect(services.intake.commit(actor, { path: csv, fileName: 'batched.csv' }, opts)).rejects.toMatchObject({ code: 'conflict' });
      spy.mockRestore();
      // refused part-way: the batch says so (issue 17: it stayed `running`), with the refusal as its problem
      const running = await db.selectFrom('importBatch').selectAll().where('fileName', '=', 'batched.csv').execute();
      expect(running.map((b) => b.status)).toEqual(['failed']);
      expect((await services.intake.batch(actor, running[0]!.id)).problems).toMatchObject([{ code: 'conflict', level: 'error', message: expect.stringContaining('已在其他户登记') }]);
      expect(await db.selectFrom('auditEvent').select(['action', 'outcome']).where('action', '=', 'import_refused').execute()).toEqual([{ action: 'import_refused', outcome: 'failed' }]);
      const written = await db.selectFrom('household').select('householdNo').where('householdNo', 'like', 'B-%').orderBy('householdNo').execute();
      // the first batch (B-1, B-2) is in, whole; nothing of B-3 or B-4
      expect(written.map((h) => h.householdNo)).toEqual(['B-1', 'B-2']);
      // staff remove the wrong registration, then run the same import again: it resumes the same batch
      await db.deleteFrom('household').where('householdNo', '=', 'OTHER').execute();
      const r = await services.intake.commit(actor, { path: csv, fileName: 'batched.csv' }, opts);
      expect(r.batchId).toBe(running[0]!.id);
      expect(r.counts).toMatchObject({ add: 10, unchanged: 0, households: { add: 5, update: 0, unchanged: 0 } });
      const done = await db.selectFrom('importBatch').selectAll().where('id', '=', r.batchId!).executeTakeFirstOrThrow();
      expect(done).toMatchObject({ status: 'committed', added: 5, rowsTotal: 10 });
      expect((await db.selectFrom('person').select('id').where('name', 'like', '配偶%').execute()).length).toBe(5);
      await services.intake.rollback(actor, r.batchId!);
      expect(await db.selectFrom('household').select('id').where('householdNo', 'like', 'B-%').execute()).toEqual([]);
    });
  });

  describe('national layout', () => {
    it('a workbook with two title rows and the header on row 3, places by name, income in yuan', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('监测对象信息');
      ws.addRow(['（自定义）监测对象信息']);
      ws.addRow(['导出时间:2025-12-31']);
      ws.addRow(['县', '乡', '村', '户编号', '证件号码', '姓名', '与户主关系', '户类型', '劳动技能', '健康状况', '在校生状况', '工资性收入', '生产经营性收入', '转移性收入', '识别监测时间', '监测对象类别', '致贫/返贫风险1']);
      const a = idNumber('522633', '19700101', 11);
      const b = idNumber('522633', '19720202', 22);
      ws.addRow(['从江县', '丙妹镇', '岜沙村', 'N-1', a, '阿依古丽·买买提', '户主', '脱贫户', '普通劳动力', '健康', '非在校生', '12,000', '3000', '500', '202304', '脱贫不稳定户', '因病']);
      ws.addRow(['从江县', '丙妹镇', '岜沙村', 'N-1', b, '赵𠮷祥', '配偶', '脱贫户', '弱劳动力或半劳动力', '长期慢性病', '非在校生', '12,000', '3000', '500', '202304', '脱贫不稳定户', '因病']);
      const p = join(tmp, 'national.xlsx');
      await wb.xlsx.writeFile(p);
      const r = await services.intake.commit(actor, { path: p, fileName: '监测对象信息.xlsx' }, { kind: 'national-person', year: 2025 });
      expect(r.headerRows).toEqual([3]);
      expect(r.counts).toMatchObject({ rows: 2, add: 2, hold: 0, reject: 0 });
      const h = await db.selectFrom('household').selectAll().where('householdNo', '=', 'N-1').executeTakeFirstOrThrow();
      expect(h).toMatchObject({ villageCode: VILLAGES.basha, householdType: 'liftedOutOfPoverty', monitoredCategory: 'unstableLifted', riskTypes: 'illness', identifiedMonth: '2023-04', memberCount: 2 });
      const names = (await db.selectFrom('person').select('name').where('householdId', '=', h.id).orderBy('id').execute()).map((x) => x.name);
      expect(names).toEqual(['阿依古丽·买买提', '赵𠮷祥']);
      const inc = await db.selectFrom('incomeRecord').selectAll().where('householdId', '=', h.id).executeTakeFirstOrThrow();
      // 12,000 + 3,000 + 500 yuan = 15,500 yuan
      expect(inc).toMatchObject({ year: 2025, wageFen: 1200000, businessIncomeFen: 300000, transferFen: 50000 });
    });
    it('bad files are bad_file errors with code and message, never a crash', async () => {
      const p = join(tmp, 'empty.xlsx');
      writeFileSync(p, '');
      const e = await services.intake.preview(actor, { path: p, fileName: 'empty.xlsx' }, { kind: 'national-person' }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).details).toMatchObject({ code: 'FILE_EMPTY' });
    });
  });
});
