/**
 * Monitoring threshold (监测范围, yuan per person per year, stored in fen). There is no single national
 * figure: each province sets its own each year and some counties set a higher one (中农组发〔2021〕7号:
 * "各省份综合本区域物价指数变化、农村居民人均可支配收入增幅和农村低保标准等因素,合理确定监测范围").
 * Values with a public source ship in data/monitoring-thresholds.csv; administrators confirm the others.
 */
import type { ThresholdStatus } from '../../shared/enums';

/** One threshold value as stored. `countyCode` '' means the whole province. */
export interface ThresholdEntry {
  provinceCode: string;
  countyCode: string;
  year: number;
  valueFen: number;
  status: ThresholdStatus;
  source: string;
}

/** The threshold that applies to a county and year, and how it was found. */
export interface ResolvedThreshold {
  valueFen: number;
  status: ThresholdStatus;
  source: string;
  /** county override, the province's value, an earlier year's value carried forward, or the national placeholder */
  basis: 'county' | 'province' | 'carriedForward' | 'nationalPlaceholder';
  provinceCode: string;
  countyCode: string | null;
  year: number;
}

/**
 * National placeholder when a province has no value for the year nor any earlier one: 6,000 yuan,
 * i.e. about 1.5 × the national poverty line of the poverty-alleviation period (≈4,000 yuan in 2020
 * prices), the basis the national guidance gave for 2021. It is always a placeholder, never a source.
 */
export const NATIONAL_PLACEHOLDER_FEN = 600_000;

/**
 * Resolves the threshold for a county and year: the county's own value for the year, else the
 * province's value for the year, else the latest earlier value of the county or province carried
 * forward (status `placeholder`, since a carried value is not that year's rule), else the national
 * placeholder. Pure; `entries` is the whole table (small: provinces × years).
 */
export function resolveThreshold(entries: readonly ThresholdEntry[], countyCode: string, year: number): ResolvedThreshold {
  const provinceCode = countyCode.slice(0, 2);
  const county = entries.find((e) => e.countyCode === countyCode && e.year === year);
  if (county) return { ...pick(county), basis: 'county', provinceCode, countyCode, year };
  const province = entries.find((e) => e.provinceCode === provinceCode && e.countyCode === '' && e.year === year);
  if (province) return { ...pick(province), basis: 'province', provinceCode, countyCode: null, year };
  const earlier = entries
    .filter((e) => e.year < year && (e.countyCode === countyCode || (e.provinceCode === provinceCode && e.countyCode === '')))
    .filter((e) => e.status !== 'placeholder')
    .sort((a, b) => b.year - a.year || (a.countyCode === '' ? 1 : -1))[0];
  if (earlier) {
    return {
      valueFen: earlier.valueFen,
      status: 'placeholder',
      source: `沿用${earlier.year}年${earlier.countyCode ? '本县' : '本省'}监测范围(${earlier.source}),${year}年标准待管理员确认`,
      basis: 'carriedForward',
      provinceCode,
      countyCode: earlier.countyCode || null,
      year,
    };
  }
  return {
    valueFen: NATIONAL_PLACEHOLDER_FEN,
    status: 'placeholder',
    source: '无来源:全国占位值,约为脱贫攻坚期国家扶贫标准(2020年约4000元)的1.5倍,待管理员确认',
    basis: 'nationalPlaceholder',
    provinceCode,
    countyCode: null,
    year,
  };
}

function pick(e: ThresholdEntry) {
  return { valueFen: e.valueFen, status: e.status, source: e.source };
}
