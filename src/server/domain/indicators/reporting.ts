/**
 * The reporting chain of an indicator set's period (issue 10 item 4), pure: states, transitions and who
 * may act, read from data/indicators/reporting.json. Each county's report climbs county → prefecture →
 * province → nation: the county submits, the prefecture and the province approve or return with a
 * reason, the nation locks; after the lock a change needs an unlock, with a reason, by the level that
 * locked (`level: "locker"`). The levels and transitions are data so that this chain can run on the
 * shared procedure engine of item 1 when it lands (decision 0202): `decide` is the whole of its logic.
 */
import { z } from 'zod';
import { REPORT_LEVELS, type ReportLevel } from './definitions';

export const reportingChainFile = z.object({
  name: z.string(),
  title: z.string(),
  source: z.string().min(1),
  /** state → Chinese label; the first is the initial state */
  states: z.record(z.string(), z.string()),
  /** states in which the county may change its reported values */
  editableIn: z.array(z.string()),
  transitions: z.array(z.object({
    action: z.string(),
    label: z.string(),
    from: z.array(z.string()).min(1),
    to: z.string(),
    /** the level that may act, or `locker`: the level that performed the lock */
    level: z.union([z.enum(REPORT_LEVELS), z.literal('locker')]),
    reasonRequired: z.boolean(),
    takesSnapshot: z.boolean().optional(),
  })).min(1),
});
export type ReportingChain = z.infer<typeof reportingChainFile>;
export type ReportingTransition = ReportingChain['transitions'][number];

/** Checks that every state named by a transition exists. @returns the reasons (empty = valid) */
export function chainProblems(chain: ReportingChain): string[] {
  const states = new Set(Object.keys(chain.states));
  const out: string[] = [];
  for (const t of chain.transitions) for (const s of [...t.from, t.to]) if (!states.has(s)) out.push(`操作 ${t.action} 引用了未定义的状态 ${s}`);
  for (const s of chain.editableIn) if (!states.has(s)) out.push(`editableIn 引用了未定义的状态 ${s}`);
  return out;
}

export const LEVEL_ZH: Record<ReportLevel, string> = { county: '县级', prefecture: '市州', province: '省级', national: '国家' };

/** Why a step is refused: `wrong_level` (403) or `refused` (409, state or reason). */
export type Refusal = { kind: 'wrong_level' | 'refused'; message: string };

/**
 * Decides one step: the transition for `action` from `state` at the actor's level, or the refusal with
 * its reason (unknown action, not allowed in this state — e.g. a period submitted twice —, wrong level,
 * reason missing).
 */
export function decide(chain: ReportingChain, state: string, action: string, actorLevel: ReportLevel, lockedLevel: ReportLevel | null, reason: string | null | undefined): ReportingTransition | Refusal {
  const candidates = chain.transitions.filter((t) => t.action === action);
  if (!candidates.length) return { kind: 'refused', message: `未知操作 ${action}` };
  const fromHere = candidates.filter((t) => t.from.includes(state));
  const label = chain.states[state] ?? state;
  if (!fromHere.length) {
    if (action === 'submit' && state !== 'draft' && state !== 'returned') return { kind: 'refused', message: `本期已报送(当前状态:${label}),不能重复报送` };
    return { kind: 'refused', message: `当前状态“${label}”不能执行“${candidates[0]!.label}”` };
  }
  const levelOf = (t: ReportingTransition) => (t.level === 'locker' ? lockedLevel : t.level);
  const t = fromHere.find((x) => levelOf(x) === actorLevel);
  if (!t) {
    const need = fromHere.map((x) => levelOf(x)).filter((l): l is ReportLevel => !!l).map((l) => LEVEL_ZH[l]);
    return { kind: 'wrong_level', message: `“${fromHere[0]!.label}”须由${need.join('或')}执行(当前状态:${label}),${LEVEL_ZH[actorLevel]}用户不能执行` };
  }
  if (t.reasonRequired && !(reason ?? '').trim()) return { kind: 'refused', message: `“${t.label}”须说明理由` };
  return t;
}

/** True when the outcome of decide is a refusal. */
export const isRefusal = (x: ReportingTransition | Refusal): x is Refusal => 'kind' in x;
