/**
 * Loading an indicator set: the shipped file loads; a formula naming an unknown measure or indicator and
 * a cycle between indicators are refused with the reason; evaluation by hand on fixed measures.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateSet, IndicatorSetError, loadIndicatorSet, parsePeriod, registryMeasures } from './definitions';
import { DATA_DIR } from '../../services/reference-files';

const MEASURES = registryMeasures().map((m) => m.name);
const base = { id: 't', name: '测试', version: 1, source: '测试' };
const ind = (id: string, formula: unknown, extra: object = {}) => ({ id, name: id, formula, unit: '%', period: 'year', levels: ['county'], direction: 'higher', source: 's', version: 1, ...extra });
const refused = (raw: unknown): string[] => {
  try {
    loadIndicatorSet('t.json', raw, MEASURES);
  } catch (e) {
    if (e instanceof IndicatorSetError) return e.reasons;
    throw e;
  }
  throw new Error('not refused');
};

describe('indicator sets', () => {
  it('the shipped monitoring set loads, references ordered first', () => {
    const set = loadIndicatorSet('monitoring.json', JSON.parse(readFileSync(join(DATA_DIR, 'indicators/monitoring.json'), 'utf8')), MEASURES);
    expect(set.indicators.length).toBe(15);
    expect(set.order.indexOf('JC08')).toBeLessThan(set.order.indexOf('JC12'));
    expect(set.order.indexOf('JC04')).toBeLessThan(set.order.indexOf('JC12'));
  });

  it('refuses a formula naming an unknown measure, with the indicator and the term', () => {
    expect(refused({ ...base, indicators: [ind('AA01', { numerator: ['housholds'] })] })).toEqual(['指标 AA01(AA01)的公式引用了未知的计量项“housholds”']);
  });

  it('refuses a cycle between indicators, naming it', () => {
    const reasons = refused({ ...base, indicators: [ind('AA01', { numerator: ['@AA02'] }), ind('AA02', { numerator: ['households'], denominator: ['@AA03'] }), ind('AA03', { numerator: ['@AA01'] })] });
    expect(reasons).toEqual(['指标之间存在循环引用:AA01 → AA02 → AA03 → AA01']);
  });

  it('refuses a reference to a missing indicator and a duplicate id', () => {
    expect(refused({ ...base, indicators: [ind('AA01', { numerator: ['@ZZ99'] }), ind('AA01', null)] })).toEqual(['指标 AA01 重复', '指标 AA01(AA01)的公式引用了不存在的指标“ZZ99”']);
  });

  it('evaluates by hand: ratios, references, zero denominators and reported values', () => {
    const set = loadIndicatorSet('t.json', {
      ...base,
      indicators: [
        ind('AA01', { numerator: ['monitored'], denominator: ['households'], scale: 100 }),
        ind('AA02', { numerator: ['@AA01', 'flagged'] }),
        ind('AA03', { numerator: ['eliminated'], denominator: ['monitored', 'eliminated'], scale: 100 }),
        ind('AA04', null),
      ],
    }, MEASURES);
    const v = evaluateSet(set, 'county', '522633', new Map([['households', 20], ['monitored', 4], ['flagged', 4]]), new Map([['AA04', 14051]]));
    const by = new Map(v.map((x) => [x.indicatorId, x]));
    expect(by.get('AA01')).toMatchObject({ value: 20, numerator: 4, denominator: 20, origin: 'computed' });
    expect(by.get('AA02')!.value).toBe(24);
    // monitored 4 + eliminated 0 → 0 ÷ 4 = 0
    expect(by.get('AA03')!.value).toBe(0);
    expect(by.get('AA04')).toMatchObject({ value: 14051, origin: 'reported' });
    const none = evaluateSet(set, 'county', 'x', new Map(), new Map());
    expect(none.find((x) => x.indicatorId === 'AA01')!.value).toBeNull();
    expect(none.find((x) => x.indicatorId === 'AA04')!.value).toBeNull();
  });

  it('periods', () => {
    expect(parsePeriod('2025')).toEqual({ type: 'year', year: 2025 });
    expect(parsePeriod('2025Q3')).toEqual({ type: 'quarter', year: 2025 });
    expect(parsePeriod('2025-13')).toBeNull();
  });
});
