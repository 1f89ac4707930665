/**
 * Default parameters of the screening rules. The policy names the conditions but leaves the figures
 * to provinces: 中发〔2020〕30号 speaks of "刚性支出较大或收入大幅缩减", 中农组发〔2021〕7号 of households
 * "收入略高于监测范围" with risk. These defaults are the project's, not a policy's; a bureau sets its
 * own through configuration (ZX_RULE_* variables), and every verdict records the rule version.
 */
import type { RuleParameters } from './rule';

export const DEFAULT_RULE_PARAMETERS: RuleParameters = {
  nearThresholdMarginPercent: 50,
  largeFallPercent: 30,
  medicalSpendingSharePercent: 50,
};
