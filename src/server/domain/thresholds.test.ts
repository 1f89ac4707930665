/**
 * resolveThreshold: county override > province value of the year > an earlier value carried forward
 * (a placeholder, since it is not that year's rule) > the national placeholder of 6,000 yuan.
 */
import { describe, expect, it } from 'vitest';
import { NATIONAL_PLACEHOLDER_FEN, resolveThreshold, type ThresholdEntry } from './thresholds';

const e = (provinceCode: string, countyCode: string, year: number, yuan: number, status: ThresholdEntry['status'] = 'sourced', source = `src-${provinceCode}-${countyCode}-${year}`): ThresholdEntry => ({
  provinceCode, countyCode, year, valueFen: yuan * 100, status, source,
});

const TABLE: ThresholdEntry[] = [
  e('52', '', 2023, 7300),
  e('52', '', 2025, 7500, 'confirmed'),
  e('52', '522633', 2025, 8000, 'confirmed'),
  e('53', '532328', 2023, 8050),
  e('53', '', 2024, 8700),
];

describe('resolveThreshold', () => {
  it('a county override of the year wins over the province', () => {
    const r = resolveThreshold(TABLE, '522633', 2025);
    expect(r).toMatchObject({ valueFen: 800_000, status: 'confirmed', basis: 'county', provinceCode: '52', countyCode: '522633', year: 2025, source: 'src-52-522633-2025' });
  });

  it("the province's value of the year applies to its other counties", () => {
    const r = resolveThreshold(TABLE, '522632', 2025);
    expect(r).toMatchObject({ valueFen: 750_000, status: 'confirmed', basis: 'province', provinceCode: '52', countyCode: null });
  });

  it('an earlier province value is carried forward as a placeholder whose source says 沿用', () => {
    // Guizhou 2024: nothing for 2024; latest earlier value is 2023's 7,300 yuan
    const r = resolveThreshold(TABLE, '522633', 2024);
    expect(r.valueFen).toBe(730_000);
    expect(r.status).toBe('placeholder');
    expect(r.basis).toBe('carriedForward');
    expect(r.source).toContain('沿用');
    expect(r.source).toContain('2023');
    expect(r.source).toContain('src-52--2023');
  });

  it('carries the latest earlier year, the county value before the province value of the same year', () => {
    // 元谋县 532328 in 2025: earlier values are county 2023 (8,050) and province 2024 (8,700): 2024 is later
    expect(resolveThreshold(TABLE, '532328', 2025)).toMatchObject({ valueFen: 870_000, basis: 'carriedForward', status: 'placeholder' });
    // in 2024 the province value of the year applies
    expect(resolveThreshold(TABLE, '532328', 2024)).toMatchObject({ valueFen: 870_000, basis: 'province', status: 'sourced' });
    // same year 2023, both county and province: the county value is carried
    const both = [e('53', '', 2023, 7000), e('53', '532328', 2023, 8050)];
    expect(resolveThreshold(both, '532328', 2025)).toMatchObject({ valueFen: 805_000, basis: 'carriedForward', countyCode: '532328' });
    expect(resolveThreshold([...both].reverse(), '532328', 2025)).toMatchObject({ valueFen: 805_000, basis: 'carriedForward' });
    // another county of Yunnan does not take 532328's value
    expect(resolveThreshold(both, '532301', 2025)).toMatchObject({ valueFen: 700_000, basis: 'carriedForward', countyCode: null });
  });

  it('never carries a placeholder forward, nor a later value backward', () => {
    const t = [e('45', '', 2024, 9000, 'placeholder'), e('45', '', 2026, 9100)];
    const r = resolveThreshold(t, '450124', 2025);
    expect(r).toMatchObject({ valueFen: NATIONAL_PLACEHOLDER_FEN, status: 'placeholder', basis: 'nationalPlaceholder' });
  });

  it('falls back to the national placeholder of 600,000 fen (6,000 yuan) for a province with no value', () => {
    const r = resolveThreshold(TABLE, '450124', 2025);
    expect(NATIONAL_PLACEHOLDER_FEN).toBe(600_000);
    expect(r).toMatchObject({ valueFen: 600_000, status: 'placeholder', basis: 'nationalPlaceholder', provinceCode: '45', countyCode: null, year: 2025 });
    expect(r.source).toContain('占位');
  });

  it('does not use another province or another county', () => {
    // 62 (Gansu) has nothing although 52 and 53 have values
    expect(resolveThreshold(TABLE, '620421', 2025).basis).toBe('nationalPlaceholder');
    // 522633's override does not apply to 522632 in 2025 (province value instead) nor in 2024 (carried province value)
    expect(resolveThreshold(TABLE, '522632', 2024)).toMatchObject({ valueFen: 730_000, basis: 'carriedForward' });
  });

  it('an empty table gives the national placeholder', () => {
    expect(resolveThreshold([], '522633', 2025)).toMatchObject({ valueFen: 600_000, basis: 'nationalPlaceholder' });
  });
});
