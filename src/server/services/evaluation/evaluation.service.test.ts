/**
 * An evaluation round (后评估) of three counties, ranks and grades by hand, on both dialects. Counties:
 * 从江县 522633 (L01–L20 of test/fixtures/list-registry.ts), 榕江县 522632 (L21 only), 锦屏县 522628 (no
 * households). Weights entered by the evaluating level (no public source): A1 20, B1 20, C1 10, C2 10,
 * D1 10, D2 10, D3 10, D4 10 (= 100); grade lines 好 ≥ 90, 较好 ≥ 80, 一般 ≥ 60, else 差.
 *
 * Indicators of the round's snapshot (2025):
 * - JC12 未纳入预警户占比 (lower better): 522633 4 ÷ (4 + 4) = 50; 522632 and 522628 no flagged or
 *   monitored households → no value. C1: 522633 is best and worst → 10; the others 0 (无数据).
 * - JC11 低于监测范围户占比 (lower better): 522633 3 ÷ 20 = 15; 522632 0 ÷ 1 = 0; 522628 no households.
 *   D4: 522632 best → 10; 522633 worst → 0; 522628 → 0.
 * Entered and scored:
 * - 522633: A1 18, B1 17, C1 10, C2 9, D1 1.5 (< 2 met) 10, D2 2 (not < 2) 0, D3 95 (≥ 90) 10, D4 0, E1 +2 → 76 一般
 * - 522632: A1 20, B1 19, C1 0, C2 10, D1 0.5 → 10, D2 1 → 10, D3 92 → 10, D4 10, E2 −1 → 88 较好
 * - 522628: A1 15, B1 15, C1 0, C2 5, D1 3 → 0, D2 1 → 10, D3 80 → 0, D4 0 → 45 差
 * Ranks: 522632 1, 522633 2, 522628 3. 522633 lost 2 + 3 + 1 + 10 + 10 = 26 points.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../../../test/harness';
import { listRegistryServices } from '../../../../test/fixtures/list-registry-services';
import type { Services } from '../../container';
import { NATIONAL_SCOPE } from '../../repositories/scope';
import { systemActor } from '../actor';

const WEIGHTS = { A1: 20, B1: 20, C1: 10, C2: 10, D1: 10, D2: 10, D3: 10, D4: 10 };
const LINES = { good: 90, fairlyGood: 80, fair: 60 };
const COUNTIES = ['522633', '522632', '522628'];
const ENTERED: Record<string, Record<string, number>> = {
  '522633': { A1: 18, B1: 17, C2: 9, D1: 1.5, D2: 2, D3: 95, E1: 2 },
  '522632': { A1: 20, B1: 19, C2: 10, D1: 0.5, D2: 1, D3: 92, E2: -1 },
  '522628': { A1: 15, B1: 15, C2: 5, D1: 3, D2: 1, D3: 80 },
};

forEachDialect('EvaluationService', (dialect) => {
  let services: Services;
  let drop: () => Promise<void>;
  const actor = systemActor('evaluator');
  beforeAll(async () => {
    ({ services, drop } = await listRegistryServices(dialect));
  });
  afterAll(async () => {
    await drop?.();
  });

  it('refuses weights that do not sum to the total, a missing item and bad grade lines', async () => {
    const bad = services.evaluation.createRound(actor, { kind: 'houpinggu', year: 2025, counties: COUNTIES, weights: { ...WEIGHTS, D4: 5 }, gradeLines: LINES });
    await expect(bad).rejects.toMatchObject({ code: 'validation_error' });
    await expect(bad).rejects.toThrow('权重合计 95,应等于本轮总分 100');
    const { C2: _, ...missing } = WEIGHTS;
    await expect(services.evaluation.createRound(actor, { kind: 'houpinggu', year: 2025, counties: COUNTIES, weights: { ...missing, C1: 20 }, gradeLines: LINES })).rejects.toThrow('C2(其他工作落实情况)缺少权重');
    await expect(services.evaluation.createRound(actor, { kind: 'houpinggu', year: 2025, counties: COUNTIES, gradeLines: LINES })).rejects.toThrow('须由评价层级录入各项权重');
    await expect(services.evaluation.createRound(actor, { kind: 'houpinggu', year: 2025, counties: COUNTIES, weights: WEIGHTS, gradeLines: { good: 80, fairlyGood: 90, fair: 60 } })).rejects.toMatchObject({ code: 'validation_error' });
  });

  it('scores, ranks and grades three counties by hand; the county page lists the lost points', async () => {
    const round = await services.evaluation.createRound(actor, { kind: 'houpinggu', year: 2025, counties: COUNTIES, weights: WEIGHTS, gradeLines: LINES, seed: 20260315 });
    expect(round.weightsEnteredByEvaluator).toBe(true);
    expect(round.weightsOrigin).toBe('entered:national:evaluator');
    for (const [county, items] of Object.entries(ENTERED)) for (const [itemId, value] of Object.entries(items)) await services.evaluation.enterItem(actor, round.id, { countyCode: county, itemId, value });
    await expect(services.evaluation.enterItem(actor, round.id, { countyCode: '522633', itemId: 'A1', value: 21 })).rejects.toThrow('得分应在 0 至 20 之间');
    await expect(services.evaluation.enterItem(actor, round.id, { countyCode: '522633', itemId: 'C1', value: 5 })).rejects.toThrow('取自指标快照,不能录入');
    const results = await services.evaluation.compute(actor, round.id);
    expect(results.map((r) => [r.countyCode, r.score, r.rank, r.grade])).toEqual([
      ['522632', 88, 1, '较好'],
      ['522633', 76, 2, '一般'],
      ['522628', 45, 3, '差'],
    ]);
    const page = await services.evaluation.countyResult(NATIONAL_SCOPE, round.id, '522633');
    expect(page.lostPoints).toBe(26);
    expect(page.items.slice(0, 2).map((i) => [i.itemId, i.lost])).toEqual([['D2', 10], ['D4', 10]]);
    expect(page.items.find((i) => i.itemId === 'C1')).toMatchObject({ value: 50, score: 10, lost: 0 });
    expect(page.items.find((i) => i.itemId === 'D4')).toMatchObject({ value: 15, score: 0 });
  });

  it('draws the sample households reproducibly by strata (seed stored with the round)', async () => {
    const a = await services.evaluation.createRound(actor, { kind: 'houpinggu', year: 2025, counties: ['522633'], weights: WEIGHTS, gradeLines: LINES, seed: 7 });
    const b = await services.evaluation.createRound(actor, { kind: 'houpinggu', year: 2025, counties: ['522633'], weights: WEIGHTS, gradeLines: LINES, seed: 7 });
    await services.evaluation.compute(actor, a.id);
    await services.evaluation.compute(actor, b.id);
    const sa = await services.evaluation.samples(NATIONAL_SCOPE, a.id);
    const sb = await services.evaluation.samples(NATIONAL_SCOPE, b.id);
    expect(sa.map((s) => [s.stratum, s.householdNo])).toEqual(sb.map((s) => [s.stratum, s.householdNo]));
    // monitored L01 L03 L05 L11: fewer than the minimum of 5, all drawn
    expect(sa.filter((s) => s.stratum === 'monitored').map((s) => s.householdNo).sort()).toEqual(['L01', 'L03', 'L05', 'L11']);
    // other (neither monitored nor lifted): 14 households, ⌈0.5% × 14⌉ = 1 < minimum 2 → 2 drawn among them
    const other = sa.filter((s) => s.stratum === 'other').map((s) => s.householdNo);
    expect(other).toHaveLength(2);
    for (const no of other) expect(['L04', 'L06', 'L07', 'L09', 'L10', 'L12', 'L13', 'L14', 'L15', 'L16', 'L17', 'L18', 'L19', 'L20']).toContain(no);
    // computing again draws the same households
    await services.evaluation.compute(actor, a.id);
    expect((await services.evaluation.samples(NATIONAL_SCOPE, a.id)).map((s) => s.householdNo)).toEqual(sa.map((s) => s.householdNo));
  });
});
