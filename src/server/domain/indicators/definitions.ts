/**
 * The indicator system (issue 10 item 3; DESIGN.md wave 2, DHIS2's model made small). A *measure* is a
 * named aggregate of the registry that the repositories can read for any region and year (today: the
 * stored region figures of the screening, see repositories/rollup.repository.ts); an *indicator* is a
 * formula over measures and other indicators with its unit, period type, levels, direction, source and
 * version, read from data/indicators/<set>.json. A set is validated at load: a formula naming an unknown
 * measure or indicator, or a cycle between indicators, refuses the whole file with the reason.
 *
 * A formula is data, not text to parse: value = Σ numerator terms ÷ Σ denominator terms × scale (no
 * denominator: Σ numerator × scale). A term is a measure name (`households`, `rule:R01`) or `@<id>`, the
 * value of another indicator of the set for the same region and period. An indicator with formula null is
 * reported by hand (填报), where no data exists in the system.
 */
import { z } from 'zod';
import { MONITORED_CATEGORIES, RISK_TYPES } from '../../../shared/enums';
import { SCREENING_RULES } from '../rules';

export const PERIOD_TYPES = ['month', 'quarter', 'year'] as const;
export type PeriodType = (typeof PERIOD_TYPES)[number];
export const REPORT_LEVELS = ['county', 'prefecture', 'province', 'national'] as const;
export type ReportLevel = (typeof REPORT_LEVELS)[number];

const term = z.string().min(1);
/** One indicator as the data file writes it. */
export const indicatorDefinition = z.object({
  /** stable id, e.g. JC05 */
  id: z.string().regex(/^[A-Z]{2}\d{2}$/, '指标编号应为两个大写字母加两位数字'),
  name: z.string().min(1),
  /** null: reported by hand (填报) */
  formula: z.object({ numerator: z.array(term).min(1), denominator: z.array(term).min(1).optional(), scale: z.number().positive().optional() }).nullable(),
  unit: z.string().min(1),
  period: z.enum(PERIOD_TYPES),
  levels: z.array(z.enum(REPORT_LEVELS)).min(1),
  /** higher/lower is better; none for counts that only describe */
  direction: z.enum(['higher', 'lower', 'none']),
  source: z.string().min(1),
  version: z.number().int().positive(),
});
export type IndicatorDefinition = z.infer<typeof indicatorDefinition>;

/** A set of indicators (one data file): the unit of reporting. */
export const indicatorSetFile = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  name: z.string().min(1),
  version: z.number().int().positive(),
  source: z.string().min(1),
  note: z.string().optional(),
  indicators: z.array(indicatorDefinition).min(1),
});
export type IndicatorSet = z.infer<typeof indicatorSetFile> & {
  /** indicator ids in an order where every referenced indicator comes first */
  order: string[];
};

/** A measure the system can compute: its name in formulas, Chinese label and unit. */
export interface MeasureInfo {
  name: string;
  label: string;
  unit: '户' | '人';
}

/**
 * Every measure of the registry, by name: the metrics of the stored region figures (metric, or
 * metric:key). Keep in step with repositories/rollup.repository.ts metricKeys.
 */
export function registryMeasures(): MeasureInfo[] {
  return [
    { name: 'households', label: '农户数', unit: '户' },
    { name: 'persons', label: '人口数', unit: '人' },
    { name: 'lifted', label: '脱贫户数', unit: '户' },
    { name: 'monitored', label: '监测对象户数(未消除风险)', unit: '户' },
    { name: 'eliminated', label: '已消除风险的监测对象户数', unit: '户' },
    { name: 'flagged', label: '筛查预警户数', unit: '户' },
    { name: 'placeholder', label: '使用暂定监测范围的户数', unit: '户' },
    ...MONITORED_CATEGORIES.map((c): MeasureInfo => ({ name: `category:${c}`, label: `监测对象类别 ${c}`, unit: '户' })),
    ...SCREENING_RULES.map((r): MeasureInfo => ({ name: `rule:${r.id}`, label: `规则 ${r.id} ${r.name}`, unit: '户' })),
    ...RISK_TYPES.map((t): MeasureInfo => ({ name: `risk:${t}`, label: `风险类型 ${t}`, unit: '户' })),
    ...['noData', 'negative', 'below', 'near', 'middle', 'high'].map((b): MeasureInfo => ({ name: `income:${b}`, label: `收入分组 ${b}`, unit: '户' })),
  ];
}

/** Raised when a set file is refused: every reason, each naming the indicator and the term. */
export class IndicatorSetError extends Error {
  constructor(readonly file: string, readonly reasons: string[]) {
    super(`${file} 被拒绝:${reasons.join(';')}`);
    this.name = 'IndicatorSetError';
  }
}

const refOf = (t: string) => (t.startsWith('@') ? t.slice(1) : null);
const termsOf = (d: IndicatorDefinition) => (d.formula ? [...d.formula.numerator, ...(d.formula.denominator ?? [])] : []);

/**
 * Validates a parsed set file against the known measures: shape (zod), unique ids, every term a known
 * measure or an indicator of the set, no cycle between indicators (the cycle is named, e.g. A → B → A).
 * @throws IndicatorSetError with every reason found
 */
export function loadIndicatorSet(file: string, raw: unknown, measures: readonly string[]): IndicatorSet {
  const parsed = indicatorSetFile.safeParse(raw);
  if (!parsed.success) throw new IndicatorSetError(file, parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`));
  const set = parsed.data;
  const reasons: string[] = [];
  const known = new Set(measures);
  const byId = new Map<string, IndicatorDefinition>();
  for (const d of set.indicators) {
    if (byId.has(d.id)) reasons.push(`指标 ${d.id} 重复`);
    byId.set(d.id, d);
  }
  for (const d of set.indicators) {
    for (const t of termsOf(d)) {
      const ref = refOf(t);
      if (ref === null && !known.has(t)) reasons.push(`指标 ${d.id}(${d.name})的公式引用了未知的计量项“${t}”`);
      if (ref !== null && !byId.has(ref)) reasons.push(`指标 ${d.id}(${d.name})的公式引用了不存在的指标“${ref}”`);
      if (ref !== null && byId.get(ref)?.formula === null && !d.levels.every((l) => byId.get(ref)!.levels.includes(l))) {
        reasons.push(`指标 ${d.id} 引用的填报指标 ${ref} 未在 ${d.id} 的全部层级填报`);
      }
    }
  }
  if (reasons.length) throw new IndicatorSetError(file, reasons);
  // depth-first topological order; a grey node met again closes a cycle
  const order: string[] = [];
  const state = new Map<string, 'grey' | 'black'>();
  const visit = (id: string, path: string[]): void => {
    const s = state.get(id);
    if (s === 'black') return;
    if (s === 'grey') {
      const cycle = [...path.slice(path.indexOf(id)), id];
      reasons.push(`指标之间存在循环引用:${cycle.join(' → ')}`);
      return;
    }
    state.set(id, 'grey');
    for (const t of termsOf(byId.get(id)!)) {
      const ref = refOf(t);
      if (ref !== null) visit(ref, [...path, id]);
    }
    state.set(id, 'black');
    order.push(id);
  };
  for (const d of set.indicators) visit(d.id, []);
  if (reasons.length) throw new IndicatorSetError(file, [...new Set(reasons)]);
  return { ...set, order };
}

/** One computed or reported value of an indicator for a region and period. */
export interface IndicatorValue {
  indicatorId: string;
  definitionVersion: number;
  regionCode: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  origin: 'computed' | 'reported';
}

/**
 * Values of every indicator of the set at a region of `level`, in dependency order, from the region's
 * measures (missing measure = 0, as the stored figures leave zeros out below the county) and the
 * hand-reported values (by indicator id; missing = null). A zero denominator gives null (no value,
 * never a division by zero). Indicators not reported at `level` are left out.
 */
export function evaluateSet(set: IndicatorSet, level: ReportLevel, regionCode: string, measures: ReadonlyMap<string, number>, reported: ReadonlyMap<string, number>): IndicatorValue[] {
  const byId = new Map(set.indicators.map((d) => [d.id, d]));
  const values = new Map<string, number | null>();
  const out: IndicatorValue[] = [];
  const termValue = (t: string): number | null => {
    const ref = refOf(t);
    if (ref === null) return measures.get(t) ?? 0;
    return values.get(ref) ?? null;
  };
  const sum = (terms: readonly string[]): number | null => {
    let s = 0;
    for (const t of terms) {
      const v = termValue(t);
      if (v === null) return null;
      s += v;
    }
    return s;
  };
  for (const id of set.order) {
    const d = byId.get(id)!;
    let v: IndicatorValue;
    if (d.formula === null) {
      const r = reported.get(id);
      v = { indicatorId: id, definitionVersion: d.version, regionCode, value: r ?? null, numerator: r ?? null, denominator: null, origin: 'reported' };
    } else {
      const num = sum(d.formula.numerator);
      const den = d.formula.denominator ? sum(d.formula.denominator) : null;
      const scale = d.formula.scale ?? 1;
      const value = num === null ? null : d.formula.denominator ? (den === null || den === 0 ? null : round6((num / den) * scale)) : round6(num * scale);
      v = { indicatorId: id, definitionVersion: d.version, regionCode, value, numerator: num, denominator: den, origin: 'computed' };
    }
    values.set(id, v.value);
    if (d.levels.includes(level)) out.push(v);
  }
  return out;
}

/** Six decimals: values are stored and compared as such on both dialects. */
export const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** The formula in words for the catalogue, e.g. `监测对象户数 ÷ 农户数 × 100`; `填报` for reported ones. */
export function formulaText(set: IndicatorSet, d: IndicatorDefinition, measures: readonly MeasureInfo[]): string {
  if (!d.formula) return '填报(系统内无数据,由县级填报)';
  const label = (t: string) => {
    const ref = refOf(t);
    if (ref !== null) return `[${set.indicators.find((i) => i.id === ref)?.name ?? ref}]`;
    return measures.find((m) => m.name === t)?.label ?? t;
  };
  const side = (terms: readonly string[]) => (terms.length > 1 ? `(${terms.map(label).join(' + ')})` : label(terms[0]!));
  let s = side(d.formula.numerator);
  if (d.formula.denominator) s += ` ÷ ${side(d.formula.denominator)}`;
  if (d.formula.scale && d.formula.scale !== 1) s += ` × ${d.formula.scale}`;
  return s;
}

/**
 * A period of a type: `2025` (year), `2025Q1` (quarter), `2025-03` (month). Returns the type and the
 * data year, or null when the text is not a period.
 */
export function parsePeriod(p: string): { type: PeriodType; year: number } | null {
  let m = /^(\d{4})$/.exec(p);
  if (m) return { type: 'year', year: Number(m[1]) };
  m = /^(\d{4})Q([1-4])$/.exec(p);
  if (m) return { type: 'quarter', year: Number(m[1]) };
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(p);
  if (m) return { type: 'month', year: Number(m[1]) };
  return null;
}
