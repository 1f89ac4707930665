/**
 * RegistryService on both dialects: registering households in real villages of 从江县 (522633), reading
 * them back masked, every validation error with its path, conflicts, all-or-nothing batches, facts and
 * recordIncome. Clock: TEST_NOW (2026-03-15); default year 2025.
 *
 * Threshold in force for 522633 in 2025: no Guizhou value for 2024 or 2025 ships, so the 2023 value of
 * 7,300 yuan (730,000 fen) is carried forward as a placeholder (data/monitoring-thresholds.csv).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect, newTestServices } from '../../../test/harness';
import { FULL_ID_PATTERN, head, household, idNumber, income, person, VILLAGES, withWrongCheck } from '../../../test/fixtures/registry';
import type { Db } from '../db/connect';
import type { Services } from '../container';
import { AppError } from '../errors';
import { RegionRepository } from '../repositories/region.repository';
import { NATIONAL_SCOPE, regionScope } from '../repositories/scope';

async function counts(db: Db): Promise<{ households: number; persons: number; incomes: number; facts: number }> {
  const n = async (t: 'household' | 'person' | 'incomeRecord' | 'householdFact') => Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { households: await n('household'), persons: await n('person'), incomes: await n('incomeRecord'), facts: await n('householdFact') };
}

/** The AppError a promise rejects with. */
async function appError(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}
const fields = (e: AppError) => ((e.details as { issues: { field: string; message: string }[] }).issues ?? []).map((i) => i.field);

forEachDialect('RegistryService', (dialect) => {
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

  describe('villages of 从江县', () => {
    it('the county, its township 丙妹镇 and the village 岜沙村 are loaded', async () => {
      const regions = new RegionRepository(db);
      const townships = await regions.children('522633');
      expect(townships.map((t) => t.code)).toContain('522633100');
      expect(townships.find((t) => t.code === '522633100')?.name).toBe('丙妹镇');
      const villages = await regions.children('522633100');
      expect(villages.find((v) => v.code === VILLAGES.basha)).toMatchObject({ name: '岜沙村村民委员会', level: 'village', parentCode: '522633100' });
      expect(villages.find((v) => v.code === VILLAGES.darong)?.level).toBe('village');
    });
  });

  describe('registering and reading back', () => {
    // Household RA in 岜沙村: head born 1970-03-01 (seq 111, male), spouse with a wrong check character,
    // a daughter born 2015-05-01 in primary school.
    const headId = idNumber('522633', '19700301', 111);
    const spouseRightId = idNumber('522633', '19720402', 222);
    const spouseWrongId = withWrongCheck(spouseRightId);
    const childId = idNumber('522633', '20150501', 332);
    let raId = 0;
    let rbId = 0;

    it('registers two households and reports what it wrote', async () => {
      const before = await counts(db);
      const report = await services.registry.registerHouseholds(NATIONAL_SCOPE, [
        household('RA-001', VILLAGES.basha, [
          head({ idNumber: headId, name: '吴老岩', labourSkill: 'ordinary' }),
          person({ idNumber: spouseWrongId, name: '吴妻', relationToHead: 'spouse', labourSkill: 'weakOrHalf' }),
          person({ idNumber: childId, name: '吴女', relationToHead: 'daughter', labourSkill: 'none', schoolStage: 'primary' }),
        ], [
          // 2025: 2,000,000 + 500,000 − 200,000 + 0 + 100,000 = 2,400,000 fen; / 3 = 800,000
          income(2025, 2_000_000, { businessIncomeFen: 500_000, businessExpensesFen: 200_000, transferFen: 100_000, compliantOutOfPocketFen: 30_000 }),
          // 2024: 3,000,000 / 3 = 1,000,000
          income(2024, 3_000_000),
        ]),
        household('RA-002', VILLAGES.darong, [head({ idNumber: idNumber('522633', '19450817', 115), name: '潘阿婆', labourSkill: 'lost' })]),
      ]);
      expect(report.households).toBe(2);
      expect(report.persons).toBe(4);
      expect(report.idsToVerify).toBe(1);
      expect([...report.ids.keys()].sort()).toEqual(['RA-001', 'RA-002']);
      raId = report.ids.get('RA-001')!;
      rbId = report.ids.get('RA-002')!;
      const after = await counts(db);
      expect(after.households - before.households).toBe(2);
      expect(after.persons - before.persons).toBe(4);
      expect(after.incomes - before.incomes).toBe(2);
    });

    it('reads a household back with masked ID numbers, the check-failed status kept, and facts by hand', async () => {
      const d = await services.households.get(NATIONAL_SCOPE, raId);
      expect(d.householdNo).toBe('RA-001');
      expect(d.regionPath.map((r) => r.code)).toEqual(['52', '5226', '522633', '522633100', VILLAGES.basha]);
      const byName = new Map(d.members.map((m) => [m.name, m]));
      expect(byName.get('吴老岩')).toMatchObject({ idNumberMasked: `522633**********${headId.slice(-2)}`, idNumberStatus: 'valid', sex: 'male', birthDate: '1970-03-01', relationToHead: 'head' });
      // born 1970-03-01, on 2026-03-15: 56
      expect(byName.get('吴老岩')!.age).toBe(56);
      expect(byName.get('吴妻')).toMatchObject({ idNumberMasked: `522633**********${spouseWrongId.slice(-2)}`, idNumberStatus: 'checkFailed', sex: 'female', birthDate: '1972-04-02' });
      // sequence 332 → digit 17 = 2, even → female; born 2015-05-01, on 2026-03-15: 10
      expect(byName.get('吴女')).toMatchObject({ sex: 'female', age: 10, schoolStage: 'primary' });
      // facts of 2025: 2,400,000 / 3 = 800,000; labour: only the head (weak or half and none do not count)
      expect(d.facts).toEqual({ year: 2025, memberCount: 3, labourCount: 1, perCapitaNetIncomeFen: 800_000 });
      const inc2025 = d.incomes.find((i) => i.year === 2025)!;
      expect(inc2025).toMatchObject({ netIncomeFen: 2_400_000, perCapitaNetIncomeFen: 800_000, compliantOutOfPocketFen: 30_000 });
      expect(d.incomes.find((i) => i.year === 2024)).toMatchObject({ netIncomeFen: 3_000_000, perCapitaNetIncomeFen: 1_000_000 });
      expect(JSON.stringify(d)).not.toMatch(FULL_ID_PATTERN);
    });

    it('stores the wrong check character as typed (never corrected), only as hash and ciphertext', async () => {
      const rows = await db.selectFrom('person').select(['idHash', 'idCipher', 'idMasked', 'idStatus', 'name']).where('householdId', '=', raId).execute();
      const spouse = rows.find((r) => r.name === '吴妻')!;
      expect(services.ctx.ids.decrypt(spouse.idCipher)).toBe(spouseWrongId);
      expect(spouse.idHash).toBe(services.ctx.ids.hash(spouseWrongId));
      expect(spouse.idHash).not.toBe(services.ctx.ids.hash(spouseRightId));
      expect(spouse.idStatus).toBe('checkFailed');
      for (const r of rows) {
        expect(r.idMasked).toMatch(/^522633\*{10}[\dX]{2}$/);
        expect(r.idCipher).not.toContain('522633');
      }
    });

    it('screens the new households: verdicts of 2025 with the carried-forward placeholder threshold', async () => {
      const d = await services.households.get(NATIONAL_SCOPE, raId);
      const v = new Map(d.verdicts.map((x) => [x.ruleId, x]));
      // R01: 800,000 ≥ 730,000 → clear; the threshold is Guizhou 2023's value carried forward, a placeholder
      expect(v.get('R01')).toMatchObject({ outcome: 'clear', usesPlaceholderThreshold: true });
      expect(v.get('R01')!.explanation.threshold).toMatchObject({ valueFen: 730_000, status: 'placeholder' });
      // R02: band [730,000, 1,095,000); fall (1,000,000 − 800,000) / 1,000,000 = 20 % < 30 % → clear
      expect(v.get('R02')!.outcome).toBe('clear');
      // R03: one ordinary labourer → clear; R04: all insured, child in school → clear
      expect(v.get('R03')!.outcome).toBe('clear');
      expect(v.get('R04')!.outcome).toBe('clear');
      // R05: 30,000 × 100 = 3,000,000 < 50 × 2,400,000 → clear
      expect(v.get('R05')!.outcome).toBe('clear');
      // RA-002: one member who lost labour, no income: R03 noData (since version 2 it needs the income
      // within the near-threshold band, issue 16), R01 noData
      const b = new Map((await services.households.get(NATIONAL_SCOPE, rbId)).verdicts.map((x) => [x.ruleId, x.outcome]));
      expect(b.get('R03')).toBe('noData');
      expect(b.get('R01')).toBe('noData');
      expect(b.get('R05')).toBe('noData');
    });

    it('sex given in the input wins over the ID number only when given; absent, it comes from digit 17', async () => {
      const d = await services.households.get(NATIONAL_SCOPE, rbId);
      // seq 115: digit 17 = 5, odd → male
      expect(d.members[0]!.sex).toBe('male');
      expect(d.facts).toEqual({ year: 2025, memberCount: 1, labourCount: 0, perCapitaNetIncomeFen: null });
    });

    it('recordIncome updates the facts and the verdicts', async () => {
      // 2025 becomes 1,500,000 / 3 = 500,000 < 730,000 → R01 flagged
      await services.registry.recordIncome(NATIONAL_SCOPE, raId, income(2025, 1_500_000));
      const d = await services.households.get(NATIONAL_SCOPE, raId);
      expect(d.facts?.perCapitaNetIncomeFen).toBe(500_000);
      const v = new Map(d.verdicts.map((x) => [x.ruleId, x.outcome]));
      expect(v.get('R01')).toBe('flagged');
      // R02 needs cur ≥ t: 500,000 < 730,000 → clear
      expect(v.get('R02')).toBe('clear');
      const list = await services.households.list(NATIONAL_SCOPE, { sort: 'householdNo', order: 'asc', limit: 20, q: 'RA-001' });
      expect(list.items).toHaveLength(1);
      expect(list.items[0]!.perCapitaNetIncomeFen).toBe(500_000);
      expect(list.items[0]!.flaggedRules).toEqual(['R01']);
    });

    it('recordIncome for a household without income: INCOME_MISSING becomes a figure', async () => {
      // RA-002: 1 member, 650,000 → R01 flagged (650,000 < 730,000)
      await services.registry.recordIncome(NATIONAL_SCOPE, rbId, income(2025, 650_000));
      const d = await services.households.get(NATIONAL_SCOPE, rbId);
      expect(d.facts?.perCapitaNetIncomeFen).toBe(650_000);
      expect(d.verdicts.find((x) => x.ruleId === 'R01')?.outcome).toBe('flagged');
    });

    it('recordIncome for a new year keeps the previous year as R02 input', async () => {
      // 2024 of RA-002: 1,000,000; 2025 is 650,000 < t → R02 still clear, but the input is recorded
      await services.registry.recordIncome(NATIONAL_SCOPE, rbId, income(2024, 1_000_000));
      const d = await services.households.get(NATIONAL_SCOPE, rbId);
      const r02 = d.verdicts.find((x) => x.ruleId === 'R02')!;
      expect(r02.explanation.inputs.find((i) => i.key === 'prevPerCapitaNetIncomeFen')?.value).toBe(1_000_000);
      expect(r02.explanation.inputs.find((i) => i.key === 'fallPercent')?.value).toBe(35);
    });

    it('recordIncome with a stale version is a conflict and changes nothing', async () => {
      const before = (await db.selectFrom('household').select('version').where('id', '=', raId).executeTakeFirstOrThrow()).version;
      const e = await appError(services.registry.recordIncome(NATIONAL_SCOPE, raId, income(2025, 9_000_000), before - 1));
      expect(e.code).toBe('conflict');
      expect(e.status).toBe(409);
      expect((await services.households.get(NATIONAL_SCOPE, raId)).facts?.perCapitaNetIncomeFen).toBe(500_000);
      // the right version is accepted and bumps it by one
      await services.registry.recordIncome(NATIONAL_SCOPE, raId, income(2025, 1_500_000), before);
      expect((await db.selectFrom('household').select('version').where('id', '=', raId).executeTakeFirstOrThrow()).version).toBe(before + 1);
    });

    it('recordIncome rejects negative expenses and unknown or out-of-scope households', async () => {
      const bad = await appError(services.registry.recordIncome(NATIONAL_SCOPE, raId, income(2025, 1, { businessExpensesFen: -1 })));
      expect(bad.code).toBe('validation_error');
      expect(fields(bad)).toContain('businessExpensesFen');
      expect((await appError(services.registry.recordIncome(NATIONAL_SCOPE, 999_999, income(2025, 1)))).code).toBe('not_found');
      // 榕江县's scope does not reach a 从江县 household: not found
      expect((await appError(services.registry.recordIncome(regionScope('522632'), raId, income(2025, 1)))).code).toBe('not_found');
    });
  });

  describe('errors: nothing of a failed batch is written', () => {
    const good = () => household(`OK-${Math.random().toString(36).slice(2, 8)}`, VILLAGES.basha, [head({ birth: '19810101' })], [income(2025, 1_000_000)]);

    async function expectNothingWritten(run: () => Promise<unknown>): Promise<AppError> {
      const before = await counts(db);
      const e = await appError(run());
      expect(await counts(db)).toEqual(before);
      return e;
    }

    it('two heads in one household', async () => {
      const e = await expectNothingWritten(() =>
        services.registry.registerHouseholds(NATIONAL_SCOPE, [good(), household('E-HEADS', VILLAGES.basha, [head({ birth: '19800202' }), head({ birth: '19800203' })])]),
      );
      expect(e.code).toBe('validation_error');
      expect(e.status).toBe(400);
      expect(fields(e)).toEqual(['[1].members']);
      expect(e.message).toContain('户主');
    });

    it('no head among members', async () => {
      const e = await expectNothingWritten(() => services.registry.registerHouseholds(NATIONAL_SCOPE, [household('E-NOHEAD', VILLAGES.basha, [person({ birth: '19800204' })])]));
      expect(fields(e)).toEqual(['[0].members']);
    });

    it('an unknown village', async () => {
      const e = await expectNothingWritten(() => services.registry.registerHouseholds(NATIONAL_SCOPE, [good(), household('E-VIL', '522633100999', [head({ birth: '19800205' })])]));
      expect(e.code).toBe('validation_error');
      expect(fields(e)).toEqual(['[1].villageCode']);
    });

    it('a township code where a village is needed is rejected by shape', async () => {
      const e = await expectNothingWritten(() => services.registry.registerHouseholds(NATIONAL_SCOPE, [household('E-TWP', '522633100', [head({ birth: '19800206' })])]));
      expect(fields(e)).toEqual(['[0].villageCode']);
    });

    it('a village outside the caller’s scope', async () => {
      const e = await expectNothingWritten(() => services.registry.registerHouseholds(regionScope('522632'), [household('E-SCOPE', VILLAGES.basha, [head({ birth: '19800207' })])]));
      expect(fields(e)).toEqual(['[0].villageCode']);
      expect(e.message).toContain('管辖范围');
    });

    it('an ID number with an impossible date (1999-02-30)', async () => {
      const e = await expectNothingWritten(() =>
        services.registry.registerHouseholds(NATIONAL_SCOPE, [good(), household('E-DATE', VILLAGES.basha, [head({ birth: '19800208' }), person({ idNumber: '522633199902301019' })])]),
      );
      expect(fields(e)).toEqual(['[1].members[1].idNumber']);
      expect(e.message).toContain('出生日期');
    });

    it('an ID number in scientific notation', async () => {
      const e = await expectNothingWritten(() => services.registry.registerHouseholds(NATIONAL_SCOPE, [household('E-SCI', VILLAGES.basha, [head({ idNumber: '5.22633E+17' })])]));
      expect(fields(e)).toEqual(['[0].members[0].idNumber']);
      expect(e.message).toContain('科学计数法');
    });

    it('the same person twice in one batch, spelt x and X', async () => {
      const e = await expectNothingWritten(() =>
        services.registry.registerHouseholds(NATIONAL_SCOPE, [
          household('E-DUP-A', VILLAGES.basha, [head({ idNumber: '52263319850312003X' })]),
          household('E-DUP-B', VILLAGES.darong, [head({ idNumber: '52263319850312003x' })]),
        ]),
      );
      expect(e.code).toBe('validation_error');
      expect(fields(e)).toEqual(['[1].members[0].idNumber']);
      expect(e.message).toContain('[0].members[0]');
    });

    it('the same person twice in one household', async () => {
      const id = idNumber('522633', '19800209', 17);
      const e = await expectNothingWritten(() => services.registry.registerHouseholds(NATIONAL_SCOPE, [household('E-DUP-C', VILLAGES.basha, [head({ idNumber: id }), person({ idNumber: id })])]));
      expect(fields(e)).toEqual(['[0].members[1].idNumber']);
    });

    it('a person already registered in another household is a conflict', async () => {
      const id = idNumber('522633', '19800210', 19);
      await services.registry.registerHouseholds(NATIONAL_SCOPE, [household('E-PRE-1', VILLAGES.basha, [head({ idNumber: id })])]);
      const e = await expectNothingWritten(() => services.registry.registerHouseholds(NATIONAL_SCOPE, [good(), household('E-PRE-2', VILLAGES.darong, [head({ idNumber: id })])]));
      expect(e.code).toBe('conflict');
      expect(e.status).toBe(409);
    });

    it('a duplicate household number: conflict against the registry, validation error inside the batch', async () => {
      const e = await expectNothingWritten(() => services.registry.registerHouseholds(NATIONAL_SCOPE, [good(), household('RA-001', VILLAGES.basha, [head({ birth: '19800211' })])]));
      expect(e.code).toBe('conflict');
      expect(e.status).toBe(409);
      expect(e.message).toContain('RA-001');
      const twice = await expectNothingWritten(() =>
        services.registry.registerHouseholds(NATIONAL_SCOPE, [household('E-NO', VILLAGES.basha, [head({ birth: '19800212' })]), household('E-NO', VILLAGES.basha, [head({ birth: '19800213' })])]),
      );
      expect(twice.code).toBe('validation_error');
      expect(fields(twice)).toEqual(['[1].householdNo']);
    });

    it('bad fields are named by path, and every problem of the batch is listed', async () => {
      const e = await expectNothingWritten(() =>
        services.registry.registerHouseholds(NATIONAL_SCOPE, [
          household('E-F1', VILLAGES.basha, [head({ birth: '19800214', labourSkill: 'strong' as never })]),
          household('E-F2', VILLAGES.basha, [head({ birth: '19800215' })], [income(2025, 1.5)]),
        ]),
      );
      expect(e.code).toBe('validation_error');
      expect(fields(e)).toEqual(['[0].members.0.labourSkill', '[1].incomes.0.wageFen']);
    });

    it('an unstable-lifted category on an ordinary household', async () => {
      const e = await expectNothingWritten(() =>
        services.registry.registerHouseholds(NATIONAL_SCOPE, [household('E-CAT', VILLAGES.basha, [head({ birth: '19800216' })], [], { monitoredCategory: 'unstableLifted', householdType: 'ordinaryRural' })]),
      );
      expect(fields(e)).toEqual(['[0].monitoredCategory']);
    });
  });

  describe('facts maintained at write time', () => {
    it('stores facts for every income year and the default year', async () => {
      const r = await services.registry.registerHouseholds(NATIONAL_SCOPE, [
        household('F-001', VILLAGES.guandong, [head({ birth: '19750101' }), person({ birth: '19760101' }), person({ birth: '20190901', relationToHead: 'son', labourSkill: 'none' })], [
          // 2023: 1,000,001 / 3 = 333,333.67 → 333,334
          income(2023, 1_000_001),
        ]),
      ]);
      const id = r.ids.get('F-001')!;
      const facts = await db.selectFrom('householdFact').selectAll().where('householdId', '=', id).orderBy('year').execute();
      expect(facts.map((f) => f.year)).toEqual([2023, 2025]);
      expect(facts[0]).toMatchObject({ memberCount: 3, labourCount: 2, netIncomeFen: 1_000_001, perCapitaNetIncomeFen: 333_334, incomeIssue: null });
      // 2025 has no record: INCOME_MISSING; the son is 6 on 2025-09-01 and not in school
      expect(facts[1]).toMatchObject({ perCapitaNetIncomeFen: null, netIncomeFen: null, incomeIssue: 'INCOME_MISSING', childrenOutOfSchool: 1 });
      const d = await services.households.get(NATIONAL_SCOPE, id);
      expect(d.verdicts.find((v) => v.ruleId === 'R04')?.outcome).toBe('flagged');
      expect(d.verdicts.find((v) => v.ruleId === 'R01')?.outcome).toBe('noData');
    });

    it('a household with no members has HOUSEHOLD_NO_MEMBERS, never a per-capita of 0', async () => {
      const r = await services.registry.registerHouseholds(NATIONAL_SCOPE, [household('F-002', VILLAGES.guandong, [], [income(2025, 900_000)])]);
      const f = await db.selectFrom('householdFact').selectAll().where('householdId', '=', r.ids.get('F-002')!).where('year', '=', 2025).executeTakeFirstOrThrow();
      expect(f).toMatchObject({ memberCount: 0, netIncomeFen: 900_000, perCapitaNetIncomeFen: null, incomeIssue: 'HOUSEHOLD_NO_MEMBERS' });
    });
  });
});
