/**
 * Issue 8 items 1 and 4 on both dialects: a GENERATED county export of the five national tables
 * (test/fixtures/national-export.ts: 320 households of invented persons, every spelling of every
 * vocabulary in data/national-vocabularies.csv) goes in with no refusal and nothing held; the national
 * columns, the 残疾人证 numbers, the recorded 人均纯收入 and the recorded measures are kept; a value outside
 * every vocabulary holds its row naming column, value and the accepted spellings.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect, newTestServices } from '../../../test/harness';
import { generateNationalExport, NATIONAL_FILES, type GeneratedExport } from '../../../test/fixtures/national-export';
import { idNumber } from '../../../test/fixtures/registry';
import { vocabulary } from '../intake/national/vocabulary';
import { readCoverageRules } from './workflow-files';
import { openTable } from '../intake/readers/table';
import { cellText } from '../intake/readers/cell';
import { headerScorer } from '../intake/templates/mapping';
import { templateOf } from '../intake/templates';
import ExcelJS from 'exceljs';
import type { Db } from '../db/connect';
import type { Services } from '../container';
import { systemActor } from './actor';

const actor = systemActor('tester');

/** A national file as the product's reader sees it: title (row 1), header rows, header names, and every data row as text. */
async function readTable(path: string, kind: string) {
  const t = await openTable(path, { fileName: basename(path), score: headerScorer(templateOf(kind)), inProcess: true });
  const rows: string[][] = [];
  for await (const r of t.rows) rows.push(t.header.columns.map((c) => cellText(r.cells[c.index])));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return { headerRows: t.header.rows, header: t.header.columns.map((c) => c.name), rows, title: String(wb.worksheets[0]!.getRow(1).getCell(1).value) };
}
const tmp = mkdtempSync(join(tmpdir(), 'zx-national-'));
const file = (g: GeneratedExport, name: string) => ({ path: join(g.dir, name), fileName: name });

forEachDialect('national exports: lossless import', (dialect) => {
  let services: Services;
  let db: Db;
  let drop: () => Promise<void>;
  let g: GeneratedExport;
  beforeAll(async () => {
    ({ services, db, drop } = await newTestServices(dialect));
    await services.regions.ensureReferenceData();
    const dir = mkdtempSync(join(tmp, `${dialect}-`));
    g = await generateNationalExport(dir, { households: 320 });
  });
  afterAll(async () => {
    await drop?.();
  });

  it('the generated export uses every spelling of every vocabulary it has columns for', () => {
    for (const [name, spellings] of g.used) expect([...spellings].sort(), name).toEqual(vocabulary(name).map((e) => e.spelling).sort());
    expect([...g.used.keys()].sort()).toEqual(['dibaoStatus', 'education', 'eliminationMode', 'healthStatus', 'householdType', 'idType', 'labourSkill', 'monitoredCategory', 'relationToHead', 'riskType', 'schoolStage', 'tekunStatus', 'yesNo']);
    expect(g.households).toBeGreaterThanOrEqual(300);
  });

  it('（自定义）监测对象信息: every person in, none held, none refused; the national columns kept', async () => {
    const r = await services.intake.commit(actor, file(g, NATIONAL_FILES.person), { kind: 'national-person', year: 2025 });
    expect(r.problems.filter((p) => p.level !== 'warning')).toEqual([]);
    expect(r.counts).toMatchObject({ rows: g.persons, add: g.persons, hold: 0, reject: 0, duplicate: 0, households: { add: g.households } });
    expect(Number((await db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(g.persons);
    // 20-digit 残疾人证 numbers: the person is matched by the 18-digit ID part, the certificate kept protected with category and grade
    const certs = await db.selectFrom('person').select(['idType', 'certMasked', 'disabilityCategory', 'disabilityGrade', 'healthStatus']).where('idType', '=', 'disabilityCertificate').execute();
    expect(certs).toHaveLength(g.certificates);
    // every row kept: original spellings and the unknown columns (人编号, 县级备注（自定义）) per person
    const kept = await db.selectFrom('nationalRow').select(['extraJson', 'spellingsJson']).where('kind', '=', 'national-person').execute();
    expect(kept).toHaveLength(g.persons);
    expect(kept.every((k) => typeof JSON.parse(k.extraJson)['人编号'] === 'string')).toBe(true);
    expect(kept.filter((k) => JSON.stringify(JSON.parse(k.spellingsJson)['与户主关系']) === JSON.stringify(['父亲', '之父'])).length).toBeGreaterThan(0);
    expect(certs.every((c) => c.certMasked!.length === 20 && c.disabilityCategory! >= 1 && c.disabilityCategory! <= 7 && c.disabilityGrade! >= 1 && c.disabilityGrade! <= 4 && c.healthStatus === 'disabled')).toBe(true);
  });

  it('the recorded 人均纯收入 is kept beside the components (household 1 of every 5 records 1,234.50 yuan more)', async () => {
    // household index 0: recorded = computed + 1234.5 (generator); its components stay as they came
    const h = await db.selectFrom('household').selectAll().orderBy('householdNo').executeTakeFirstOrThrow();
    const inc = await db.selectFrom('incomeRecord').selectAll().where('householdId', '=', h.id).executeTakeFirstOrThrow();
    const fact = await db.selectFrom('householdFact').select(['perCapitaNetIncomeFen']).where('householdId', '=', h.id).where('year', '=', 2025).executeTakeFirstOrThrow();
    expect(h.recordedIncomeYear).toBe(2025);
    expect(Number(h.recordedPerCapitaIncomeFen) - Number(fact.perCapitaNetIncomeFen)).toBe(123_450);
    expect(Number(inc.wageFen) + Number(inc.businessIncomeFen) + Number(inc.transferFen)).toBe(Number(fact.perCapitaNetIncomeFen) * h.memberCount);
  });

  it('the measure columns became the households\' measures (source national), with sub-kinds', async () => {
    const ms = await db.selectFrom('assistanceMeasure').select(['kind', 'subKind', 'note', 'source']).execute();
    expect(ms.length).toBeGreaterThan(100);
    expect(ms.every((m) => m.source === 'national')).toBe(true);
    expect(new Set(ms.map((m) => m.kind)).size).toBe(14);
    expect(ms.filter((m) => m.kind === 'socialSecurity').map((m) => m.subKind).sort()).toContain('disabilityAllowance');
    expect(ms.find((m) => m.kind === 'education')).toMatchObject({ subKind: 'yuluPlan', note: '雨露计划' });
    // tied to the import that wrote them; they feed the workflow's measure coverage
    expect(await db.selectFrom('assistanceMeasure').select('id').where('batchId', 'is', null).execute()).toEqual([]);
    const rules = readCoverageRules();
    const rows = await db.selectFrom('household as h').innerJoin('assistanceMeasure as m', 'm.householdId', 'h.id').select(['h.id', 'h.riskTypes', 'm.kind']).where('h.riskEliminated', '=', 0).where('h.monitoredCategory', 'is not', null).execute();
    const hit = rows.find((x) => x.riskTypes.split(',').some((rt) => rules.find((c) => c.riskType === rt)?.kinds.includes(x.kind as never)))!;
    const risk = hit.riskTypes.split(',').find((rt) => rules.find((c) => c.riskType === rt)?.kinds.includes(hit.kind as never))!;
    const list = await services.measures.list(actor, hit.id);
    expect(list.coverage.find((c) => c.riskType === risk)).toMatchObject({ covered: true });
  });

  it('the other four tables go in with no refusal', async () => {
    const hh = await services.intake.commit(actor, file(g, NATIONAL_FILES.household), { kind: 'national-household' });
    expect(hh.problems.filter((p) => p.level !== 'warning')).toEqual([]);
    expect(hh.counts).toMatchObject({ rows: g.households, hold: 0, reject: 0 });
    const work = await services.intake.commit(actor, file(g, NATIONAL_FILES.work), { kind: 'national-work' });
    expect(work.problems.filter((p) => p.level !== 'warning')).toEqual([]);
    expect(work.counts).toMatchObject({ rows: g.workRows, add: g.workRows, hold: 0, reject: 0 });
    const plan = await services.intake.commit(actor, file(g, NATIONAL_FILES.plan), { kind: 'national-work-plan' });
    expect(plan.counts).toMatchObject({ rows: g.planRows, add: g.planRows, hold: 0, reject: 0 });
    const v = await services.intake.commit(actor, file(g, NATIONAL_FILES.village), { kind: 'national-village' });
    expect(v.problems.filter((p) => p.level !== 'warning')).toEqual([]);
    expect(v.counts).toMatchObject({ rows: g.villages, add: g.villages, hold: 0, reject: 0 });
  });

  it('round trip: the registry exported in the five layouts gives the same file names, title, header on row 3 and the same rows', async () => {
    const out = join(g.dir, 'export');
    const files = await services.nationalExport.exportAll(actor, out, { year: 2025, reason: '县级数据往返核对' });
    expect(files.map((f) => [f.fileName, f.rows])).toEqual([
      [NATIONAL_FILES.person, g.persons], [NATIONAL_FILES.household, g.households], [NATIONAL_FILES.work, g.workRows], [NATIONAL_FILES.plan, g.planRows], [NATIONAL_FILES.village, g.villages],
    ]);
    for (const [f, kind] of [[NATIONAL_FILES.person, 'national-person'], [NATIONAL_FILES.household, 'national-household'], [NATIONAL_FILES.work, 'national-work'], [NATIONAL_FILES.plan, 'national-work-plan'], [NATIONAL_FILES.village, 'national-village']] as const) {
      const a = await readTable(join(g.dir, f), kind);
      const b = await readTable(join(out, f), kind);
      expect(b.headerRows, f).toEqual([3]);
      expect(b.title, f).toBe(a.title);
      expect(b.header, f).toEqual(a.header);
      expect(b.rows, f).toEqual(a.rows);
    }
    // a person changed since the import is written as the registry now holds it, in the preferred spelling
    const someone = await db.selectFrom('person').select(['id', 'householdId']).where('relationToHead', '=', 'father').executeTakeFirstOrThrow();
    await db.updateTable('person').set({ relationToHead: 'sibling' }).where('id', '=', someone.id).execute();
    await services.nationalExport.exportTable(actor, 'national-person', join(out, 'changed.xlsx'), { year: 2025, reason: '县级数据往返核对' });
    const changed = await readTable(join(out, 'changed.xlsx'), 'national-person');
    const col = changed.header.indexOf('与户主关系');
    expect(changed.rows.filter((r) => r[col] === '之兄弟姐妹').length - (await readTable(join(out, NATIONAL_FILES.person), 'national-person')).rows.filter((r) => r[col] === '之兄弟姐妹').length).toBe(1);
    await db.updateTable('person').set({ relationToHead: 'father' }).where('id', '=', someone.id).execute();
  }, 180_000);

  describe('a value outside every vocabulary', () => {
    it('holds the row (and, for a head, the household) naming column, value and every accepted spelling; nothing of the household is written', async () => {
      const a = idNumber('522633', '19700101', 11);
      const b = idNumber('522633', '19720202', 22);
      const csv = join(tmp, `held-${dialect}.csv`);
      writeFileSync(csv, ['县,乡,村,户编号,证件号码,姓名,与户主关系,健康状况', `从江县,丙妹镇,岜沙村,HX1,${a},测户主,户主,很健康`, `从江县,丙妹镇,岜沙村,HX1,${b},测配偶,配偶,健康`].join('\n'));
      const r = await services.intake.preview(actor, { path: csv, fileName: 'held.csv' }, { kind: 'national-person' });
      expect(r.counts).toMatchObject({ rows: 2, add: 0, hold: 2, reject: 0 });
      const p = r.problems.find((x) => x.code === 'VALUE_NOT_IN_VOCABULARY')!;
      expect(p).toMatchObject({ row: 2, column: '健康状况', level: 'hold' });
      expect(p.message).toContain('“很健康”');
      for (const e of vocabulary('healthStatus')) expect(p.message).toContain(e.spelling);
      expect(r.problems.find((x) => x.row === 3)).toMatchObject({ code: 'HOUSEHOLD_HEAD_HELD', level: 'hold' });
      // every consequence of holding the head, for each person behind it
      const tail = '登记前,（务工月监测）已外出务工信息、计划外出务工信息中本人的行无法导入(报“登记中没有此证件号码的人员”)';
      expect(r.heldRows).toEqual([
        { row: 2, householdNo: 'HX1', reasons: ['VALUE_NOT_IN_VOCABULARY'], consequences: ['本行是户 HX1 的户主:整户暂不导入,第 3 行的成员随户主等待核实', tail] },
        { row: 3, householdNo: 'HX1', reasons: ['HOUSEHOLD_HEAD_HELD'], consequences: ['户 HX1 的户主(第 2 行)待核实:本行随户主暂不导入,户主核实后随户导入', tail] },
      ]);
      const c = await services.intake.commit(actor, { path: csv, fileName: 'held.csv' }, { kind: 'national-person' });
      expect(await db.selectFrom('household').select('id').where('householdNo', '=', 'HX1').execute()).toEqual([]);
      const held = await services.intake.heldRows(actor, c.batchId!);
      expect(held.map((h) => [h.row, h.consequences![0]])).toEqual([[2, r.heldRows![0]!.consequences[0]], [3, r.heldRows![1]!.consequences[0]]]);
    });
  });
});

forEachDialect('national exports of a county that is not a key county', (dialect) => {
  let services: Services;
  let db: Db;
  let drop: () => Promise<void>;
  let g: GeneratedExport;
  // 开阳县 520121 (贵阳市) is in the shipped code list but not among the 160 key counties: the designation is a
  // label, not a gate (issue 8 "any county")
  beforeAll(async () => {
    ({ services, db, drop } = await newTestServices(dialect));
    await services.regions.ensureReferenceData();
    const dir = mkdtempSync(join(tmp, `${dialect}-kaiyang-`));
    g = await generateNationalExport(dir, { households: 40, county: '520121' });
  });
  afterAll(async () => {
    await drop?.();
  });

  it('all five tables go in with no refusal and nothing held, under the county\'s own village codes', async () => {
    expect(await db.selectFrom('designation').select('countyCode').where('countyCode', '=', '520121').execute()).toEqual([]);
    const person = await services.intake.commit(actor, file(g, NATIONAL_FILES.person), { kind: 'national-person', year: 2025 });
    expect(person.problems.filter((p) => p.level !== 'warning')).toEqual([]);
    expect(person.counts).toMatchObject({ rows: g.persons, add: g.persons, hold: 0, reject: 0, households: { add: g.households } });
    for (const [name, kind] of [[NATIONAL_FILES.household, 'national-household'], [NATIONAL_FILES.work, 'national-work'], [NATIONAL_FILES.plan, 'national-work-plan'], [NATIONAL_FILES.village, 'national-village']] as const) {
      const r = await services.intake.commit(actor, file(g, name), { kind });
      expect(r.problems.filter((p) => p.level !== 'warning'), name).toEqual([]);
      expect(r.counts, name).toMatchObject({ hold: 0, reject: 0 });
    }
    const villages = await db.selectFrom('household').select('villageCode').distinct().execute();
    expect(villages.length).toBe(g.villages);
    expect(villages.every((v) => v.villageCode.startsWith('520121') && v.villageCode.length === 12)).toBe(true);
  }, 180_000);
});
