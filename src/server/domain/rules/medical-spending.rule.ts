import { sql } from 'kysely';
import { formatYuan } from '../money';
import type { ScreeningRule } from './rule';

/**
 * R05 合规自付医疗支出较大(突发严重困难). Source: 中发〔2020〕30号 (因病因灾因意外事故等刚性支出较大…
 * 导致基本生活出现严重困难) and 中农组发〔2021〕7号 (突发严重困难户). Flags compliant out-of-pocket
 * medical spending of at least the parameter's share of the household's net income (any spending when
 * net income is zero or negative).
 */
export const medicalSpendingRule: ScreeningRule = {
  id: 'R05',
  bit: 4,
  name: '合规自付医疗支出较大',
  version: '1',
  source: '中发〔2020〕30号;中农组发〔2021〕7号(突发严重困难户)',
  riskTypes: ['illness'],
  description: '合规自付医疗支出占家庭年纯收入的比例达到设定值',
  evaluate(f, ctx) {
    const share = ctx.params.medicalSpendingSharePercent;
    const oop = f.compliantOutOfPocketFen;
    const net = f.netIncomeFen;
    const inputs = [
      { key: 'compliantOutOfPocketFen', label: '合规自付支出', value: oop, unit: 'fen' as const },
      { key: 'netIncomeFen', label: '家庭年纯收入', value: net, unit: 'fen' as const },
      { key: 'sharePercent', label: '支出占收入比例标准', value: share, unit: 'percent' as const },
    ];
    if (net === null) return { outcome: 'noData', riskTypes: [], summary: `缺少${f.year}年收入记录`, inputs, clearIf: '补录当年收入后重新筛查', usesPlaceholderThreshold: false };
    // oop ≥ share% of net ⇔ oop × 100 ≥ share × net, in integers
    const flagged = oop > 0 && (net <= 0 || oop * 100 >= share * net);
    return {
      outcome: flagged ? 'flagged' : 'clear',
      riskTypes: flagged ? ['illness'] : [],
      summary: flagged
        ? `合规自付支出 ${formatYuan(oop)} 元,达到家庭年纯收入 ${formatYuan(net)} 元的 ${share}% 以上`
        : `合规自付支出 ${formatYuan(oop)} 元,低于家庭年纯收入的 ${share}%`,
      inputs,
      clearIf: net > 0 ? `合规自付支出低于 ${formatYuan(Math.ceil((share * net) / 100))} 元` : '家庭年纯收入转正且合规自付支出低于其设定比例',
      usesPlaceholderThreshold: false,
    };
  },
  sqlCondition: ({ fact, params }) => {
    const oop = fact('compliantOutOfPocketFen');
    const net = fact('netIncomeFen');
    return sql`(${net} is not null and ${oop} > 0 and (${net} <= 0 or ${oop} * 100 >= ${sql.lit(params.medicalSpendingSharePercent)} * ${net}))`;
  },
};
