/**
 * Students and school stages (在校生与学段): the stage against age, children of compulsory-school age out of
 * school, education level against age, students who work or plan to, the reasons for not attending, and
 * 雨露计划 (for students of vocational schools).
 */
import { age, hasSub, inSchool, onHousehold, onMember, SRC_EDU, SRC_FORMATS, SRC_FUPING, SRC_30, withMeasures, type CheckDef, type CheckMember } from './model';

const stageRange = (stage: string, zh: string, from: number, to: number): CheckDef['run'] =>
  onMember((m, _h, asOf) => (m.schoolStage === stage && (age(m, asOf) < from || age(m, asOf) > to) ? { 在校生状况: zh, 年龄: age(m, asOf), 应为: `${from}–${to} 岁` } : null));
/** Stages of basic schooling (学前 to 高中/中职): a spell of migrant work then means the child works. */
const BASIC = new Set(['preschool', 'primary', 'juniorSecondary', 'seniorSecondary', 'vocationalSecondary']);
const compulsoryAge = (m: CheckMember, asOf: string) => age(m, asOf) >= 7 && age(m, asOf) <= 15;
const SRC_YULU = '雨露计划(脱贫家庭新成长劳动力接受中、高等职业教育补助)';

export const STUDENT_CHECKS: CheckDef[] = [
  { id: 'Q17', family: 'students', level: 'person', zh: '初中学段年龄不在12–17岁', meaning: '初中(七至九年级)学生一般12–17岁', source: SRC_FORMATS, hint: '核实在校生状况或出生日期', run: stageRange('juniorSecondary', '初中', 12, 17) },
  { id: 'Q18', family: 'students', level: 'person', zh: '高中学段年龄不在15–20岁', meaning: '高中学生一般15–20岁', source: SRC_FORMATS, hint: '核实在校生状况或出生日期', run: stageRange('seniorSecondary', '高中', 15, 20) },
  { id: 'Q19', family: 'students', level: 'person', zh: '中职学段年龄不在15–20岁', meaning: '中职学生一般15–20岁', source: SRC_FORMATS, hint: '核实在校生状况或出生日期', run: stageRange('vocationalSecondary', '中职', 15, 20) },
  { id: 'Q20', family: 'students', level: 'person', zh: '小学学段年龄不在6–14岁', meaning: '六周岁入学,小学生一般6–14岁', source: SRC_EDU, hint: '核实在校生状况或出生日期', run: stageRange('primary', '小学', 6, 14) },
  { id: 'Q21', family: 'students', level: 'person', zh: '学龄前儿童年龄大于7岁', meaning: '年满六周岁应入学;8岁以上不再是学龄前儿童', source: SRC_EDU, hint: '更正在校生状况(小学或非在校生并填未上学原因)', run: onMember((m, _h, asOf) => (m.schoolStage === 'preschoolChild' && age(m, asOf) > 7 ? { 在校生状况: '学龄前儿童', 年龄: age(m, asOf) } : null)) },
  { id: 'Q22', family: 'students', level: 'person', zh: '义务教育阶段适龄(7–15岁)儿童少年非在校生且无未上学原因', meaning: '控辍保学:适龄儿童少年应在校;因重病、重度残疾等不能上学的须填未上学原因', source: `${SRC_EDU};${SRC_30}(义务教育保障)`, hint: '核实就学情况,劝返复学或填写未上学原因', run: onMember((m, _h, asOf) => (m.schoolStage === 'notInSchool' && compulsoryAge(m, asOf) && !m.notEnrolledReason && !m.dropoutReason ? { 年龄: age(m, asOf), 在校生状况: '非在校生', 义务教育阶段未上学原因: null } : null)) },
  { id: 'STU-01', family: 'students', level: 'person', zh: '在校生(学前至高中、中职)有外出务工记录', meaning: '在校学生不应登记为已外出务工', source: SRC_FUPING, hint: '核实在校生状况或务工记录', run: onMember((m) => { const s = m.spells.find((x) => x.working === true); return BASIC.has(m.schoolStage) && s ? { 在校生状况: m.schoolStage, 是否已务工: true, 开始时间: s.startMonth } : null; }) },
  { id: 'STU-02', family: 'students', level: 'person', zh: '在校生(学前至高中、中职)计划外出务工', meaning: '在校学生不应登记计划外出务工', source: SRC_FUPING, hint: '核实在校生状况或计划务工信息', run: onMember((m) => (BASIC.has(m.schoolStage) && m.plans.some((x) => x.working === true) ? { 在校生状况: m.schoolStage, 是否计划务工: true } : null)) },
  { id: 'STU-03', family: 'students', level: 'person', zh: '学前教育在读年龄大于7岁', meaning: '年满六周岁应入学,8岁以上不应在学前教育', source: SRC_EDU, hint: '核实在校生状况或出生日期', run: onMember((m, _h, asOf) => (m.schoolStage === 'preschool' && age(m, asOf) > 7 ? { 在校生状况: '学前教育', 年龄: age(m, asOf) } : null)) },
  { id: 'STU-04', family: 'students', level: 'person', zh: '文化程度为大专或本科及以上但未满18岁', meaning: '完成高等教育一般在18岁以后', source: SRC_FUPING, hint: '核实文化程度或出生日期', run: onMember((m, _h, asOf) => ((m.education === 'juniorCollege' || m.education === 'bachelorOrAbove') && age(m, asOf) < 18 ? { 文化程度: m.education, 年龄: age(m, asOf) } : null)) },
  { id: 'STU-05', family: 'students', level: 'person', zh: '在读硕士生及以上但未满20岁', meaning: '研究生一般20岁以上', source: SRC_FUPING, hint: '核实在校生状况或出生日期', run: onMember((m, _h, asOf) => (m.schoolStage === 'postgraduate' && age(m, asOf) < 20 ? { 在校生状况: '硕士生及以上', 年龄: age(m, asOf) } : null)) },
  { id: 'STU-06', family: 'students', level: 'person', zh: '在读本科但未满16岁', meaning: '本科生一般17岁以上', source: SRC_FUPING, hint: '核实在校生状况或出生日期', run: onMember((m, _h, asOf) => (m.schoolStage === 'undergraduate' && age(m, asOf) < 16 ? { 在校生状况: '本科', 年龄: age(m, asOf) } : null)) },
  { id: 'STU-07', family: 'students', level: 'person', zh: '在读高职高专但未满15岁', meaning: '高职高专学生一般完成初中教育,15岁以上', source: SRC_FUPING, hint: '核实在校生状况或出生日期', run: onMember((m, _h, asOf) => (m.schoolStage === 'vocationalCollege' && age(m, asOf) < 15 ? { 在校生状况: '高职高专', 年龄: age(m, asOf) } : null)) },
  { id: 'STU-08', family: 'students', level: 'person', zh: '16–22岁健康非在校生文化程度为小学及以下', meaning: '九年义务教育:健康青年应至少完成初中,否则可能失学辍学', source: `${SRC_EDU};${SRC_FUPING}`, hint: '核实文化程度', health: true, run: onMember((m, _h, asOf) => (age(m, asOf) >= 16 && age(m, asOf) <= 22 && m.healthStatus === 'healthy' && !inSchool(m) && (m.education === 'primary' || m.education === 'illiterate') ? { 年龄: age(m, asOf), 文化程度: m.education } : null)) },
  {
    id: 'STU-09', family: 'students', level: 'household', zh: '标注失学辍学但家中无6–16岁不在校的儿童少年', meaning: '“义务教育阶段适龄儿童少年失学辍学”指家中有6–16岁不在校的儿童少年(该列在导出中随户重复在各成员行)', source: SRC_EDU, hint: '核实失学辍学标注、在校生状况或出生日期',
    run: onHousehold((h, asOf) => (h.members.some((m) => m.outOfSchool === true) && !h.members.some((m) => age(m, asOf) >= 6 && age(m, asOf) <= 16 && !inSchool(m)) ? { 是否义务教育阶段适龄儿童少年失学辍学: true, '6–16岁不在校人数': 0 } : null)),
  },
  { id: 'STU-10', family: 'students', level: 'person', zh: '未上学原因为因病或因残但健康状况为健康', meaning: '因病、因残未上学须有相应健康状况', source: SRC_FUPING, hint: '核实健康状况或未上学原因', health: true, run: onMember((m) => { const r = m.notEnrolledReason ?? m.dropoutReason; return r && /因病|因残|残疾|疾病/.test(r) && m.healthStatus === 'healthy' ? { 未上学原因: r, 健康状况: '健康' } : null; }) },
  { id: 'STU-11', family: 'students', level: 'person', zh: '在校生填写了失学或辍学原因', meaning: '失学或辍学原因只用于不在校者', source: SRC_FORMATS, hint: '清空原因或更正在校生状况', run: onMember((m) => (inSchool(m) && !!m.dropoutReason ? { 在校生状况: m.schoolStage, 失学或辍学原因: m.dropoutReason } : null)) },
  { id: 'STU-12', family: 'students', level: 'household', zh: '措施登记雨露计划但家中无中职或高职高专在读学生', meaning: '雨露计划补助接受中、高等职业教育的脱贫家庭学生', source: `${SRC_YULU};${SRC_FUPING}`, hint: '核实学生在校生状况或删除措施', applies: withMeasures, run: onHousehold((h) => (hasSub(h, 'yuluPlan') && !h.members.some((m) => m.schoolStage === 'vocationalSecondary' || m.schoolStage === 'vocationalCollege') ? { 教育帮扶: '雨露计划', 中高职在读人数: 0 } : null)) },
];
