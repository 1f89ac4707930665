import { sql } from 'kysely';
import type { ScreeningRule } from './rule';

/**
 * R03 家庭无劳动力. Source: 中农组发〔2021〕7号 (风险类型 缺劳动力); the national export's 劳动技能 values
 * 普通劳动力 and 技能劳动力 count as labour, the others (弱劳动力或半劳动力, 丧失劳动力, 无劳动力) do not.
 * A household with no members is noData, not flagged.
 */
export const noLabourRule: ScreeningRule = {
  id: 'R03',
  bit: 2,
  name: '家庭无劳动力',
  version: '1',
  source: '中农组发〔2021〕7号(风险类型:缺劳动力);全国防返贫监测信息系统“劳动技能”口径',
  riskTypes: ['lackOfLabour'],
  description: '家庭成员中没有普通劳动力或技能劳动力',
  evaluate(f) {
    const inputs = [
      { key: 'memberCount', label: '家庭人口', value: f.memberCount, unit: 'persons' as const },
      { key: 'labourCount', label: '劳动力人数', value: f.labourCount, unit: 'persons' as const },
    ];
    if (f.memberCount === 0) return { outcome: 'noData', riskTypes: [], summary: '户内无成员', inputs, clearIf: '补录家庭成员', usesPlaceholderThreshold: false };
    const flagged = f.labourCount === 0;
    return {
      outcome: flagged ? 'flagged' : 'clear',
      riskTypes: flagged ? ['lackOfLabour'] : [],
      summary: flagged ? `${f.memberCount} 名成员中没有劳动力` : `有 ${f.labourCount} 名劳动力`,
      inputs,
      clearIf: '至少一名成员为普通劳动力或技能劳动力',
      usesPlaceholderThreshold: false,
    };
  },
  sqlCondition: ({ fact }) => sql`(${fact('memberCount')} > 0 and ${fact('labourCount')} = 0)`,
};
