/**
 * The procedure engine (pure): the rules of a procedure in force in a province, who may act on a step,
 * when a step is due on the working-day calendar, and what an action does to a record's state. The
 * state of a record is the id of the step it awaits, or the id of the end it reached.
 */
import type { RegionLevel } from '../../../shared/enums';
import type { DayUnit, WorkCalendar } from '../workflow/calendar';
import type { ProcedureDefinition, ProcedureLevel, StepDefinition, StepLimit } from './definition';

/** One step as in force in a province: the national entry, replaced field by field by the province's override. */
export interface ResolvedStep {
  id: string;
  title: string;
  levels: ProcedureLevel[];
  roles: string[];
  limit: StepLimit | null;
  notice: string | null;
  source: string;
  actions: StepDefinition['actions'];
}

/** A procedure in force in one province. */
export interface ResolvedProcedure {
  name: string;
  version: number;
  title: string;
  subjectKind: string;
  provinceCode: string;
  steps: ResolvedStep[];
  ends: ProcedureDefinition['ends'];
}

/** The procedure of a province: each step's levels, roles and time allowed replaced by the province's override where it has one. */
export function resolveProcedure(def: ProcedureDefinition, provinceCode: string): ResolvedProcedure {
  const o = def.provinces[provinceCode];
  return {
    name: def.name,
    version: def.version,
    title: def.title,
    subjectKind: def.subjectKind,
    provinceCode,
    ends: def.ends,
    steps: def.steps.map((s) => {
      const p = o?.steps[s.id];
      if (!p) return { ...s };
      return { ...s, levels: p.levels ?? s.levels, roles: p.roles ?? s.roles, limit: p.limit === undefined ? s.limit : p.limit, source: p.source };
    }),
  };
}

/** The step `id` of a resolved procedure. @throws RangeError for an unknown step (the file was checked at load) */
export function stepOf(proc: ResolvedProcedure, id: string): ResolvedStep {
  const s = proc.steps.find((x) => x.id === id);
  if (!s) throw new RangeError(`unknown step ${id} of ${proc.name}`);
  return s;
}

/** Whether `state` is an end of the procedure (the record is closed). */
export const isEnd = (proc: Pick<ResolvedProcedure, 'ends'>, state: string): boolean => proc.ends.some((e) => e.id === state);

/**
 * Whether an actor may act on a step: the actor's level is one of the step's levels and, when the step
 * names roles, the actor holds one of them. The national system operator (national level, admin role) may
 * record any step on behalf of the level concerned (补录); province and prefecture staff only where the
 * step names their level.
 */
export function mayAct(step: Pick<ResolvedStep, 'levels' | 'roles'>, actorLevel: RegionLevel, roles: readonly string[], isAdmin: boolean): boolean {
  if (actorLevel === 'national') return isAdmin;
  if (!(step.levels as readonly string[]).includes(actorLevel)) return false;
  return step.roles.length === 0 || isAdmin || step.roles.some((r) => roles.includes(r));
}

/**
 * The due date of a step: its time allowed counted from the record's start date or from the date the
 * previous step was done, on the working-day calendar (`provisional` when a year without a holiday file
 * was crossed). Null when the step has no time allowed (no source gives one).
 */
export function dueOf(limit: Pick<StepLimit, 'days' | 'unit' | 'from'> | null, cal: WorkCalendar, startedOn: string, previousOn: string): { date: string; provisional: boolean } | null {
  if (!limit) return null;
  return cal.add(limit.from === 'start' ? startedOn : previousOn, limit.days, limit.unit as DayUnit);
}

/** The result of an action: the next state (a step or an end), or a refusal with the reason in Chinese. */
export type Decision = { ok: true; next: string; ended: boolean; action: StepDefinition['actions'][number] } | { ok: false; reason: string };

/**
 * Applies action `actionId` on step `stepId` to a record in `state`: refused when the record is closed,
 * when the step is not the one awaited (out of order), when the step has no such action, or when the
 * action needs a reason and none is given.
 */
export function decide(proc: ResolvedProcedure, state: string, stepId: string, actionId: string, reason: string | null): Decision {
  const end = proc.ends.find((e) => e.id === state);
  if (end) return { ok: false, reason: `已办结(${end.title}),不能再办理环节` };
  const awaited = proc.steps.find((s) => s.id === state);
  if (!awaited) return { ok: false, reason: `记录状态“${state}”不是本程序的环节` };
  const wanted = proc.steps.find((s) => s.id === stepId);
  if (!wanted) return { ok: false, reason: `本程序没有环节“${stepId}”` };
  if (awaited.id !== wanted.id) return { ok: false, reason: `当前应办理“${awaited.title}”,不能办理“${wanted.title}”` };
  const action = awaited.actions.find((a) => a.id === actionId);
  if (!action) return { ok: false, reason: `环节“${awaited.title}”没有操作“${actionId}”(可选:${awaited.actions.map((a) => `${a.id} ${a.title}`).join('、')})` };
  if (action.reasonRequired && !reason?.trim()) return { ok: false, reason: `“${action.title}”须说明理由` };
  return { ok: true, next: action.to, ended: isEnd(proc, action.to), action };
}

/** Chinese title of a state (step or end). */
export function stateTitle(proc: Pick<ResolvedProcedure, 'steps' | 'ends'>, state: string): string {
  return proc.steps.find((s) => s.id === state)?.title ?? proc.ends.find((e) => e.id === state)?.title ?? state;
}
