/**
 * IntakeService with the national system's other tables (formats file §2) on both dialects: migrant-work
 * spells （务工月监测）已外出务工信息 (persons matched by the keyed hash of 证件号码, unknown persons reported
 * with row and column, wage in fen, the 100–30,000 yuan range check), work plans 计划外出务工信息, and
 * household fields （乡村建设）户信息 (卫生厕所 by 户编号, unknown households reported), village profiles （自定义）行政村信息 (matched by names within county and township, 万元 in fen); each through
 * preview → commit → re-import → history → rollback. Fixtures t01–t03 under test/fixtures/intake/ hold
 * invented people only (t04 too).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect, newTestServices } from '../../../test/harness';
import { head, household, person, VILLAGES } from '../../../test/fixtures/registry';
import type { Db } from '../db/connect';
import type { Services } from '../container';
import { systemActor } from './actor';

const FIX = join(__dirname, '../../../test/fixtures/intake');
const actor = systemActor('tester');
const fixture = (name: string) => ({ path: join(FIX, name), fileName: name });
/** ID numbers of the fixtures (invented, valid check characters) */
const A = '522633198503127012';
const B = '52263319900605702X';

forEachDialect('IntakeService: other national tables', (dialect) => {
  let services: Services;
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ services, db, drop } = await newTestServices(dialect));
    await services.regions.ensureReferenceData();
    await services.registry.registerHouseholds({ regionCode: null }, [household('T0101', VILLAGES.basha, [head({ idNumber: A, name: '测务工' }), person({ idNumber: B, name: '测计划' })]), household('T0102', VILLAGES.basha, [head({ name: '测厕所' })], [], { sanitaryToilet: true })]);
  });
  afterAll(async () => {
    await drop?.();
  });

  describe('（务工月监测）已外出务工信息', () => {
    let batchId = 0;
    it('preview: 3 spells of 2 registry persons; the unknown person reported with row and column; wage range checked', async () => {
      const r = await services.intake.preview(actor, fixture('t01_work_spells.csv'), { kind: 'national-work' });
      expect(r.headerRows).toEqual([3]);
      expect(r.counts).toMatchObject({ rows: 4, add: 3, reject: 1, matched: 3 });
      expect(r.problems.find((p) => p.code === 'PERSON_NOT_IN_REGISTRY')).toMatchObject({ row: 7, column: '证件号码', level: 'error' });
      expect(r.problems.filter((p) => p.code === 'WAGE_OUT_OF_RANGE').map((p) => [p.row, p.column, p.level])).toEqual([[5, '务工月收入', 'warning']]);
      expect(Number((await db.selectFrom('workSpell').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(0);
    });
    it('commit stores the spells with months and money in fen; the same file again changes nothing', async () => {
      const r = await services.intake.commit(actor, fixture('t01_work_spells.csv'), { kind: 'national-work' });
      batchId = r.batchId!;
      const rows = await db.selectFrom('workSpell').selectAll().orderBy('sourceRow').execute();
      expect(rows.map((x) => [x.sourceRow, x.kind, x.working, x.startMonth, x.endMonth, x.workCounty, Number(x.monthlyWageFen), x.industry, x.transportSubsidyFen === null ? null : Number(x.transportSubsidyFen), x.villageCode])).toEqual([
        [4, 'workSpell', 1, '2025-01', '2025-06', '广东省东莞市', 450000, '制造业', 50000, VILLAGES.basha],
        [5, 'workSpell', 1, '2025-08', null, '浙江省义乌市', 3800000, '批发零售', null, VILLAGES.basha],
        [6, 'workSpell', 1, '2025-03', '2025-12', '贵州省贵阳市', 320050, '建筑业', null, VILLAGES.basha],
      ]);
      const again = await services.intake.commit(actor, fixture('t01_work_spells.csv'), { kind: 'national-work' });
      expect(again.alreadyImportedBatchId).toBe(batchId);
      expect(await db.selectFrom('workSpell').select('id').execute()).toHaveLength(3);
      const hist = await services.intake.history(actor);
      expect(hist[0]).toMatchObject({ id: batchId, kind: 'national-work', status: 'committed', rowsTotal: 4, added: 3, rejected: 1 });
    });
    it('check Q43 (务工月收入 100–30,000 元, formats file) finds the 38,000-yuan spell in the registry, with its source', async () => {
      const rep = await services.checks.run(actor, { regionCode: '522633' });
      expect(rep.checks.find((c) => c.id === 'Q43')).toMatchObject({ zh: '务工月收入超出100–30,000元', findings: 1 });
      expect(rep.checks.find((c) => c.id === 'Q43')!.source).toContain('务工月收入范围');
      expect(rep.findings.filter((f) => f.checkId === 'Q43').map((f) => [f.householdNo, f.facts])).toEqual([['T0101', '开始时间 2025-08,务工月收入 38,000.00 元']]);
    });
    it('the spells survive a person import that re-writes the household members (matched by the lookup hash)', async () => {
      const [o] = await services.registry.upsertHouseholds({ regionCode: null }, [household('T0101', VILLAGES.basha, [head({ idNumber: A, name: '测务工', workPlace: '广东省东莞市' }), person({ idNumber: B, name: '测计划' })])]);
      expect(o!.action).toBe('updated');
      const hashes = new Set((await db.selectFrom('person').select('idHash').where('householdId', '=', o!.householdId).execute()).map((x) => x.idHash));
      const spells = await db.selectFrom('workSpell').select(['idHash', 'householdId']).where('batchId', '=', batchId).execute();
      expect(spells).toHaveLength(3);
      expect(spells.every((x) => hashes.has(x.idHash) && x.householdId === o!.householdId)).toBe(true);
    });
    it('rollback removes exactly the spells of the batch', async () => {
      await services.intake.rollback(actor, batchId);
      expect(await db.selectFrom('workSpell').select('id').execute()).toHaveLength(0);
      expect((await services.intake.history(actor))[0]).toMatchObject({ id: batchId, status: 'rolledBack' });
    });
  });

  it('计划外出务工信息: a plan of a registry person, matched without place columns', async () => {
    const r = await services.intake.commit(actor, fixture('t02_work_plan.csv'), { kind: 'national-work-plan' });
    expect(r.counts).toMatchObject({ rows: 1, add: 1, reject: 0 });
    const rows = await db.selectFrom('workSpell').selectAll().where('batchId', '=', r.batchId!).execute();
    expect(rows.map((x) => [x.kind, x.working, x.workCounty, x.serviceNeed, x.startMonth])).toEqual([['workPlan', 1, '广东省东莞市', '技能培训', null]]);
    await services.intake.rollback(actor, r.batchId!);
  });

  describe('（自定义）行政村信息', () => {
    it('preview → commit: two villages matched by name, collective income 万元 in fen; unknown village reported; rollback', async () => {
      const p = await services.intake.preview(actor, fixture('t03_villages.csv'), { kind: 'national-village' });
      expect(p.counts).toMatchObject({ rows: 3, add: 2, reject: 1 });
      expect(p.problems.find((x) => x.code === 'VILLAGE_NOT_FOUND')).toMatchObject({ row: 6, column: '村', level: 'error' });
      const r = await services.intake.commit(actor, fixture('t03_villages.csv'), { kind: 'national-village' });
      const rows = await db.selectFrom('villageProfile').selectAll().where('batchId', '=', r.batchId!).orderBy('sourceRow').execute();
      expect(rows.map((x) => [x.villageCode, x.countyCode, x.collectiveIncomeFen === null ? null : Number(x.collectiveIncomeFen)])).toEqual([
        [VILLAGES.basha, '522633', 12_350_000],
        [VILLAGES.darong, '522633', null],
      ]);
      expect(JSON.parse(rows[0]!.figuresJson)).toMatchObject({ households: 512, population: 2203, dibaoHouseholds: 41, dibaoPersons: 96, tekunPersons: 7, disabledPersons: 58, residentPensionPersons: 1320, exited: true, busService: true, pavedRoadToTownship: true, primarySchools: 1 });
      await services.intake.rollback(actor, r.batchId!);
      expect(await db.selectFrom('villageProfile').select('id').execute()).toHaveLength(0);
    });
  });

  describe('（乡村建设）户信息', () => {
    const toilet = async (no: string) => Number((await db.selectFrom('household').select('sanitaryToilet').where('householdNo', '=', no).executeTakeFirstOrThrow()).sanitaryToilet);
    it('preview → commit updates 卫生厕所 by 户编号; the unknown household reported with row and column; rollback restores it', async () => {
      expect(await toilet('T0101')).toBe(1);
      const p = await services.intake.preview(actor, fixture('t04_households.csv'), { kind: 'national-household' });
      expect(p.counts).toMatchObject({ rows: 3, update: 1, unchanged: 1, reject: 1, households: { update: 1, unchanged: 1 } });
      expect(p.problems.find((x) => x.code === 'HOUSEHOLD_NOT_IN_REGISTRY')).toMatchObject({ row: 6, column: '户编号', level: 'error' });
      expect(await toilet('T0101')).toBe(1);
      const r = await services.intake.commit(actor, fixture('t04_households.csv'), { kind: 'national-household' });
      expect(await toilet('T0101')).toBe(0);
      expect(await toilet('T0102')).toBe(1);
      expect((await services.intake.history(actor))[0]).toMatchObject({ id: r.batchId, kind: 'national-household', status: 'committed', updated: 1, unchanged: 1, rejected: 1 });
      const again = await services.intake.commit(actor, fixture('t04_households.csv'), { kind: 'national-household' });
      expect(again.alreadyImportedBatchId).toBe(r.batchId);
      await services.intake.rollback(actor, r.batchId!);
      expect(await toilet('T0101')).toBe(1);
    });
  });
});
