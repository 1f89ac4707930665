/**
 * Data-quality checks (数据质量核查) that county staff run on the registry before deadlines: each is a rule
 * "records where … are suspect", with an id, a Chinese name and its source. Pure: a household model in,
 * findings out. Sources: the national system's export formats and the checks written against real county
 * exports (../shared/formats/national-system-exports.md, "Checks that county staff run"), and the
 * policy texts named per check. Figures of the ranges are those of the formats file.
 */
import { ageOn } from '../../domain/id-number';
import { formatYuan } from '../../domain/money';

/** A member as the checks see it. */
export interface CheckMember {
  name: string;
  idMasked: string;
  idStatus: string;
  birthDate: string;
  relationToHead: string;
  healthStatus: string;
  disabilityGrade: number | null;
  labourSkill: string;
  schoolStage: string;
  workPlace: string | null;
  residentMedicalInsurance: number;
  employeeMedicalInsurance: number;
  dibao: number;
  tekun: number;
}

/** A household as the checks see it (registry rows, or a file's rows). */
export interface CheckHousehold {
  householdId: number | null;
  householdNo: string;
  countyCode: string;
  villageCode: string;
  householdType: string;
  monitoredCategory: string | null;
  riskTypes: string[];
  identifiedMonth: string | null;
  riskEliminated: boolean;
  eliminationMode: string | null;
  eliminatedMonth: string | null;
  farmlandMu: number;
  forestMu: number;
  dangerousHouse: boolean;
  distanceToRoadKm: number | null;
  safeDrinkingWater: boolean;
  /** 家庭人口 as recorded on the household */
  memberCount: number;
  members: CheckMember[];
  /** per-capita net income of the year (fen), null when missing */
  perCapitaNetIncomeFen: number | null;
  /** monitoring threshold of the county and year (fen) */
  thresholdFen: number | null;
  /** assistance measures (帮扶措施) by category name, or null when the source does not say */
  measures: string[] | null;
  /**
   * spells of migrant work of the members (imported 已外出务工信息, table work_spell): start month
   * `YYYY-MM` or null and monthly wage in fen; absent when the source does not say
   */
  workSpells?: { startMonth: string | null; monthlyWageFen: number | null }[];
}

/** One finding: the household, the member when it is about one, and the facts. */
export interface Finding {
  checkId: string;
  householdId: number | null;
  householdNo: string;
  countyCode: string;
  villageCode: string;
  member: string | null;
  facts: string;
}

export interface CheckDef {
  id: string;
  zh: string;
  source: string;
  /** false when the household lacks the data the check needs (e.g. measures) */
  applies?: (h: CheckHousehold) => boolean;
  run: (h: CheckHousehold, asOf: string) => { member?: CheckMember; facts: string }[];
}

/** Checks county staff run on national-system exports (see ../shared/formats/national-system-exports.md). */
const SRC_FORMATS = '县级数据质量核查规则(全国防返贫监测信息系统导出数据)';
const SRC_7 = '中农组发〔2021〕7号';
const SRC_GB = 'GB 11643-1999 公民身份号码';
const monitored = (h: CheckHousehold) => h.monitoredCategory !== null;
const age = (m: CheckMember, asOf: string) => ageOn(m.birthDate, asOf);
const each = (h: CheckHousehold, pred: (m: CheckMember) => string | null) =>
  h.members.flatMap((m) => {
    const f = pred(m);
    return f ? [{ member: m, facts: f }] : [];
  });
const months = (a: string, b: string) => (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
const LABOUR = new Set(['ordinary', 'skilled']);
const hasMeasure = (h: CheckHousehold, ...names: string[]) => (h.measures ?? []).some((m) => names.includes(m));
const withMeasures = (h: CheckHousehold) => h.measures !== null;
const stageRange = (stage: string, zh: string, from: number, to: number): CheckDef['run'] => (h, asOf) =>
  each(h, (m) => (m.schoolStage === stage && (age(m, asOf) < from || age(m, asOf) > to) ? `在校生状况为${zh},年龄 ${age(m, asOf)} 岁(应为 ${from}–${to} 岁)` : null));

/** The checks, in id order. */
export const CHECKS: readonly CheckDef[] = [
  { id: 'Q01', zh: '同一人在多个户中', source: `${SRC_FORMATS};一人一户`, run: () => [] /* across households: see CheckService */ },
  { id: 'Q02', zh: '一户有多名户主', source: SRC_FORMATS, run: (h) => { const n = h.members.filter((m) => m.relationToHead === 'head').length; return n > 1 ? [{ facts: `户主 ${n} 名` }] : []; } },
  { id: 'Q03', zh: '有成员但无户主', source: SRC_FORMATS, run: (h) => (h.members.length > 0 && !h.members.some((m) => m.relationToHead === 'head') ? [{ facts: `成员 ${h.members.length} 人,无户主` }] : []) },
  { id: 'Q04', zh: '户内无成员', source: SRC_FORMATS, run: (h) => (h.members.length === 0 ? [{ facts: '家庭成员为0人' }] : []) },
  { id: 'Q05', zh: '年龄与身份证号不符(出生日期晚于今天或年龄超过120岁)', source: SRC_GB, run: (h, asOf) => each(h, (m) => (m.birthDate > asOf || age(m, asOf) > 120 ? `出生日期 ${m.birthDate}` : null)) },
  { id: 'Q06', zh: '家庭人口数与成员名单不符', source: `${SRC_FORMATS};人均收入以成员名单为准`, run: (h) => (h.memberCount !== h.members.length ? [{ facts: `登记家庭人口 ${h.memberCount} 人,成员名单 ${h.members.length} 人` }] : []) },
  {
    id: 'Q07', zh: '脱贫户人均纯收入低于监测范围但未纳入监测', source: `${SRC_7};${SRC_FORMATS}`,
    run: (h) => (h.householdType === 'liftedOutOfPoverty' && !monitored(h) && h.perCapitaNetIncomeFen !== null && h.thresholdFen !== null && h.perCapitaNetIncomeFen < h.thresholdFen
      ? [{ facts: `人均纯收入 ${formatYuan(h.perCapitaNetIncomeFen)} 元,低于监测范围 ${formatYuan(h.thresholdFen)} 元` }] : []),
  },
  {
    id: 'Q08', zh: '帮扶消除距识别不足6个月', source: `${SRC_7}(风险消除须监测满6个月);${SRC_FORMATS}`,
    run: (h) => (h.riskEliminated && h.eliminationMode === 'assistance' && h.identifiedMonth && h.eliminatedMonth && months(h.identifiedMonth, h.eliminatedMonth) < 6
      ? [{ facts: `识别 ${h.identifiedMonth},消除 ${h.eliminatedMonth},相隔 ${months(h.identifiedMonth, h.eliminatedMonth)} 个月` }] : []),
  },
  { id: 'Q09', zh: '风险已消除但无消除时间', source: SRC_FORMATS, run: (h) => (monitored(h) && h.riskEliminated && !h.eliminatedMonth ? [{ facts: '风险已消除,消除监测时间为空' }] : []) },
  { id: 'Q10', zh: '消除时间早于识别时间', source: SRC_FORMATS, run: (h) => (h.identifiedMonth && h.eliminatedMonth && h.eliminatedMonth < h.identifiedMonth ? [{ facts: `识别 ${h.identifiedMonth},消除 ${h.eliminatedMonth}` }] : []) },
  { id: 'Q11', zh: '监测对象无识别监测时间', source: SRC_FORMATS, run: (h) => (monitored(h) && !h.identifiedMonth ? [{ facts: '识别监测时间为空' }] : []) },
  { id: 'Q12', zh: '监测对象无致贫/返贫风险类型', source: SRC_7, run: (h) => (monitored(h) && h.riskTypes.length === 0 ? [{ facts: '风险类型为空' }] : []) },
  { id: 'Q13', zh: '非监测对象却登记了风险类型', source: SRC_FORMATS, run: (h) => (!monitored(h) && h.riskTypes.length > 0 ? [{ facts: `风险类型:${h.riskTypes.join('、')}` }] : []) },
  {
    id: 'Q14', zh: '风险为缺劳动力但四分之一以上成员为普通或技能劳动力', source: SRC_FORMATS,
    run: (h) => { const n = h.members.filter((m) => LABOUR.has(m.labourSkill)).length; return h.riskTypes.includes('lackOfLabour') && n * 4 > h.members.length ? [{ facts: `劳动力 ${n} 人 / 成员 ${h.members.length} 人` }] : []; },
  },
  { id: 'Q15', zh: '风险为因务工就业不稳但无成员有务工记录', source: SRC_FORMATS, run: (h) => (h.riskTypes.includes('unstableEmployment') && !h.members.some((m) => m.workPlace) ? [{ facts: '无成员登记务工所在地' }] : []) },
  { id: 'Q16', zh: '16–60岁健康成员登记为弱劳动力或半劳动力', source: SRC_FORMATS, run: (h, asOf) => each(h, (m) => (m.healthStatus === 'healthy' && m.labourSkill === 'weakOrHalf' && age(m, asOf) >= 16 && age(m, asOf) <= 60 ? `${age(m, asOf)} 岁,健康,弱劳动力或半劳动力` : null)) },
  { id: 'Q17', zh: '初中学段年龄不在12–17岁', source: SRC_FORMATS, run: stageRange('juniorSecondary', '初中', 12, 17) },
  { id: 'Q18', zh: '高中学段年龄不在15–20岁', source: SRC_FORMATS, run: stageRange('seniorSecondary', '高中', 15, 20) },
  { id: 'Q19', zh: '中职学段年龄不在15–20岁', source: SRC_FORMATS, run: stageRange('vocationalSecondary', '中职', 15, 20) },
  { id: 'Q20', zh: '小学学段年龄不在6–14岁', source: '义务教育法第十一条(六周岁入学)', run: stageRange('primary', '小学', 6, 14) },
  { id: 'Q21', zh: '学龄前儿童年龄大于7岁', source: '义务教育法第十一条', run: (h, asOf) => each(h, (m) => (m.schoolStage === 'preschoolChild' && age(m, asOf) > 7 ? `学龄前儿童,${age(m, asOf)} 岁` : null)) },
  { id: 'Q22', zh: '义务教育阶段适龄(7–15岁)儿童少年非在校生', source: '义务教育法第十一条;中发〔2020〕30号(义务教育保障)', run: (h, asOf) => each(h, (m) => (m.schoolStage === 'notInSchool' && age(m, asOf) >= 7 && age(m, asOf) <= 15 ? `${age(m, asOf)} 岁,非在校生` : null)) },
  { id: 'Q23', zh: '健康状况为残疾但无残疾等级(残疾证)', source: SRC_FORMATS, run: (h) => each(h, (m) => (m.healthStatus === 'disabled' && m.disabilityGrade === null ? '残疾,无残疾等级' : null)) },
  { id: 'Q24', zh: '有残疾等级但健康状况不是残疾', source: SRC_FORMATS, run: (h) => each(h, (m) => (m.disabilityGrade !== null && m.healthStatus !== 'disabled' ? `残疾等级 ${m.disabilityGrade} 级,健康状况未登记为残疾` : null)) },
  { id: 'Q25', zh: '脱贫户耕地面积超出0–100亩', source: SRC_FORMATS, run: (h) => (h.householdType === 'liftedOutOfPoverty' && (h.farmlandMu < 0 || h.farmlandMu > 100) ? [{ facts: `耕地 ${h.farmlandMu} 亩` }] : []) },
  { id: 'Q26', zh: '脱贫户林地面积超出0–200亩', source: SRC_FORMATS, run: (h) => (h.householdType === 'liftedOutOfPoverty' && (h.forestMu < 0 || h.forestMu > 200) ? [{ facts: `林地 ${h.forestMu} 亩` }] : []) },
  { id: 'Q27', zh: '与村主干路距离超过5公里', source: SRC_FORMATS, run: (h) => (h.distanceToRoadKm !== null && h.distanceToRoadKm > 5 ? [{ facts: `距离 ${h.distanceToRoadKm} 公里` }] : []) },
  {
    id: 'Q28', zh: '当年新识别监测对象人均纯收入超过20000元', source: SRC_FORMATS,
    run: (h, asOf) => (monitored(h) && h.identifiedMonth?.slice(0, 4) === asOf.slice(0, 4) && h.perCapitaNetIncomeFen !== null && h.perCapitaNetIncomeFen > 2_000_000 ? [{ facts: `识别 ${h.identifiedMonth},人均纯收入 ${formatYuan(h.perCapitaNetIncomeFen)} 元` }] : []),
  },
  {
    id: 'Q29', zh: '整户无劳动能力却标记风险已消除', source: `${SRC_7}(无劳动能力的监测户不标注风险消除)`,
    run: (h) => (monitored(h) && h.riskEliminated && h.members.length > 0 && h.members.every((m) => m.labourSkill === 'lost' || m.labourSkill === 'none') ? [{ facts: `成员 ${h.members.length} 人均无劳动能力` }] : []),
  },
  { id: 'Q30', zh: '户主年龄小于16岁', source: SRC_FORMATS, run: (h, asOf) => each(h, (m) => (m.relationToHead === 'head' && age(m, asOf) < 16 ? `户主 ${age(m, asOf)} 岁` : null)) },
  { id: 'Q31', zh: '身份证号校验位不符,待核实', source: SRC_GB, run: (h) => each(h, (m) => (m.idStatus === 'checkFailed' ? `身份证号 ${m.idMasked} 校验位不符` : null)) },
  { id: 'Q32', zh: '成员未参加基本医疗保险', source: '中发〔2020〕30号(基本医疗保障)', run: (h) => each(h, (m) => (!m.residentMedicalInsurance && !m.employeeMedicalInsurance ? '城乡居民与城镇职工基本医疗保险均未参加' : null)) },
  { id: 'Q33', zh: '享受低保或特困供养但户未纳入监测且非脱贫户', source: SRC_7, run: (h) => (!monitored(h) && h.householdType !== 'liftedOutOfPoverty' && h.members.some((m) => m.dibao || m.tekun) ? [{ facts: '有成员享受低保或特困供养' }] : []) },
  { id: 'Q34', zh: '风险为因病但无健康帮扶或综合保障措施', source: SRC_FORMATS, applies: withMeasures, run: (h) => (h.riskTypes.includes('illness') && !hasMeasure(h, '健康帮扶', '综合保障', '社会帮扶') ? [{ facts: '无健康帮扶、综合保障或社会帮扶措施' }] : []) },
  { id: 'Q35', zh: '风险为因学但无教育帮扶措施', source: SRC_FORMATS, applies: withMeasures, run: (h) => (h.riskTypes.includes('educationCosts') && !hasMeasure(h, '教育帮扶', '义务教育保障') ? [{ facts: '无教育帮扶措施' }] : []) },
  { id: 'Q36', zh: '风险为因安全住房但无住房安全保障或搬迁措施', source: SRC_FORMATS, applies: withMeasures, run: (h) => (h.riskTypes.includes('housingSafety') && !hasMeasure(h, '住房安全保障', '搬迁') ? [{ facts: '无住房安全保障或搬迁措施' }] : []) },
  { id: 'Q37', zh: '风险为因安全饮水但无饮水安全保障措施', source: SRC_FORMATS, applies: withMeasures, run: (h) => (h.riskTypes.includes('drinkingWater') && !hasMeasure(h, '饮水安全保障') ? [{ facts: '无饮水安全保障措施' }] : []) },
  { id: 'Q38', zh: '风险为因残但无综合保障或社会帮扶措施', source: SRC_FORMATS, applies: withMeasures, run: (h) => (h.riskTypes.includes('disability') && !hasMeasure(h, '综合保障', '社会帮扶') ? [{ facts: '无综合保障或社会帮扶措施' }] : []) },
  {
    id: 'Q39', zh: '有劳动能力成员的户仅有综合保障(兜底)措施', source: SRC_FORMATS, applies: withMeasures,
    run: (h, asOf) => (monitored(h) && h.measures!.length > 0 && h.measures!.every((m) => m === '综合保障') && h.members.some((m) => LABOUR.has(m.labourSkill) && age(m, asOf) >= 16 && age(m, asOf) <= 60) ? [{ facts: '仅有综合保障措施,但有16–60岁劳动力' }] : []),
  },
  { id: 'Q40', zh: '监测对象未落实任何帮扶措施', source: `${SRC_7}(动态清零)`, applies: withMeasures, run: (h) => (monitored(h) && !h.riskEliminated && h.measures!.length === 0 ? [{ facts: '帮扶措施为空' }] : []) },
  { id: 'Q41', zh: '风险已消除但仍为危房户', source: `${SRC_7}(消除须住房安全有保障)`, run: (h) => (monitored(h) && h.riskEliminated && h.dangerousHouse ? [{ facts: '风险已消除,是否危房户为“是”' }] : []) },
  { id: 'Q42', zh: '风险已消除但未解决安全饮用水', source: `${SRC_7}(消除须饮水安全有保障)`, run: (h) => (monitored(h) && h.riskEliminated && !h.safeDrinkingWater ? [{ facts: '风险已消除,未解决安全饮用水' }] : []) },
  {
    id: 'Q43', zh: '务工月收入超出100–30,000元', source: `${SRC_FORMATS}(务工月监测:务工月收入范围)`,
    run: (h) => (h.workSpells ?? []).filter((w) => w.monthlyWageFen !== null && (w.monthlyWageFen < 100_00 || w.monthlyWageFen > 30_000_00)).map((w) => ({ facts: `${w.startMonth ? `${w.startMonth} 起` : ''}务工月收入 ${formatYuan(w.monthlyWageFen!)} 元` })),
  },
];

/** Runs every check on one household. Checks whose data the household lacks are skipped. */
export function runChecks(h: CheckHousehold, asOf: string, checks: readonly CheckDef[] = CHECKS): Finding[] {
  const out: Finding[] = [];
  for (const c of checks) {
    if (c.applies && !c.applies(h)) continue;
    for (const f of c.run(h, asOf)) out.push({ checkId: c.id, householdId: h.householdId, householdNo: h.householdNo, countyCode: h.countyCode, villageCode: h.villageCode, member: f.member ? f.member.name : null, facts: f.facts });
  }
  return out;
}
