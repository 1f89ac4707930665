/**
 * Masking of intake responses by the caller's permission (issue 5, presenters/personal-data.presenter.ts):
 * without `personal.view`, names are masked (张**) and health details (health status, disability grade
 * and type, medical costs and visits) are withheld, in held rows, risk clues and check findings. ID numbers
 * are never in clear in any intake response (held rows carry the masked form only).
 */
import type { RiskClueDto } from '../../shared/intake';
import { HEALTH_CHECK_IDS } from '../domain/checks/catalogue';
import { maskName } from '../domain/masking';
import type { Actor } from '../services/actor';
import { seesPersonalData } from './personal-data.presenter';

/** Keys of held-row values that are health details. */
export const HEALTH_VALUE_KEYS: ReadonlySet<string> = new Set(['healthStatus', 'disabilityGrade', 'disabilityType', 'certDate', 'totalCost', 'reimbursed', 'selfPaid', 'visitDate']);
/** Clue rules whose summary and facts are health details (medical costs, disability). */
export const HEALTH_CLUE_RULES: ReadonlySet<string> = new Set(['MED-01', 'DIS-01']);
/** Checks whose facts are health details (the catalogue's `health` mark). */
export const HEALTH_CHECKS: ReadonlySet<string> = HEALTH_CHECK_IDS;
/** What replaces a withheld health detail. */
export const WITHHELD = '(健康信息,无查看权限)';

export interface HeldRowDto {
  row: number;
  householdNo: string | null;
  name: string | null;
  idMasked: string | null;
  reasons: string[];
  values: Record<string, unknown>;
  status: string;
  /** what holding the row entails (its household waits, the other tables cannot match it, …): rows and household numbers only */
  consequences?: string[];
  personalDataMasked?: boolean;
}

/** A held row as the actor may see it. */
export function maskHeldRow(actor: Actor, h: HeldRowDto): HeldRowDto {
  const { idNumber: _i, idHash: _h, ...values } = h.values;
  if (seesPersonalData(actor)) return { ...h, values };
  const masked: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (HEALTH_VALUE_KEYS.has(k)) masked[k] = null;
    else if (k === 'name') masked[k] = typeof v === 'string' ? maskName(v) : v;
    else masked[k] = v;
  }
  return { ...h, name: h.name === null ? null : maskName(h.name), values: masked, personalDataMasked: true };
}

/** A risk clue as the actor may see it. */
export function maskClue(actor: Actor, c: RiskClueDto): RiskClueDto {
  if (seesPersonalData(actor) || !HEALTH_CLUE_RULES.has(c.ruleId)) return c;
  return { ...c, summary: WITHHELD, facts: {}, personalDataMasked: true };
}
