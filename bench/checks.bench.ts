/**
 * Benchmark of the data-quality checks (issue 8 item 3). Prints its figures; asserts nothing.
 *
 * 1. Pure: every household check (domain/checks/catalogue.ts) over generated households of a national
 *    export (about 3.5 persons each, a third monitored, a fifth of the persons with spells of work or plans,
 *    measures, incomes), built in memory: seconds and persons per second, RSS.
 * 2. Service: CheckService.run over a registry seeded with BENCH_SEED_PERSONS generated persons on the
 *    embedded default (SQLite in a temporary folder): seconds, findings, RSS.
 *
 *   npx tsx bench/checks.bench.ts                                     # 100,000 persons pure, 20,000 seeded
 *   BENCH_PERSONS=1000000 BENCH_SEED_PERSONS=1000000 npx tsx bench/checks.bench.ts
 * Generated records only: no real person.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRuntime } from '../src/server/bootstrap';
import { CHECKS, runChecks } from '../src/server/domain/checks/catalogue';
import type { CheckHousehold, CheckMember, CheckSpell } from '../src/server/domain/checks/model';
import { systemActor } from '../src/server/services/actor';

const persons = Number(process.env.BENCH_PERSONS ?? 100_000);
const seeded = Number(process.env.BENCH_SEED_PERSONS ?? 20_000);
/** CPU seconds of this process since `from` (user + system): steadier than wall time on a shared machine. */
const cpu = (from: NodeJS.CpuUsage) => { const u = process.cpuUsage(from); return ((u.user + u.system) / 1e6).toFixed(2); };
const mb = () => `${Math.round(process.memoryUsage().rss / 1024 / 1024)} MiB`;
let state = 1;
/** Deterministic generator (LCG): the same households every run. */
const rnd = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;

function spell(kind: 'workSpell' | 'workPlan', row: number): CheckSpell {
  return {
    kind, sourceRow: row, working: rnd() < 0.9, startMonth: kind === 'workSpell' ? `2025-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}` : null, endMonth: rnd() < 0.3 ? '2025-12' : null,
    workCounty: pick(['南海区', '从江县', '', '义乌市']), monthlyWageFen: kind === 'workSpell' ? Math.floor(rnd() * 800_000) : null, channel: pick(['自主就业', '劳务协作', '公益性岗位', null]),
    industry: pick(['制造业', '建筑业', null]), employer: pick(['某电子厂', '', '某建筑公司']), transportSubsidyFen: rnd() < 0.2 ? 50_000 : null, serviceNeed: pick(['岗位推荐', null]),
  };
}
function member(i: number, head: boolean): CheckMember {
  const year = 1940 + Math.floor(rnd() * 85);
  const working = rnd() < 0.2;
  return {
    name: `成员${i}`, idMasked: `522633**********${Math.floor(rnd() * 90 + 10)}`, idStatus: rnd() < 0.002 ? 'checkFailed' : 'valid', idType: rnd() < 0.03 ? 'disabilityCertificate' : 'residentId',
    certificate: null, birthDate: `${year}-0${1 + Math.floor(rnd() * 9)}-15`, sex: pick(['male', 'female']), relationToHead: head ? 'head' : pick(['spouse', 'son', 'daughter', 'father', 'mother', 'grandson']),
    ethnicity: pick(['汉族', '苗族', '侗族', '']), education: pick(['primary', 'juniorSecondary', 'seniorSecondary', null]), healthStatus: pick(['healthy', 'healthy', 'healthy', 'chronicIllness', 'seriousIllness', 'disabled']),
    disabilityGrade: rnd() < 0.05 ? 1 + Math.floor(rnd() * 4) : null, disabilityCategory: rnd() < 0.05 ? 1 + Math.floor(rnd() * 7) : null,
    labourSkill: pick(['ordinary', 'ordinary', 'skilled', 'weakOrHalf', 'lost', 'none']), schoolStage: pick(['notInSchool', 'notInSchool', 'primary', 'juniorSecondary', 'seniorSecondary', 'preschoolChild']),
    workPlace: working ? '广东省佛山市南海区' : null, residentMedicalInsurance: rnd() < 0.97 ? 1 : 0, employeeMedicalInsurance: rnd() < 0.03 ? 1 : 0, criticalIllnessInsurance: rnd() < 0.95 ? 1 : 0,
    medicalAssistance: rnd() < 0.1 ? 1 : 0, residentPension: rnd() < 0.6 ? 1 : 0, employeePension: 0, dibao: rnd() < 0.08 ? 1 : 0, tekun: rnd() < 0.01 ? 1 : 0, outOfSchool: rnd() < 0.01,
    dropoutReason: null, notEnrolledReason: null, employmentChannel: null, tekunSupportFen: null, workMonths: working ? Math.floor(rnd() * 13) : null, phoneMasked: pick(['138******78', null, '085*******34']),
    spells: working ? [spell('workSpell', i), ...(rnd() < 0.2 ? [spell('workSpell', i + 1)] : [])] : [], plans: rnd() < 0.05 ? [spell('workPlan', i)] : [],
  };
}
function household(no: number, firstPerson: number, size: number): CheckHousehold {
  const monitoredHousehold = rnd() < 0.33;
  const members = Array.from({ length: size }, (_, j) => member(firstPerson + j, j === 0));
  const pc = Math.floor(rnd() * 3_000_000);
  return {
    householdId: no, householdNo: `H${no}`, countyCode: '522633', countyName: '从江县', villageCode: '522633100207', fromNational: true, householdType: rnd() < 0.7 ? 'liftedOutOfPoverty' : 'ordinaryRural',
    monitoredCategory: monitoredHousehold ? pick(['unstableLifted', 'marginalVulnerable', 'suddenHardship']) : null, riskTypes: monitoredHousehold ? [pick(['illness', 'disability', 'educationCosts', 'lackOfLabour', 'unstableEmployment'])] : [],
    identifiedMonth: monitoredHousehold ? '2025-04' : null, riskEliminated: monitoredHousehold && rnd() < 0.5, eliminationMode: 'assistance', eliminatedMonth: monitoredHousehold ? '2025-11' : null,
    farmlandMu: rnd() * 20, forestMu: rnd() * 40, returnedFarmlandMu: 0, orchardMu: null, grasslandMu: 0, waterSurfaceMu: 0, housingAreaM2: 80 + rnd() * 100, dangerousHouse: rnd() < 0.02,
    distanceToRoadKm: rnd() * 6, roadHardened: true, electricity: rnd() < 0.999, safeDrinkingWater: rnd() < 0.98, sanitaryToilet: true, memberUninsured: false, fullSupport: false,
    housingDamagedAfter: false, waterDamagedAfter: false, outOfSchoolAfter: false, recordedPerCapitaIncomeFen: rnd() < 0.8 ? pc : pc + 50_000, phoneMasked: '138******78', collectorName: '王**',
    collectorPhoneMasked: '139******01', developmentalMeasures: pick(['是', '尚未实施', null]), memberCount: size, members, perCapitaNetIncomeFen: pc,
    income: { wageFen: pc * size, businessIncomeFen: 0, businessExpensesFen: 0, propertyFen: 0, transferFen: 0, compliantOutOfPocketFen: 0 }, thresholdFen: 730_000,
    measures: monitoredHousehold ? [{ kind: pick(['health', 'industry', 'socialSecurity', 'employment'] as const), subKind: null, text: '措施' }] : [],
  };
}

// 1. pure
const households: CheckHousehold[] = [];
for (let p = 0, no = 1; p < persons; no++) {
  const size = Math.min(1 + Math.floor(rnd() * 6), persons - p);
  households.push(household(no, p, size));
  p += size;
}
console.log(`generated ${households.length.toLocaleString()} households, ${persons.toLocaleString()} persons; ${CHECKS.length} household checks; RSS ${mb()}`);
let t = performance.now();
let c0 = process.cpuUsage();
let findings = 0;
for (const h of households) findings += runChecks(h, '2026-03-15').length;
let s = (performance.now() - t) / 1000;
console.log(`pure checks: ${s.toFixed(2)} s wall, ${cpu(c0)} s CPU, ${Math.round(persons / s).toLocaleString()} persons/s, ${findings.toLocaleString()} findings; RSS ${mb()}`);
households.length = 0;

// 2. service over a seeded registry
const dir = mkdtempSync(join(tmpdir(), 'zhenxing-bench-checks-'));
const rt = await openRuntime({ ...process.env, ZX_DATA_DIR: dir, DATABASE_URL: '', LOG_LEVEL: 'silent', ZX_ID_KEY: '55'.repeat(32) });
try {
  await rt.services.regions.ensureReferenceData();
  await rt.services.seed.seed({ persons: seeded, seed: 1 });
  t = performance.now();
  c0 = process.cpuUsage();
  const r = await rt.services.checks.run(systemActor());
  s = (performance.now() - t) / 1000;
  console.log(`CheckService.run over ${r.households.toLocaleString()} seeded households (${seeded.toLocaleString()} persons, SQLite): ${s.toFixed(2)} s wall, ${cpu(c0)} s CPU, ${r.findings.length.toLocaleString()} findings; RSS ${mb()}`);
} finally {
  await rt.close();
  rmSync(dir, { recursive: true, force: true });
}
