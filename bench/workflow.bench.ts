/**
 * Benchmark of the workflow's read paths with 100,000 open cases (plus 50,000 closed identification
 * cases, 50,000 monitored households and 40,000 measures), inserted directly into a fresh database:
 * the worklist (national operator, a county user, a village cadre), the overdue list, and the timeliness
 * figures (national and one county). Prints milliseconds (median of 5 runs after one warm-up); asserts
 * nothing.
 *
 *   npx tsx bench/workflow.bench.ts                        # SQLite (embedded default)
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/workflow.bench.ts   # PostgreSQL (own schema, dropped after)
 *   BENCH_OPEN_CASES=20000 npx tsx bench/workflow.bench.ts # smaller
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openRuntime } from '../src/server/bootstrap';
import { openDatabase } from '../src/server/db/connect';
import { systemActor, type Actor } from '../src/server/services/actor';
import { regionScope } from '../src/server/repositories/scope';
import { addCalendarDays } from '../src/server/domain/workflow/calendar';
import { CaseRepository } from '../src/server/repositories/case.repository';
import { MeasureRepository } from '../src/server/repositories/measure.repository';
import { NATIONAL_SCOPE } from '../src/server/repositories/scope';

const OPEN = Number(process.env.BENCH_OPEN_CASES ?? 100_000);
const CLOSED = Math.round(OPEN / 2);
const dir = mkdtempSync(join(tmpdir(), 'zhenxing-wf-bench-'));
const pgBase = process.env.BENCH_DATABASE_URL;
const schema = `bench_wf_${process.pid}`;
let dbUrl = '';
if (pgBase) {
  const admin = openDatabase(pgBase, { poolSize: 1 });
  await sql`create schema ${sql.id(schema)}`.execute(admin);
  await admin.destroy();
  dbUrl = `${pgBase}${pgBase.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}
const rt = await openRuntime({ ...process.env, ZX_DATA_DIR: dir, DATABASE_URL: dbUrl, LOG_LEVEL: 'silent', ZX_ID_KEY: '33'.repeat(32), ZX_AUDIT_KEY: '34'.repeat(32) });
const db = rt.db;
const s = rt.services;
const today = new Date().toISOString().slice(0, 10);
let seed = 12345;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)]!;

try {
  console.log(`database: ${pgBase ? 'PostgreSQL' : 'SQLite'}; ${OPEN.toLocaleString()} open cases, ${CLOSED.toLocaleString()} closed`);
  await s.regions.ensureReferenceData();
  const villages = (await db.selectFrom('region').select('code').where('level', '=', 'village').where('code', 'like', '5226%').limit(3000).execute()).map((r) => r.code);
  const households = OPEN + CLOSED;
  let t = performance.now();
  const now = new Date().toISOString();
  const B = 500;
  for (let i = 0; i < households; i += B) {
    const rows = [];
    for (let j = i; j < Math.min(households, i + B); j++) {
      const v = pick(villages);
      const monitored = j >= OPEN && j < OPEN + 50_000;
      rows.push({
        householdNo: `B${j}`, provinceCode: v.slice(0, 2), prefectureCode: v.slice(0, 4), countyCode: v.slice(0, 6), townshipCode: v.slice(0, 9), villageCode: v,
        householdType: 'ordinaryRural', monitoredCategory: monitored ? 'marginalVulnerable' : null, riskTypes: monitored ? pick(['illness', 'educationCosts', 'housingSafety', 'illness,drinkingWater']) : '',
        identifiedMonth: monitored ? '2026-01' : null, riskEliminated: 0, eliminationMode: null, eliminatedMonth: null, farmlandMu: 0, forestMu: 0, housingAreaM2: null, dangerousHouse: 0,
        distanceToRoadKm: null, roadHardened: 1, electricity: 1, safeDrinkingWater: 1, sanitaryToilet: 1, headName: '测试', memberCount: 3, isDemo: 1, createdAt: now, updatedAt: now, version: 1,
      });
    }
    await db.insertInto('household').values(rows).execute();
  }
  const hh = await db.selectFrom('household').select(['id', 'villageCode']).orderBy('id').execute();
  const steps = [['verification', 'verificationVisit'], ['comparison', 'informationComparison'], ['villageReview', 'villageReview'], ['notice', 'publicNotice'], ['townshipReview', 'townshipReview'], ['countyApproval', 'countyApproval'], ['announcement', 'announcement']] as const;
  for (let i = 0; i < hh.length; i += B) {
    const rows = hh.slice(i, i + B).map((h, k) => {
      const open = i + k < OPEN;
      const clue = addCalendarDays(today, -Math.floor(rand() * 60) - 1);
      const [state, step] = open ? pick(steps) : (['enrolled', null] as const);
      const v = h.villageCode;
      return {
        kind: 'identification', householdId: h.id, provinceCode: v.slice(0, 2), countyCode: v.slice(0, 6), townshipCode: v.slice(0, 9), villageCode: v, origin: 'departmentAlert', sourceRef: null, note: '',
        state, currentStep: step, clueDate: clue, stepBaseDate: clue, stepDue: open ? addCalendarDays(clue, Math.floor(rand() * 40)) : null, decisionDue: addCalendarDays(clue, 15),
        verifiedOn: open ? null : addCalendarDays(clue, Math.floor(rand() * 4)), decidedOn: open ? null : addCalendarDays(clue, 8 + Math.floor(rand() * 10)), firstMeasureOn: open ? null : addCalendarDays(clue, 12 + Math.floor(rand() * 20)),
        closedOn: null, category: null, riskTypes: '', reason: null, eliminationMode: null, openedBy: 'bench', openedAt: now, updatedAt: now, version: 1,
      };
    });
    await db.insertInto('monitoringCase').values(rows).execute();
  }
  const monitoredIds = hh.slice(OPEN, OPEN + 50_000);
  for (let i = 0; i < 40_000 && i < monitoredIds.length; i += B) {
    await db.insertInto('assistanceMeasure').values(monitoredIds.slice(i, Math.min(i + B, 40_000)).map((h) => ({
      householdId: h.id, caseId: null, countyCode: h.villageCode.slice(0, 6), villageCode: h.villageCode, kind: pick(['health', 'education', 'housingSafety', 'employment']), subKind: null, responsibleUnit: 'u',
      startDate: today, endDate: null, amountFen: null, status: 'inProgress', note: '', createdBy: 'bench', createdAt: now, updatedAt: now, version: 1,
    }))).execute();
  }
  await sql`analyze`.execute(db);
  console.log(`insert ${households.toLocaleString()} households + cases, 40,000 measures: ${Math.round(performance.now() - t)} ms`);

  const county = hh[0]!.villageCode.slice(0, 6);
  const village = hh[0]!.villageCode;
  const national = systemActor('bench');
  const countyUser: Actor = { ...national, level: 'county', roles: ['countyApprover'], regionCode: county, scope: regionScope(county) };
  const villageUser: Actor = { ...national, level: 'village', roles: ['villageCadre'], regionCode: village, scope: regionScope(village) };
  async function time(label: string, fn: () => Promise<unknown>) {
    await fn();
    const runs: number[] = [];
    let out: unknown;
    for (let i = 0; i < 5; i++) {
      t = performance.now();
      out = await fn();
      runs.push(performance.now() - t);
    }
    runs.sort((a, b) => a - b);
    const n = Array.isArray(out) ? `${out.length} rows` : '';
    console.log(`${label.padEnd(52)} ${runs[2]!.toFixed(1).padStart(8)} ms  ${n}`);
  }
  await time('worklist, national operator (100 earliest due)', () => s.cases.worklist(national, { limit: 100 }));
  await time(`worklist, county user ${county} (100)`, () => s.cases.worklist(countyUser, { limit: 100 }));
  await time(`worklist, village cadre ${village} (100)`, () => s.cases.worklist(villageUser, { limit: 100 }));
  await time('overdue list, national (500)', () => s.cases.worklist(national, { limit: 500, overdueOnly: true }));
  await time('timeliness figures, national', () => s.timeliness.figures(national));
  await time(`timeliness figures, county ${county}`, () => s.timeliness.figures(national, county));
  const cr = new CaseRepository(db);
  const mr = new MeasureRepository(db);
  console.log('  breakdown of the national timeliness figures:');
  await time('    spans (one grouped scan)', () => cr.spanCounts(NATIONAL_SCOPE));
  await time('    overdue by step', () => cr.overdueByStep(NATIONAL_SCOPE, today));
  await time('    open cases', () => cr.countOpen(NATIONAL_SCOPE));
  await time('    monitored households', () => mr.monitored(NATIONAL_SCOPE));
  await time('    measure kinds in place', () => mr.kindsInPlace(NATIONAL_SCOPE));
  await time('    households with an overdue case', () => cr.householdsOverdue(NATIONAL_SCOPE, today));
  const f = await s.timeliness.figures(national);
  console.log(`  national: open ${f.openCases}, overdue ${f.overdueTotal}, clue→decision median ${f.clueToDecision.median} p90 ${f.clueToDecision.p90}, clearance ${f.dynamicClearance?.toFixed(3)}`);
  console.log(`peak RSS ${Math.round(process.memoryUsage().rss / 1024 / 1024)} MiB`);
} finally {
  await rt.close();
  if (pgBase) {
    const admin = openDatabase(pgBase, { poolSize: 1 });
    await sql`drop schema ${sql.id(schema)} cascade`.execute(admin);
    await admin.destroy();
  }
  rmSync(dir, { recursive: true, force: true });
}
