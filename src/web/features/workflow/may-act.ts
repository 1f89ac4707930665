/**
 * Whether the signed-in user may do a step of a case, as the server decides it (domain/procedure/engine.ts
 * mayAct, services/case.service.ts): the permission, and one of the step's levels (village, township,
 * county), or a national administrator. The server checks again on every request; this only keeps the
 * page from offering forms that would answer 403 (issue 16 item 10).
 */
import { can } from '../accounts/session';
import type { UserDto } from '../../api/client';

export function mayDoStep(user: UserDto | null, levels: readonly string[], permission: 'case.process' | 'case.rollback' = 'case.process'): boolean {
  if (!user || !can(user, permission)) return false;
  return levels.includes(user.level) || (user.level === 'national' && user.roles.includes('admin'));
}
