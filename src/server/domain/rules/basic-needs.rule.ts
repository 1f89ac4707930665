import { sql } from 'kysely';
import type { RiskType } from '../../../shared/enums';
import type { ScreeningRule } from './rule';

/**
 * R04 “三保障”和饮水安全未保障. Source: 中发〔2020〕30号 and 中农组发〔2021〕7号 (监测 "两不愁三保障" 及
 * 饮水安全状况): compulsory education (义务教育法 art. 11: ages 6–15 in school), basic medical
 * insurance for every member, safe housing (not a 危房), safe drinking water.
 */
export const basicNeedsRule: ScreeningRule = {
  id: 'R04',
  bit: 3,
  name: '“三保障”和饮水安全未保障',
  version: '1',
  source: '中发〔2020〕30号;中农组发〔2021〕7号;《中华人民共和国义务教育法》第十一条',
  riskTypes: ['educationCosts', 'illness', 'housingSafety', 'drinkingWater'],
  description: '义务教育、基本医疗保险、住房安全、饮水安全任一项未保障',
  evaluate(f) {
    const gaps: { risk: RiskType; text: string; fix: string }[] = [];
    if (f.childrenOutOfSchool > 0) gaps.push({ risk: 'educationCosts', text: `${f.childrenOutOfSchool} 名义务教育阶段适龄儿童少年未在校`, fix: '适龄儿童少年全部入学' });
    if (f.membersWithoutMedicalInsurance > 0) gaps.push({ risk: 'illness', text: `${f.membersWithoutMedicalInsurance} 名成员未参加基本医疗保险`, fix: '全部成员参加城乡居民或职工基本医疗保险' });
    if (!f.housingSafe) gaps.push({ risk: 'housingSafety', text: '住房为危房', fix: '完成危房改造或搬迁' });
    if (!f.safeDrinkingWater) gaps.push({ risk: 'drinkingWater', text: '未解决安全饮用水', fix: '解决安全饮水' });
    const inputs = [
      { key: 'childrenOutOfSchool', label: '义务教育阶段未在校人数', value: f.childrenOutOfSchool, unit: 'persons' as const },
      { key: 'membersWithoutMedicalInsurance', label: '未参加基本医疗保险人数', value: f.membersWithoutMedicalInsurance, unit: 'persons' as const },
      { key: 'housingSafe', label: '住房安全', value: f.housingSafe },
      { key: 'safeDrinkingWater', label: '饮水安全', value: f.safeDrinkingWater },
    ];
    if (f.memberCount === 0) return { outcome: 'noData', riskTypes: [], summary: '户内无成员', inputs, clearIf: '补录家庭成员', usesPlaceholderThreshold: false };
    return {
      outcome: gaps.length > 0 ? 'flagged' : 'clear',
      riskTypes: gaps.map((g) => g.risk),
      summary: gaps.length > 0 ? gaps.map((g) => g.text).join(';') : '义务教育、基本医疗、住房安全和饮水安全均有保障',
      inputs,
      clearIf: gaps.length > 0 ? gaps.map((g) => g.fix).join(';') : '—',
      usesPlaceholderThreshold: false,
    };
  },
  sqlCondition: ({ fact }) =>
    sql`(${fact('memberCount')} > 0 and (${fact('childrenOutOfSchool')} > 0 or ${fact('membersWithoutMedicalInsurance')} > 0 or ${fact('housingSafe')} = 0 or ${fact('safeDrinkingWater')} = 0))`,
};
