/**
 * Income rows with totals computed in the sheet (case c11): the product recomputes the total and the
 * per-capita figure from the component columns and compares them with the cached formula results, so
 * that a missing, stale or error result never becomes the stored value. Per-capita follows
 * domain/income.ts (roster size; zero members → no figure, never 0, NaN or Infinity). Pure.
 */
import { divideRounded } from '../domain/money';

export interface IncomeRowInput {
  /** component amounts in fen (null = blank) */
  components: (number | null)[];
  /** cached total (fen), null when the formula kept no result */
  cachedTotalFen: number | null;
  totalHadFormula: boolean;
  /** household size used for the per-capita figure */
  members: number | null;
}

export interface IncomeRowResult {
  totalFen: number | null;
  perCapitaFen: number | null;
  warnings: ('FORMULA_NO_CACHED_VALUE' | 'FORMULA_RESULT_MISMATCH')[];
  errors: ('HOUSEHOLD_SIZE_ZERO' | 'INCOME_MISSING')[];
}

/** Recomputes a row's total and per-capita income and compares them with the sheet's cached total. */
export function reconcileIncomeRow(r: IncomeRowInput): IncomeRowResult {
  const warnings: IncomeRowResult['warnings'] = [];
  const errors: IncomeRowResult['errors'] = [];
  if (r.components.every((c) => c === null)) return { totalFen: null, perCapitaFen: null, warnings, errors: ['INCOME_MISSING'] };
  const totalFen = r.components.reduce<number>((a, c) => a + (c ?? 0), 0);
  if (r.totalHadFormula && r.cachedTotalFen === null) warnings.push('FORMULA_NO_CACHED_VALUE');
  else if (r.cachedTotalFen !== null && r.cachedTotalFen !== totalFen) warnings.push('FORMULA_RESULT_MISMATCH');
  if (!r.members) return { totalFen, perCapitaFen: null, warnings, errors: ['HOUSEHOLD_SIZE_ZERO'] };
  return { totalFen, perCapitaFen: divideRounded(totalFen, r.members), warnings, errors };
}
