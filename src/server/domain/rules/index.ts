/**
 * The rule set in force, in display order. Adding a rule: a new module beside this file, added here.
 * `RULESET_VERSION` joins the rule versions so that stored results know which logic produced them.
 */
import { basicNeedsRule } from './basic-needs.rule';
import { incomeBelowThresholdRule } from './income-below-threshold.rule';
import { incomeNearThresholdFallingRule } from './income-near-threshold-falling.rule';
import { medicalSpendingRule } from './medical-spending.rule';
import { noLabourRule } from './no-labour.rule';
import type { HouseholdFacts } from '../facts';
import type { RuleContext, ScreeningRule, Verdict } from './rule';

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

export type { ScreeningRule, Verdict, RuleContext, RuleParameters } from './rule';
