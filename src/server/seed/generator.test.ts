/**
 * Tests of the demo-population generator: determinism, shape (householdInput), ID numbers, spread,
 * family consistency, schooling, labour, monitoring and income calibration. All people are invented.
 */
import { describe, it, expect } from 'vitest';
import { householdInput, type HouseholdData } from '../../shared/registry';
import { ageOn, checkIdNumber } from '../domain/id-number';
import { generateHouseholds, type SeedOptions, type SeedVillage } from './generator';
import { DEMO_COUNTIES, syntheticVillages } from './demo-villages';
import { Random } from './random';

const villages: SeedVillage[] = syntheticVillages(DEMO_COUNTIES, 20); // 160 villages in 8 counties
const opts: SeedOptions = { seed: 42, targetPersons: 60_000, years: [2024, 2025], asOf: '2025-12-31' };
const all: HouseholdData[] = [...generateHouseholds(villages, opts)];
const SCHOOL_DAY = '2025-09-01';

/** Birth date of a member from the ID number (the only place the register keeps it). */
function birthOf(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}
function first<T>(it: Iterable<T>, n: number): T[] {
  const out: T[] = [];
  for (const x of it) {
    if (out.length >= n) break;
    out.push(x);
  }
  return out;
}

describe('Random', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = new Random(7);
    const b = new Random(7);
    const c = new Random(8);
    const xs = Array.from({ length: 5 }, () => a.uint32());
    expect(Array.from({ length: 5 }, () => b.uint32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.uint32())).not.toEqual(xs);
    for (let i = 0; i < 1000; i++) {
      const x = a.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      const k = a.int(3, 5);
      expect(k >= 3 && k <= 5).toBe(true);
    }
  });
});

describe('generateHouseholds', () => {
  it('is deterministic: the same seed gives the same first 50 households; another seed does not', () => {
    const a = first(generateHouseholds(villages, opts), 50);
    const b = first(generateHouseholds(villages, opts), 50);
    expect(a).toEqual(b);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const c = first(generateHouseholds(villages, { ...opts, seed: 43 }), 50);
    expect(c).not.toEqual(a);
  });

  it('yields households that pass householdInput.parse, with every default already filled', () => {
    expect(all.map((h) => householdInput.parse(h))).toEqual(all);
  });

  it('generates the target number of persons (within 1%) over every village, evenly per county', () => {
    const persons = all.reduce((s, h) => s + h.members.length, 0);
    expect(Math.abs(persons - opts.targetPersons)).toBeLessThanOrEqual(opts.targetPersons * 0.01);
    const perVillage = new Map<string, number>();
    const perCounty = new Map<string, number>();
    for (const h of all) {
      perVillage.set(h.villageCode, (perVillage.get(h.villageCode) ?? 0) + 1);
      perCounty.set(h.villageCode.slice(0, 6), (perCounty.get(h.villageCode.slice(0, 6)) ?? 0) + h.members.length);
    }
    expect(perVillage.size).toBe(villages.length);
    const share = opts.targetPersons / DEMO_COUNTIES.length;
    for (const n of perCounty.values()) expect(Math.abs(n - share)).toBeLessThan(share * 0.02);
    expect(new Set(all.map((h) => h.householdNo)).size).toBe(all.length);
    for (const h of all) expect(h.householdNo.startsWith(h.villageCode)).toBe(true);
  });

  it('honours a tiny target exactly, over a sample of villages; a large one reaches every village', () => {
    const few = [...generateHouseholds(villages.slice(0, 5), { ...opts, targetPersons: 3 })];
    // 3 persons cannot fill 5 villages: the total stays exact and at most 3 villages get a household
    expect(few.reduce((s, h) => s + h.members.length, 0)).toBe(3);
    expect(new Set(few.map((h) => h.villageCode)).size).toBeLessThanOrEqual(3);
    // 5 villages × 40 persons: each village's share (40) exceeds the largest household (8)
    const many = [...generateHouseholds(villages.slice(0, 5), { ...opts, targetPersons: 200 })];
    expect(new Set(many.map((h) => h.villageCode)).size).toBe(5);
    const one = [...generateHouseholds(villages.slice(0, 1), { ...opts, targetPersons: 10 })];
    expect(one.reduce((s, h) => s + h.members.length, 0)).toBe(10);
  });

  it('makes unique, checkable ID numbers: county prefix, birth date, sex parity; ~0.3% wrong check characters among older people', () => {
    const seen = new Set<string>();
    const problems: string[] = [];
    let bad = 0;
    let persons = 0;
    for (const h of all) {
      for (const p of h.members) {
        persons++;
        if (seen.has(p.idNumber)) problems.push(`duplicate ${p.idNumber}`);
        seen.add(p.idNumber);
        if (p.idNumber.slice(0, 6) !== h.villageCode.slice(0, 6)) problems.push(`${p.idNumber}: region is not the county of ${h.villageCode}`);
        const r = checkIdNumber(p.idNumber, opts.asOf);
        if (!r.ok || r.idNumber !== p.idNumber) problems.push(`${p.idNumber}: not storable (${r.errors.join(',')})`);
        if (r.sex !== p.sex) problems.push(`${p.idNumber}: sex ${r.sex} ≠ ${p.sex}`);
        if (r.status !== 'valid') {
          bad++;
          // only people who could have held a first-generation 15-digit number
          if (r.status !== 'checkFailed' || Number(p.idNumber.slice(6, 10)) > 1983) problems.push(`${p.idNumber}: unexpected ${r.status}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(bad / persons).toBeGreaterThan(0.001);
    expect(bad / persons).toBeLessThan(0.006);
  });

  it('has exactly one head per household, first, and ages consistent with relations', () => {
    const problems: string[] = [];
    const MALE = new Set(['son', 'grandson', 'father', 'sonInLaw']);
    const FEMALE = new Set(['daughter', 'granddaughter', 'mother', 'daughterInLaw']);
    for (const h of all) {
      const say = (m: string): void => void problems.push(`${h.householdNo}: ${m}`);
      if (h.members.length < 1 || h.members.length > 8) say(`size ${h.members.length}`);
      if (h.members.filter((p) => p.relationToHead === 'head').length !== 1) say('not exactly one head');
      if (h.members.filter((p) => p.relationToHead === 'spouse').length > 1) say('two spouses');
      const head = h.members[0]!;
      if (head.relationToHead !== 'head') say('head not first');
      const headAge = ageOn(birthOf(head.idNumber), opts.asOf);
      if (headAge < 25 || headAge > 85) say(`head aged ${headAge}`);
      for (const p of h.members.slice(1)) {
        const gap = headAge - ageOn(birthOf(p.idNumber), opts.asOf);
        const r = p.relationToHead;
        if (r === 'spouse' && (Math.abs(gap) > 5 || p.sex === head.sex)) say(`spouse gap ${gap}`);
        if ((r === 'son' || r === 'daughter') && (gap < 20 || gap > 45)) say(`child gap ${gap}`);
        if ((r === 'grandson' || r === 'granddaughter') && gap < 40) say(`grandchild gap ${gap}`);
        if ((r === 'father' || r === 'mother') && gap > -20) say(`parent gap ${gap}`);
        if ((MALE.has(r) && p.sex !== 'male') || (FEMALE.has(r) && p.sex !== 'female')) say(`${r} of sex ${p.sex}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps school stages consistent with age, and compulsory-age children mostly in school', () => {
    const problems: string[] = [];
    const range: Partial<Record<string, [number, number]>> = {
      preschoolChild: [-1, 5] /* born after 1 September */, preschool: [3, 5], primary: [6, 11], juniorSecondary: [12, 15],
      seniorSecondary: [15, 18], vocationalSecondary: [15, 18], vocationalCollege: [18, 22], undergraduate: [18, 22],
    };
    let compulsory = 0;
    let out = 0;
    for (const h of all) {
      for (const p of h.members) {
        const a = ageOn(birthOf(p.idNumber), SCHOOL_DAY);
        if (a >= 6 && a <= 15) {
          compulsory++;
          if (p.schoolStage === 'notInSchool') out++;
        }
        const r = range[p.schoolStage];
        if (r && (a < r[0] || a > r[1])) problems.push(`${p.idNumber}: ${p.schoolStage} at ${a}`);
        if (a < 6 && p.education !== null) problems.push(`${p.idNumber}: education at ${a}`);
      }
    }
    expect(problems).toEqual([]);
    expect(compulsory).toBeGreaterThan(1000);
    expect(out / compulsory).toBeLessThan(0.01);
  });

  it('records no dropout that an earlier income year would count as compulsory-age (roster as of a later day)', () => {
    const later: SeedOptions = { ...opts, asOf: '2026-11-29' };
    const problems: string[] = [];
    let deliberate = 0;
    for (const h of generateHouseholds(villages.slice(0, 40), { ...later, targetPersons: 20_000 })) {
      for (const p of h.members) {
        if (p.schoolStage !== 'notInSchool') continue;
        const birth = birthOf(p.idNumber);
        const now = ageOn(birth, '2026-09-01');
        if (now >= 6 && now <= 15) deliberate++;
        for (const y of later.years) {
          const then = ageOn(birth, `${y}-09-01`);
          // out of school at compulsory age in an income year: only the deliberate cases, still of compulsory age now
          if (then >= 6 && then <= 15 && !(now >= 6 && now <= 15)) problems.push(`${p.idNumber}: out of school, aged ${then} in ${y}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(deliberate).toBeLessThan(40);
  });

  it('keeps labour skill consistent with age, schooling and health', () => {
    const problems: string[] = [];
    for (const h of all) {
      for (const p of h.members) {
        const a = ageOn(birthOf(p.idNumber), opts.asOf);
        const say = (m: string): void => void problems.push(`${p.idNumber} (${a}, ${p.healthStatus}, ${p.labourSkill}): ${m}`);
        if ((a < 16 || a > 70) && p.labourSkill !== 'none') say('should be none');
        if ((p.healthStatus === 'disabled') !== (p.disabilityGrade !== null)) say('grade without disability or the reverse');
        if ((p.healthStatus === 'disabled' || p.healthStatus === 'seriousIllness') && (p.labourSkill === 'ordinary' || p.labourSkill === 'skilled')) say('ill or disabled as full labour');
        if (p.healthStatus === 'healthy' && a >= 16 && a <= 60 && p.labourSkill === 'weakOrHalf') say('healthy as weak labour');
      }
    }
    expect(problems).toEqual([]);
  });

  it('a household of four or more with a weak labourer of working age who is not ill or disabled has labour (issue 16)', () => {
    for (const h of all) {
      if (h.members.length < 4) continue;
      const labour = h.members.some((p) => p.labourSkill === 'ordinary' || p.labourSkill === 'skilled');
      const promotable = h.members.some((p) => p.labourSkill === 'weakOrHalf' && ageOn(birthOf(p.idNumber), opts.asOf) <= 60 && (p.healthStatus === 'healthy' || p.healthStatus === 'chronicIllness'));
      expect(labour || !promotable, h.householdNo).toBe(true);
    }
  });

  it('a business loses at most 12,000 yuan beyond its gross income in a year (issue 16: no −57,906 yuan per person; × 1.3 for the growth of later years)', () => {
    for (const h of all) for (const i of h.incomes) expect(i.businessExpensesFen - i.businessIncomeFen, h.householdNo).toBeLessThanOrEqual(12_000_00 * 1.3);
  });

  it('records monitoring consistently: categories by household type, 1–3 risks, months in order', () => {
    let monitored = 0;
    let eliminated = 0;
    for (const h of all) {
      if (!h.monitoredCategory) {
        expect(h.riskTypes).toEqual([]);
        expect(h.identifiedMonth).toBeNull();
        expect(h.riskEliminated).toBe(false);
        continue;
      }
      monitored++;
      if (h.monitoredCategory === 'unstableLifted') expect(h.householdType).toBe('liftedOutOfPoverty');
      if (h.monitoredCategory === 'marginalVulnerable') expect(h.householdType).toBe('ordinaryRural');
      expect(h.riskTypes.length).toBeGreaterThanOrEqual(1);
      expect(h.riskTypes.length).toBeLessThanOrEqual(3);
      expect(new Set(h.riskTypes).size).toBe(h.riskTypes.length);
      expect(h.identifiedMonth! >= '2021-06' && h.identifiedMonth! <= '2025-10').toBe(true);
      const labour = h.members.filter((p) => p.labourSkill === 'ordinary' || p.labourSkill === 'skilled').length;
      if (h.riskTypes.includes('lackOfLabour')) expect(labour * 4).toBeLessThanOrEqual(h.members.length);
      if (h.riskTypes.includes('illness')) expect(h.members.some((p) => p.healthStatus === 'seriousIllness' || p.healthStatus === 'chronicIllness')).toBe(true);
      if (h.riskTypes.includes('disability')) expect(h.members.some((p) => p.healthStatus === 'disabled')).toBe(true);
      if (h.riskTypes.includes('unstableEmployment')) expect(h.members.some((p) => p.workPlace !== null)).toBe(true);
      if (h.riskEliminated) {
        eliminated++;
        expect(h.eliminationMode).not.toBeNull();
        const [iy, im] = h.identifiedMonth!.split('-').map(Number) as [number, number];
        const [ey, em] = h.eliminatedMonth!.split('-').map(Number) as [number, number];
        expect(ey * 12 + em - (iy * 12 + im)).toBeGreaterThanOrEqual(6);
        expect(h.eliminatedMonth! <= '2025-12').toBe(true);
        expect(h.dangerousHouse).toBe(false);
        expect(h.safeDrinkingWater).toBe(true);
      } else {
        expect(h.eliminationMode).toBeNull();
        expect(h.eliminatedMonth).toBeNull();
      }
    }
    expect(monitored / all.length).toBeGreaterThan(0.04);
    expect(monitored / all.length).toBeLessThan(0.08);
    expect(eliminated / monitored).toBeGreaterThan(0.45);
    expect(eliminated / monitored).toBeLessThan(0.75);
  });

  it('calibrates income: wage over 70% of lifted households’ total income, lifted mean near 16–17.5k yuan, a few below the thresholds', () => {
    let wage = 0;
    let total = 0;
    let net2024 = 0;
    let liftedPersons = 0;
    let below = 0;
    let falls = 0;
    let negative = 0;
    const problems: string[] = [];
    for (const h of all) {
      if (h.incomes.map((i) => i.year).join() !== '2024,2025') problems.push(`${h.householdNo}: years`);
      const n = h.members.length;
      const nets = h.incomes.map((i) => i.wageFen + i.businessIncomeFen - i.businessExpensesFen + i.propertyFen + i.transferFen);
      for (const i of h.incomes) {
        for (const v of [i.wageFen, i.businessIncomeFen, i.businessExpensesFen, i.propertyFen, i.transferFen, i.compliantOutOfPocketFen]) {
          if (!Number.isSafeInteger(v)) problems.push(`${h.householdNo}: ${v} is not integer fen`);
        }
      }
      if (h.householdType === 'liftedOutOfPoverty') {
        for (const i of h.incomes) {
          wage += i.wageFen;
          // total income: all income before business expenses
          total += i.wageFen + i.businessIncomeFen + i.propertyFen + i.transferFen;
        }
        net2024 += nets[0]!;
        liftedPersons += n;
      }
      if (nets[1]! / n < 870_000) below++;
      if (nets[1]! < 0) negative++;
      if (nets[0]! > 0 && (nets[0]! - nets[1]!) / nets[0]! >= 0.3) falls++;
      if (h.members.some((p) => p.healthStatus === 'seriousIllness') && h.incomes.some((i) => i.compliantOutOfPocketFen <= 0)) problems.push(`${h.householdNo}: serious illness without out-of-pocket spending`);
    }
    expect(problems).toEqual([]);
    expect(wage / total).toBeGreaterThan(0.7);
    const perCapitaYuan = net2024 / liftedPersons / 100;
    expect(perCapitaYuan).toBeGreaterThan(15_000);
    expect(perCapitaYuan).toBeLessThan(18_000);
    expect(below / all.length).toBeGreaterThan(0.01);
    expect(below / all.length).toBeLessThan(0.1);
    expect(falls / all.length).toBeGreaterThan(0.005);
    expect(falls / all.length).toBeLessThan(0.05);
    expect(negative / all.length).toBeLessThan(0.005);
  });

  it('names people from the pools, with some middle-dot and some non-BMP names, and no two alike in a household', () => {
    const names = all.flatMap((h) => h.members.map((p) => p.name));
    expect(names.every((n) => n.length >= 1 && n.length <= 64)).toBe(true);
    expect(names.some((n) => n.includes('·'))).toBe(true);
    expect(names.some((n) => /[\u{10000}-\u{10FFFF}]/u.test(n))).toBe(true);
    const clashes = all.filter((h) => new Set(h.members.map((p) => p.name)).size !== h.members.length).length;
    expect(clashes / all.length).toBeLessThan(0.001);
  });

  it('returns incomes in the order of opts.years and rejects bad input', () => {
    const h = first(generateHouseholds(villages, { ...opts, years: [2025, 2024] }), 1)[0]!;
    expect(h.incomes.map((i) => i.year)).toEqual([2025, 2024]);
    expect(() => first(generateHouseholds([], opts), 1)).toThrow(RangeError);
    expect(() => first(generateHouseholds(villages, { ...opts, years: [2026] }), 1)).toThrow(RangeError);
    expect(() => first(generateHouseholds([{ code: '522633101201', countyCode: '513431', provinceCode: '51' }], opts), 1)).toThrow(RangeError);
    expect(() => first(generateHouseholds(villages, { ...opts, targetPersons: 0 }), 1)).toThrow(RangeError);
  });
});
