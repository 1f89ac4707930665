/**
 * What each role may do, as data. Source: 《个人信息保护法》第五十一条 (access rights by post, "合理确定
 * 个人信息处理的操作权限") and 第六条 (minimum necessary); the role list follows the workflow levels of
 * 中农组发〔2021〕7号 (village collects, township reviews, county approves). Regional scope is separate: a
 * permission never reaches outside the user's region.
 */
import type { Role } from '../services/actor';
import { ROLE_ZH as SHARED_ROLE_ZH } from '../../shared/audit-labels';

export type Permission =
  /** register households, record incomes */
  | 'household.write'
  /** see full names and health details (otherwise masked) */
  | 'personal.view'
  /** see a full ID number (with a reason, logged) */
  | 'idNumber.reveal'
  /** export personal data (logged with the row count) */
  | 'personal.export'
  /** manage users of one's own region */
  | 'user.manage'
  /** read the audit log of one's own region */
  | 'audit.read'
  /** grant temporary access to a household of another region (人户分离) */
  | 'access.grant'
  /**
   * open a monitoring case from a clue or a screening flag (防止返贫动态监测: any level may receive a
   * clue; the case belongs to the household's village)
   */
  | 'case.open'
  /**
   * record the steps of a case: verification, comparison, deliberation, notice and objections, review,
   * approval, announcement, attachments. The level of each step is checked separately against
   * data/workflow-rules.json (village collects, township reviews, county approves; 中农组发〔2021〕7号),
   * so a village cadre holding this permission still gets 403 wrong_level on county approval.
   */
  | 'case.process'
  /** roll back a risk-elimination mark (county level, the level that decided it) */
  | 'case.rollback'
  /** add assistance measures to a monitored household and change their status */
  | 'measure.write'
  /**
   * import files into the registry or department lists (upload, preview, commit, remembered column
   * mappings), see the import history and held rows, and roll an import back — inside one's region
   */
  | 'intake.import'
  /** handle risk clues of department cross-checks (mark verified or dismissed) inside one's region */
  | 'clue.handle'
  /**
   * act on records of the procedures of data/procedures/ (open, do the step awaited) and on notices (公示:
   * post, record objections and their outcome, close) inside one's region. The level and role of each step
   * are checked separately against the procedure file (domain/procedure).
   */
  | 'procedure.act'
  /**
   * enter a county's hand-reported indicator values and submit its report of a period (issue 10 item 4;
   * the level is checked separately against data/indicators/reporting.json)
   */
  | 'indicator.report'
  /**
   * open reporting periods, take snapshots, approve, return, lock and unlock reports (by level, checked
   * against data/indicators/reporting.json), manage evaluation rounds and their entered items
   */
  | 'indicator.approve';

export const ROLES: readonly Role[] = ['admin', 'reviewer', 'dataEntry', 'readOnly', 'villageCadre', 'townshipReviewer', 'countyApprover'];

/** Chinese names of the roles (kept in src/shared/audit-labels.ts, which the web reads too). */
export const ROLE_ZH: Record<Role, string> = SHARED_ROLE_ZH as Record<Role, string>;

/** Permissions of each role. Administrators manage accounts and the audit log but do not see personal data by role. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ['user.manage', 'audit.read', 'access.grant', 'intake.import'],
  reviewer: ['personal.view', 'idNumber.reveal', 'personal.export', 'clue.handle', 'indicator.approve'],
  dataEntry: ['household.write', 'personal.view', 'intake.import', 'indicator.report'],
  readOnly: [],
  villageCadre: ['household.write', 'personal.view', 'idNumber.reveal', 'case.open', 'case.process', 'measure.write', 'procedure.act'],
  townshipReviewer: ['personal.view', 'idNumber.reveal', 'case.open', 'case.process', 'measure.write', 'clue.handle', 'procedure.act'],
  countyApprover: ['personal.view', 'idNumber.reveal', 'personal.export', 'access.grant', 'case.open', 'case.process', 'case.rollback', 'measure.write', 'clue.handle', 'procedure.act', 'indicator.report', 'indicator.approve'],
};

/** Whether any of the roles grants the permission. */
export function hasPermission(roles: readonly Role[], p: Permission): boolean {
  return roles.some((r) => ROLE_PERMISSIONS[r]?.includes(p));
}

/** Every permission the roles grant, in the order of the Permission type's list (no duplicates). */
export function permissionsOf(roles: readonly Role[]): Permission[] {
  const all = new Set(roles.flatMap((r) => ROLE_PERMISSIONS[r] ?? []));
  return Object.values(ROLE_PERMISSIONS).flat().filter((p, i, a) => all.has(p) && a.indexOf(p) === i);
}
