/**
 * 低保 and 特困供养 (minimum living guarantee and support for persons in extreme difficulty): a person is in one
 * of the two, 特困 requires no capacity to work (无劳动能力、无生活来源、无法定赡养抚养扶养义务人), the support
 * fund goes with the status, and the household's 综合保障 measures and 兜底 mark agree with its members.
 */
import { age, hasSub, inSchool, LABOUR, monitored, NO_LABOUR, onHousehold, onMember, openRisk, SRC_7, SRC_DIBAO, SRC_FUPING, SRC_TEKUN, withMeasures, yuan, type CheckDef } from './model';

export const ASSISTANCE_CHECKS: CheckDef[] = [
  {
    id: 'Q33', family: 'assistance', level: 'household', zh: '享受低保或特困供养但户未纳入监测且非脱贫户', meaning: '低保、特困人员是防止返贫监测的重点人群,应比对纳入', source: SRC_7, hint: '核实后按程序识别纳入监测',
    run: onHousehold((h) => (!monitored(h) && h.householdType !== 'liftedOutOfPoverty' && h.members.some((m) => m.dibao || m.tekun) ? { 户类型: h.householdType, 监测对象类别: null, 低保或特困人数: h.members.filter((m) => m.dibao || m.tekun).length } : null)),
  },
  { id: 'SA-01', family: 'assistance', level: 'person', zh: '同一人同时享受低保和特困供养', meaning: '特困人员救助供养与最低生活保障不重复享受', source: SRC_DIBAO, hint: '核实实际享受的政策,更正另一项', run: onMember((m) => (m.dibao && m.tekun ? { 享受低保政策情况: true, 享受特困供养政策情况: true } : null)) },
  {
    id: 'SA-02', family: 'assistance', level: 'person', zh: '特困供养人员为18–59岁健康有劳动能力的非在校生', meaning: '特困人员须无劳动能力;健康的劳动年龄普通或技能劳动力不符合条件', source: SRC_TEKUN, hint: '核实特困认定、健康状况或劳动技能', health: true,
    run: onMember((m, _h, asOf) => (m.tekun && age(m, asOf) >= 18 && age(m, asOf) < 60 && m.healthStatus === 'healthy' && LABOUR.has(m.labourSkill) && !inSchool(m) ? { 享受特困供养政策情况: true, 年龄: age(m, asOf), 健康状况: '健康', 劳动技能: m.labourSkill } : null)),
  },
  { id: 'SA-03', family: 'assistance', level: 'person', zh: '特困供养人员有外出务工记录', meaning: '特困人员须无劳动能力、无生活来源;正在务工者不符合条件', source: `${SRC_TEKUN};${SRC_FUPING}`, hint: '核实务工记录或特困认定', run: onMember((m) => { const s = m.spells.find((x) => x.working === true); return m.tekun && s ? { 享受特困供养政策情况: true, 是否已务工: true, 开始时间: s.startMonth } : null; }) },
  { id: 'SA-04', family: 'assistance', level: 'person', zh: '有特困人员救助供养金但未享受特困供养', meaning: '救助供养金只发给特困供养人员', source: SRC_TEKUN, hint: '核实特困供养政策情况或供养金', run: onMember((m) => (!m.tekun && (m.tekunSupportFen ?? 0) > 0 ? { 享受特困供养政策情况: false, 特困人员救助供养金: yuan(m.tekunSupportFen) } : null)) },
  { id: 'SA-05', family: 'assistance', level: 'person', zh: '享受特困供养但救助供养金为0', meaning: '特困供养人员按月领取基本生活费', source: SRC_TEKUN, hint: '补录特困人员救助供养金', run: onMember((m) => (m.tekun && m.tekunSupportFen === 0 ? { 享受特困供养政策情况: true, 特困人员救助供养金: yuan(0) } : null)) },
  { id: 'SA-06', family: 'assistance', level: 'household', zh: '未消除风险监测户成员享受低保但措施未登记低保', meaning: '监测户享受的兜底保障应登记为综合保障(低保)措施', source: SRC_FUPING, hint: '在综合保障中登记低保', applies: withMeasures, run: onHousehold((h) => (openRisk(h) && h.members.some((m) => m.dibao) && !hasSub(h, 'dibao') ? { 享受低保人数: h.members.filter((m) => m.dibao).length, 综合保障: '未登记低保' } : null)) },
  { id: 'SA-07', family: 'assistance', level: 'household', zh: '措施登记低保但家中无人享受低保', meaning: '综合保障(低保)措施须有享受低保的成员', source: SRC_FUPING, hint: '核实成员低保状态或删除措施', applies: withMeasures, run: onHousehold((h) => (hasSub(h, 'dibao') && !h.members.some((m) => m.dibao) ? { 综合保障: '低保', 享受低保人数: 0 } : null)) },
  { id: 'SA-08', family: 'assistance', level: 'household', zh: '未消除风险监测户成员享受特困供养但措施未登记特困供养', meaning: '监测户享受的兜底保障应登记为综合保障(特困供养)措施', source: SRC_FUPING, hint: '在综合保障中登记特困供养', applies: withMeasures, run: onHousehold((h) => (openRisk(h) && h.members.some((m) => m.tekun) && !hasSub(h, 'tekun') ? { 享受特困供养人数: h.members.filter((m) => m.tekun).length, 综合保障: '未登记特困供养' } : null)) },
  { id: 'SA-09', family: 'assistance', level: 'household', zh: '措施登记特困供养但家中无特困供养人员', meaning: '综合保障(特困供养)措施须有特困供养成员', source: SRC_FUPING, hint: '核实成员特困状态或删除措施', applies: withMeasures, run: onHousehold((h) => (hasSub(h, 'tekun') && !h.members.some((m) => m.tekun) ? { 综合保障: '特困供养', 享受特困供养人数: 0 } : null)) },
  { id: 'SA-10', family: 'assistance', level: 'household', zh: '措施登记残疾人补贴但家中无残疾人', meaning: '残疾人两项补贴发给残疾人', source: `《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》(国发〔2015〕52号);${SRC_FUPING}`, hint: '核实成员健康状况或删除措施', applies: withMeasures, health: true, run: onHousehold((h) => (hasSub(h, 'disabilityAllowance') && !h.members.some((m) => m.healthStatus === 'disabled' || m.idType === 'disabilityCertificate') ? { 综合保障: '残疾人补贴', 残疾人数: 0 } : null)) },
  { id: 'SA-11', family: 'assistance', level: 'household', zh: '整户无劳动能力兜底保障户但有成员为普通或技能劳动力', meaning: '兜底保障户须整户无劳动能力', source: SRC_7, hint: '核实成员劳动技能或兜底标注', run: onHousehold((h) => (h.fullSupport === true && h.members.some((m) => LABOUR.has(m.labourSkill)) ? { 整户无劳动能力兜底保障户: true, 劳动力人数: h.members.filter((m) => LABOUR.has(m.labourSkill)).length } : null)) },
  {
    id: 'SA-12', family: 'assistance', level: 'household', zh: '整户无劳动能力的未消除风险监测户无人享受低保或特困供养', meaning: '整户无劳动能力的监测户应纳入低保或特困供养兜底', source: `${SRC_7}(对无劳动能力的,落实兜底保障)`, hint: '协调民政部门核实纳入低保或特困',
    run: onHousehold((h) => (openRisk(h) && h.members.length > 0 && h.members.every((m) => NO_LABOUR.has(m.labourSkill)) && !h.members.some((m) => m.dibao || m.tekun) ? { 成员人数: h.members.length, 劳动力人数: 0, 享受低保或特困人数: 0 } : null)),
  },
  {
    id: 'SA-13', family: 'assistance', level: 'household', zh: '因残未消除风险且有一二级残疾人但未登记残疾人补贴', meaning: '重度(一、二级)残疾人享受护理补贴,因残监测户应登记', source: `国发〔2015〕52号;${SRC_FUPING}`, hint: '核实并登记残疾人补贴措施', applies: withMeasures, health: true,
    run: onHousehold((h) => { const n = h.members.filter((m) => m.disabilityGrade === 1 || m.disabilityGrade === 2).length; return openRisk(h) && h.riskTypes.includes('disability') && n > 0 && !hasSub(h, 'disabilityAllowance') ? { 风险类型: '因残', 一二级残疾人数: n } : null; }),
  },
  { id: 'SA-14', family: 'assistance', level: 'household', zh: '兜底保障户家中无人享受低保或特困供养', meaning: '兜底保障即纳入低保或特困供养', source: SRC_7, hint: '核实低保、特困状态或兜底标注', run: onHousehold((h) => (h.fullSupport === true && !h.members.some((m) => m.dibao || m.tekun) ? { 整户无劳动能力兜底保障户: true, 享受低保或特困人数: 0 } : null)) },
];
