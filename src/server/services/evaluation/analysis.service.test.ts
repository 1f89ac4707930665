/**
 * The analyses beyond reporting on the hand-counted registry (test/fixtures/list-registry.ts), both
 * dialects. Guizhou 2025 threshold 730,000 fen; flagged now: L01 (R01), L08 (R01), L09 (R01, R03), L10 (R04).
 *
 * What-if 10,000 yuan (1,000,000 fen) by hand: below it and not flagged now — L02, L03, L04 (900,000,
 * 岜沙, 丙妹镇) and L21 (800,000, 榕江县); L13…L20 (1,010,000+) and L11 (1,100,000) stay above. None leave.
 * Workload: 5 identification steps at village or township level (data/workflow-rules.json: 入户核实,
 * 信息比对, 村级评议, 公示, 乡镇审核) per entering household → 丙妹镇 15.
 * What-if 4,000 yuan: L01 (500,000) leaves; L08 (negative) stays below; L09 leaves R01 but R03 keeps it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { forEachDialect } from '../../../../test/harness';
import { listRegistryServices } from '../../../../test/fixtures/list-registry-services';
import { VILLAGES } from '../../../../test/fixtures/registry';
import type { Services } from '../../container';
import { systemActor } from '../actor';

forEachDialect('AnalysisService', (dialect) => {
  let services: Services;
  let drop: () => Promise<void>;
  const actor = systemActor('analyst');
  beforeAll(async () => {
    ({ services, drop } = await listRegistryServices(dialect));
  });
  afterAll(async () => {
    await drop?.();
  });

  const fingerprint = async () => {
    const r = await sql<{ s: string }>`select count(*) || ':' || coalesce(sum(flags * household_id), 0) || ':' || (select count(*) from screening_context) as s from household_fact`.execute(services.ctx.db);
    return r.rows[0]!.s;
  };

  it('what-if: exactly the households a hand computation finds, per township, nothing written', async () => {
    const before = await fingerprint();
    const up = await services.analysis.whatIf(actor, { regionCode: '52', year: 2025, thresholdYuan: 10000 });
    expect(up.households.map((h) => [h.householdNo, h.change]).sort()).toEqual([['L02', 'enter'], ['L03', 'enter'], ['L04', 'enter'], ['L21', 'enter']]);
    expect(up.households.find((h) => h.householdNo === 'L02')).toMatchObject({ rulesNow: [], rulesThen: ['R01'] });
    expect(up.grassrootsSteps).toHaveLength(5);
    const bingmei = up.townships.find((t) => t.townshipCode === VILLAGES.basha.slice(0, 9))!;
    expect(bingmei).toMatchObject({ entering: 3, leaving: 0, workload: 15 });
    expect(up.totals).toEqual({ entering: 4, leaving: 0, workload: 20 });
    const down = await services.analysis.whatIf(actor, { regionCode: '522633', year: 2025, thresholdYuan: 4000 });
    // at 4,000 yuan: L01 leaves (R01 no longer), and so does L09 (7,000 yuan, no labour): R01 no longer, and R03 v2
    // needs income below the top of the near-threshold band, 4,000 × 1.5 = 6,000 yuan (decision 0261)
    expect(down.households.map((h) => [h.householdNo, h.change]).sort()).toEqual([['L01', 'leave'], ['L09', 'leave']]);
    expect(down.townships).toHaveLength(2);
    expect(down.townships).toEqual(expect.arrayContaining([
      { townshipCode: VILLAGES.basha.slice(0, 9), townshipName: expect.any(String), entering: 0, leaving: 1, workload: 0 },
      { townshipCode: VILLAGES.guandong.slice(0, 9), townshipName: expect.any(String), entering: 0, leaving: 1, workload: 0 },
    ]));
    expect(await fingerprint()).toBe(before);
    await expect(services.analysis.whatIf(actor, { regionCode: '52', year: 2025, params: { largeFallPercent: -1 } })).rejects.toMatchObject({ code: 'validation_error' });
  });

  it('triage: the share of each source\'s clues that ended in enrolment, per township', async () => {
    const t = await services.analysis.triage(actor, { countyCode: '522633', year: 2025 });
    const basha = VILLAGES.basha.slice(0, 9);
    const guandong = VILLAGES.guandong.slice(0, 9);
    const line = (source: string, township: string) => t.lines.find((l) => l.source === source && l.townshipCode === township);
    // R01: L01 (monitored) and L08 in 丙妹镇 → 1 of 2; L09 in 贯洞's township → 0 of 1
    expect(line('rule:R01', basha)).toMatchObject({ clues: 2, enrolled: 1, enrolledPercent: 50 });
    expect(line('rule:R01', guandong)).toMatchObject({ clues: 1, enrolled: 0, enrolledPercent: 0 });
    expect(line('rule:R04', guandong)).toMatchObject({ clues: 1, enrolled: 0 });
    expect(t.sources.find((s) => s.source === 'rule:R01')).toMatchObject({ clues: 3, enrolled: 1, enrolledPercent: 33.33 });
  });

  it('reconciliation: a threshold change after the national snapshot, with the households behind it', async () => {
    const snap = await services.indicators.takeSnapshot(actor, { setId: 'monitoring', period: '2025' });
    expect(snap.scopeCode).toBe('');
    const same = await services.analysis.reconcile(actor, { countyCode: '522633', setId: 'monitoring', period: '2025' });
    expect(same.holders.find((h) => h.holder === 'national')!.differences).toEqual([]);
    await services.thresholds.setThreshold({ provinceCode: '52', year: 2025, valueYuan: 10000, source: '测试', by: 'test' });
    await services.screening.screen({ year: 2025 });
    const r = await services.analysis.reconcile(actor, { countyCode: '522633', setId: 'monitoring', period: '2025' });
    const nation = r.holders.find((h) => h.holder === 'national')!;
    // JC10 3 → 6, JC08 4 → 7, JC09 20 → 35, JC11 15 → 30, JC12 50 → 7 ÷ 11
    expect(nation.differences.find((d) => d.indicatorId === 'JC10')).toMatchObject({ now: 6, held: 3 });
    expect(nation.differences.find((d) => d.indicatorId === 'JC08')).toMatchObject({ now: 7, held: 4 });
    expect(nation.differences.map((d) => d.indicatorId).sort()).toEqual(['JC08', 'JC09', 'JC10', 'JC11', 'JC12']);
    expect(nation.households.map((h) => [h.householdNo, h.cause]).sort()).toEqual([['L02', 'rules'], ['L03', 'rules'], ['L04', 'rules']]);
  });
});
