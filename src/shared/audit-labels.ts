/**
 * Chinese labels of the audit log (issue 16 item 9: the audit page showed some actions as codes and the
 * details as raw JSON). Actions and targets as the server records them (services/*.ts); a code without
 * a label is shown as is, so a new action is never hidden.
 */

/** Audit actions → Chinese. */
export const AUDIT_ACTION_ZH: Record<string, string> = {
  sign_in: '登录', sign_out: '退出', password_change: '修改密码', password_reset: '重置密码', user_create: '创建用户', permission_change: '权限变更',
  view_id_number: '查看完整身份证号', export: '导出', access_denied: '越权访问', access_grant: '临时授权', key_rotate: '密钥轮换',
  import_commit: '导入', import_refused: '拒绝导入', import_rollback: '回退导入', clue_status: '处理风险线索',
  measure_add: '新增帮扶措施', measure_update: '更新帮扶措施', case_open: '发起案件', case_step: '办理环节', case_rollback: '回退风险消除',
  case_attachment: '上传附件', notice_post: '张贴公示', notice_close: '结束公示', notice_objection: '登记异议', notice_objection_resolve: '处理异议',
  household_status: '变更监测状态', threshold_set: '设定监测范围', household_add: '登记农户', household_update: '修改农户', income_record: '录入收入',
  after_anchor: '锚定后', added: '新增', updated: '更新', unchanged: '未变',
};

/** Audit target types → Chinese. */
export const AUDIT_TARGET_ZH: Record<string, string> = {
  user: '用户', person: '人员', household: '农户', household_list: '农户名单', person_list: '人员名单', risk_clue: '风险线索', clue_list: '风险线索名单',
  import_batch: '导入批次', import_problems: '导入问题清单', check_report: '数据质量报告', id_key: '身份证号密钥', route: '接口', case: '案件',
  measure: '帮扶措施', threshold: '监测范围', worklist: '待办', timeliness: '时效统计',
};

/** Roles (services/actor.ts Role) → Chinese. */
export const ROLE_ZH: Record<string, string> = {
  admin: '管理员', reviewer: '审核员', dataEntry: '数据录入员', readOnly: '只读用户', villageCadre: '村级干部', townshipReviewer: '乡镇审核员', countyApprover: '县级审批员',
};

/** Keys of audit details → Chinese. */
const DETAIL_KEY_ZH: Record<string, string> = {
  format: '格式', rows: '行数', names: '姓名', encoding: '编码', filters: '条件', roles: '角色', regionCode: '区域', reason: '理由', ip: '地址',
  status: '状态', persons: '人数', note: '说明', householdId: '农户', heldRows: '待核实行', grantee: '被授权人', granteeRegion: '被授权区域',
  endedSession: '结束会话', disabled: '停用', before: '变更前', step: '环节', from: '原状态', to: '新状态', outcome: '结果', kind: '类型',
  origin: '来源', sourceRef: '线索编号', objectionId: '异议', batchId: '批次', added: '新增', updated: '更新', rejected: '拒绝', method: '方法', url: '地址',
};

const VALUE_ZH: Record<string, string> = { ...ROLE_ZH, masked: '脱敏', full: '完整', csv: 'CSV', xlsx: 'Excel', ok: '成功', true: '是', false: '否' };

/**
 * Audit details (a JSON object as stored) → `键:值;…` in Chinese; nested objects and lists inline.
 * Text that is not a JSON object is returned as is; empty details give `—`.
 */
export function formatAuditDetails(details: string | null | undefined): string {
  if (!details) return '—';
  let parsed: unknown;
  try {
    parsed = JSON.parse(details);
  } catch {
    return details;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return details;
  const value = (v: unknown): string => {
    if (v === null || v === undefined) return '—';
    if (Array.isArray(v)) return v.map(value).join('、');
    if (typeof v === 'object') return `(${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${DETAIL_KEY_ZH[k] ?? k}:${value(x)}`).join(',')})`;
    return VALUE_ZH[String(v)] ?? String(v);
  };
  const parts = Object.entries(parsed as Record<string, unknown>).filter(([, v]) => v !== undefined).map(([k, v]) => `${DETAIL_KEY_ZH[k] ?? k}:${value(v)}`);
  return parts.length ? parts.join(';') : '—';
}
