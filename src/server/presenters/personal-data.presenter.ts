/**
 * Masking of personal data in responses, by the caller's permission (domain/permissions.ts
 * `personal.view`): without it, names are masked (张**, domain/masking.ts) and health details (health
 * status, disability grade) are withheld (null) on every household list item and household page. ID
 * numbers are always masked here, and the birth date beside a masked number is its year only (THE mask
 * rule, domain/masking.ts); the full number and date only leave through the audited reveal.
 */
import type { HouseholdDetailDto, HouseholdListItem, Page } from '../../shared/api';
import { maskBirthDate, maskName } from '../domain/masking';
import { hasPermission } from '../domain/permissions';
import type { Actor } from '../services/actor';

/** Whether the actor sees names and health details unmasked. */
export const seesPersonalData = (actor: Actor) => hasPermission(actor.roles, 'personal.view');

/** A household page as the actor may see it. */
export function maskHouseholdDetail(actor: Actor, d: HouseholdDetailDto): HouseholdDetailDto {
  const members = d.members.map((m) => ({ ...m, birthDate: maskBirthDate(m.birthDate) }));
  if (seesPersonalData(actor)) return { ...d, members };
  return { ...d, members: members.map((m) => ({ ...m, name: maskName(m.name), healthStatus: null, disabilityGrade: null, personalDataMasked: true })) };
}

/** A page of the household list as the actor may see it. */
export function maskHouseholdPage(actor: Actor, p: Page<HouseholdListItem>): Page<HouseholdListItem> {
  if (seesPersonalData(actor)) return p;
  return { ...p, items: p.items.map((i) => ({ ...i, headName: maskName(i.headName) })) };
}
