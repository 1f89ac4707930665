/**
 * Demo-population generator: invented households, members and income records for the villages of the
 * key counties, shaped like the national monitoring system's data (see
 * /work/shared/formats/national-system-exports.md) and calibrated to the targets in
 * data/seed-calibration.csv (knobs in ./calibration.ts).
 *
 * ALL PEOPLE ARE INVENTED. Names, ID numbers, ages and incomes are drawn at random; any match with a real
 * person or a real ID number is chance.
 *
 * Pure and deterministic: no I/O, no clock, no Math.random. The same villages (in the same order) and
 * options give the same households, in the same order, field for field.
 *
 * Deliberate defects, to exercise the software:
 * - About 0.3% of persons, all born 1983 or earlier, get an ID number whose check character is wrong.
 *   Real registers hold such numbers: first-generation 15-digit numbers (issued until 1999 to people
 *   aged 16 or more) were later upgraded to 18 digits, and some upgraded numbers fail the check (see
 *   ID_NUMBER_STATUSES in src/shared/enums.ts).
 *   They must be stored with status `checkFailed` and marked for verification, never "corrected".
 * - A few members without basic medical insurance, a few compulsory-age children not in school, a few
 *   dangerous houses and households without safe drinking water, some incomes below the monitoring
 *   thresholds and some large falls in income: the screening rules should flag them.
 */
import type { HouseholdData, IncomeData, PersonData } from '../../shared/registry';
import { HOUSEHOLD_NATIONAL_UNSET, PERSON_NATIONAL_UNSET } from '../../shared/registry';
import type {
  EducationLevel, HealthStatus, LabourSkill, MonitoredCategory, RelationToHead, RiskType, SchoolStage, Sex,
} from '../../shared/enums';
import { checkCharacter } from '../domain/id-number';
import {
  BAD_CHECK_AMONG_OLD, BAD_CHECK_MAX_BIRTH_YEAR, COMPULSORY_OUT_OF_SCHOOL, DANGEROUS_HOUSE_SHARE, DIBAO_BASE,
  DISABILITY_GRADE_WEIGHTS, ELIMINATED_AMONG_ELIGIBLE, HEALTH_BY_AGE, HOUSEHOLD_SIZE_WEIGHTS,
  IDENTIFIED_FROM, IDENTIFIED_TO, INCOME, LIFTED_SHARE, LOCAL_WAGE_AMONG_NON_MIGRANTS, MONITOR_BASE,
  MONITOR_LIFTED_FACTOR, MONITOR_ORDINARY_FACTOR, MONITOR_PER_STRONG_RISK, MONITOR_PER_WEAK_RISK,
  NO_ELECTRICITY_SHARE, NUCLEAR_YOUNGEST_CHILD_MAX_AGE, RARE_CHAR_PERSON_SHARE, ROAD_HARDENED_SHARE,
  SANITARY_TOILET_SHARE, TEKUN_AMONG_ELIGIBLE_SINGLES, THREE_GENERATION_SHARE, UNINSURED_NEWBORN,
  UNINSURED_OTHER, UNSAFE_WATER_SHARE, WITH_PARENTS_SHARE,
} from './calibration';
import {
  fullName, pickEthnicity, pickGivenName, pickSurname, pickUyghurFatherName, withRareCharacter, type NameStyle,
} from './names';
import { cumulative, Random } from './random';

/** A village to populate: 12-digit village code with its 6-digit county and 2-digit province codes. */
export interface SeedVillage {
  /** 12-digit statistical division code (统计用区划代码); must start with `countyCode`. */
  code: string;
  /** 6-digit county code (GB/T 2260); the region prefix of the members' ID numbers. */
  countyCode: string;
  /** 2-digit province code; must be the start of `countyCode`. */
  provinceCode: string;
}

/** Options of a run. */
export interface SeedOptions {
  /** Any integer; the same seed gives the same output. */
  seed: number;
  /** Number of persons to generate (exact). When it is small against the number of villages, only a spread sample of villages gets households. */
  targetPersons: number;
  /** Income years (e.g. [2024, 2025]); each household gets one IncomeData per year, in this order. None may be after `asOf`'s year. */
  years: number[];
  /** Reference date (ISO YYYY-MM-DD): ages, school stages, identification and elimination months are as of this day. */
  asOf: string;
}

// ---------------------------------------------------------------------------------------------------
// Calendar helpers

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Day of a non-leap year (0–364) → 'MMDD'. Nobody is born on 29 February (a simplification). */
const DOY_MMDD: string[] = [];
for (let m = 0; m < 12; m++) for (let d = 1; d <= MONTH_DAYS[m]!; d++) DOY_MMDD.push(`${String(m + 1).padStart(2, '0')}${String(d).padStart(2, '0')}`);

/** Month index (year × 12 + month − 1) of 'YYYY-MM'. */
function monthIndex(ym: string): number {
  return Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
}
/** 'YYYY-MM' of a month index. */
function monthString(i: number): string {
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------------
// Household composition

/** A member before details: relation, sex, age on asOf, and who their father on the roster is. */
interface Draft {
  rel: RelationToHead;
  sex: Sex;
  age: number;
  /**
   * Index of the father on the roster, or: −1 not on the roster (own family name drawn); −2 the absent
   * father of the head's children; −3 the head's father, not on the roster; −4 the absent father of
   * the grandchildren.
   */
  father: number;
}

const SIZE_CUM = cumulative([...HOUSEHOLD_SIZE_WEIGHTS]);
const GRADE_CUM = cumulative([...DISABILITY_GRADE_WEIGHTS]);

function sexOf(rng: Random, pMale: number): Sex {
  return rng.chance(pMale) ? 'male' : 'female';
}
function childRel(sex: Sex): RelationToHead {
  return sex === 'male' ? 'son' : 'daughter';
}
function grandRel(sex: Sex): RelationToHead {
  return sex === 'male' ? 'grandson' : 'granddaughter';
}
function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** Ages of k children: the oldest first, 1–3 years apart (1–2 for five or more), youngest `youngest`. */
function childAges(rng: Random, k: number, youngest: number): number[] {
  const ages: number[] = [youngest];
  const maxGap = k >= 5 ? 2 : 3;
  for (let i = 1; i < k; i++) ages.push(ages[i - 1]! + rng.int(1, maxGap));
  return ages.reverse();
}

/** Spouse of a head of the given sex and age: opposite sex, within ±5 years, at least 20. */
function spouseOf(rng: Random, headSex: Sex, headAge: number): Draft {
  const shift = headSex === 'male' ? -2 : 2;
  const age = Math.max(20, headAge + clamp(Math.round(shift + rng.normal() * 2.5), -5, 5));
  return { rel: 'spouse', sex: headSex === 'male' ? 'female' : 'male', age, father: -1 };
}

/**
 * Composes a household of exactly `n` persons (1–8): head first. Ages follow the family: spouse within
 * ±5 years of the head, children 21–45 years younger than the head, grandchildren 20+ years younger
 * than their parent, the head's parents 22–34 years older.
 */
function compose(rng: Random, n: number): Draft[] {
  if (n === 1) {
    const elderly = rng.chance(0.8);
    const age = elderly ? rng.int(60, 85) : rng.int(25, 59);
    return [{ rel: 'head', sex: sexOf(rng, elderly ? 0.55 : 0.8), age, father: -1 }];
  }
  if (n === 2) {
    const r = rng.next();
    if (r < 0.65) {
      const head: Draft = { rel: 'head', sex: sexOf(rng, 0.9), age: rng.int(52, 85), father: -1 };
      return [head, spouseOf(rng, head.sex, head.age)];
    }
    if (r < 0.85) {
      // a widowed or divorced parent with one child
      const headSex = sexOf(rng, 0.5);
      const childAge = rng.int(0, 40);
      const head: Draft = { rel: 'head', sex: headSex, age: Math.min(85, Math.max(25, childAge + rng.int(21, 34))), father: -1 };
      const cs = sexOf(rng, 0.55);
      return [head, { rel: childRel(cs), sex: cs, age: childAge, father: headSex === 'male' ? 0 : -2 }];
    }
    // an unmarried head living with a parent
    const head: Draft = { rel: 'head', sex: sexOf(rng, 0.75), age: rng.int(25, 52), father: -1 };
    const ps = sexOf(rng, 0.4);
    const parent: Draft = { rel: ps === 'male' ? 'father' : 'mother', sex: ps, age: Math.min(95, head.age + rng.int(22, 34)), father: -1 };
    if (ps === 'male') head.father = 1;
    return [head, parent];
  }

  if (n >= 4 && rng.chance(THREE_GENERATION_SHARE)) {
    // three generations: head (and spouse), an heir couple, grandchildren, maybe one more child
    const headSex = sexOf(rng, 0.9);
    const hasSpouse = rng.chance(0.88);
    const heirIsSon = rng.chance(0.85);
    const heirHasSpouse = rng.chance(0.92);
    const fixed = 1 + (hasSpouse ? 1 : 0) + 1 + (heirHasSpouse ? 1 : 0);
    const rest = n - fixed;
    if (rest < 1) return compose(rng, n); // too small for this shape: draw again
    const extraChild = rest >= 2 && rng.chance(0.25) ? 1 : 0;
    const grandKids = rest - extraChild;
    const headAge = rng.int(48, 85);
    const heirAge = Math.max(22, headAge - rng.int(22, 34));
    const inLawAge = Math.max(20, heirAge + clamp(Math.round((heirIsSon ? -2 : 2) + rng.normal() * 2), -5, 5));
    // grandchildren: at least 20 years younger than the younger of their parents, 1–3 years apart
    const maxOldest = Math.min(heirAge, heirHasSpouse ? inLawAge : heirAge) - 20;
    const gAges = childAges(rng, grandKids, rng.int(0, Math.min(14, maxOldest)));
    for (let i = 0; i < gAges.length; i++) if (gAges[i]! > maxOldest) gAges[i] = maxOldest;
    const out: Draft[] = [{ rel: 'head', sex: headSex, age: headAge, father: -1 }];
    if (hasSpouse) {
      const sp = spouseOf(rng, headSex, headAge);
      sp.age = Math.max(sp.age, heirAge + 20);
      out.push(sp);
    }
    const headFatherIdx = headSex === 'male' ? 0 : hasSpouse ? 1 : -2;
    const heirSex: Sex = heirIsSon ? 'male' : 'female';
    const heirIdx = out.length;
    out.push({ rel: childRel(heirSex), sex: heirSex, age: heirAge, father: headFatherIdx });
    let inLawIdx = -1;
    if (heirHasSpouse) {
      inLawIdx = out.length;
      out.push({ rel: heirIsSon ? 'daughterInLaw' : 'sonInLaw', sex: heirIsSon ? 'female' : 'male', age: inLawAge, father: -1 });
    }
    if (extraChild) {
      const s = sexOf(rng, 0.55);
      out.push({ rel: childRel(s), sex: s, age: clamp(heirAge - rng.int(2, 10), 14, headAge - 20), father: headFatherIdx });
    }
    const gFather = heirIsSon ? heirIdx : heirHasSpouse ? inLawIdx : -4;
    for (const a of gAges) {
      const s = sexOf(rng, 0.53);
      out.push({ rel: grandRel(s), sex: s, age: a, father: gFather });
    }
    return out;
  }

  // nuclear household, perhaps with the head's parents or a sibling
  const hasSpouse = rng.chance(0.9);
  const others = n - 1 - (hasSpouse ? 1 : 0);
  let parents = 0;
  if (others >= 2 && rng.chance(WITH_PARENTS_SHARE)) parents = others >= 3 && rng.chance(0.45) ? 2 : 1;
  const sibling = others - parents >= 2 && rng.chance(0.04) ? 1 : 0;
  const kids = others - parents - sibling;
  const youngest = parents > 0 ? rng.int(0, 14) : rng.int(0, NUCLEAR_YOUNGEST_CHILD_MAX_AGE);
  const ages = childAges(rng, kids, youngest);
  const headAge = clamp(ages[0]! + rng.int(21, 33), 25, 85);
  const headSex = sexOf(rng, hasSpouse ? 0.9 : 0.45);
  const out: Draft[] = [{ rel: 'head', sex: headSex, age: headAge, father: -1 }];
  if (hasSpouse) {
    const sp = spouseOf(rng, headSex, headAge);
    sp.age = Math.max(sp.age, ages[0]! + 20);
    out.push(sp);
  }
  const kidsFather = headSex === 'male' ? 0 : hasSpouse ? 1 : -2;
  for (const a of ages) {
    const s = sexOf(rng, 0.53);
    out.push({ rel: childRel(s), sex: s, age: Math.min(a, headAge - 20), father: kidsFather });
  }
  if (parents > 0) {
    const fAge = Math.min(95, headAge + rng.int(22, 34));
    if (parents === 2) {
      out[0]!.father = out.length;
      out.push({ rel: 'father', sex: 'male', age: fAge, father: -1 });
      out.push({ rel: 'mother', sex: 'female', age: clamp(fAge - rng.int(0, 5), headAge + 20, 95), father: -1 });
    } else if (rng.chance(0.35)) {
      out[0]!.father = out.length;
      out.push({ rel: 'father', sex: 'male', age: fAge, father: -1 });
    } else {
      out.push({ rel: 'mother', sex: 'female', age: Math.max(headAge + 20, fAge - rng.int(0, 4)), father: -1 });
    }
  }
  if (sibling) {
    const s = sexOf(rng, 0.7);
    out.push({ rel: rng.chance(0.85) ? 'sibling' : 'other', sex: s, age: Math.max(18, headAge + rng.int(-8, 8)), father: out[0]!.father >= 0 ? out[0]!.father : -3 });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Per-person attributes

/**
 * School stage from the age on 1 September of the asOf year (the school year the checks use).
 * `keepThrough`: ages 16 up to it are always in school. The roster is today's, but screening also runs
 * on earlier income years with it: someone out of school at 17 whose age was 15 on 1 September of an
 * earlier income year would count as a compulsory-age dropout for that year.
 */
function schoolStageFor(rng: Random, schoolAge: number, keepThrough: number): SchoolStage {
  if (schoolAge >= 6 && schoolAge <= 15 && rng.chance(COMPULSORY_OUT_OF_SCHOOL)) return 'notInSchool';
  if (schoolAge <= 2) return 'preschoolChild';
  if (schoolAge <= 5) return rng.chance(0.88) ? 'preschool' : 'preschoolChild';
  if (schoolAge <= 11) return 'primary';
  if (schoolAge <= 14) return 'juniorSecondary';
  const r = rng.next();
  if (schoolAge === 15) return r < 0.2 ? 'juniorSecondary' : r < 0.65 ? 'seniorSecondary' : 'vocationalSecondary';
  if (schoolAge <= keepThrough) {
    if (schoolAge <= 17) return r < 0.58 ? 'seniorSecondary' : 'vocationalSecondary';
    return r < 0.3 ? 'seniorSecondary' : r < 0.7 ? 'vocationalCollege' : 'undergraduate';
  }
  if (schoolAge <= 17) return r < 0.5 ? 'seniorSecondary' : r < 0.8 ? 'vocationalSecondary' : 'notInSchool';
  if (schoolAge === 18) return r < 0.12 ? 'seniorSecondary' : r < 0.32 ? 'vocationalCollege' : r < 0.44 ? 'undergraduate' : 'notInSchool';
  if (schoolAge <= 20) return r < 0.18 ? 'vocationalCollege' : r < 0.33 ? 'undergraduate' : 'notInSchool';
  if (schoolAge === 21) return r < 0.14 ? 'undergraduate' : 'notInSchool';
  if (schoolAge === 22) return r < 0.06 ? 'undergraduate' : r < 0.07 ? 'postgraduate' : 'notInSchool';
  if (schoolAge <= 25) return r < 0.01 ? 'postgraduate' : 'notInSchool';
  return 'notInSchool';
}

const STAGE_EDUCATION: Partial<Record<SchoolStage, EducationLevel>> = {
  primary: 'primary',
  juniorSecondary: 'juniorSecondary',
  seniorSecondary: 'seniorSecondary',
  vocationalSecondary: 'vocationalSecondary',
  vocationalCollege: 'juniorCollege',
  undergraduate: 'bachelorOrAbove',
  postgraduate: 'bachelorOrAbove',
};
const EDU_LEVELS: EducationLevel[] = ['illiterate', 'primary', 'juniorSecondary', 'seniorSecondary', 'vocationalSecondary', 'juniorCollege', 'bachelorOrAbove'];
/** 文化程度 of people out of school, by birth cohort (assumption for invented data). */
const EDU_BY_COHORT: [number, Float64Array][] = [
  [1959, cumulative([35, 45, 16, 3, 1, 0, 0])],
  [1979, cumulative([9, 34, 45, 7, 4, 1, 0])],
  [1999, cumulative([2, 12, 52, 14, 11, 6, 3])],
  [9999, cumulative([1, 6, 40, 18, 16, 13, 6])],
];

/** Education (文化程度): the stage being attended for pupils and students, by cohort otherwise; null under school age. */
function educationFor(rng: Random, stage: SchoolStage, schoolAge: number, birthYear: number): EducationLevel | null {
  const s = STAGE_EDUCATION[stage];
  if (s) return s;
  if (schoolAge < 6) return null;
  if (schoolAge <= 15) return 'primary'; // a compulsory-age child out of school
  if (schoolAge <= 17) return rng.chance(0.8) ? 'juniorSecondary' : 'primary';
  let c = 0;
  while (birthYear > EDU_BY_COHORT[c]![0]) c++;
  const cum = EDU_BY_COHORT[c]![1];
  return EDU_LEVELS[rng.weighted(cum)]!;
}

/** HEALTH_BY_AGE expanded to one band per age 0–120 (a lookup instead of a search per person). */
const HEALTH_BAND_BY_AGE = Array.from({ length: 121 }, (_, age) => HEALTH_BY_AGE.find((b) => age <= b[0])!);

function healthFor(rng: Random, age: number): { health: HealthStatus; grade: number | null } {
  const band = HEALTH_BAND_BY_AGE[Math.min(age, 120)]!;
  const r = rng.next();
  if (r < band[1]) return { health: 'disabled', grade: 1 + rng.weighted(GRADE_CUM) };
  if (r < band[1] + band[2]) return { health: 'seriousIllness', grade: null };
  if (r < band[1] + band[2] + band[3]) return { health: 'chronicIllness', grade: null };
  return { health: 'healthy', grade: null };
}

/**
 * Labour skill from age, health and schooling: under 16, over 70 or in school → none; disabled or
 * seriously ill → weak/half or lost; healthy 16–60 → ordinary or skilled.
 */
function labourFor(rng: Random, age: number, health: HealthStatus, grade: number | null, inSchool: boolean): LabourSkill {
  if (age < 16 || age > 70 || inSchool) return 'none';
  switch (health) {
    case 'disabled':
      return grade! <= 2 ? 'lost' : grade === 3 && rng.chance(0.3) ? 'lost' : 'weakOrHalf';
    case 'seriousIllness':
      return rng.chance(0.5) ? 'lost' : 'weakOrHalf';
    case 'chronicIllness':
      if (age <= 60) return rng.chance(0.65) ? 'ordinary' : 'weakOrHalf';
      return rng.chance(0.85) ? 'weakOrHalf' : 'lost';
    case 'healthy':
      if (age <= 60) return rng.chance(age <= 45 ? 0.22 : 0.12) ? 'skilled' : 'ordinary';
      return rng.chance(0.6) ? 'ordinary' : 'weakOrHalf';
  }
}

const DESTINATIONS = ['广东省东莞市', '广东省深圳市', '广东省佛山市', '广东省广州市', '浙江省宁波市', '浙江省金华市义乌市', '浙江省杭州市', '福建省泉州市', '福建省厦门市', '江苏省苏州市', '上海市', '北京市', '省内县外', '省内县外', '省内县外'];
/** The 11 possible check characters (any order: used to pick a wrong one). */
const CHECK_CHARS = '0123456789X';

const DEST_CUM = cumulative([12, 8, 6, 4, 7, 5, 5, 5, 3, 6, 3, 1, 12, 12, 11]);

// ---------------------------------------------------------------------------------------------------
// The generator

interface Ctx {
  rng: Random;
  asOfYear: number;
  asOfMMDD: string;
  asOfMonth: number;
  years: number[];
  countyIndex: Map<string, number>;
  /** Per county (by index): (birth day, sex) → sequence numbers used so far. Keys stay small integers. */
  idUsed: Map<number, number>[];
  /** Indexes of `years` in ascending year order. */
  yearOrder: number[];
  /** Ages (on 1 September of the asOf year) from 16 up to this one are always in school: see schoolStageFor. */
  keepInSchoolThrough: number;
  identifiedFrom: number;
  identifiedTo: number;
}

/** One member being built, with the facts the household-level steps need. */
interface Member {
  d: Draft;
  birthYear: number;
  schoolAge: number;
  person: PersonData;
  migrant: boolean;
  /** Works on the household's own farm (no wage work): the household then has business income. */
  farmer: boolean;
}

/**
 * A unique ID number for a person of `county` born on (year, day-of-year) of the given sex.
 * Uniqueness comes from a counter per (county, birth date, sex): 500 sequence numbers of each parity
 * per day, taken in a scrambled order; when a day's 500 are used, the next day is taken (the caller
 * gets the birth date actually used).
 */
function allocateId(ctx: Ctx, county: string, countyIdx: number, age: number, doy0: number, sex: Sex): { first17: string; year: number; mmdd: string } {
  const sexBit = sex === 'male' ? 1 : 0;
  let doy = doy0;
  for (let tries = 0; tries < 365; tries++) {
    const mmdd = DOY_MMDD[doy]!;
    const year = ctx.asOfYear - age - (mmdd > ctx.asOfMMDD ? 1 : 0);
    const key = ((year - 1880) * 366 + doy) * 2 + sexBit;
    const used = ctx.idUsed[countyIdx]!.get(key) ?? 0;
    if (used < 500) {
      ctx.idUsed[countyIdx]!.set(key, used + 1);
      // scrambled start per (county, day, sex); stepping by 7 (coprime with 500) visits all 500 slots
      const slot = ((Math.imul(key + countyIdx * 146_000, 0x9e3779b1) >>> 0) + used * 7) % 500;
      const seq = slot * 2 + sexBit;
      return { first17: `${county}${year}${mmdd}${seq < 10 ? '00' : seq < 100 ? '0' : ''}${seq}`, year, mmdd };
    }
    doy = (doy + 1) % 365;
  }
  // 182,500 people of one sex and one age in one county: far beyond any county's population
  throw new RangeError(`generateHouseholds: ID sequence numbers exhausted for county ${county}, age ${age}`);
}

function validate(villages: readonly SeedVillage[], opts: SeedOptions): void {
  if (villages.length === 0) throw new RangeError('generateHouseholds: no villages');
  if (!Number.isSafeInteger(opts.targetPersons) || opts.targetPersons < 1) throw new RangeError('generateHouseholds: targetPersons must be a positive integer');
  if (!/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(opts.asOf)) throw new RangeError('generateHouseholds: asOf must be YYYY-MM-DD');
  const asOfYear = Number(opts.asOf.slice(0, 4));
  if (new Set(opts.years).size !== opts.years.length) throw new RangeError('generateHouseholds: duplicate years');
  for (const y of opts.years) {
    if (!Number.isInteger(y) || y < 2014 || y > asOfYear) throw new RangeError(`generateHouseholds: income year ${y} must be an integer from 2014 to the asOf year`);
  }
  const seen = new Set<string>();
  for (const v of villages) {
    if (seen.has(v.code)) throw new RangeError(`generateHouseholds: village ${v.code} given twice`);
    seen.add(v.code);
    if (!/^\d{12}$/.test(v.code) || !/^\d{6}$/.test(v.countyCode) || !/^\d{2}$/.test(v.provinceCode) || !v.code.startsWith(v.countyCode) || !v.countyCode.startsWith(v.provinceCode)) {
      throw new RangeError(`generateHouseholds: inconsistent village codes ${v.provinceCode}/${v.countyCode}/${v.code}`);
    }
  }
}

/**
 * Generates invented households (户 with members and income records) for the given villages.
 *
 * Spread: persons are divided evenly over counties (in order of first appearance), then evenly over
 * each county's villages (a village whose share is already covered gets none), and households are generated
 * village by village until the running total reaches the running target (the last household of the run
 * is cut to land exactly on `targetPersons`).
 *
 * Each yielded value has the output shape of `householdInput` (src/shared/registry.ts), every default
 * filled: money in integer fen, one IncomeData per year of `opts.years`, members head first. Household
 * numbers are `${villageCode}${4-digit sequence}` (5 digits past 9,999 households in a village). ID
 * numbers: county code + birth date + sequence (odd for men) + check character, unique over the run;
 * about 0.3% of persons born 1983 or earlier have a wrong check character on purpose (see the module
 * comment).
 *
 * @param villages villages to populate, 12-digit codes starting with their county code
 * @param opts seed, target number of persons, income years and reference date
 * @throws RangeError on malformed input (no villages, a village given twice, inconsistent codes, bad
 *   asOf or years)
 */
export function* generateHouseholds(villages: SeedVillage[], opts: SeedOptions): Generator<HouseholdData> {
  validate(villages, opts);
  const ctx: Ctx = {
    rng: new Random(opts.seed),
    asOfYear: Number(opts.asOf.slice(0, 4)),
    asOfMMDD: opts.asOf.slice(5, 7) + opts.asOf.slice(8, 10),
    asOfMonth: monthIndex(opts.asOf.slice(0, 7)),
    years: opts.years.slice(),
    countyIndex: new Map(),
    idUsed: [],
    yearOrder: opts.years.map((_, i) => i).sort((a, b) => opts.years[a]! - opts.years[b]!),
    keepInSchoolThrough: 15 + clamp(Number(opts.asOf.slice(0, 4)) - Math.min(Number(opts.asOf.slice(0, 4)) - 1, ...opts.years), 1, 3),
    identifiedFrom: monthIndex(IDENTIFIED_FROM),
    identifiedTo: Math.min(monthIndex(IDENTIFIED_TO), monthIndex(opts.asOf.slice(0, 7))),
  };

  // group villages by county, in order of first appearance
  const counties: { code: string; villages: SeedVillage[] }[] = [];
  for (const v of villages) {
    let idx = ctx.countyIndex.get(v.countyCode);
    if (idx === undefined) {
      idx = counties.length;
      ctx.countyIndex.set(v.countyCode, idx);
      counties.push({ code: v.countyCode, villages: [] });
      ctx.idUsed.push(new Map());
    }
    counties[idx]!.villages.push(v);
  }

  const target = opts.targetPersons;
  let produced = 0;
  let cumTarget = 0;
  for (let ci = 0; ci < counties.length; ci++) {
    const county = counties[ci]!;
    const countyQuota = Math.floor(target / counties.length) + (ci < target % counties.length ? 1 : 0);
    const nv = county.villages.length;
    for (let vi = 0; vi < nv; vi++) {
      const village = county.villages[vi]!;
      cumTarget += Math.floor(countyQuota / nv) + (vi < countyQuota % nv ? 1 : 0);
      let seq = 0;
      // a village whose share is already covered gets no household: small targets spread over a sample
      // of villages instead of overshooting by one household per village
      while (produced < cumTarget) {
        seq++;
        // never past the target: the household that would cross it is cut to fit
        const maxSize = Math.max(1, Math.min(8, target - produced));
        const h = buildHousehold(ctx, village, ci, seq, maxSize);
        produced += h.members.length;
        yield h;
      }
    }
  }
}

/**
 * One household of `village` (its `seq`-th), of at most `maxSize` persons: composition, members, land
 * and housing, monitoring, social assistance, then income per year. The draw order is fixed: changing
 * it changes every later household of the run.
 */
function buildHousehold(ctx: Ctx, village: SeedVillage, countyIdx: number, seq: number, maxSize: number): HouseholdData {
  const rng = ctx.rng;
  const n = Math.min(maxSize, 1 + rng.weighted(SIZE_CUM));
  const drafts = compose(rng, n);
  const lifted = rng.chance(LIFTED_SHARE);
  const { ethnicity, style } = pickEthnicity(rng, village.countyCode);

  // --- members: birth date and ID, schooling, health, labour, work, insurance
  const members: Member[] = [];
  const persons: PersonData[] = [];
  let anyFarmer = false;
  for (const d of drafts) {
    const sex = d.sex;
    const { first17, year, mmdd } = allocateId(ctx, village.countyCode, countyIdx, d.age, rng.int(0, 364), sex);
    let check = checkCharacter(first17);
    // only people old enough to have held a first-generation 15-digit number can carry an upgraded one
    if (year <= BAD_CHECK_MAX_BIRTH_YEAR && rng.chance(BAD_CHECK_AMONG_OLD)) check = CHECK_CHARS[(CHECK_CHARS.indexOf(check) + rng.int(1, 10)) % 11]!;
    const id = first17 + check;
    const schoolAge = ctx.asOfYear - year - (mmdd > '0901' ? 1 : 0);
    const stage = schoolStageFor(rng, schoolAge, ctx.keepInSchoolThrough);
    const inSchool = stage !== 'notInSchool' && stage !== 'preschoolChild' && stage !== 'preschool';
    const education = educationFor(rng, stage, schoolAge, year);
    const { health, grade } = healthFor(rng, d.age);
    const labour = labourFor(rng, d.age, health, grade, inSchool);
    let workPlace: string | null = null;
    let migrant = false;
    let farmer = false;
    if (labour === 'ordinary' || labour === 'skilled') {
      const a = d.age;
      const pMig = a <= 17 ? 0.3 : a <= 45 ? 0.62 : a <= 55 ? 0.4 : a <= 64 ? 0.12 : 0;
      if (rng.chance(pMig)) {
        migrant = true;
        workPlace = DESTINATIONS[rng.weighted(DEST_CUM)]!;
      } else if (rng.chance(LOCAL_WAGE_AMONG_NON_MIGRANTS)) {
        workPlace = '县内';
      } else {
        farmer = true;
      }
    } else if (labour === 'weakOrHalf') {
      if (rng.chance(0.3)) workPlace = '县内';
      else if (rng.chance(0.5)) farmer = true;
    }
    const employee = migrant && rng.chance(0.08);
    const uninsured = rng.chance(d.age === 0 ? UNINSURED_NEWBORN : UNINSURED_OTHER);
    const resident = !employee && !uninsured;
    const person: PersonData = {
      ...PERSON_NATIONAL_UNSET,
      idNumber: id,
      name: '',
      relationToHead: d.rel,
      sex,
      ethnicity,
      education,
      schoolStage: stage,
      healthStatus: health,
      disabilityGrade: grade,
      labourSkill: labour,
      workPlace,
      residentMedicalInsurance: resident,
      employeeMedicalInsurance: employee,
      criticalIllnessInsurance: resident || employee,
      medicalAssistance: false,
      residentPension: !employee && d.age >= 16 && !inSchool && rng.chance(0.92),
      employeePension: employee,
      dibao: false,
      tekun: false,
    };
    members.push({ d, birthYear: year, schoolAge, person, migrant, farmer });
    persons.push(person);
    if (farmer) anyFarmer = true;
  }
  nameMembers(rng, members, style);

  // a household of four or more has a labourer: the youngest weak or half labourer of working age
  // counts as ordinary labour when nobody else does (issue 16: no household of 7 without labour)
  if (members.length >= 4 && !members.some((m) => m.person.labourSkill === 'ordinary' || m.person.labourSkill === 'skilled')) {
    const young = members
      .filter((m) => m.person.labourSkill === 'weakOrHalf' && m.d.age <= 60 && (m.person.healthStatus === 'healthy' || m.person.healthStatus === 'chronicIllness'))
      .sort((a, b) => a.d.age - b.d.age)[0];
    if (young) young.person.labourSkill = 'ordinary';
  }

  // --- household facts
  let labourCount = 0;
  let capacity = 0; // members with any labour capacity (ordinary, skilled, weak or half)
  let anySerious = false;
  let anyDisabled = false;
  let anySevereDisabled = false;
  let anyChronic = 0;
  let anyStudentCosts = false;
  let anyWorker = false;
  let anyUninsured = false;
  let anyChildOut = false;
  for (const m of members) {
    const p = m.person;
    if (p.labourSkill === 'ordinary' || p.labourSkill === 'skilled') labourCount++;
    if (p.labourSkill !== 'none' && p.labourSkill !== 'lost') capacity++;
    if (p.healthStatus === 'seriousIllness') anySerious = true;
    if (p.healthStatus === 'disabled') {
      anyDisabled = true;
      if (p.disabilityGrade! <= 2) anySevereDisabled = true;
    }
    if (p.healthStatus === 'chronicIllness') anyChronic++;
    if (p.schoolStage === 'seniorSecondary' || p.schoolStage === 'vocationalSecondary' || p.schoolStage === 'vocationalCollege' || p.schoolStage === 'undergraduate') anyStudentCosts = true;
    if (p.workPlace !== null) anyWorker = true;
    if (!p.residentMedicalInsurance && !p.employeeMedicalInsurance) anyUninsured = true;
    if (m.schoolAge >= 6 && m.schoolAge <= 15 && p.schoolStage === 'notInSchool') anyChildOut = true;
  }

  // land and housing
  const farmlandMu = Math.round(clamp(rng.logNormal(3, 0.6), 0, 40) * 10) / 10;
  const forestMu = rng.chance(0.4) ? Math.round(clamp(rng.logNormal(5, 0.9), 0.1, 150) * 10) / 10 : 0;
  const housingAreaM2 = Math.round(clamp(40 + n * rng.uniform(18, 38), 30, 400));
  let dangerousHouse = rng.chance(DANGEROUS_HOUSE_SHARE);
  let safeDrinkingWater = !rng.chance(UNSAFE_WATER_SHARE);
  const distanceToRoadKm = Math.round(clamp(-Math.log(1 - rng.next()) * 0.6, 0, 5) * 10) / 10;
  const roadHardened = rng.chance(ROAD_HARDENED_SHARE);
  const electricity = !rng.chance(NO_ELECTRICITY_SHARE);
  const sanitaryToilet = rng.chance(SANITARY_TOILET_SHARE);
  const hasBusiness = rng.chance(anyFarmer ? INCOME.businessWithFarmer : INCOME.businessWithoutFarmer);

  // --- monitoring (防止返贫监测): candidates from the members and the house
  const strong: RiskType[] = [];
  const weak: RiskType[] = [];
  if (anySerious) strong.push('illness');
  else if (anyChronic >= 2) weak.push('illness');
  if (anySevereDisabled) strong.push('disability');
  else if (anyDisabled) weak.push('disability');
  // 缺劳动力 only when at most a quarter of the members are labour (the export checks flag otherwise)
  if (labourCount === 0) strong.push('lackOfLabour');
  else if (labourCount * 4 <= n) weak.push('lackOfLabour');
  if (dangerousHouse) strong.push('housingSafety');
  if (!safeDrinkingWater) strong.push('drinkingWater');
  if (anyStudentCosts) weak.push('educationCosts');
  if (anyWorker) weak.push('unstableEmployment');
  let monitoredCategory: MonitoredCategory | null = null;
  let riskTypes: RiskType[] = [];
  let identifiedMonth: string | null = null;
  let riskEliminated = false;
  let eliminationMode: 'assistance' | 'natural' | null = null;
  let eliminatedMonth: string | null = null;
  const pMonitor = (MONITOR_BASE + MONITOR_PER_STRONG_RISK * strong.length + MONITOR_PER_WEAK_RISK * weak.length) * (lifted ? MONITOR_LIFTED_FACTOR : MONITOR_ORDINARY_FACTOR);
  if (ctx.identifiedTo >= ctx.identifiedFrom && rng.chance(pMonitor)) {
    const sudden = rng.chance(lifted ? 0.15 : 0.2);
    monitoredCategory = sudden ? 'suddenHardship' : lifted ? 'unstableLifted' : 'marginalVulnerable';
    const pool: RiskType[] = [...strong];
    if (sudden) {
      const extra: RiskType[] = ['naturalDisaster', 'accident'];
      if (hasBusiness) extra.push('businessFailure');
      pool.push(rng.pick(extra));
    }
    for (const w of weak) if (rng.chance(0.5)) pool.push(w);
    if (pool.length === 0) pool.push(weak.length > 0 ? rng.pick(weak) : 'other');
    const k = Math.min(pool.length, 1 + (rng.chance(0.45) ? 1 : 0) + (rng.chance(0.15) ? 1 : 0));
    riskTypes = pool.slice(0, Math.max(k, Math.min(pool.length, strong.length, 3)));
    const idm = rng.int(ctx.identifiedFrom, ctx.identifiedTo);
    identifiedMonth = monthString(idm);
    const available = ctx.asOfMonth - idm;
    // no elimination for households without labour capacity, or with basic needs unmet
    const eligible = available >= 6 && capacity > 0 && !anyUninsured && !anyChildOut;
    if (eligible && rng.chance(ELIMINATED_AMONG_ELIGIBLE)) {
      riskEliminated = true;
      eliminationMode = rng.chance(0.85) ? 'assistance' : 'natural';
      eliminatedMonth = monthString(idm + 6 + rng.int(0, Math.min(24, available - 6)));
      // what was a risk has been dealt with
      dangerousHouse = false;
      safeDrinkingWater = true;
    }
  }
  const openMonitored = monitoredCategory !== null && !riskEliminated;

  // --- social assistance: tekun for single elderly or severely disabled people without labour, dibao otherwise
  const head = members[0]!;
  let tekun = false;
  if (n === 1 && labourCount === 0 && (head.d.age >= 60 || anySevereDisabled) && rng.chance(TEKUN_AMONG_ELIGIBLE_SINGLES)) {
    tekun = true;
    head.person.tekun = true;
    head.person.medicalAssistance = true;
  }
  let dibao = false;
  if (!tekun) {
    let p = DIBAO_BASE;
    if (anySerious || anySevereDisabled) p += 0.12;
    if (labourCount === 0) p += 0.15;
    if (anyDisabled) p += 0.04;
    if (openMonitored) p += 0.1;
    p *= lifted ? 1.4 : 0.8;
    dibao = rng.chance(p);
    if (dibao) {
      for (const m of members) {
        m.person.dibao = true;
        m.person.medicalAssistance = true;
      }
    }
  }
  if (lifted || monitoredCategory !== null) {
    for (const m of members) if (m.person.healthStatus === 'seriousIllness' && rng.chance(0.6)) m.person.medicalAssistance = true;
  }

  // --- income (yuan at 2024 levels, then per year). Each household draws a per-capita target
  // (log-normal by household type, lower for open monitored households and households without labour);
  // transfers, property income and the farm's net income are built from the members and the land, and
  // the rest of the target is made up by the wages of the members in wage work, scaled together.
  const I = INCOME;
  let baseWage = 0; // relative wages of the wage earners, before scaling
  let fixedWage = 0; // a public-welfare job pays a fixed amount
  let publicJob = false;
  for (const m of members) {
    const p = m.person;
    if (p.labourSkill === 'ordinary' || p.labourSkill === 'skilled') {
      const skill = p.labourSkill === 'skilled' ? I.skilledFactor : 1;
      if (m.migrant) baseWage += rng.logNormal(I.migrantWageMedian, I.migrantWageSigma) * skill * (rng.int(7, 12) / 12);
      else if (p.workPlace !== null) baseWage += rng.logNormal(I.localWageMedian, I.localWageSigma) * skill;
    } else if (p.labourSkill === 'weakOrHalf') {
      if (!publicJob && (lifted || openMonitored) && rng.chance(0.15)) {
        publicJob = true;
        p.workPlace = '本村(公益性岗位)';
        fixedWage += I.publicWelfareJob;
      } else if (p.workPlace !== null) {
        baseWage += rng.uniform(I.casualWage[0], I.casualWage[1]);
      }
    }
  }

  let bizGross = 0;
  let bizRatio = 0; // expenses ÷ gross income
  if (hasBusiness) {
    bizGross = rng.logNormal(I.businessGrossMedian, I.businessGrossSigma);
    bizRatio = rng.uniform(I.businessExpenseRatio[0], I.businessExpenseRatio[1]);
  }
  const bizOutcome = rng.next(); // below businessFailureShare: a failed project; below + lossShare: a loss
  let property = rng.chance(I.propertyShare) ? Math.min(20000, rng.logNormal(I.propertyMedian, I.propertySigma)) : 0;

  let transfer = farmlandMu * I.subsidyPerMuFarmland + forestMu * I.subsidyPerMuForest + rng.uniform(0, 600);
  let elders = 0;
  for (const m of members) {
    const p = m.person;
    if (m.d.age >= 55) elders++;
    if (m.d.age >= 60 && p.residentPension) transfer += rng.uniform(I.pensionPerElder[0], I.pensionPerElder[1]);
    if (p.dibao) transfer += rng.uniform(I.dibaoPerPerson[0], I.dibaoPerPerson[1]);
    if (p.tekun) transfer += rng.uniform(I.tekunPerPerson[0], I.tekunPerPerson[1]);
    if (p.healthStatus === 'disabled' && p.disabilityGrade! <= 2) transfer += I.severeDisabilitySubsidy;
    if (lifted && (p.schoolStage === 'vocationalSecondary' || p.schoolStage === 'vocationalCollege')) transfer += I.yuluPerStudent;
  }

  let pcTarget = rng.logNormal(lifted ? I.liftedPerCapitaMedian : I.ordinaryPerCapitaMedian, I.perCapitaSigma);
  if (openMonitored) pcTarget *= I.openMonitoredFactor;
  if (labourCount === 0) pcTarget *= I.noLabourFactor;
  if (riskEliminated) pcTarget = Math.max(pcTarget, I.eliminatedFloor + rng.uniform(0, 2000));
  let rest = pcTarget * n - transfer - property - fixedWage - bizGross * (1 - bizRatio);
  let wage = fixedWage;
  if (baseWage > 0) {
    const k = clamp(rest / baseWage, I.wageScale[0], I.wageScale[1]);
    wage += baseWage * k;
    rest -= baseWage * k;
  }
  if (rest > 0 && hasBusiness && anyFarmer) {
    // a farming household: the farm makes the rest, within reason
    const extra = Math.min(rest, 30000 + 10000 * n);
    bizGross += extra / (1 - bizRatio);
    rest -= extra;
  }
  if (rest > 0 && labourCount === 0) {
    // support from children or relatives living elsewhere (赡养费 and the like, counted as transfer income)
    const support = Math.min(rest, Math.max(1, elders) * rng.uniform(I.elderSupport[0], I.elderSupport[1]));
    transfer += support;
    rest -= support;
  }
  if (riskEliminated && rest > 0) {
    // eliminated households have income stably above the threshold: assistance made up the gap
    if (baseWage > 0 || fixedWage > 0) wage += rest;
    else transfer += rest;
  }
  let bizExp = bizGross * bizRatio;
  if (hasBusiness && !riskEliminated) {
    // a failed project (large loss) or a bad year (expenses above income)
    // a failed project loses what it grossed and some of the money put in, within what a rural household
    // borrows (issue 16: no per-capita income of −57,906 yuan)
    if (bizOutcome < I.businessFailureShare) bizExp = bizGross + rng.uniform(3000, 12000);
    else if (bizOutcome < I.businessFailureShare + I.businessLossShare) {
      // households living off the farm alone break even at worst; others may lose some money
      bizExp = wage > 0 ? bizGross + rng.uniform(0.05, 0.5) * Math.min(bizGross, 12000) : bizGross * rng.uniform(0.85, 1);
    }
  }

  const seriousOop = anySerious;
  const chronicOop = !anySerious && anyChronic > 0;
  const incomes: IncomeData[] = [];
  let prevYear = 2024;
  let level = 1;
  let tLevel = 1;
  const byIndex: IncomeData[] = new Array(ctx.years.length);
  for (let k = 0; k < ctx.yearOrder.length; k++) {
    const idx = ctx.yearOrder[k]!;
    const year = ctx.years[idx]!;
    const gap = year - prevYear;
    if (k === 0) {
      level = Math.pow(1 + I.growthMean, gap);
      tLevel = Math.pow(1 + I.transferGrowth, gap);
    } else {
      const net = wage * level + (bizGross - bizExp) * level + property + transfer * tLevel;
      const working = wage * level + (bizGross - bizExp) * level;
      if (!monitoredCategory && net > 0 && working >= 0.6 * net && rng.chance(I.bigFallShare)) {
        // a large fall (lost job, failed crop): net income down by 30–60%
        const fall = rng.uniform(0.3, 0.6);
        level *= 1 - (fall * net) / working;
      } else {
        level *= Math.pow(1 + clamp(I.growthMean + I.growthSd * rng.normal(), -0.12, 0.25), gap);
        tLevel *= Math.pow(1 + I.transferGrowth, gap);
        property *= Math.pow(1 + clamp(0.03 + 0.1 * rng.normal(), -0.3, 0.4), gap);
      }
    }
    prevYear = year;
    let oop = 0;
    if (seriousOop) oop = rng.chance(I.oopLargeShare) ? rng.uniform(I.oopLarge[0], I.oopLarge[1]) : clamp(rng.logNormal(I.oopMedian, I.oopSigma), 200, 19000);
    else if (chronicOop && rng.chance(0.25)) oop = rng.uniform(300, 3000);
    byIndex[idx] = {
      year,
      wageFen: yuanToFen(wage * level),
      businessIncomeFen: yuanToFen(bizGross * level),
      businessExpensesFen: yuanToFen(bizExp * level),
      propertyFen: yuanToFen(property),
      transferFen: yuanToFen(transfer * tLevel),
      compliantOutOfPocketFen: yuanToFen(oop),
    };
  }
  for (const inc of byIndex) incomes.push(inc);

  return {
    ...HOUSEHOLD_NATIONAL_UNSET,
    householdNo: `${village.code}${String(seq).padStart(4, '0')}`,
    villageCode: village.code,
    householdType: lifted ? 'liftedOutOfPoverty' : 'ordinaryRural',
    monitoredCategory,
    riskTypes,
    identifiedMonth,
    riskEliminated,
    eliminationMode,
    eliminatedMonth,
    farmlandMu,
    forestMu,
    housingAreaM2,
    dangerousHouse,
    distanceToRoadKm,
    roadHardened,
    electricity,
    safeDrinkingWater,
    sanitaryToilet,
    members: persons,
    incomes,
  };
}

/** Whole yuan → integer fen (amounts are recorded to the yuan, as in the national exports). */
function yuanToFen(yuan: number): number {
  return Math.round(yuan) * 100 || 0; // never -0
}

/**
 * Gives every member a name consistent with the household: children take their father's family name
 * (or, for the Uyghur style, his given name after the dot); siblings share the absent father's.
 */
function nameMembers(rng: Random, members: Member[], style: NameStyle): void {
  const n = members.length;
  // given names differ within the household (a few redraws), so that no two members share a name
  const given: string[] = [];
  for (let i = 0; i < n; i++) {
    const m = members[i]!;
    let g = pickGivenName(rng, style, m.d.sex, m.birthYear);
    for (let tries = 0; tries < 8 && given.includes(g); tries++) g = pickGivenName(rng, style, m.d.sex, m.birthYear);
    given.push(g);
  }
  // family names (and fathers' given names): fathers on the roster are resolved before their children,
  // which takes at most four passes (head's father → head → child → grandchild)
  const surname: string[] = new Array(n).fill('');
  const fatherGiven: string[] = new Array(n).fill('');
  const done: boolean[] = new Array(n).fill(false);
  const absent = new Map<number, [string, string]>(); // father code (−2, −3, −4) → [surname, given]
  const uyghur = style === 'uyghur';
  for (let remaining = n, pass = 0; remaining > 0; pass++) {
    if (pass > n) throw new Error('nameMembers: father links form a cycle'); // cannot happen: compose links down the generations
    for (let i = 0; i < n; i++) {
      if (done[i]) continue;
      const f = members[i]!.d.father;
      if (f >= 0) {
        if (!done[f]) continue;
        surname[i] = surname[f]!;
        fatherGiven[i] = given[f]!;
      } else if (f === -1 && i !== 0) {
        surname[i] = pickSurname(rng, style);
        fatherGiven[i] = uyghur ? pickUyghurFatherName(rng) : '';
      } else {
        // the head's own father (−1 for the head, or −3), or an absent father (−2, −4), drawn once
        const code = f === -1 ? -3 : f;
        let a = absent.get(code);
        if (!a) {
          a = [pickSurname(rng, style), uyghur ? pickUyghurFatherName(rng) : ''];
          absent.set(code, a);
        }
        [surname[i], fatherGiven[i]] = a;
      }
      done[i] = true;
      remaining--;
    }
  }
  for (let i = 0; i < n; i++) {
    let g = given[i]!;
    if (style === 'han' && rng.chance(RARE_CHAR_PERSON_SHARE)) g = withRareCharacter(rng, g);
    members[i]!.person.name = fullName(style, surname[i]!, g, fatherGiven[i]!);
  }
}
