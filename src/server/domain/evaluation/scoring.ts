/**
 * Evaluation rounds of the key counties (issue 10 item 5), pure: the round templates of
 * data/evaluation/<kind>.json (后评估, 衔接资金绩效评价, 重点帮扶县监测评价, 东西部协作, 定点帮扶) with their item
 * tree, scoring rules and sources; the weights check; scores, ranks, grades and the points each county
 * lost; the reproducible draw of sample households. No public source gives the weights or the grade
 * lines of any of these evaluations (funds-projects-evaluation.md §1.4, §6), so a template with
 * `weightsSource: null` takes the weights and grade lines the evaluating level enters, stored with the
 * round and marked as theirs (decision 0203).
 *
 * Scoring rules (`rule.kind`):
 * - `indicatorRelative`: an indicator of the round's set, scored by the county's place between the worst
 *   and the best county of the round: weight × (v − worst) ÷ (best − worst), best by the indicator's
 *   direction; all equal → full weight; no value → 0 ("无数据").
 * - `threshold`: an entered value (or an indicator, `input: "indicator"`) against a target with `op`:
 *   met → full weight, else 0 (the old exit rules: 错退率 < 2%, 漏评率 < 2%, 群众认可度 ≥ 90%).
 * - `enteredScore`: points the evaluating group enters, 0 … weight.
 * - `adjustment`: bonus or penalty points entered within [min, max], outside the weighted total.
 */
import { z } from 'zod';
import { Random } from '../../seed/random';

const rule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('indicatorRelative'), indicator: z.string() }),
  z.object({ kind: z.literal('threshold'), input: z.enum(['entered', 'indicator']), indicator: z.string().optional(), op: z.enum(['<', '<=', '>', '>=']), target: z.number() }),
  z.object({ kind: z.literal('enteredScore') }),
  z.object({ kind: z.literal('adjustment'), min: z.number(), max: z.number() }),
]);
export type ScoringRule = z.infer<typeof rule>;

export interface EvaluationItem {
  id: string;
  name: string;
  source: string;
  unit?: string;
  rule?: ScoringRule;
  children?: EvaluationItem[];
}
const item: z.ZodType<EvaluationItem> = z.lazy(() =>
  z.object({ id: z.string().regex(/^[A-Z]\d*$/), name: z.string().min(1), source: z.string().min(1), unit: z.string().optional(), rule: rule.optional(), children: z.array(item).optional() }),
);

export const evaluationTemplateFile = z.object({
  kind: z.string().regex(/^[a-z][a-z-]*$/),
  name: z.string().min(1),
  source: z.string().min(1),
  /** where the weights come from; null = none public, the evaluating level enters them */
  weightsSource: z.string().nullable(),
  /** weights by leaf id when weightsSource is given */
  weights: z.record(z.string(), z.number()).optional(),
  weightsNote: z.string(),
  gradesSource: z.string(),
  /** the indicator set whose snapshot values the rules read */
  setId: z.string(),
  strata: z.array(z.object({ id: z.enum(['monitored', 'liftedWithLabour', 'liftedNoLabour', 'other']), label: z.string(), share: z.number().min(0).max(1), min: z.number().int().min(0), source: z.string() })),
  items: z.array(item).min(1),
});
export type EvaluationTemplate = z.infer<typeof evaluationTemplateFile>;
export type Stratum = EvaluationTemplate['strata'][number];

/** Leaves of the item tree in order, each with its rule. */
export function leavesOf(items: readonly EvaluationItem[]): (EvaluationItem & { rule: ScoringRule })[] {
  return items.flatMap((i) => (i.children?.length ? leavesOf(i.children) : i.rule ? [i as EvaluationItem & { rule: ScoringRule }] : []));
}

/** Leaves that carry weight (every rule but adjustments). */
export const weightedLeaves = (t: EvaluationTemplate) => leavesOf(t.items).filter((l) => l.rule.kind !== 'adjustment');

/**
 * Problems of a template file: duplicate ids, a node with neither rule nor children, a rule naming an
 * indicator the set lacks or whose direction is `none`, a template weight table that does not fit.
 */
export function templateProblems(t: EvaluationTemplate, indicators: ReadonlyMap<string, { direction: string }>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (items: readonly EvaluationItem[]) => {
    for (const i of items) {
      if (seen.has(i.id)) out.push(`评价项 ${i.id} 重复`);
      seen.add(i.id);
      if (!i.rule && !i.children?.length) out.push(`评价项 ${i.id}(${i.name})既无评分规则也无下级项`);
      if (i.children) walk(i.children);
    }
  };
  walk(t.items);
  for (const l of leavesOf(t.items)) {
    const ind = l.rule.kind === 'indicatorRelative' ? l.rule.indicator : l.rule.kind === 'threshold' && l.rule.input === 'indicator' ? l.rule.indicator : undefined;
    if (l.rule.kind === 'threshold' && l.rule.input === 'indicator' && !l.rule.indicator) out.push(`评价项 ${l.id} 须指明指标`);
    if (ind !== undefined && !indicators.has(ind)) out.push(`评价项 ${l.id} 引用了指标集 ${t.setId} 中不存在的指标 ${ind}`);
    if (l.rule.kind === 'indicatorRelative' && indicators.get(l.rule.indicator)?.direction === 'none') out.push(`评价项 ${l.id} 引用的指标 ${l.rule.indicator} 无优劣方向,不能相对计分`);
    if (l.rule.kind === 'adjustment' && l.rule.min > l.rule.max) out.push(`评价项 ${l.id} 加减分范围有误`);
  }
  if (t.weightsSource !== null && !t.weights) out.push('注明了权重出处但未给出权重');
  return out;
}

/**
 * Problems of a weight table against a template and the round's total: every weighted leaf needs a weight
 * ≥ 0, no unknown ids, and the sum must equal the total (to 1e-9).
 */
export function weightProblems(t: EvaluationTemplate, weights: Readonly<Record<string, number>>, total: number): string[] {
  const out: string[] = [];
  const leaves = weightedLeaves(t);
  const ids = new Set(leaves.map((l) => l.id));
  for (const l of leaves) {
    const w = weights[l.id];
    if (w === undefined) out.push(`评价项 ${l.id}(${l.name})缺少权重`);
    else if (!(Number.isFinite(w) && w >= 0)) out.push(`评价项 ${l.id} 的权重应为非负数`);
  }
  for (const k of Object.keys(weights)) if (!ids.has(k)) out.push(`权重中的 ${k} 不是本轮的计分项`);
  const sum = leaves.reduce((a, l) => a + (weights[l.id] ?? 0), 0);
  if (Math.abs(sum - total) > 1e-9) out.push(`权重合计 ${round2(sum)},应等于本轮总分 ${total}`);
  return out;
}

/** Grade lines: the lowest score of 好, 较好 and 一般 (below 一般: 差), descending. */
export interface GradeLines {
  good: number;
  fairlyGood: number;
  fair: number;
}
export const GRADES = ['好', '较好', '一般', '差'] as const;
export type Grade = (typeof GRADES)[number];

/** Problems of grade lines: descending, within 0 … total. */
export function gradeLineProblems(g: GradeLines, total: number): string[] {
  if (!(g.good > g.fairlyGood && g.fairlyGood > g.fair && g.fair >= 0 && g.good <= total)) return [`等次分数线应满足 0 ≤ 一般(${g.fair}) < 较好(${g.fairlyGood}) < 好(${g.good}) ≤ 总分 ${total}`];
  return [];
}

export const gradeOf = (score: number, g: GradeLines): Grade => (score >= g.good ? '好' : score >= g.fairlyGood ? '较好' : score >= g.fair ? '一般' : '差');

export const round2 = (x: number) => Math.round(x * 100) / 100;

/** The inputs of one county: indicator values of its snapshot and the items entered for it. */
export interface CountyInputs {
  countyCode: string;
  indicators: ReadonlyMap<string, number | null>;
  entered: ReadonlyMap<string, number>;
}

/** One item of a county's result: weight, score, the points lost and why. */
export interface ItemScore {
  itemId: string;
  name: string;
  weight: number;
  value: number | null;
  score: number;
  lost: number;
  note: string;
}

export interface CountyScore {
  countyCode: string;
  score: number;
  rank: number;
  grade: Grade;
  items: ItemScore[];
}

const meets = (v: number, op: '<' | '<=' | '>' | '>=', t: number) => (op === '<' ? v < t : op === '<=' ? v <= t : op === '>' ? v > t : v >= t);

/**
 * Scores every county of a round, ranks them (1 = best; equal scores share a rank, the next rank skips:
 * 1, 1, 3) and grades them. Scores to two decimals.
 */
export function scoreRound(t: EvaluationTemplate, weights: Readonly<Record<string, number>>, lines: GradeLines, counties: readonly CountyInputs[], directionOf: (indicator: string) => string): CountyScore[] {
  const leaves = leavesOf(t.items);
  const scored = counties.map((c) => {
    const items: ItemScore[] = leaves.map((l) => {
      const r = l.rule;
      const w = r.kind === 'adjustment' ? 0 : (weights[l.id] ?? 0);
      switch (r.kind) {
        case 'indicatorRelative': {
          const v = c.indicators.get(r.indicator) ?? null;
          if (v === null) return { itemId: l.id, name: l.name, weight: w, value: null, score: 0, lost: w, note: `指标 ${r.indicator} 无数据` };
          const all = counties.map((x) => x.indicators.get(r.indicator) ?? null).filter((x): x is number => x !== null);
          const higher = directionOf(r.indicator) === 'higher';
          const best = higher ? Math.max(...all) : Math.min(...all);
          const worst = higher ? Math.min(...all) : Math.max(...all);
          const s = best === worst ? w : round2((w * (v - worst)) / (best - worst));
          return { itemId: l.id, name: l.name, weight: w, value: v, score: s, lost: round2(w - s), note: s < w ? `${v} 介于参评县最差 ${worst} 与最好 ${best} 之间(${higher ? '越高越好' : '越低越好'})` : '参评县最好' };
        }
        case 'threshold': {
          const v = r.input === 'entered' ? (c.entered.get(l.id) ?? null) : (c.indicators.get(r.indicator!) ?? null);
          if (v === null) return { itemId: l.id, name: l.name, weight: w, value: null, score: 0, lost: w, note: r.input === 'entered' ? '未录入' : '指标无数据' };
          const ok = meets(v, r.op, r.target);
          return { itemId: l.id, name: l.name, weight: w, value: v, score: ok ? w : 0, lost: ok ? 0 : w, note: ok ? `达到 ${r.op} ${r.target}` : `${v} 未达到 ${r.op} ${r.target}` };
        }
        case 'enteredScore': {
          const v = c.entered.get(l.id);
          if (v === undefined) return { itemId: l.id, name: l.name, weight: w, value: null, score: 0, lost: w, note: '未录入' };
          return { itemId: l.id, name: l.name, weight: w, value: v, score: v, lost: round2(w - v), note: v < w ? '评价组评分' : '满分' };
        }
        case 'adjustment': {
          const v = c.entered.get(l.id) ?? 0;
          return { itemId: l.id, name: l.name, weight: 0, value: v, score: v, lost: v < 0 ? -v : 0, note: v > 0 ? '加分' : v < 0 ? '减分' : '' };
        }
      }
    });
    return { countyCode: c.countyCode, score: round2(items.reduce((a, i) => a + i.score, 0)), items };
  });
  const sorted = [...scored].sort((a, b) => b.score - a.score || a.countyCode.localeCompare(b.countyCode));
  return sorted.map((s) => ({ ...s, rank: sorted.findIndex((x) => x.score === s.score) + 1, grade: gradeOf(s.score, lines) }));
}

/**
 * Problems of an entered value for an item: enteredScore within 0 … weight, adjustment within its range,
 * threshold values any finite number; indicator items are never entered.
 */
export function entryProblems(t: EvaluationTemplate, weights: Readonly<Record<string, number>>, itemId: string, value: number): string[] {
  const l = leavesOf(t.items).find((x) => x.id === itemId);
  if (!l) return [`${itemId} 不是本轮的评价项`];
  if (!Number.isFinite(value)) return ['应为数字'];
  const r = l.rule;
  if (r.kind === 'indicatorRelative' || (r.kind === 'threshold' && r.input === 'indicator')) return [`${itemId}(${l.name})取自指标快照,不能录入`];
  if (r.kind === 'enteredScore' && (value < 0 || value > (weights[itemId] ?? 0))) return [`${itemId}(${l.name})得分应在 0 至 ${weights[itemId] ?? 0} 之间`];
  if (r.kind === 'adjustment' && (value < r.min || value > r.max)) return [`${itemId}(${l.name})应在 ${r.min} 至 ${r.max} 之间`];
  return [];
}

/**
 * Draws `n` of the ids (any order; sorted here, so the draw depends on the set only) with a generator
 * seeded by the round's seed and the key (county and stratum): a partial Fisher–Yates shuffle. The same
 * seed, key and set give the same sample on every machine.
 */
export function drawSample(ids: readonly number[], n: number, seed: number, key: string): number[] {
  const a = [...ids].sort((x, y) => x - y);
  let h = seed | 0;
  for (const ch of key) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  const rnd = new Random(h);
  const k = Math.min(n, a.length);
  for (let i = 0; i < k; i++) {
    const j = i + (rnd.uint32() % (a.length - i));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, k);
}

/** How many to draw from a stratum of `size` households: ⌈share × size⌉, at least `min`, at most size. */
export const sampleSize = (s: Stratum, size: number) => Math.min(size, Math.max(s.min, Math.ceil(s.share * size)));
