/**
 * Timeliness and clearance figures against values computed by hand on a fixed set of cases (inserted
 * directly, as of TEST_NOW = 2026-03-15), on both dialects. Spans are calendar days from the clue;
 * median and 90th percentile by nearest rank (rank = ceil(p/100 × n)).
 *
 * 从江县 522633, identification cases:
 *   c1 clue 03-01, verified 03-02 (1), decided 03-12 (11), first measure 03-14 (13)
 *   c2 clue 03-01, verified 03-04 (3), decided 03-04 (3)            (not enrolled at verification)
 *   c3 clue 03-02, verified 03-03 (1), decided 03-10 (8), first measure 03-11 (9)
 *   c4 clue 03-05, verified 03-10 (5), open at comparison, due 03-13 → overdue
 *   c5 clue 03-10, open at verification, due 03-12 → overdue
 *   c6 clue 03-14, open at verification, due 03-16 → not overdue
 * 榕江县 522632: c7 clue 02-01, verified 02-20 (19), decided 03-01 (28).
 * Monitored households in 522633: h1 illness + health in progress (covered); h3 illness + housing with
 * only health completed (housing uncovered); h8 drinking water with a water measure only planned
 * (uncovered); h4 education + education measure in progress but an overdue case → not cleared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect, newTestServices } from '../../../test/harness';
import { head, household, VILLAGES } from '../../../test/fixtures/registry';
import type { Services } from '../container';
import type { Db } from '../db/connect';
import { CaseRepository } from '../repositories/case.repository';
import { MeasureRepository } from '../repositories/measure.repository';
import { NATIONAL_SCOPE } from '../repositories/scope';
import { systemActor } from './actor';

forEachDialect('TimelinessService', (dialect) => {
  let services: Services;
  let db: Db;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ services, db, drop } = await newTestServices(dialect));
    await services.regions.ensureReferenceData();
    const mon = (riskTypes: ('illness' | 'housingSafety' | 'drinkingWater' | 'educationCosts')[]) => ({ monitoredCategory: 'marginalVulnerable' as const, riskTypes, identifiedMonth: '2026-03' });
    const { ids } = await services.registry.registerHouseholds(NATIONAL_SCOPE, [
      household('T1', VILLAGES.basha, [head()], [], mon(['illness'])),
      household('T2', VILLAGES.basha, [head()]),
      household('T3', VILLAGES.basha, [head()], [], mon(['illness', 'housingSafety'])),
      household('T4', VILLAGES.darong, [head()], [], mon(['educationCosts'])),
      household('T5', VILLAGES.darong, [head()]),
      household('T6', VILLAGES.darong, [head()]),
      household('T7', VILLAGES.rongjiang, [head()]),
      household('T8', VILLAGES.guandong, [head()], [], mon(['drinkingWater'])),
    ], { screen: false });
    const cases = new CaseRepository(db);
    const measures = new MeasureRepository(db);
    const base = { kind: 'identification', origin: 'direct', sourceRef: null, note: '', category: null, riskTypes: '', reason: null, eliminationMode: null, closedOn: null, decisionDue: null, openedBy: 't', openedAt: 't', updatedAt: 't', version: 1 };
    const add = async (no: string, village: string, c: { clue: string; verified?: string; decided?: string; measure?: string; state: string; step?: string; due?: string }) => {
      await cases.insert(NATIONAL_SCOPE, {
        ...base, householdId: ids.get(no)!, provinceCode: village.slice(0, 2), countyCode: village.slice(0, 6), townshipCode: village.slice(0, 9), villageCode: village,
        state: c.state, currentStep: c.step ?? null, clueDate: c.clue, stepBaseDate: c.clue, stepDue: c.due ?? null, verifiedOn: c.verified ?? null, decidedOn: c.decided ?? null, firstMeasureOn: c.measure ?? null,
      });
    };
    await add('T1', VILLAGES.basha, { clue: '2026-03-01', verified: '2026-03-02', decided: '2026-03-12', measure: '2026-03-14', state: 'enrolled' });
    await add('T2', VILLAGES.basha, { clue: '2026-03-01', verified: '2026-03-04', decided: '2026-03-04', state: 'notEnrolled' });
    await add('T3', VILLAGES.basha, { clue: '2026-03-02', verified: '2026-03-03', decided: '2026-03-10', measure: '2026-03-11', state: 'enrolled' });
    await add('T4', VILLAGES.darong, { clue: '2026-03-05', verified: '2026-03-10', state: 'comparison', step: 'informationComparison', due: '2026-03-13' });
    await add('T5', VILLAGES.darong, { clue: '2026-03-10', state: 'verification', step: 'verificationVisit', due: '2026-03-12' });
    await add('T6', VILLAGES.darong, { clue: '2026-03-14', state: 'verification', step: 'verificationVisit', due: '2026-03-16' });
    await add('T7', VILLAGES.rongjiang, { clue: '2026-02-01', verified: '2026-02-20', decided: '2026-03-01', state: 'enrolled' });
    const m = async (no: string, village: string, kind: string, status: string) =>
      measures.insert(NATIONAL_SCOPE, { householdId: ids.get(no)!, caseId: null, countyCode: village.slice(0, 6), villageCode: village, kind, subKind: null, responsibleUnit: 'u', startDate: '2026-03-11', endDate: null, amountFen: null, status, note: '', createdBy: 't', createdAt: 't', updatedAt: 't', version: 1 });
    await m('T1', VILLAGES.basha, 'health', 'inProgress');
    await m('T3', VILLAGES.basha, 'health', 'completed');
    await m('T4', VILLAGES.darong, 'education', 'inProgress');
    await m('T8', VILLAGES.guandong, 'drinkingWater', 'planned');
  });
  afterAll(async () => {
    await drop?.();
  });

  it('从江县 522633: spans, overdue steps, coverage and clearance as computed by hand', async () => {
    const f = await services.timeliness.figures(systemActor(), '522633');
    // verification 1,1,3,5: median rank 2 → 1; p90 rank ceil(3.6) = 4 → 5
    expect(f.clueToVerification).toEqual({ n: 4, median: 1, p90: 5 });
    // decision 3,8,11: median rank 2 → 8; p90 rank ceil(2.7) = 3 → 11
    expect(f.clueToDecision).toEqual({ n: 3, median: 8, p90: 11 });
    // first measure 9,13: median rank 1 → 9; p90 rank ceil(1.8) = 2 → 13
    expect(f.clueToFirstMeasure).toEqual({ n: 2, median: 9, p90: 13 });
    expect(f).toMatchObject({ openCases: 3, overdueByStep: { informationComparison: 1, verificationVisit: 1 }, overdueTotal: 2 });
    // monitored T1, T3, T4, T8; uncovered: T3 housing, T8 water (planned only); cleared: T1 only (T4 overdue) → 1/4
    expect(f).toMatchObject({ monitoredHouseholds: 4, householdsWithUncoveredRisk: 2, uncoveredRisks: 2, dynamicClearance: 0.25 });
  });

  it('榕江县 522632 and a village: only their own cases', async () => {
    const r = await services.timeliness.figures(systemActor(), '522632');
    // 02-01 → 02-20 = 19 days; 02-01 → 03-01 = 28 days
    expect(r.clueToVerification).toEqual({ n: 1, median: 19, p90: 19 });
    expect(r.clueToDecision).toEqual({ n: 1, median: 28, p90: 28 });
    expect(r).toMatchObject({ openCases: 0, overdueTotal: 0, monitoredHouseholds: 0, dynamicClearance: null });
    const v = await services.timeliness.figures(systemActor(), VILLAGES.darong);
    expect(v).toMatchObject({ openCases: 3, overdueTotal: 2, clueToVerification: { n: 1, median: 5, p90: 5 } });
  });

  it('child regions: the counties of 黔东南州 with cases, each with its own figures', async () => {
    const rows = await services.timeliness.childFigures(systemActor(), '5226');
    expect(rows.map((r) => [r.regionCode, r.name, r.figures.openCases, r.figures.clueToDecision.median])).toEqual([
      ['522632', '榕江县', 0, 28],
      ['522633', '从江县', 3, 8],
    ]);
  });

  it('worklist: earliest due first, overdue with days and why', async () => {
    const w = await services.cases.worklist(systemActor(), { region: '522633', limit: 10 });
    expect(w.map((x) => [x.householdNo, x.due, x.overdue, x.daysOverdue])).toEqual([
      ['T5', '2026-03-12', true, 3],
      ['T4', '2026-03-13', true, 2],
      ['T6', '2026-03-16', false, 0],
    ]);
    expect(w[0]!.why).toBe('入户核实已逾期 3 天(应于 2026-03-12 前完成)');
    // 榕江县: T7 enrolled 03-01 with no measure in place: first measure due 15 days later, 03-16
    const r = await services.cases.worklist(systemActor(), { region: '522632', limit: 10 });
    expect(r.map((x) => [x.householdNo, x.state, x.step, x.due, x.overdue])).toEqual([['T7', 'enrolled', null, '2026-03-16', false]]);
    expect(r[0]!.why).toMatch(/^落实首项帮扶措施应于 2026-03-16 前\(项目假设/);
    // a township user sees the comparison (township or county) but not the village's verification
    const township = { ...systemActor('乡镇干部'), level: 'township' as const, roles: ['townshipReviewer' as const], regionCode: '522633100', scope: { regionCode: '522633100' } };
    expect((await services.cases.worklist(township, { limit: 10 })).map((x) => x.householdNo)).toEqual(['T5', 'T4', 'T6']);
    const village = { ...systemActor('村干部'), level: 'village' as const, roles: ['villageCadre' as const], regionCode: VILLAGES.darong, scope: { regionCode: VILLAGES.darong } };
    // village: verification and village steps only, in its own village: T5 and T6 (T4 awaits comparison)
    expect((await services.cases.worklist(village, { limit: 10 })).map((x) => x.householdNo)).toEqual(['T5', 'T6']);
  });
});
