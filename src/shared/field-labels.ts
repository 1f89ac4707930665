/**
 * Chinese names of request fields, for error messages a person reads (issue 16 item 10: errors showed
 * internal paths such as `querystring.incomeMinFen` or `body.reason`). The machine-readable path stays in
 * `details.issues[].field`; the message names the field in Chinese, with the row of a list when there
 * is one (e.g. `第2名成员 身份证号`). A field without a label keeps its key.
 */
const FIELD_ZH: Record<string, string> = {
  amountFen: '金额', beforeId: '起始编号', businessExpensesFen: '生产经营性支出', businessIncomeFen: '生产经营性收入', caseId: '案件', category: '监测对象类别',
  clueDate: '发现日期', compliantOutOfPocketFen: '合规自付医疗费用', cursor: '翻页位置', days: '天数', disabilityGrade: '残疾等级', displayName: '姓名',
  endDate: '结束日期', healthStatus: '健康状况', householdId: '农户', householdNo: '户编号', householdType: '户类型', idNumber: '身份证号',
  incomeMaxFen: '人均纯收入上限', incomeMinFen: '人均纯收入下限', kind: '类型', labourSkill: '劳动技能', limit: '每页条数', name: '姓名', note: '说明',
  order: '排序方向', origin: '线索来源', performedOn: '办理日期', postedOn: '张贴日期', closedOn: '结束日期', propertyFen: '财产性收入', province: '省份',
  q: '关键词', reason: '理由', region: '区划代码', regionCode: '区划代码', relationToHead: '与户主关系', responsibleUnit: '责任单位', riskType: '风险类型',
  riskTypes: '风险类型', roles: '角色', rule: '规则', sex: '性别', sort: '排序', sourceRef: '线索编号', startDate: '开始日期', status: '状态', step: '环节',
  transferFen: '转移性收入', username: '用户名', version: '版本', village: '村', villageCode: '村级区划代码', wageFen: '工资性收入', year: '年度',
  members: '成员', incomes: '收入', valueYuan: '监测范围(元)', source: '来源', countyCode: '县级区划代码', provinceCode: '省级区划代码', codes: '区划代码',
  mapping: '列对应', password: '密码', newPassword: '新密码', currentPassword: '当前密码', receivedOn: '收到日期', resolvedOn: '处理日期', summary: '内容',
};

const LIST_ZH: Record<string, string> = { members: '名成员', incomes: '条收入', riskTypes: '项风险类型', roles: '个角色' };

/**
 * A field path (`querystring.incomeMinFen`, `body.members.1.idNumber`, `incomeMinFen`) → its Chinese
 * name (`人均纯收入下限`, `第2名成员 身份证号`).
 */
export function fieldLabel(path: string): string {
  const parts = path.split('.').filter((p) => !['body', 'querystring', 'params', 'headers', 'request'].includes(p));
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    const next = parts[i + 1];
    if (next !== undefined && /^\d+$/.test(next) && LIST_ZH[p]) {
      out.push(`第${Number(next) + 1}${LIST_ZH[p]}`);
      i++;
    } else if (/^\d+$/.test(p)) out.push(`第${Number(p) + 1}项`);
    else out.push(FIELD_ZH[p] ?? p);
  }
  return out.join(' ') || '请求';
}
