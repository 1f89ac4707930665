/**
 * Annual per-capita net household income (家庭年人均纯收入).
 *
 * Definition (国家统计局农村住户调查口径, as used by the national monitoring system's 人均纯收入（元）
 * column and by 中农组发〔2021〕7号 for the monitoring threshold): net income = wage income + household
 * business income − household business expenses + property income + transfer income; per-capita = net
 * income ÷ the number of members on the household's roster (the roster wins over a typed 家庭人口).
 * Negative results are kept (a business loss is a fact, not an input error). Money in integer fen.
 */
import { divideRounded } from './money';

/** The money of one household-year in fen. */
export interface IncomeAmounts {
  wageFen: number;
  businessIncomeFen: number;
  businessExpensesFen: number;
  propertyFen: number;
  transferFen: number;
}

/** Why a per-capita figure could not be computed. */
export type IncomeIssue = 'HOUSEHOLD_NO_MEMBERS' | 'INCOME_MISSING';

/** Result: both figures in fen, or null with the reason. */
export type PerCapitaResult =
  | { ok: true; netIncomeFen: number; perCapitaNetIncomeFen: number }
  | { ok: false; netIncomeFen: number | null; perCapitaNetIncomeFen: null; issue: IncomeIssue };

/** Net household income in fen: all income less business expenses. */
export function netIncomeFen(a: IncomeAmounts): number {
  return a.wageFen + a.businessIncomeFen - a.businessExpensesFen + a.propertyFen + a.transferFen;
}

/**
 * Per-capita net income in fen, rounded half away from zero to the whole fen.
 * @param income the year's amounts, or null when the household has no income record for the year
 * @param memberCount persons on the roster
 * @returns `ok: false` with HOUSEHOLD_NO_MEMBERS (0 members) or INCOME_MISSING (no record): never 0,
 *   NaN or Infinity in place of a missing figure.
 */
export function perCapitaNetIncome(income: IncomeAmounts | null, memberCount: number): PerCapitaResult {
  const net = income ? netIncomeFen(income) : null;
  if (memberCount <= 0) return { ok: false, netIncomeFen: net, perCapitaNetIncomeFen: null, issue: 'HOUSEHOLD_NO_MEMBERS' };
  if (net === null) return { ok: false, netIncomeFen: null, perCapitaNetIncomeFen: null, issue: 'INCOME_MISSING' };
  return { ok: true, netIncomeFen: net, perCapitaNetIncomeFen: divideRounded(net, memberCount) };
}
