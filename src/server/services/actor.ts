/**
 * Who is acting: the signed-in user (issue 5 fills this from the session) or the operator at the CLI.
 * Services take an Actor for permissions and the audit log, and its `scope` for every repository call.
 */
import type { RegionLevel } from '../../shared/enums';
import { NATIONAL_SCOPE, type Scope } from '../repositories/scope';

/** Roles of the platform (see issue 5 for their permissions). */
export type Role = 'admin' | 'reviewer' | 'dataEntry' | 'readOnly' | 'villageCadre' | 'townshipReviewer' | 'countyApprover';

export interface Actor {
  /** username, or 'system' / 'cli:<os user>' */
  username: string;
  /** id of the signed-in user; null for the system and the CLI operator */
  userId?: number | null;
  /** level of the actor's region (national … village) */
  level: RegionLevel;
  /** null for national users */
  regionCode: string | null;
  roles: readonly Role[];
  scope: Scope;
}

/** The operator at the command line, or the server itself: national scope, every role. */
export function systemActor(username = 'system'): Actor {
  return { username, userId: null, level: 'national', regionCode: null, roles: ['admin', 'reviewer', 'dataEntry', 'countyApprover', 'townshipReviewer', 'villageCadre'], scope: NATIONAL_SCOPE };
}
