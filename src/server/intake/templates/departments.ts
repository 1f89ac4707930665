/**
 * Department lists received every month (部门筛查预警): 医保 large medical bills, 民政 低保/特困, 残联
 * disability, 教育 students and drop-outs, 应急管理 disaster losses, 人社 unemployment and social
 * insurance. Each identifies persons by ID number, or by its keyed hash when the department hashed the
 * column with the exchange key (`zhenxing hash-ids`), so that it learns nothing about non-matches.
 */
import type { ImportTemplate, TemplateColumn } from './template';

const person: TemplateColumn[] = [
  { key: 'name', zh: '姓名', synonyms: ['就诊人信息/姓名', '就诊人姓名', '患者姓名', '学生姓名', '受灾人姓名', '保障对象姓名'], type: 'name' },
  { key: 'idNumber', zh: '身份证号', synonyms: ['就诊人信息/身份证号', '就诊人身份证号', '患者身份证号', '证件号码', '身份证号码', '公民身份号码', '学生身份证号'], type: 'id' },
  { key: 'idHash', zh: '身份证号哈希', synonyms: ['证件号码哈希', '身份证号(哈希)', 'idhash'], type: 'idHash', note: '用交换密钥对规范化身份证号计算的 HMAC-SHA-256(十六进制),见 zhenxing hash-ids' },
];

const list = (kind: string, zh: string, department: string, columns: TemplateColumn[]): ImportTemplate => ({
  kind, zh, target: 'departmentList', department, sheetName: zh, titleRows: [`${department}${zh}`], columns: [...person, ...columns],
  source: `${department}按月推送名单的常见列(部门筛查预警)`,
});

export const DEPARTMENT_TEMPLATES: ImportTemplate[] = [
  list('medical', '医疗费用结算名单', '医保局', [
    { key: 'visitDate', zh: '就诊日期', synonyms: ['结算日期', '出院日期', '入院日期'], type: 'date' },
    { key: 'totalCost', zh: '医疗总费用', synonyms: ['费用信息/医疗总费用', '总费用'], type: 'money', unit: 'yuan' },
    { key: 'reimbursed', zh: '报销金额', synonyms: ['费用信息/报销金额', '统筹支付', '基金支付'], type: 'money', unit: 'yuan' },
    { key: 'selfPaid', zh: '个人自付', synonyms: ['费用信息/个人自付', '合规自付', '合规自付费用', '个人自付金额', '政策范围内个人自付'], type: 'money', unit: 'yuan' },
  ]),
  list('dibao', '低保特困名单', '民政局', [
    {
      key: 'category', zh: '保障类别', synonyms: ['救助类别', '保障类型', '低保类别', '救助类型'], type: 'enum', required: true,
      // A类/B类/C类: the classes of 分类施保 inside 低保 (a 低保类别 column of a 民政 list); other local codes by value map
      values: { 低保: 'dibao', 城乡低保: 'dibao', 农村低保: 'dibao', 低保对象: 'dibao', A类: 'dibao', B类: 'dibao', C类: 'dibao', 特困: 'tekun', 特困供养: 'tekun', 特困人员: 'tekun' },
      note: '民政低保名单的“低保类别”列常填分类施保的 A类/B类/C类,均为低保对象;其他本地代码在导入时按取值对应(--value-map)',
    },
    { key: 'monthlyAmount', zh: '月保障金额', synonyms: ['月救助金额', '保障金额'], type: 'money', unit: 'yuan' },
    { key: 'startDate', zh: '起始日期', synonyms: ['审批日期', '纳入日期'], type: 'date' },
  ]),
  list('disability', '残疾人名单', '残联', [
    { key: 'disabilityType', zh: '残疾类别', synonyms: ['残疾类型'], type: 'text' },
    { key: 'disabilityGrade', zh: '残疾等级', synonyms: ['残疾级别'], type: 'enum', values: { 一级: '1', 二级: '2', 三级: '3', 四级: '4', '1': '1', '2': '2', '3': '3', '4': '4' }, required: true },
    { key: 'certDate', zh: '发证日期', synonyms: ['办证日期'], type: 'date' },
  ]),
  list('education', '学生及失学辍学名单', '教育局', [
    { key: 'school', zh: '学校名称', synonyms: ['学校', '就读学校'], type: 'text' },
    { key: 'stage', zh: '学段', synonyms: ['在校生状况', '年级'], type: 'text' },
    // a list of enrolled students often has no status column: 在校 is proposed, for the user to confirm
    { key: 'status', zh: '在校状态', synonyms: ['学籍状态', '就学状态'], type: 'enum', values: { 在校: 'enrolled', 在读: 'enrolled', 辍学: 'dropout', 失学: 'dropout', 休学: 'suspended' }, required: true, proposedDefault: '在校' },
    // the student is matched by the student's ID number; the guardian is linked by the guardian's (issue 9 item 3)
    { key: 'guardianName', zh: '监护人姓名', synonyms: ['家长姓名', '监护人'], type: 'name' },
    { key: 'guardianIdNumber', zh: '监护人身份证号', synonyms: ['家长身份证号', '监护人证件号码', '监护人身份证号码'], type: 'id' },
  ]),
  list('disaster', '受灾损失名单', '应急管理局', [
    { key: 'disasterDate', zh: '受灾日期', synonyms: ['灾害发生日期'], type: 'date' },
    { key: 'disasterType', zh: '灾害类型', synonyms: ['灾种'], type: 'text' },
    { key: 'loss', zh: '直接经济损失', synonyms: ['直接经济损失（元）', '经济损失'], type: 'money', unit: 'yuan', required: true },
    { key: 'houseDamage', zh: '房屋损毁情况', synonyms: ['房屋倒损'], type: 'text' },
  ]),
  list('hrss', '失业及参保名单', '人社局', [
    { key: 'unemployedDate', zh: '失业登记日期', synonyms: ['失业登记时间'], type: 'date' },
    { key: 'employmentStatus', zh: '就业状态', type: 'enum', values: { 失业: 'unemployed', 就业: 'employed', 灵活就业: 'employed', 返乡: 'returned' } },
    { key: 'insuranceStatus', zh: '参保状态', synonyms: ['养老保险参保状态'], type: 'enum', values: { 参保: 'insured', 已参保: 'insured', 未参保: 'uninsured', 断缴: 'lapsed', 中断: 'lapsed' } },
    { key: 'wage', zh: '工资性收入', synonyms: ['工资收入', '月工资'], type: 'money', unit: 'yuan' },
  ]),
];
