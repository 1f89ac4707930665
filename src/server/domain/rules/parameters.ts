/**
 * Default parameters of the screening rules. The policy names the conditions but leaves the figures
 * to provinces: 中发〔2020〕30号 speaks of "刚性支出较大或收入大幅缩减", 中农组发〔2021〕7号 of households
 * "收入略高于监测范围" with risk. These defaults are the project's, not a policy's; a bureau sets its
 * own through configuration (ZX_RULE_* variables), and every verdict records the rule version.
 *
 * nearThresholdMarginPercent also bounds R03 (家庭无劳动力): absence of labour is a risk type (缺劳动力),
 * not a monitoring condition by itself (中农组发〔2021〕7号 names income below the range, or rigid spending
 * or sharply reduced income causing serious difficulty), so R03 flags only a household whose per-capita
 * income is below the top of this band. The band of 50 % is the project's choice (decision 0261).
 */
import type { RuleParameters } from './rule';

export const DEFAULT_RULE_PARAMETERS: RuleParameters = {
  nearThresholdMarginPercent: 50,
  largeFallPercent: 30,
  medicalSpendingSharePercent: 50,
};
