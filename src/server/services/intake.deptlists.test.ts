/**
 * Department lists as departments send them (issue 9 items 1–6, issue 16 item 11), on both dialects,
 * with small invented files written here (every person and number is invented; ID numbers are built by
 * test/fixtures/registry.ts with their own check characters). Clock TEST_NOW = 2026-03-15; default year 2025.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect, newTestServices } from '../../../test/harness';
import { head, household, idNumber, income, person, VILLAGES, withWrongCheck } from '../../../test/fixtures/registry';
import type { Db } from '../db/connect';
import type { Services } from '../container';
import { systemActor, type Actor } from './actor';

const tmp = mkdtempSync(join(tmpdir(), 'zx-deptlists-'));
const actor = systemActor('tester');
/** A county user of 从江县 and one of 榕江县 (value maps are remembered per county). */
const congjiang: Actor = { ...systemActor('cj_clerk'), level: 'county', regionCode: '522633', scope: { regionCode: '522633' } };
const rongjiang: Actor = { ...systemActor('rj_clerk'), level: 'county', regionCode: '522632', scope: { regionCode: '522632' } };
let fileSeq = 0;
/** Writes a CSV (CRLF) and returns the import file. */
const csv = (lines: string[]) => {
  const name = `list-${++fileSeq}.csv`;
  writeFileSync(join(tmp, name), lines.join('\r\n') + '\r\n');
  return { path: join(tmp, name), fileName: name };
};

/** Invented persons of 从江县 (522633). */
const ID = {
  wang: idNumber('522633', '19700101', 11),
  aygl: idNumber('522633', '19850312', 22),
  kid1: idNumber('522633', '20150601', 31),
  kid2: idNumber('522633', '20170901', 42),
  mum: idNumber('522633', '19880101', 52),
  li: idNumber('522633', '19620704', 61),
  /** registered with a wrong check character (held for verification in the registry) */
  held: withWrongCheck(idNumber('522633', '19750505', 71)),
};
/** 李金宝's number as a first-generation 15-digit number: region, YYMMDD, sequence (GB 11643-1999) */
const LI15 = '522633620704061';

forEachDialect('department lists', (dialect) => {
  let services: Services;
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ services, db, drop } = await newTestServices(dialect));
    await services.regions.ensureReferenceData();
    await services.registry.registerHouseholds({ regionCode: null }, [
      household('D-1', VILLAGES.basha, [head({ idNumber: ID.wang, name: '王大山' }), person({ idNumber: ID.aygl, name: '阿依古丽·买买提' })], [income(2025, 3_000_000)]),
      household('D-2', VILLAGES.darong, [head({ idNumber: ID.mum, name: '杨秀英' }), person({ idNumber: ID.kid1, name: '杨小明', relationToHead: 'son' }), person({ idNumber: ID.kid2, name: '杨小红', relationToHead: 'daughter' })], [income(2025, 2_000_000)]),
      household('D-3', VILLAGES.darong, [head({ idNumber: ID.li, name: '李金宝' })], [income(2025, 1_500_000)]),
      household('D-4', VILLAGES.darong, [head({ idNumber: ID.held, name: '吴老四' })], [income(2025, 1_500_000)]),
    ]);
  });
  afterAll(async () => {
    await drop?.();
  });

  describe('rollback (item 5; issue 16 item 11)', () => {
    it('removes the department records and clues of a batch; refuses while a clue of it is handled, naming the clue', async () => {
      const f = csv(['姓名,身份证号,保障类别,月保障金额', `李金宝,${ID.li},特困,620`]);
      const r = await services.intake.commit(actor, f, { kind: 'dibao' });
      expect(r.counts).toMatchObject({ rows: 1, matched: 1, clues: 1 });
      const recs = () => db.selectFrom('departmentRecord').select('id').where('batchId', '=', r.batchId!).execute();
      expect(await recs()).toHaveLength(1);
      const clue = await db.selectFrom('riskClue').select(['id', 'ruleId']).where('batchId', '=', r.batchId!).executeTakeFirstOrThrow();
      expect(clue.ruleId).toBe('SA-01');
      await services.intake.setClueStatus(actor, clue.id, 'verified');
      const refused = await services.intake.rollback(actor, r.batchId!).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'conflict', details: { clues: [{ id: clue.id, ruleId: 'SA-01', status: 'verified', caseId: null }] } });
      expect((refused as Error).message).toContain(`线索 ${clue.id}(SA-01,已核实)`);
      // nothing was erased by the refusal
      expect(await recs()).toHaveLength(1);
      expect((await db.selectFrom('riskClue').select('status').where('id', '=', clue.id).executeTakeFirstOrThrow()).status).toBe('verified');
      // back to open (nothing handled): the rollback removes records and clue
      await services.intake.setClueStatus(actor, clue.id, 'open');
      await services.intake.rollback(actor, r.batchId!);
      expect(await recs()).toEqual([]);
      expect(await db.selectFrom('riskClue').select('id').where('batchId', '=', r.batchId!).execute()).toEqual([]);
    });
  });

  describe('rollback with a case opened from a clue (issue 16 item 11)', () => {
    it('an open clue from which a case was opened holds the rollback, naming the case', async () => {
      const r = await services.intake.commit(actor, csv(['姓名,身份证号,残疾等级', `李金宝,${ID.li},三级`]), { kind: 'disability' });
      const clue = await db.selectFrom('riskClue').select(['id', 'householdId']).where('batchId', '=', r.batchId!).executeTakeFirstOrThrow();
      const opened = await services.cases.openCase(actor, { householdId: clue.householdId, origin: 'departmentAlert', sourceRef: `clue:${clue.id}`, clueDate: '2026-03-10' });
      const refused = await services.intake.rollback(actor, r.batchId!).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'conflict', details: { clues: [{ id: clue.id, ruleId: 'DIS-01', status: 'open', caseId: opened.id }] } });
      expect((refused as Error).message).toContain(`线索 ${clue.id}(DIS-01,待核实,已据此立案 ${opened.id})`);
      expect(await db.selectFrom('departmentRecord').select('id').where('batchId', '=', r.batchId!).execute()).toHaveLength(1);
    });
  });

  describe('their own columns and codes (item 1)', () => {
    it('a 民政 list with 低保类别 A类/B类 is read: A类 and B类 are 低保 (分类施保)', async () => {
      const r = await services.intake.preview(actor, csv(['姓名,身份证号,低保类别,月保障金额', `李金宝,${ID.li},A类,450`, `王大山,${ID.wang},B类,380`]), { kind: 'dibao' });
      expect(r.mappingComplete).toBe(true);
      expect(r.columns.map((c) => c.key)).toEqual(['name', 'idNumber', 'category', 'monthlyAmount']);
      expect(r.counts).toMatchObject({ rows: 2, add: 2, reject: 0, matched: 2, clues: 2 });
      expect(r.clues.map((c) => [c.row, c.ruleId, c.summary])).toEqual([[2, 'SA-01', '民政在册低保对象,所在户未纳入监测(或风险已消除)'], [3, 'SA-01', '民政在册低保对象,所在户未纳入监测(或风险已消除)']]);
    });
    it('a local code is mapped with a value map, remembered for the county that committed it and not for another', async () => {
      const lines = ['人员姓名,证号,救助类别', `李金宝,${ID.li},重点保障户`];
      const plain = await services.intake.preview(congjiang, csv(lines), { kind: 'dibao', mapping: { 人员姓名: 'name', 证号: 'idNumber' } });
      expect(plain.problems.find((p) => p.code === 'VALUE_NOT_IN_LIST')).toMatchObject({ row: 2, column: '救助类别', level: 'error' });
      const valueMap = { 救助类别: { 重点保障户: '低保' } };
      const done = await services.intake.commit(congjiang, csv(lines), { kind: 'dibao', mapping: { 人员姓名: 'name', 证号: 'idNumber' }, valueMap });
      expect(done.counts).toMatchObject({ rows: 1, add: 1, reject: 0, matched: 1 });
      expect(done.valueMap).toEqual({ category: { 重点保障户: 'dibao' } });
      // the next list of 从江县 needs neither the column mapping (header) nor the value map
      const next = await services.intake.preview(congjiang, csv(['人员姓名,证号,救助类别', `王大山,${ID.wang},重点保障户`]), { kind: 'dibao' });
      expect(next.counts).toMatchObject({ rows: 1, add: 1, reject: 0 });
      // 榕江县 has its own codes: the map of 从江县 is not applied there
      const other = await services.intake.preview(rongjiang, csv(['人员姓名,证号,救助类别', `王大山,${ID.wang},重点保障户`]), { kind: 'dibao' });
      expect(other.problems.some((p) => p.code === 'VALUE_NOT_IN_LIST')).toBe(true);
      await services.intake.rollback(congjiang, done.batchId!);
    });
    it('a value map or a column mapping naming what the template does not have is refused with the field', async () => {
      const f = csv(['姓名,身份证号,保障类别', `李金宝,${ID.li},低保`]);
      await expect(services.intake.preview(actor, f, { kind: 'dibao', valueMap: { 保障类别: { 甲: '五保' } } })).rejects.toMatchObject({ code: 'validation_error', details: { issues: [{ field: 'valueMap.保障类别.甲' }] } });
      await expect(services.intake.preview(actor, f, { kind: 'dibao', mapping: { 保障类别: 'kategorie' } })).rejects.toMatchObject({ code: 'validation_error', details: { issues: [{ field: 'mapping.保障类别' }] } });
    });
    it('an education list without 在校状态 is asked for the column, with 在校 proposed; the confirmed value is imported', async () => {
      const lines = ['学生姓名,学生身份证号,监护人姓名,监护人身份证号,学校名称', `杨小明,${ID.kid1},杨秀英,${ID.mum},岜沙小学`];
      const asked = await services.intake.preview(actor, csv(lines), { kind: 'education' });
      expect(asked.mappingComplete).toBe(false);
      expect(asked.missingColumns).toEqual(['在校状态']);
      expect(asked.proposedDefaults).toEqual([{ key: 'status', zh: '在校状态', value: '在校', values: ['在校', '在读', '辍学', '失学', '休学'], confirmed: false }]);
      await expect(services.intake.commit(actor, csv(lines), { kind: 'education' })).rejects.toMatchObject({ code: 'bad_file' });
      const ok = await services.intake.preview(actor, csv(lines), { kind: 'education', defaults: { 在校状态: '在校' } });
      expect(ok.mappingComplete).toBe(true);
      expect(ok.proposedDefaults[0]).toMatchObject({ value: '在校', confirmed: true });
      expect(ok.problems.find((p) => p.code === 'COLUMN_DEFAULT_CONFIRMED')).toMatchObject({ level: 'warning', column: '在校状态' });
      expect(ok.counts).toMatchObject({ rows: 1, add: 1, matched: 1, clues: 0 });
    });
  });

  describe('names on every ID match (item 2)', () => {
    it('separator look-alikes match; another name is held as NAME_MISMATCH with no clue and the registry keeps its spelling', async () => {
      const r = await services.intake.commit(actor, csv(['姓名,身份证号,残疾等级', `阿依古丽•买买提,${ID.aygl},二级`, `王大三,${ID.wang},一级`]), { kind: 'disability' });
      expect(r.counts).toMatchObject({ rows: 2, add: 1, hold: 1, matched: 1, clues: 1 });
      expect(r.clues.map((c) => [c.row, c.ruleId])).toEqual([[2, 'DIS-01']]);
      expect(r.problems.find((p) => p.code === 'NAME_MISMATCH')).toMatchObject({ row: 3, level: 'hold', idMasked: `522633**********${ID.wang.slice(-2)}` });
      const held = await services.intake.heldRows(actor, r.batchId!);
      expect(held.map((h) => [h.row, h.name, h.reasons])).toEqual([[3, '王大三', ['NAME_MISMATCH']]]);
      const names = await db.selectFrom('person').select('name').where('name', 'in', ['王大山', '王大三', '阿依古丽·买买提', '阿依古丽•买买提']).orderBy('name').execute();
      expect(names.map((n) => n.name).sort()).toEqual(['王大山', '阿依古丽·买买提'].sort());
      await services.intake.rollback(actor, r.batchId!);
    });
  });

  describe('students and guardians (item 3)', () => {
    it('two students of one guardian are matched by their own numbers and both linked to the guardian; not duplicates', async () => {
      const r = await services.intake.commit(actor, csv([
        '学生姓名,学生身份证号,监护人姓名,监护人身份证号,在校状态,学校名称',
        `杨小明,${ID.kid1},杨秀英,${ID.mum},辍学,岜沙小学`,
        `杨小红,${ID.kid2},杨秀英,${ID.mum},在校,岜沙小学`,
      ]), { kind: 'education' });
      // 杨小明 born 2015-06-01 is 10 on 2026-03-15: compulsory age, dropped out → EDU-01
      expect(r.counts).toMatchObject({ rows: 2, add: 2, duplicate: 0, matched: 2, clues: 1 });
      expect(r.clues).toEqual([{ row: 2, ruleId: 'EDU-01', riskType: 'educationCosts', summary: '教育部门名单显示失学辍学,年龄 10 岁(义务教育阶段)' }]);
      const mum = await db.selectFrom('person').select('id').where('name', '=', '杨秀英').executeTakeFirstOrThrow();
      const kids = await db.selectFrom('person').select(['id', 'name']).where('name', 'in', ['杨小明', '杨小红']).execute();
      const recs = await db.selectFrom('departmentRecord').selectAll().where('batchId', '=', r.batchId!).orderBy('row').execute();
      expect(recs.map((x) => [x.row, kids.find((k) => k.id === x.personId)?.name, x.guardianPersonId])).toEqual([[2, '杨小明', mum.id], [3, '杨小红', mum.id]]);
      expect(recs.map((x) => x.factsJson).join()).not.toMatch(/\d{15}/);
      await services.intake.rollback(actor, r.batchId!);
    });
  });

  describe('legacy 15-digit numbers (item 4)', () => {
    it('a 15-digit number is upgraded and matched; the problem and the clue show the upgraded number and the raw value, masked', async () => {
      const r = await services.intake.preview(actor, csv(['姓名,身份证号,保障类别', `李金宝,${LI15},特困`]), { kind: 'dibao' });
      expect(r.counts).toMatchObject({ rows: 1, add: 1, matched: 1, clues: 1 });
      const up = `522633**********${ID.li.slice(-2)}`;
      expect(r.problems.find((p) => p.code === 'ID_LEGACY_15')).toMatchObject({ row: 2, level: 'warning', idMasked: up, message: `15位旧身份证号,已按国标升位为18位:${up}(原值 522633*******61)` });
      expect(r.clues[0]!.summary).toBe(`民政在册特困对象,所在户未纳入监测(或风险已消除)(名单为15位旧身份证号 522633*******61,已升位为 ${up})`);
    });
    it('a number one check character away from a registered one is offered for manual review, never linked', async () => {
      const right = idNumber('522633', '19750505', 71);
      const r = await services.intake.commit(actor, csv(['姓名,身份证号,保障类别', `吴老四,${right},低保`, `王大山,${withWrongCheck(ID.wang)},低保`]), { kind: 'dibao' });
      expect(r.counts).toMatchObject({ rows: 2, add: 0, hold: 2, matched: 0, clues: 0 });
      expect(r.problems.filter((p) => p.code === 'POSSIBLE_MATCH').map((p) => [p.row, p.level])).toEqual([[2, 'hold'], [3, 'hold']]);
      const held = await services.intake.heldRows(actor, r.batchId!);
      expect(held.map((h) => [h.row, h.reasons])).toEqual([[2, ['POSSIBLE_MATCH']], [3, ['ID_BAD_CHECKSUM', 'POSSIBLE_MATCH']]]);
      expect(await db.selectFrom('departmentRecord').select('id').where('batchId', '=', r.batchId!).execute()).toEqual([]);
      await services.intake.rollback(actor, r.batchId!);
    });
  });

  describe('preview equals commit (item 6)', () => {
    it('a well-formed village code that is not loaded is found by the preview, and the commit does what the preview said', async () => {
      const a = idNumber('522633', '19660101', 81);
      const b = idNumber('522633', '19660202', 91);
      const lines = ['村级区划代码,户编号,姓名,身份证号,与户主关系,劳动技能', `${VILLAGES.basha},V-1,某甲,${a},户主,普通劳动力`, `522633199999,V-2,某乙,${b},户主,普通劳动力`];
      const pv = await services.intake.preview(actor, csv(lines), { kind: 'national-person' });
      expect(pv.counts).toMatchObject({ rows: 2, add: 1, reject: 1, households: { add: 1 } });
      // the place resolver (issue 9 items 7–8) names the unknown code; the household is rejected in the preview already
      expect(pv.problems.find((p) => p.row === 3 && p.level === 'error')).toMatchObject({ column: '村级区划代码', code: 'VILLAGE_CODE_UNKNOWN', message: '村级区划代码 522633199999 不在从江县的现行区划代码中' });
      const cm = await services.intake.commit(actor, csv(lines), { kind: 'national-person' });
      expect(cm.counts).toMatchObject({ rows: 2, add: 1, reject: 1, households: { add: 1 } });
      expect(cm.problems.map((p) => p.code)).toEqual(pv.problems.map((p) => p.code));
      expect((await db.selectFrom('household').select('householdNo').where('householdNo', 'in', ['V-1', 'V-2']).execute()).map((h) => h.householdNo)).toEqual(['V-1']);
      await services.intake.rollback(actor, cm.batchId!);
    });
  });

  describe('preview equals commit: registry conflicts (item 6)', () => {
    it('a member registered in another household is found by the preview; the commit rejects that household only, as the preview said', async () => {
      const c = idNumber('522633', '19660303', 83);
      // 王大山 is registered in D-1: a file putting him in household W-2 would fail the whole commit before
      const lines = ['户编号,姓名,身份证号,与户主关系,劳动技能', `W-1,某丙,${c},户主,普通劳动力`, `W-2,王大山,${ID.wang},户主,普通劳动力`];
      const pv = await services.intake.preview(actor, csv(lines), { kind: 'national-person', village: VILLAGES.basha });
      expect(pv.counts).toMatchObject({ rows: 2, add: 1, reject: 1, households: { add: 1 } });
      expect(pv.problems.find((p) => p.code === 'PERSON_IN_OTHER_HOUSEHOLD')).toMatchObject({ row: 3, column: '身份证号', level: 'error', idMasked: `522633**********${ID.wang.slice(-2)}` });
      const cm = await services.intake.commit(actor, csv(lines), { kind: 'national-person', village: VILLAGES.basha });
      expect(cm.counts).toMatchObject({ rows: 2, add: 1, reject: 1, households: { add: 1 } });
      expect(cm.problems.map((p) => p.code)).toEqual(pv.problems.map((p) => p.code));
      // audited like the registry's refusal (decision 0227), preview and commit, without a number or a place
      const audits = await db.selectFrom('auditEvent').select(['outcome', 'details']).where('action', '=', 'registration_duplicate_refused').orderBy('id').execute();
      expect(audits.map((e) => [e.outcome, JSON.parse(e.details!).persons, JSON.parse(e.details!).dryRun])).toEqual([['denied', 1, true], ['denied', 1, false]]);
      await services.intake.rollback(actor, cm.batchId!);
    });
  });
});
