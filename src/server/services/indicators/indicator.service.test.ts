/**
 * Indicator values by hand on the small fixed registry of test/fixtures/list-registry.ts (从江县 522633:
 * L01–L20; 榕江县 522632: L21), snapshots tied to the rules in force, and hand-reported values. Both dialects.
 *
 * 从江县 2025 by hand: 20 households; persons 2+1+3+2+2+1+4+2+1+2+3+2 + 8×1 = 33; lifted L01 L02 L05 L08
 * L11 = 5; monitored L01 L03 L05 L11 = 4; flagged L01 L08 L09 L10 = 4; R01 L01 L08 L09 = 3; no income
 * L06 L12 = 2. Guizhou's threshold 730,000 fen (placeholder).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../../../test/harness';
import { listRegistryServices } from '../../../../test/fixtures/list-registry-services';
import type { Services } from '../../container';
import { NATIONAL_SCOPE, regionScope } from '../../repositories/scope';
import { systemActor } from '../actor';

forEachDialect('IndicatorService', (dialect) => {
  let services: Services;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ services, drop } = await listRegistryServices(dialect));
  });
  afterAll(async () => {
    await drop?.();
  });

  it('computes the values of 从江县 by hand', async () => {
    const v = await services.indicators.compute(NATIONAL_SCOPE, 'monitoring', '2025', '522633');
    const at = (id: string) => v.find((x) => x.regionCode === '522633' && x.indicatorId === id)!;
    expect(at('JC01').value).toBe(20);
    expect(at('JC02').value).toBe(33);
    expect(at('JC03').value).toBe(5);
    expect(at('JC04').value).toBe(4);
    expect(at('JC05')).toMatchObject({ value: 20, numerator: 4, denominator: 20 });
    expect(at('JC07').value).toBe(0);
    expect(at('JC08').value).toBe(4);
    expect(at('JC09').value).toBe(20);
    expect(at('JC10').value).toBe(3);
    expect(at('JC11').value).toBe(15);
    // 4 ÷ (4 + 4) × 100
    expect(at('JC12').value).toBe(50);
    expect(at('JC13').value).toBe(2);
    expect(at('TB01')).toMatchObject({ value: null, origin: 'reported' });
    // the prefecture 黔东南 (5226) holds both counties: 21 households, R01 3 + L21 (800,000 ≥ 730,000: no) = 3
    const pref = await services.indicators.compute(NATIONAL_SCOPE, 'monitoring', '2025', '5226');
    expect(pref.find((x) => x.regionCode === '5226' && x.indicatorId === 'JC01')!.value).toBe(21);
    expect(pref.find((x) => x.regionCode === '5226' && x.indicatorId === 'JC10')!.value).toBe(3);
    // reported indicators are county-level only
    expect(pref.some((x) => x.regionCode === '5226' && x.indicatorId === 'TB01')).toBe(false);
  });

  it('a snapshot recomputed after a rule change: the old snapshot still reads the old values', async () => {
    const actor = systemActor('test');
    const first = await services.indicators.takeSnapshot(actor, { setId: 'monitoring', period: '2025', regionCode: '522633' });
    // raise Guizhou's 2025 threshold to 10,000 yuan and screen again: L02 L03 L04 (900,000) now below it
    await services.thresholds.setThreshold({ provinceCode: '52', year: 2025, valueYuan: 10000, source: '测试:调整监测范围', by: 'test' });
    await services.screening.screen({ year: 2025 });
    const second = await services.indicators.takeSnapshot(actor, { setId: 'monitoring', period: '2025', regionCode: '522633' });
    const read = async (id: number) => (await services.indicators.snapshotValues(NATIONAL_SCOPE, id, ['522633'])).values.find((x) => x.indicatorId === 'JC10')!.value;
    expect(await read(first.id)).toBe(3);
    expect(await read(second.id)).toBe(6);
    expect(JSON.parse(first.ruleParameters).thresholds['522633'].fen).toBe(730000);
    expect(JSON.parse(second.ruleParameters).thresholds['522633'].fen).toBe(1000000);
    await services.thresholds.setThreshold({ provinceCode: '52', year: 2025, valueYuan: 7300, source: '测试:恢复', by: 'test' });
    await services.screening.screen({ year: 2025 });
  });

  it('hand-reported values: only for reported indicators, inside the scope, marked reported', async () => {
    const county = { ...systemActor('c'), regionCode: '522633', level: 'county' as const, scope: regionScope('522633') };
    await services.indicators.reportValue(county, { setId: 'monitoring', period: '2025', countyCode: '522633', indicatorId: 'TB01', value: 14051 });
    await expect(services.indicators.reportValue(county, { setId: 'monitoring', period: '2025', countyCode: '522633', indicatorId: 'JC01', value: 1 })).rejects.toMatchObject({ code: 'validation_error' });
    await expect(services.indicators.reportValue(county, { setId: 'monitoring', period: '2025', countyCode: '522632', indicatorId: 'TB01', value: 1 })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(services.indicators.reportValue(county, { setId: 'monitoring', period: '2025Q1', countyCode: '522633', indicatorId: 'TB01', value: 1 })).rejects.toMatchObject({ code: 'validation_error' });
    const v = await services.indicators.compute(county.scope, 'monitoring', '2025');
    expect(v.find((x) => x.indicatorId === 'TB01')).toMatchObject({ value: 14051, origin: 'reported', regionCode: '522633' });
    // the county user reads no figure above the county
    expect(v.every((x) => x.regionCode === '522633')).toBe(true);
  });
});
