/**
 * Masking of personal data in workflow responses (issue 5 rules, see personal-data.presenter.ts): a
 * caller without `personal.view` gets household heads' names masked (张**) and no free text written
 * about the household (verification findings, which often describe illness or disability; objection
 * summaries and notes; case notes), since such text may hold health details. Dates, states, outcomes
 * and decision reasons stay: they are the procedure's record, not the person's.
 */
import type { CaseDto, CaseEventDto, CaseStepDto, ObjectionDto, WorkItemDto } from '../../shared/workflow';
import { maskName } from '../domain/masking';
import type { Actor } from '../services/actor';
import { seesPersonalData } from './personal-data.presenter';

/** What replaces a withheld free text. */
export const WITHHELD_TEXT = '(含个人信息,已隐藏)';
/** Free-text keys of event details and step findings that are withheld without personal.view. */
const FREE_TEXT_KEYS = new Set(['note', 'summary', 'findings', 'deposits', 'vehicles', 'property', 'business', 'notes']);

function withholdText(details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(details).map(([k, v]) => [k, FREE_TEXT_KEYS.has(k) && typeof v === 'string' && v !== '' ? WITHHELD_TEXT : v]));
}

const maskStep = (s: CaseStepDto): CaseStepDto => ({ ...s, findings: withholdText(s.findings) });
const maskObjection = (o: ObjectionDto): ObjectionDto => ({ ...o, summary: WITHHELD_TEXT, note: o.note === null ? null : WITHHELD_TEXT });
const maskEvent = (e: CaseEventDto): CaseEventDto => ({ ...e, details: withholdText(e.details) });

/** A case as the actor may see it. */
export function maskCase(actor: Actor, c: CaseDto): CaseDto {
  if (seesPersonalData(actor)) return c;
  return {
    ...c, headName: maskName(c.headName), steps: c.steps.map(maskStep), events: c.events.map(maskEvent),
    notice: c.notice && { ...c.notice, objections: c.notice.objections.map(maskObjection) },
  };
}

/** Worklist rows as the actor may see them. */
export function maskWorkItems(actor: Actor, items: WorkItemDto[]): WorkItemDto[] {
  if (seesPersonalData(actor)) return items;
  return items.map((i) => ({ ...i, headName: maskName(i.headName) }));
}

/** A household's workflow timeline as the actor may see it. */
export function maskTimeline<T extends { events: CaseEventDto[] }>(actor: Actor, t: T): T {
  if (seesPersonalData(actor)) return t;
  return { ...t, events: t.events.map(maskEvent) };
}
