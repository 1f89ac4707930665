import { sql } from 'kysely';
import { formatYuan } from '../money';
import { nearBandUpperFen, nearBandUpperSql, thresholdOf, type ScreeningRule } from './rule';

/**
 * R03 家庭无劳动力, version 2 (issue 16). Source: 中农组发〔2021〕7号: the monitoring scope is income below
 * the range, or rigid spending / sharply reduced income causing serious difficulty; 缺劳动力 is one of its
 * risk types, not a condition of monitoring by itself. So a household without labour is flagged only
 * when its per-capita net income is also below the top of the near-threshold band, threshold ×
 * (1 + nearThresholdMarginPercent / 100) (the band is the project's choice, parameters.ts, decision 0261).
 * Below the threshold R01 flags it too and R03 adds the risk type; alone R03 flags the band [t, upper).
 * Labour: the national export's 劳动技能 values 普通劳动力 and 技能劳动力 count, the others (弱劳动力或半劳动力,
 * 丧失劳动力, 无劳动力) do not. No members or no income figure is noData, never flagged.
 */
export const noLabourRule: ScreeningRule = {
  id: 'R03',
  bit: 2,
  name: '家庭无劳动力且收入在监测范围上浮区间内',
  version: '2',
  source: '中农组发〔2021〕7号(监测范围;风险类型:缺劳动力);全国防返贫监测信息系统“劳动技能”口径;上浮区间为本项目设定',
  riskTypes: ['lackOfLabour'],
  description: '家庭成员中没有普通劳动力或技能劳动力,且人均纯收入低于监测范围上浮区间上限',
  evaluate(f, ctx) {
    const t = ctx.threshold.valueFen;
    const upper = nearBandUpperFen(t, ctx.params);
    const cur = f.perCapitaNetIncomeFen;
    const base = {
      threshold: thresholdOf(ctx),
      usesPlaceholderThreshold: ctx.threshold.status === 'placeholder',
      inputs: [
        { key: 'memberCount', label: '家庭人口', value: f.memberCount, unit: 'persons' as const },
        { key: 'labourCount', label: '劳动力人数', value: f.labourCount, unit: 'persons' as const },
        { key: 'perCapitaNetIncomeFen', label: '家庭年人均纯收入', value: cur, unit: 'fen' as const },
        { key: 'upperFen', label: `监测范围上浮${ctx.params.nearThresholdMarginPercent}%`, value: upper, unit: 'fen' as const },
      ],
      clearIf: `至少一名成员为普通劳动力或技能劳动力,或人均纯收入达到 ${formatYuan(upper)} 元及以上`,
    };
    if (f.memberCount === 0) return { ...base, outcome: 'noData', riskTypes: [], summary: '户内无成员', clearIf: '补录家庭成员' };
    if (f.labourCount > 0) return { ...base, outcome: 'clear', riskTypes: [], summary: `有 ${f.labourCount} 名劳动力` };
    if (cur === null) return { ...base, outcome: 'noData', riskTypes: [], summary: `${f.memberCount} 名成员中没有劳动力,缺少${f.year}年收入,无法判断`, clearIf: '补录当年收入后重新筛查' };
    const flagged = cur < upper;
    return {
      ...base,
      outcome: flagged ? 'flagged' : 'clear',
      riskTypes: flagged ? ['lackOfLabour'] : [],
      summary: flagged
        ? `${f.memberCount} 名成员中没有劳动力,人均纯收入 ${formatYuan(cur)} 元,低于 ${formatYuan(upper)} 元`
        : `${f.memberCount} 名成员中没有劳动力,但人均纯收入 ${formatYuan(cur)} 元,不低于 ${formatYuan(upper)} 元`,
    };
  },
  sqlCondition: ({ fact, thresholdFen, params }) =>
    sql`(${fact('memberCount')} > 0 and ${fact('labourCount')} = 0 and ${fact('perCapitaNetIncomeFen')} < ${nearBandUpperSql(thresholdFen, params)})`,
};
