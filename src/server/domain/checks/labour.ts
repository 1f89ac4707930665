/**
 * Labour against age and health (劳动技能与年龄、健康): under 16 no labour (劳动法), healthy working-age
 * persons recorded without labour, severe limb disability recorded as ordinary labour, the 缺劳动力 and
 * 因务工就业不稳 risks against the members' labour, workers recorded without labour.
 */
import { age, inSchool, LABOUR, NO_LABOUR, onHousehold, onMember, openRisk, SRC_FORMATS, SRC_FUPING, SRC_LABOUR_LAW, type CheckDef, type CheckMember } from './model';

const workingAge = (m: CheckMember, asOf: string) => age(m, asOf) >= 16 && age(m, asOf) < 60;

export const LABOUR_CHECKS: CheckDef[] = [
  {
    id: 'Q14', family: 'labour', level: 'household', zh: '风险为缺劳动力但四分之一以上成员为普通或技能劳动力', meaning: '缺劳动力指家中劳动力不足;劳动力占比超过四分之一不属缺劳动力', source: SRC_FORMATS, hint: '核实风险类型或成员劳动技能',
    run: onHousehold((h) => { const n = h.members.filter((m) => LABOUR.has(m.labourSkill)).length; return h.riskTypes.includes('lackOfLabour') && n * 4 > h.members.length ? { 风险类型: '缺劳动力', 劳动力人数: n, 成员人数: h.members.length } : null; }),
  },
  { id: 'Q16', family: 'labour', level: 'person', zh: '16–60岁健康成员登记为弱劳动力或半劳动力', meaning: '健康的劳动年龄人口一般为普通劳动力', source: SRC_FORMATS, hint: '核实劳动技能或健康状况', health: true, run: onMember((m, _h, asOf) => (m.healthStatus === 'healthy' && m.labourSkill === 'weakOrHalf' && age(m, asOf) >= 16 && age(m, asOf) <= 60 && !inSchool(m) ? { 年龄: age(m, asOf), 健康状况: '健康', 劳动技能: '弱劳动力或半劳动力' } : null)) },
  { id: 'LAB-01', family: 'labour', level: 'person', zh: '未满16岁登记有劳动能力', meaning: '未满16周岁为无劳动力(不得招用未满16周岁的未成年人)', source: SRC_LABOUR_LAW, hint: '劳动技能改为无劳动力', run: onMember((m, _h, asOf) => (age(m, asOf) < 16 && m.labourSkill !== 'none' && m.labourSkill !== '' ? { 年龄: age(m, asOf), 劳动技能: m.labourSkill } : null)) },
  { id: 'LAB-02', family: 'labour', level: 'person', zh: '80岁及以上登记为普通或技能劳动力', meaning: '高龄老人一般不具备普通劳动能力', source: SRC_FUPING, hint: '核实劳动技能(弱劳动力或半劳动力、无劳动力)', run: onMember((m, _h, asOf) => (age(m, asOf) >= 80 && LABOUR.has(m.labourSkill) ? { 年龄: age(m, asOf), 劳动技能: m.labourSkill } : null)) },
  { id: 'LAB-03', family: 'labour', level: 'person', zh: '16–59岁健康非在校生登记为丧失劳动力', meaning: '丧失劳动力指因病、因残失去劳动能力;健康者不应为丧失劳动力', source: SRC_FUPING, hint: '核实健康状况或劳动技能', health: true, run: onMember((m, _h, asOf) => (workingAge(m, asOf) && m.healthStatus === 'healthy' && !inSchool(m) && m.labourSkill === 'lost' ? { 年龄: age(m, asOf), 健康状况: '健康', 劳动技能: '丧失劳动力' } : null)) },
  { id: 'LAB-04', family: 'labour', level: 'person', zh: '16–59岁健康非在校生登记为无劳动力', meaning: '无劳动力指未满16岁、在校或高龄等;健康的劳动年龄非在校生应有劳动能力', source: SRC_FUPING, hint: '核实劳动技能、在校生状况或健康状况', health: true, run: onMember((m, _h, asOf) => (workingAge(m, asOf) && m.healthStatus === 'healthy' && !inSchool(m) && m.labourSkill === 'none' ? { 年龄: age(m, asOf), 健康状况: '健康', 劳动技能: '无劳动力' } : null)) },
  { id: 'LAB-05', family: 'labour', level: 'person', zh: '一、二级肢体残疾登记为普通劳动力', meaning: '重度肢体残疾(残疾人证类别4、等级1或2)一般不具备普通劳动能力', source: `《第二代残疾人证说明》;${SRC_FUPING}`, hint: '核实劳动技能或残疾等级', health: true, run: onMember((m) => (m.disabilityCategory === 4 && (m.disabilityGrade === 1 || m.disabilityGrade === 2) && m.labourSkill === 'ordinary' ? { 残疾类别: '肢体', 残疾等级: m.disabilityGrade, 劳动技能: '普通劳动力' } : null)) },
  { id: 'LAB-06', family: 'labour', level: 'household', zh: '风险为因务工就业不稳但家中成员均无劳动能力', meaning: '务工就业不稳以家中有劳动力务工为前提', source: SRC_FUPING, hint: '核实风险类型(可能为缺劳动力)或劳动技能', run: onHousehold((h) => (h.riskTypes.includes('unstableEmployment') && h.members.length > 0 && h.members.every((m) => NO_LABOUR.has(m.labourSkill)) ? { 风险类型: '因务工就业不稳', 劳动力人数: 0 } : null)) },
  { id: 'LAB-07', family: 'labour', level: 'person', zh: '已外出务工但登记为无劳动力或丧失劳动力', meaning: '正在务工说明具有劳动能力', source: SRC_FUPING, hint: '核实劳动技能或务工记录', run: onMember((m) => { const s = m.spells.find((x) => x.working === true); return s && NO_LABOUR.has(m.labourSkill) ? { 劳动技能: m.labourSkill, 是否已务工: true, 开始时间: s.startMonth } : null; }) },
  { id: 'LAB-08', family: 'labour', level: 'household', zh: '未消除风险的缺劳动力户家中无无劳动力成员', meaning: '缺劳动力户通常有无劳动能力需供养的成员', source: SRC_FUPING, hint: '核实风险类型或劳动技能', run: onHousehold((h) => (openRisk(h) && h.riskTypes.includes('lackOfLabour') && h.members.length > 0 && !h.members.some((m) => NO_LABOUR.has(m.labourSkill) || m.labourSkill === 'weakOrHalf') ? { 风险类型: '缺劳动力', 无劳动力或弱劳动力人数: 0 } : null)) },
];
