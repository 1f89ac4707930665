import { sql } from 'kysely';
import { formatYuan } from '../money';
import { nearBandUpperFen, nearBandUpperSql, thresholdOf, type ScreeningRule } from './rule';

/**
 * R02 收入略高于监测范围但大幅下降. Source: 中发〔2020〕30号 (收入大幅缩减导致基本生活出现严重困难) and
 * 中农组发〔2021〕7号 (边缘易致贫户). Flags a per-capita income at or above the threshold but below
 * threshold × (1 + margin), that fell by at least the large-fall percentage from the previous year.
 * Both figures are parameters (see parameters.ts).
 */
export const incomeNearThresholdFallingRule: ScreeningRule = {
  id: 'R02',
  bit: 1,
  name: '收入略高于监测范围且大幅下降',
  version: '1',
  source: '《中共中央 国务院关于实现巩固拓展脱贫攻坚成果同乡村振兴有效衔接的意见》(中发〔2020〕30号);中农组发〔2021〕7号',
  riskTypes: ['unstableEmployment'],
  description: '人均纯收入高于监测范围但在浮动区间内,且比上年大幅下降',
  evaluate(f, ctx) {
    const t = ctx.threshold.valueFen;
    const upper = nearBandUpperFen(t, ctx.params);
    const cur = f.perCapitaNetIncomeFen;
    const prev = f.prevPerCapitaNetIncomeFen;
    const fallPercent = cur !== null && prev !== null && prev > 0 ? Math.round(((prev - cur) * 10000) / prev) / 100 : null;
    const base = {
      threshold: thresholdOf(ctx),
      usesPlaceholderThreshold: ctx.threshold.status === 'placeholder',
      inputs: [
        { key: 'perCapitaNetIncomeFen', label: '本年人均纯收入', value: cur, unit: 'fen' as const },
        { key: 'prevPerCapitaNetIncomeFen', label: '上年人均纯收入', value: prev, unit: 'fen' as const },
        { key: 'fallPercent', label: '下降幅度', value: fallPercent, unit: 'percent' as const },
        { key: 'upperFen', label: `监测范围上浮${ctx.params.nearThresholdMarginPercent}%`, value: upper, unit: 'fen' as const },
        { key: 'largeFallPercent', label: '大幅下降标准', value: ctx.params.largeFallPercent, unit: 'percent' as const },
      ],
    };
    if (cur === null || prev === null) {
      return { ...base, outcome: 'noData', riskTypes: [], summary: '缺少本年或上年收入,无法比较', clearIf: '补录两年收入后重新筛查' };
    }
    const near = cur >= t && cur < upper;
    // fall ≥ p% ⇔ (prev − cur) × 100 ≥ p × prev, in integers
    const largeFall = prev > 0 && (prev - cur) * 100 >= ctx.params.largeFallPercent * prev;
    const flagged = near && largeFall;
    return {
      ...base,
      outcome: flagged ? 'flagged' : 'clear',
      riskTypes: flagged ? ['unstableEmployment'] : [],
      summary: flagged
        ? `人均纯收入 ${formatYuan(cur)} 元,略高于监测范围 ${formatYuan(t)} 元,比上年 ${formatYuan(prev)} 元下降 ${fallPercent}%`
        : near
          ? `人均纯收入在浮动区间内,但比上年下降不足 ${ctx.params.largeFallPercent}%`
          : `人均纯收入不在监测范围至上浮 ${ctx.params.nearThresholdMarginPercent}% 的区间内`,
      clearIf: `人均纯收入达到 ${formatYuan(upper)} 元及以上,或比上年下降不足 ${ctx.params.largeFallPercent}%`,
    };
  },
  sqlCondition: ({ fact, thresholdFen: t, params }) => {
    const cur = fact('perCapitaNetIncomeFen');
    const prev = fact('prevPerCapitaNetIncomeFen');
    const upper = nearBandUpperSql(t, params);
    return sql`(${cur} >= ${t} and ${cur} < ${upper} and ${prev} > 0 and (${prev} - ${cur}) * 100 >= ${sql.lit(params.largeFallPercent)} * ${prev})`;
  },
};
