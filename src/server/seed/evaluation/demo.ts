/**
 * The 监测评价 part of the demo (issue 10 item 7): on the invented population, a reporting period of the
 * monitoring indicators for the default year — every key county but the last of each province submits,
 * prefectures and provinces approve, the nation locks (so the status page shows who has not submitted)
 * — and a key-county monitoring evaluation round with ranks and grades. The weights and grade lines are
 * the demo's own (no public source gives them; the round marks them as entered by the evaluating level),
 * TB01 (reported income) weighs 0 because the demo reports no hand-entered figures.
 */
import { regionScope } from '../../repositories/scope';
import type { Actor } from '../../services/actor';
import { systemActor } from '../../services/actor';
import type { EvaluationService } from '../../services/evaluation/evaluation.service';
import type { ReportingService } from '../../services/indicators/reporting.service';

/** Demo weights of the 重点帮扶县监测评价 template (entered by the "nation" of the demo). */
export const DEMO_WEIGHTS = { M1: 25, M2: 30, M3: 30, M4: 15, M5: 0 };
export const DEMO_GRADE_LINES = { good: 85, fairlyGood: 70, fair: 60 };

const actorAt = (code: string): Actor => ({
  username: `演示:${code}`, userId: null, level: code.length === 2 ? 'province' : code.length === 4 ? 'prefecture' : 'county', regionCode: code,
  roles: ['reviewer', 'dataEntry', 'countyApprover'], scope: regionScope(code),
});

/** Seeds the demo period and round; returns their ids. */
export async function seedEvaluationDemo(s: { reporting: ReportingService; evaluation: EvaluationService }, year: number, seed: number): Promise<{ periodId: number; roundId: number; submitted: number }> {
  const nation = systemActor('演示数据');
  const period = await s.reporting.openPeriod(nation, { setId: 'monitoring', period: String(year) });
  const counties = (await s.reporting.status(nation, period.id)).counties.map((c) => c.countyCode);
  const byProvince = new Map<string, string[]>();
  for (const c of counties) byProvince.set(c.slice(0, 2), [...(byProvince.get(c.slice(0, 2)) ?? []), c]);
  const submitted = [...byProvince.values()].flatMap((cs) => (cs.length > 1 ? cs.slice(0, -1) : cs));
  for (const c of submitted) await s.reporting.act(actorAt(c), period.id, { action: 'submit', counties: [c] });
  for (const level of [4, 2]) {
    const groups = new Map<string, string[]>();
    for (const c of submitted) groups.set(c.slice(0, level), [...(groups.get(c.slice(0, level)) ?? []), c]);
    for (const [code, cs] of groups) await s.reporting.act(actorAt(code), period.id, { action: 'approve', counties: cs });
  }
  await s.reporting.act(nation, period.id, { action: 'lock', counties: submitted });
  const round = await s.evaluation.createRound(nation, { kind: 'zhongdian-jiance', year, weights: DEMO_WEIGHTS, gradeLines: DEMO_GRADE_LINES, seed });
  await s.evaluation.compute(nation, round.id);
  return { periodId: period.id, roundId: round.id, submitted: submitted.length };
}
