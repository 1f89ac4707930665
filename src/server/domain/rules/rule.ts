/**
 * The shape of a return-to-poverty screening rule (返贫致贫风险筛查规则). Each rule is a small module
 * with an id, a Chinese name, its policy source and version, and a pure function from a household's
 * facts to a verdict with its explanation.
 */
import { sql, type RawBuilder } from 'kysely';
import type { RiskType, ThresholdStatus } from '../../../shared/enums';
import type { HouseholdFacts } from '../facts';
import type { ResolvedThreshold } from '../thresholds';

/** Tunable parameters of the rules (percentages as whole numbers). See parameters.ts for sources. */
export interface RuleParameters {
  /**
   * R02 and R03: how far above the threshold still counts as "just above" (the near-threshold band
   * [t, t × (1 + margin/100))), percent of the threshold. The project's choice (parameters.ts).
   */
  nearThresholdMarginPercent: number;
  /** R02: the fall from last year's per-capita income that counts as large, percent. */
  largeFallPercent: number;
  /** R05: compliant out-of-pocket medical spending relative to net household income, percent. */
  medicalSpendingSharePercent: number;
}

/** What a rule is given besides the facts. */
export interface RuleContext {
  threshold: ResolvedThreshold;
  params: RuleParameters;
}

/** One named input of an explanation; money in fen. */
export interface ExplanationInput {
  key: string;
  label: string;
  value: number | string | boolean | null;
  unit?: 'fen' | 'persons' | 'percent';
}

/** The verdict of one rule on one household-year. */
export interface Verdict {
  outcome: 'flagged' | 'clear' | 'noData';
  /** Risk types the flag points to (empty unless flagged). */
  riskTypes: RiskType[];
  summary: string;
  inputs: ExplanationInput[];
  threshold?: { valueFen: number; status: ThresholdStatus; source: string };
  clearIf: string;
  /** True when a placeholder threshold took part in the verdict. */
  usesPlaceholderThreshold: boolean;
}

/** Columns of the stored facts (household_fact) that a rule's SQL form may read. */
export type FactColumn = Exclude<keyof HouseholdFacts, 'year' | 'incomeIssue'>;

/**
 * What a rule's SQL form is given: a reference to each fact column of the row being screened (booleans
 * are stored as 0/1 integers, money as integer fen, a missing figure as NULL), the threshold of the row's
 * county-year in fen, and the parameters (whole numbers, inlined as literals).
 */
export interface SqlRuleContext {
  fact(column: FactColumn): RawBuilder<unknown>;
  thresholdFen: RawBuilder<unknown>;
  params: RuleParameters;
}

/** A screening rule. `version` changes whenever its logic or parameters' meaning changes. */
export interface ScreeningRule {
  id: string;
  /**
   * Bit of this rule in a stored flag set (screening_result.flags): fixed per rule id for good, so that
   * flags stored under an earlier rule set keep their meaning.
   */
  bit: number;
  name: string;
  version: string;
  /** The policy document the rule comes from. */
  source: string;
  riskTypes: RiskType[];
  description: string;
  evaluate(facts: HouseholdFacts, ctx: RuleContext): Verdict;
  /**
   * The condition under which `evaluate` says 'flagged', as a portable SQL boolean over one row of facts
   * (SQLite and PostgreSQL through Kysely). NULL counts as false, as a missing figure never flags. The
   * two forms must agree on every household: rules.sql.test.ts proves it on generated facts and edges.
   */
  sqlCondition(ctx: SqlRuleContext): RawBuilder<unknown>;
}

/** The threshold as shown in an explanation. */
export function thresholdOf(ctx: RuleContext): Verdict['threshold'] {
  return { valueFen: ctx.threshold.valueFen, status: ctx.threshold.status, source: ctx.threshold.source };
}

/**
 * Upper edge (exclusive) of the near-threshold band in fen: t + ⌊t × margin / 100⌋ (R02, R03).
 * The project's choice of band, not a policy figure (parameters.ts).
 */
export function nearBandUpperFen(thresholdFen: number, params: RuleParameters): number {
  return thresholdFen + Math.floor((thresholdFen * params.nearThresholdMarginPercent) / 100);
}

/** nearBandUpperFen as portable SQL: integer division truncates on both dialects (t > 0). */
export function nearBandUpperSql(thresholdFen: RawBuilder<unknown>, params: RuleParameters): RawBuilder<unknown> {
  return sql`(${thresholdFen} + (${thresholdFen} * ${sql.lit(params.nearThresholdMarginPercent)}) / 100)`;
}
