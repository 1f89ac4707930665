/**
 * The rule set in force, in display order. Adding a rule: a new module beside this file, added here.
 * `RULESET_VERSION` joins the rule versions so that stored results know which logic produced them.
 */
import { basicNeedsRule } from './basic-needs.rule';
import { incomeBelowThresholdRule } from './income-below-threshold.rule';
import { incomeNearThresholdFallingRule } from './income-near-threshold-falling.rule';
import { medicalSpendingRule } from './medical-spending.rule';
import { noLabourRule } from './no-labour.rule';
import { sql, type RawBuilder } from 'kysely';
import type { HouseholdFacts } from '../facts';
import type { RuleContext, ScreeningRule, SqlRuleContext, Verdict } from './rule';

export const SCREENING_RULES: readonly ScreeningRule[] = [
  incomeBelowThresholdRule,
  incomeNearThresholdFallingRule,
  noLabourRule,
  basicNeedsRule,
  medicalSpendingRule,
];

export const RULESET_VERSION = SCREENING_RULES.map((r) => `${r.id}@${r.version}`).join(',');

/** Runs every rule on one household's facts; returns the verdicts keyed by rule id, in rule order. */
export function screenHousehold(facts: HouseholdFacts, ctx: RuleContext): { ruleId: string; ruleVersion: string; verdict: Verdict }[] {
  return SCREENING_RULES.map((r) => ({ ruleId: r.id, ruleVersion: r.version, verdict: r.evaluate(facts, ctx) }));
}

/**
 * The stored flag set of one household-year as a portable SQL integer expression: the sum of
 * 2^bit over the rules whose SQL condition holds (a NULL condition adds nothing).
 */
export function flagsExpression(ctx: SqlRuleContext, rules: readonly ScreeningRule[] = SCREENING_RULES): RawBuilder<number> {
  const terms = rules.map((r) => sql`(case when ${r.sqlCondition(ctx)} then ${sql.lit(2 ** r.bit)} else 0 end)`);
  return sql<number>`(${sql.join(terms, sql` + `)})`;
}

/** The flag set (bits) of the given rule ids. @throws RangeError for an unknown rule id */
export function flagsOfRuleIds(ruleIds: readonly string[]): number {
  let flags = 0;
  for (const id of ruleIds) {
    const rule = SCREENING_RULES.find((r) => r.id === id);
    if (!rule) throw new RangeError(`unknown rule ${id}`);
    flags |= 2 ** rule.bit;
  }
  return flags;
}

/** The rule ids of a stored flag set, in rule-set order. */
export function ruleIdsOfFlags(flags: number): string[] {
  return SCREENING_RULES.filter((r) => (flags & (2 ** r.bit)) !== 0).map((r) => r.id);
}

/** The bit value (2^bit) of a rule id in a stored flag set, or undefined for an unknown id. */
export function flagOf(ruleId: string): number | undefined {
  const rule = SCREENING_RULES.find((r) => r.id === ruleId);
  return rule ? 2 ** rule.bit : undefined;
}

export type { ScreeningRule, Verdict, RuleContext, RuleParameters, SqlRuleContext, FactColumn } from './rule';
