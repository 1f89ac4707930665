import { sql } from 'kysely';
import { formatYuan } from '../money';
import { thresholdOf, type ScreeningRule } from './rule';

/**
 * R01 家庭年人均纯收入低于监测范围. Source: 中农组发〔2021〕7号 (监测对象: 家庭年人均纯收入低于当地监测范围的
 * 农户); the threshold is the province's (or county's) value for the year. Exactly at the threshold is
 * not below it.
 */
export const incomeBelowThresholdRule: ScreeningRule = {
  id: 'R01',
  bit: 0,
  name: '人均纯收入低于监测范围',
  version: '1',
  source: '中央农村工作领导小组《关于健全防止返贫动态监测和帮扶机制的指导意见》(中农组发〔2021〕7号)',
  riskTypes: ['other'],
  description: '家庭年人均纯收入低于当年当地监测范围',
  evaluate(f, ctx) {
    const t = ctx.threshold.valueFen;
    const base = {
      threshold: thresholdOf(ctx),
      usesPlaceholderThreshold: ctx.threshold.status === 'placeholder',
      inputs: [
        { key: 'perCapitaNetIncomeFen', label: '家庭年人均纯收入', value: f.perCapitaNetIncomeFen, unit: 'fen' as const },
        { key: 'netIncomeFen', label: '家庭年纯收入', value: f.netIncomeFen, unit: 'fen' as const },
        { key: 'memberCount', label: '家庭人口', value: f.memberCount, unit: 'persons' as const },
      ],
    };
    if (f.perCapitaNetIncomeFen === null) {
      return { ...base, outcome: 'noData', riskTypes: [], summary: f.incomeIssue === 'HOUSEHOLD_NO_MEMBERS' ? '户内无成员,无法计算人均纯收入' : `缺少${f.year}年收入记录,无法判断`, clearIf: '补录家庭成员和当年收入后重新筛查' };
    }
    const flagged = f.perCapitaNetIncomeFen < t;
    return {
      ...base,
      outcome: flagged ? 'flagged' : 'clear',
      riskTypes: flagged ? ['other'] : [],
      summary: flagged
        ? `人均纯收入 ${formatYuan(f.perCapitaNetIncomeFen)} 元,低于监测范围 ${formatYuan(t)} 元`
        : `人均纯收入 ${formatYuan(f.perCapitaNetIncomeFen)} 元,不低于监测范围 ${formatYuan(t)} 元`,
      clearIf: `人均纯收入达到 ${formatYuan(t)} 元及以上(家庭年纯收入至少 ${formatYuan(t * f.memberCount)} 元)`,
    };
  },
  sqlCondition: ({ fact, thresholdFen }) => sql`${fact('perCapitaNetIncomeFen')} < ${thresholdFen}`,
};
