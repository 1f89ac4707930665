/**
 * A procedure (审批程序) as data: the shape of data/procedures/<name>.json and its checks at load. One
 * file per approval chain (项目库入库, 公益性岗位选聘, 雨露计划补助, 积分申报, 资产处置 …); the monitoring
 * case's procedure comes from data/workflow-rules.json through monitoring.ts (same engine, older file).
 *
 * A procedure has ordered steps (the first is `start`), each naming who may act (levels, optionally roles),
 * the time allowed (working or calendar days from the start of the record or from the previous step; `null`
 * when no source gives one: then no due date is invented), an optional notice period (a rule of
 * data/notice-rules.json), its policy source, and the actions that lead on to another step or to an end.
 * An action marked `back` returns to an earlier step (退回, 异议成立); the forward actions must form no
 * cycle. Provinces override single steps (levels, roles, time allowed) with their own source.
 *
 * Checks at load (each refusal in Chinese, naming the file and the step): unknown step or end named by an
 * action or an override, a cycle among forward actions, a `back` action that does not go back, a step not
 * reachable from the start or with no way to an end, a missing source (procedure, step, time allowed,
 * override), an unknown notice rule, duplicate ids.
 */
import { z } from 'zod';

/** Levels that act on a procedure (区划层级). */
export const PROCEDURE_LEVELS = ['village', 'township', 'county', 'prefecture', 'province'] as const;
export type ProcedureLevel = (typeof PROCEDURE_LEVELS)[number];

const source = z.string().trim().min(1, '缺少政策依据(source)');
/** Time allowed for a step: `days` in `unit`, counted from the start of the record or from the previous step. */
export const limitSchema = z.object({
  days: z.number().int().min(0).max(365),
  unit: z.enum(['calendar', 'working']),
  from: z.enum(['start', 'previous']),
  source,
  /** true when the figure is the project's choice (项目假设), not a policy figure */
  projectChoice: z.boolean().default(false),
});
const actionSchema = z.object({
  id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/),
  title: z.string().min(1),
  to: z.string().min(1),
  /** a reason must be given (退回, 不通过, 异议成立) */
  reasonRequired: z.boolean().default(false),
  /** goes back to an earlier step */
  back: z.boolean().default(false),
});
const stepSchema = z.object({
  id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/),
  title: z.string().min(1),
  levels: z.array(z.enum(PROCEDURE_LEVELS)).min(1),
  /** roles that may act (domain/permissions.ts role names); empty: any role with procedure.act */
  roles: z.array(z.string()).default([]),
  limit: limitSchema.nullable(),
  /** the notice rule (data/notice-rules.json) when this step is a 公示 */
  notice: z.string().nullable().default(null),
  source,
  actions: z.array(actionSchema).min(1),
});
const endSchema = z.object({ id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/), title: z.string().min(1), outcome: z.enum(['positive', 'negative']) });
const overrideSchema = z.object({
  source,
  steps: z.record(z.string(), z.object({ levels: z.array(z.enum(PROCEDURE_LEVELS)).min(1).optional(), roles: z.array(z.string()).optional(), limit: limitSchema.nullable().optional(), source })).default({}),
});

/** Shape of data/procedures/<name>.json (before the graph checks of checkProcedure). */
export const procedureFileSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9-]*$/),
  version: z.number().int().min(1),
  title: z.string().min(1),
  /** what a record is about: household, person, project, fundAllocation, post, pointsClaim, asset … */
  subjectKind: z.string().min(1),
  source,
  /** what in this file is the project's choice rather than policy (empty when nothing) */
  projectChoices: z.string().default(''),
  steps: z.array(stepSchema).min(1),
  ends: z.array(endSchema).min(1),
  provinces: z.record(z.string().regex(/^\d{2}$/), overrideSchema).default({}),
});
export type ProcedureDefinition = z.infer<typeof procedureFileSchema>;
export type StepDefinition = ProcedureDefinition['steps'][number];
export type StepLimit = z.infer<typeof limitSchema>;

/** A refusal of a procedure file: where and what. */
export interface DefinitionProblem {
  path: string;
  message: string;
}

/**
 * Parses and checks a procedure file. `noticeRules`: ids of the notice rules in force. Returns the
 * definition or every problem found (shape first; graph checks only on a well-shaped file).
 */
export function checkProcedure(raw: unknown, noticeRules: readonly string[]): { ok: true; definition: ProcedureDefinition } | { ok: false; problems: DefinitionProblem[] } {
  const parsed = procedureFileSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
  const def = parsed.data;
  const problems: DefinitionProblem[] = [];
  const steps = new Map(def.steps.map((s, i) => [s.id, i]));
  const ends = new Set(def.ends.map((e) => e.id));
  const ids = [...def.steps.map((s) => s.id), ...def.ends.map((e) => e.id)];
  for (const dup of ids.filter((id, i) => ids.indexOf(id) !== i)) problems.push({ path: dup, message: `环节或结果“${dup}”重复` });
  def.steps.forEach((s, i) => {
    if (s.notice !== null && !noticeRules.includes(s.notice)) problems.push({ path: `steps.${i}.notice`, message: `环节“${s.title}”引用的公示规则“${s.notice}”不存在(data/notice-rules.json)` });
    s.actions.forEach((a, j) => {
      const path = `steps.${i}.actions.${j}.to`;
      if (!steps.has(a.to) && !ends.has(a.to)) problems.push({ path, message: `环节“${s.title}”的操作“${a.title}”指向未知环节“${a.to}”` });
      else if (a.back && !(steps.has(a.to) && steps.get(a.to)! <= i)) problems.push({ path, message: `环节“${s.title}”的退回操作“${a.title}”须退回到本环节或之前的环节` });
    });
  });
  for (const [code, o] of Object.entries(def.provinces)) {
    for (const id of Object.keys(o.steps)) if (!steps.has(id)) problems.push({ path: `provinces.${code}.steps.${id}`, message: `省份 ${code} 的覆盖规则指向未知环节“${id}”` });
  }
  if (problems.length) return { ok: false, problems };
  // forward graph: no cycle (depth-first search with colours), every step reachable from the start and able to reach an end
  const next = (id: string) => def.steps[steps.get(id)!]!.actions.filter((a) => !a.back && steps.has(a.to)).map((a) => a.to);
  const colour = new Map<string, 1 | 2>();
  const visit = (id: string, trail: string[]): void => {
    if (colour.get(id) === 2) return;
    if (colour.get(id) === 1) {
      const cycle = [...trail.slice(trail.indexOf(id)), id];
      problems.push({ path: 'steps', message: `环节之间有循环:${cycle.join(' → ')}(退回须标记 back)` });
      return;
    }
    colour.set(id, 1);
    for (const n of next(id)) visit(n, [...trail, id]);
    colour.set(id, 2);
  };
  visit(def.steps[0]!.id, []);
  for (const s of def.steps) if (!colour.has(s.id)) problems.push({ path: s.id, message: `环节“${s.title}”从第一个环节无法到达` });
  if (problems.length) return { ok: false, problems };
  const reachesEnd = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of def.steps) {
      if (!reachesEnd.has(s.id) && s.actions.some((a) => ends.has(a.to) || reachesEnd.has(a.to))) {
        reachesEnd.add(s.id);
        changed = true;
      }
    }
  }
  for (const s of def.steps) if (!reachesEnd.has(s.id)) problems.push({ path: s.id, message: `环节“${s.title}”无法办结(没有通向结果的操作)` });
  return problems.length ? { ok: false, problems } : { ok: true, definition: def };
}
