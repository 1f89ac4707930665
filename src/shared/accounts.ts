/**
 * Input shapes of accounts, sign-in, personal-data access and the audit log (zod, Chinese messages),
 * shared by the HTTP API and the web UI.
 */
import { z } from './zod-locale';
import { regionCode } from './registry';
import { qint } from './strict';

/** Role codes (see src/server/domain/permissions.ts for what each may do). */
export const ROLE_CODES = ['admin', 'reviewer', 'dataEntry', 'readOnly', 'villageCadre', 'townshipReviewer', 'countyApprover'] as const;

/** POST /auth/sign-in */
export const signInInput = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) });

/** POST /auth/change-password */
export const changePasswordInput = z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) });

/** POST /users: a new user; `regionCode` null or omitted = national (national administrators only). */
export const newUserInput = z.object({
  username: z.string().min(3).max(40),
  displayName: z.string().min(1).max(64).optional(),
  regionCode: regionCode.nullable().optional(),
  roles: z.array(z.enum(ROLE_CODES)).min(1),
});

/** PATCH /users/:id */
export const updateUserInput = z.object({
  roles: z.array(z.enum(ROLE_CODES)).min(1).optional(),
  regionCode: regionCode.nullable().optional(),
  disabled: z.boolean().optional(),
  resetPassword: z.boolean().optional(),
});

/** A reason for looking at full personal data or granting access (kept in the audit log). */
export const reasonInput = z.object({ reason: z.string().trim().min(4, '请填写至少4个字的理由').max(200) });

/** POST /access-grants: temporary access to a household of another region (人户分离). */
export const accessGrantInput = z.object({
  username: z.string().min(1).max(64),
  householdId: z.number().int().positive(),
  days: z.number().int().min(1).max(30),
  reason: z.string().trim().min(4, '请填写至少4个字的理由').max(200),
});

/** GET /audit */
export const auditQuery = z.object({
  actor: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  beforeId: qint(z.number().int().positive()).optional(),
  limit: qint(z.number().int().min(1).max(500)).default(100),
});
