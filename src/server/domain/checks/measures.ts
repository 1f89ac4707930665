/**
 * Measures against risks (风险与帮扶措施): each risk type has the measures that answer it, households able to
 * work get development-type measures (开发式帮扶), measures that presuppose a fact (work, income, school)
 * agree with it. Run only when the source lists the household's measures (national exports do).
 */
import { DEVELOPMENT_KINDS } from '../workflow/measures';
import { age, hasKind, inOwnCounty, hasText, LABOUR, monitored, NO_LABOUR, onHousehold, openRisk, SRC_7, SRC_FORMATS, SRC_FUPING, withMeasures, type CheckDef, type CheckHousehold } from './model';

const labourers = (h: CheckHousehold, asOf: string) => h.members.filter((m) => LABOUR.has(m.labourSkill) && age(m, asOf) >= 16 && age(m, asOf) < 60).length;
const kinds = (h: CheckHousehold) => [...new Set((h.measures ?? []).map((m) => m.kind))].join('、') || null;
const anyWorking = (h: CheckHousehold) => h.members.some((m) => m.spells.some((s) => s.working === true));
const m = (id: string, zh: string, meaning: string, source: string, hint: string, pred: (h: CheckHousehold, asOf: string) => Record<string, string | number | boolean | null> | null, health = false): CheckDef =>
  ({ id, family: 'measures', level: 'household', zh, meaning, source, hint, applies: withMeasures, run: onHousehold(pred), ...(health ? { health } : {}) });

export const MEASURE_CHECKS: CheckDef[] = [
  m('Q34', '风险为因病但无健康帮扶、综合保障或社会帮扶措施', '因病风险须落实健康帮扶(或综合保障、社会帮扶)', SRC_FORMATS, '登记健康帮扶等措施', (h) => (monitored(h) && h.riskTypes.includes('illness') && !hasKind(h, 'health', 'socialSecurity', 'socialAssistance') ? { 风险类型: '因病', 帮扶措施: kinds(h) } : null)),
  m('Q35', '风险为因学但无教育帮扶、义务教育保障或社会帮扶措施', '因学风险须落实教育帮扶或义务教育保障', SRC_FORMATS, '登记教育帮扶(雨露计划、助学)等措施', (h) => (monitored(h) && h.riskTypes.includes('educationCosts') && !hasKind(h, 'education', 'compulsoryEducation', 'socialAssistance') ? { 风险类型: '因学', 帮扶措施: kinds(h) } : null)),
  m('Q36', '风险为因安全住房但无住房安全保障或搬迁措施', '住房安全风险须落实住房安全保障或搬迁(两者之一即可)', SRC_FORMATS, '登记危房改造等住房安全保障或搬迁措施', (h) => (monitored(h) && h.riskTypes.includes('housingSafety') && !hasKind(h, 'housingSafety', 'relocation') ? { 风险类型: '因安全住房', 帮扶措施: kinds(h) } : null)),
  m('Q37', '风险为因安全饮水但无饮水安全保障措施', '饮水安全风险须落实饮水安全保障', SRC_FORMATS, '登记饮水安全保障措施', (h) => (monitored(h) && h.riskTypes.includes('drinkingWater') && !hasKind(h, 'drinkingWater') ? { 风险类型: '因安全饮水', 帮扶措施: kinds(h) } : null)),
  m('Q38', '风险为因残但无综合保障或社会帮扶措施', '因残风险须落实综合保障(残疾人补贴等)或社会帮扶', SRC_FORMATS, '登记残疾人补贴等综合保障措施', (h) => (monitored(h) && h.riskTypes.includes('disability') && !hasKind(h, 'socialSecurity', 'socialAssistance') ? { 风险类型: '因残', 帮扶措施: kinds(h) } : null)),
  m('Q39', '有劳动能力成员的户仅有综合保障(兜底)措施', '有劳动能力的监测户应落实开发式帮扶,不能只兜底', SRC_FORMATS, '登记产业、就业等开发式帮扶措施', (h, asOf) => (openRisk(h) && h.measures!.length > 0 && h.measures!.every((x) => x.kind === 'socialSecurity') && labourers(h, asOf) > 0 ? { 帮扶措施: '仅综合保障', '16–59岁劳动力人数': labourers(h, asOf) } : null)),
  m('Q40', '未消除风险的监测对象未落实任何帮扶措施', '监测对象须及时落实帮扶措施(动态清零)', `${SRC_7}(动态清零)`, '按风险类型登记帮扶措施', (h) => (openRisk(h) && h.measures!.length === 0 ? { 帮扶措施: null } : null)),
  m('MEA-01', '帮扶消除但未登记任何帮扶措施', '帮扶消除须至少落实一项帮扶措施', `${SRC_7}(消除须至少落实一项帮扶措施)`, '补录帮扶措施,或改为自然消除', (h) => (monitored(h) && h.riskEliminated && h.eliminationMode === 'assistance' && h.measures!.length === 0 ? { 风险消除方式: '帮扶消除', 帮扶措施: null } : null)),
  m('MEA-02', '有劳动力的未消除风险监测户未落实开发式帮扶', '有劳动能力的监测户应落实产业、就业、金融或公益岗位等开发式帮扶', `${SRC_7}(有劳动能力的,坚持开发式帮扶)`, '登记开发式帮扶措施', (h, asOf) => (openRisk(h) && labourers(h, asOf) > 0 && !hasKind(h, ...DEVELOPMENT_KINDS) ? { '16–59岁劳动力人数': labourers(h, asOf), 帮扶措施: kinds(h) } : null)),
  m('MEA-03', '已登记开发式帮扶但“实施开发式帮扶措施情况”为尚未实施或空', '开发式帮扶措施登记后应标注实施情况', SRC_FUPING, '更正实施开发式帮扶措施情况', (h) => (openRisk(h) && hasKind(h, ...DEVELOPMENT_KINDS) && (h.developmentalMeasures === null || h.developmentalMeasures.trim() === '' || h.developmentalMeasures.includes('尚未')) ? { 帮扶措施: kinds(h), 实施开发式帮扶措施情况: h.developmentalMeasures } : null)),
  m('MEA-04', '未消除风险户享受就业或公益岗位帮扶但家中无人务工', '就业帮扶、公益岗位以家中有人务工就业为结果', SRC_FUPING, '核实务工记录或措施', (h) => (openRisk(h) && hasKind(h, 'employment', 'publicWelfareJob') && !anyWorking(h) && !h.members.some((x) => x.workPlace) ? { 帮扶措施: kinds(h), 务工人数: 0 } : null)),
  m('MEA-05', '措施登记外出务工补贴但务工记录无交通费补助', '外出务工交通补贴应在务工记录中登记年度交通费补助', SRC_FUPING, '补录年度交通费补助,或更正措施', (h) => (openRisk(h) && hasText(h, 'employment', '交通', '外出务工补贴') && h.members.some((x) => x.spells.length > 0) && !h.members.some((x) => x.spells.some((s) => (s.transportSubsidyFen ?? 0) > 0)) ? { 就业帮扶: '外出务工补贴', 年度交通费补助: '0.00 元' } : null)),
  m('MEA-06', '措施登记劳务输出但家中无县外务工人员', '劳务输出指组织到县外务工', SRC_FUPING, '核实务工所在县或措施', (h) => (openRisk(h) && hasText(h, 'employment', '劳务输出') && h.countyName !== null && !h.members.some((x) => x.spells.some((s) => s.working === true && !!s.workCounty && !inOwnCounty(s.workCounty, h.countyName))) ? { 就业帮扶: '劳务输出', 县外务工人数: 0 } : null)),
  m('MEA-07', '风险已消除且享受产业帮扶但无生产经营性收入', '产业帮扶应带来生产经营性收入', SRC_FUPING, '核实生产经营性收入', (h) => (monitored(h) && h.riskEliminated && hasKind(h, 'industry') && h.income !== null && h.income.businessIncomeFen === 0 ? { 帮扶措施: '产业帮扶', 生产经营性收入: '0.00 元' } : null)),
  m('MEA-08', '风险已消除且享受就业或公益岗位帮扶但无工资性收入', '就业、公益岗位帮扶应带来工资性收入', SRC_FUPING, '核实工资性收入', (h) => (monitored(h) && h.riskEliminated && hasKind(h, 'employment', 'publicWelfareJob') && h.income !== null && h.income.wageFen === 0 ? { 帮扶措施: kinds(h), 工资性收入: '0.00 元' } : null)),
  m('MEA-09', '风险已消除且享受综合保障但无转移性收入', '低保金、特困供养金、残疾人补贴计入转移性收入', SRC_FUPING, '核实转移性收入', (h) => (monitored(h) && h.riskEliminated && hasKind(h, 'socialSecurity') && h.income !== null && h.income.transferFen === 0 ? { 帮扶措施: '综合保障', 转移性收入: '0.00 元' } : null)),
  m('MEA-10', '有失学辍学成员但未登记义务教育保障', '义务教育阶段失学辍学须落实控辍保学(义务教育保障)', SRC_FUPING, '登记义务教育保障措施并劝返', (h) => (monitored(h) && h.members.some((x) => x.outOfSchool === true) && !hasKind(h, 'compulsoryEducation') ? { 是否义务教育阶段适龄儿童少年失学辍学: true, 帮扶措施: kinds(h) } : null)),
  m('MEA-11', '有成员未参加基本医疗保险但无健康帮扶或社会帮扶', '未参保成员须落实参保资助等健康帮扶', SRC_FUPING, '登记健康帮扶(参保资助)措施', (h) => (monitored(h) && (h.memberUninsured === true || h.members.some((x) => !x.residentMedicalInsurance && !x.employeeMedicalInsurance)) && !hasKind(h, 'health', 'socialAssistance') ? { 是否有家庭成员未参加基本医疗保险: true, 帮扶措施: kinds(h) } : null)),
  m('MEA-12', '风险为因务工就业不稳但无就业帮扶或公益岗位措施', '务工就业不稳应落实就业帮扶或公益岗位', SRC_FORMATS, '登记就业帮扶措施', (h) => (openRisk(h) && h.riskTypes.includes('unstableEmployment') && !hasKind(h, 'employment', 'publicWelfareJob') ? { 风险类型: '因务工就业不稳', 帮扶措施: kinds(h) } : null)),
  m('MEA-13', '风险为因产业项目失败但无产业或金融帮扶', '产业项目失败应落实产业帮扶或金融帮扶', SRC_FORMATS, '登记产业或金融帮扶措施', (h) => (openRisk(h) && h.riskTypes.includes('businessFailure') && !hasKind(h, 'industry', 'finance') ? { 风险类型: '因产业项目失败', 帮扶措施: kinds(h) } : null)),
  m('MEA-14', '公益岗位帮扶户家中无劳动能力成员', '公益岗位安置有劳动能力(含弱劳动力、半劳动力)的人员', SRC_FUPING, '核实劳动技能或措施', (h) => (hasKind(h, 'publicWelfareJob') && h.members.length > 0 && h.members.every((x) => NO_LABOUR.has(x.labourSkill)) ? { 帮扶措施: '公益岗位帮扶', 劳动力人数: 0 } : null)),
];
