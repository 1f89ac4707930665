import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_ZH, formatAuditDetails } from './audit-labels';

describe('audit labels', () => {
  it('every action the services record has a Chinese label', () => {
    for (const a of ['sign_in', 'export', 'import_commit', 'import_rollback', 'clue_status', 'measure_add', 'case_open', 'case_step', 'notice_post', 'household_status']) expect(AUDIT_ACTION_ZH[a], a).toMatch(/[\u4e00-\u9fff]/);
  });
  it('details in Chinese, not raw JSON', () => {
    expect(formatAuditDetails('{"format":"csv","rows":3,"names":"masked"}')).toBe('格式:CSV;行数:3;姓名:脱敏');
    expect(formatAuditDetails('{"roles":["villageCadre","dataEntry"],"regionCode":"522633100207"}')).toBe('角色:村级干部、数据录入员;区域:522633100207');
    expect(formatAuditDetails('{"filters":{"region":"522633"}}')).toBe('条件:(region:522633)');
    expect(formatAuditDetails('')).toBe('—');
    expect(formatAuditDetails('{}')).toBe('—');
    expect(formatAuditDetails('not json')).toBe('not json');
  });
});
