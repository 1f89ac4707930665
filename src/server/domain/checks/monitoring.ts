/**
 * Identification and elimination (识别、消除与应纳未纳): households not monitored despite low income, unsafe
 * housing, unsafe water or no serious-illness insurance; the months of identification and elimination; the
 * conditions of elimination (6 months of monitoring, 三保障 and drinking water secured, labour); risk types
 * against the household's facts.
 */
import { formatYuan } from '../money';
import { inSchool, lifted, perCapitaIncome, monitored, monthsBetween, NO_LABOUR, onHousehold, openRisk, SRC_30, SRC_7, SRC_FORMATS, SRC_FUPING, type CheckDef } from './model';

const insured = (m: { residentMedicalInsurance: number; employeeMedicalInsurance: number }) => !!m.residentMedicalInsurance || !!m.employeeMedicalInsurance;
const ILL = new Set(['seriousIllness', 'chronicIllness', 'disabled']);
const SRC_ELIM = `${SRC_7}(风险消除:监测满6个月、收入稳定超过监测范围、“三保障”和饮水安全有保障)`;

export const MONITORING_CHECKS: CheckDef[] = [
  {
    id: 'Q07', family: 'monitoring', level: 'household', zh: '脱贫户人均纯收入低于监测范围但未纳入监测', meaning: '人均纯收入低于当年监测范围的农户应识别纳入监测', source: `${SRC_7};${SRC_FORMATS}`, hint: '核实收入,按程序识别纳入监测',
    run: onHousehold((h) => { const pc = perCapitaIncome(h); return lifted(h) && !monitored(h) && pc !== null && h.thresholdFen !== null && pc < h.thresholdFen ? { 人均纯收入: `${formatYuan(pc)} 元`, 监测范围: `${formatYuan(h.thresholdFen)} 元` } : null; }),
  },
  {
    id: 'Q08', family: 'monitoring', level: 'household', zh: '帮扶消除距识别不足6个月', meaning: '帮扶消除须监测满6个月', source: `${SRC_ELIM};${SRC_FORMATS}`, hint: '核实识别和消除时间;未满6个月的回退风险消除',
    run: onHousehold((h) => (h.riskEliminated && h.eliminationMode === 'assistance' && h.identifiedMonth && h.eliminatedMonth && monthsBetween(h.identifiedMonth, h.eliminatedMonth) < 6 ? { 识别监测时间: h.identifiedMonth, 消除监测时间: h.eliminatedMonth, 相隔月数: monthsBetween(h.identifiedMonth, h.eliminatedMonth) } : null)),
  },
  { id: 'Q09', family: 'monitoring', level: 'household', zh: '风险已消除但无消除时间', meaning: '风险消除须记录消除监测时间', source: SRC_FORMATS, hint: '补录消除监测时间', run: onHousehold((h) => (monitored(h) && h.riskEliminated && !h.eliminatedMonth ? { 风险是否已消除: true, 消除监测时间: null } : null)) },
  { id: 'Q10', family: 'monitoring', level: 'household', zh: '消除时间早于识别时间', meaning: '先识别后消除', source: SRC_FORMATS, hint: '核实识别和消除时间', run: onHousehold((h) => (h.identifiedMonth && h.eliminatedMonth && h.eliminatedMonth < h.identifiedMonth ? { 识别监测时间: h.identifiedMonth, 消除监测时间: h.eliminatedMonth } : null)) },
  { id: 'Q11', family: 'monitoring', level: 'household', zh: '监测对象无识别监测时间', meaning: '监测对象须有识别监测时间', source: SRC_FORMATS, hint: '补录识别监测时间', run: onHousehold((h) => (monitored(h) && !h.identifiedMonth ? { 监测对象类别: h.monitoredCategory, 识别监测时间: null } : null)) },
  { id: 'Q12', family: 'monitoring', level: 'household', zh: '监测对象无致贫/返贫风险类型', meaning: '识别纳入须明确风险类型', source: SRC_7, hint: '补录致贫/返贫风险', run: onHousehold((h) => (monitored(h) && h.riskTypes.length === 0 ? { 监测对象类别: h.monitoredCategory, 致贫返贫风险: null } : null)) },
  { id: 'Q13', family: 'monitoring', level: 'household', zh: '非监测对象却登记了风险类型', meaning: '风险类型只登记于监测对象', source: SRC_FORMATS, hint: '识别纳入监测,或清空风险类型', run: onHousehold((h) => (!monitored(h) && h.riskTypes.length > 0 ? { 监测对象类别: null, 致贫返贫风险: h.riskTypes.join('、') } : null)) },
  {
    id: 'Q28', family: 'monitoring', level: 'household', zh: '当年新识别监测对象人均纯收入超过20000元', meaning: '新识别监测对象收入远高于监测范围,需核实识别依据(刚性支出等)', source: SRC_FORMATS, hint: '核实收入与识别依据',
    run: onHousehold((h, asOf) => { const pc = perCapitaIncome(h); return monitored(h) && h.identifiedMonth?.slice(0, 4) === asOf.slice(0, 4) && pc !== null && pc > 2_000_000 ? { 识别监测时间: h.identifiedMonth, 人均纯收入: `${formatYuan(pc)} 元` } : null; }),
  },
  {
    id: 'Q29', family: 'monitoring', level: 'household', zh: '整户无劳动能力却标记风险已消除', meaning: '对无劳动能力的监测户,落实兜底保障后不标注风险消除,持续监测', source: `${SRC_7}(无劳动能力的监测户不标注风险消除)`, hint: '回退风险消除,继续监测',
    run: onHousehold((h) => (monitored(h) && h.riskEliminated && h.members.length > 0 && h.members.every((m) => NO_LABOUR.has(m.labourSkill)) ? { 风险是否已消除: true, 成员人数: h.members.length, 劳动力人数: 0 } : null)),
  },
  { id: 'Q41', family: 'monitoring', level: 'household', zh: '风险已消除但仍为危房户', meaning: '风险消除须住房安全有保障', source: SRC_ELIM, hint: '回退风险消除,落实住房安全保障', run: onHousehold((h) => (monitored(h) && h.riskEliminated && h.dangerousHouse ? { 风险是否已消除: true, 是否危房户: true } : null)) },
  { id: 'Q42', family: 'monitoring', level: 'household', zh: '风险已消除但未解决安全饮用水', meaning: '风险消除须饮水安全有保障', source: SRC_ELIM, hint: '回退风险消除,落实饮水安全保障', run: onHousehold((h) => (monitored(h) && h.riskEliminated && !h.safeDrinkingWater ? { 风险是否已消除: true, 是否解决安全饮用水: false } : null)) },
  { id: 'MON-01', family: 'monitoring', level: 'household', zh: '危房户未纳入监测', meaning: '住房安全无保障是返贫致贫风险,应识别纳入监测', source: `${SRC_7};${SRC_30}`, hint: '核实住房,按程序识别纳入(风险类型因安全住房)', run: onHousehold((h) => (!monitored(h) && h.dangerousHouse ? { 是否危房户: true, 监测对象类别: null } : null)) },
  { id: 'MON-02', family: 'monitoring', level: 'household', zh: '未解决安全饮用水但未纳入监测', meaning: '饮水安全无保障是返贫致贫风险,应识别纳入监测', source: `${SRC_7};${SRC_30}`, hint: '核实饮水,按程序识别纳入(风险类型因安全饮水)', run: onHousehold((h) => (!monitored(h) && !h.safeDrinkingWater ? { 是否解决安全饮用水: false, 监测对象类别: null } : null)) },
  {
    id: 'MON-03', family: 'monitoring', level: 'household', zh: '有成员未参加大病保险(且无职工医保)但户未纳入监测', meaning: '基本医疗保障缺口是返贫致贫风险;城乡居民参保人均应有大病保险', source: `${SRC_30};${SRC_FUPING}`, hint: '动员参保;核实是否应识别纳入监测',
    run: onHousehold((h) => { const n = h.members.filter((m) => !m.criticalIllnessInsurance && !m.employeeMedicalInsurance).length; return !monitored(h) && n > 0 ? { 未参加大病保险人数: n, 监测对象类别: null } : null; }),
  },
  { id: 'MON-04', family: 'monitoring', level: 'household', zh: '识别监测时间晚于今天', meaning: '识别监测时间不能在将来', source: SRC_FORMATS, hint: '更正识别监测时间', run: onHousehold((h, asOf) => (h.identifiedMonth && h.identifiedMonth > asOf.slice(0, 7) ? { 识别监测时间: h.identifiedMonth } : null)) },
  { id: 'MON-05', family: 'monitoring', level: 'household', zh: '消除监测时间晚于今天', meaning: '消除监测时间不能在将来', source: SRC_FORMATS, hint: '更正消除监测时间', run: onHousehold((h, asOf) => (h.eliminatedMonth && h.eliminatedMonth > asOf.slice(0, 7) ? { 消除监测时间: h.eliminatedMonth } : null)) },
  { id: 'MON-06', family: 'monitoring', level: 'household', zh: '风险已消除但无消除方式', meaning: '风险消除须注明帮扶消除或自然消除', source: SRC_FORMATS, hint: '补录风险消除方式', run: onHousehold((h) => (monitored(h) && h.riskEliminated && !h.eliminationMode ? { 风险是否已消除: true, 风险消除方式: null } : null)) },
  { id: 'MON-07', family: 'monitoring', level: 'household', zh: '风险未消除但登记了消除时间或消除方式', meaning: '消除时间、消除方式只属于已消除风险的监测对象', source: SRC_FORMATS, hint: '核实风险是否已消除', run: onHousehold((h) => (monitored(h) && !h.riskEliminated && (h.eliminatedMonth || h.eliminationMode) ? { 风险是否已消除: false, 消除监测时间: h.eliminatedMonth, 风险消除方式: h.eliminationMode } : null)) },
  { id: 'MON-08', family: 'monitoring', level: 'household', zh: '风险消除后住房损毁', meaning: '消除后出现新风险应重新识别纳入(返贫风险)', source: `${SRC_7}(新风险重新纳入)`, hint: '核实并重新识别纳入监测', run: onHousehold((h) => (monitored(h) && h.riskEliminated && h.housingDamagedAfter === true ? { 风险是否已消除: true, 风险消除后是否住房损毁: true } : null)) },
  { id: 'MON-09', family: 'monitoring', level: 'household', zh: '风险消除后饮水设施损毁', meaning: '消除后出现新风险应重新识别纳入', source: `${SRC_7}(新风险重新纳入)`, hint: '核实并重新识别纳入监测', run: onHousehold((h) => (monitored(h) && h.riskEliminated && h.waterDamagedAfter === true ? { 风险是否已消除: true, 风险消除后是否饮水设施损毁: true } : null)) },
  { id: 'MON-10', family: 'monitoring', level: 'household', zh: '风险消除后有义务教育阶段适龄儿童少年失学辍学', meaning: '消除后出现新风险应重新识别纳入', source: `${SRC_7}(新风险重新纳入)`, hint: '劝返复学并核实是否重新纳入', run: onHousehold((h) => (monitored(h) && h.riskEliminated && h.outOfSchoolAfter === true ? { 风险是否已消除: true, 风险消除后是否义务教育阶段适龄儿童少年失学辍学: true } : null)) },
  { id: 'MON-11', family: 'monitoring', level: 'household', zh: '风险已消除但有成员未参加基本医疗保险', meaning: '风险消除须基本医疗有保障', source: SRC_ELIM, hint: '落实参保,或回退风险消除', run: onHousehold((h) => { const n = h.members.filter((m) => !insured(m)).length; return monitored(h) && h.riskEliminated && n > 0 ? { 风险是否已消除: true, 未参保人数: n } : null; }) },
  { id: 'MON-12', family: 'monitoring', level: 'household', zh: '风险已消除但有成员失学辍学', meaning: '风险消除须义务教育有保障', source: SRC_ELIM, hint: '劝返复学,或回退风险消除', run: onHousehold((h) => (monitored(h) && h.riskEliminated && h.members.some((m) => m.outOfSchool === true) ? { 风险是否已消除: true, 是否义务教育阶段适龄儿童少年失学辍学: true } : null)) },
  {
    id: 'MON-13', family: 'monitoring', level: 'household', zh: '帮扶消除但人均纯收入低于监测范围', meaning: '帮扶消除须收入稳定超过监测范围', source: `${SRC_ELIM};${SRC_FUPING}`, hint: '核实收入,或回退风险消除',
    run: onHousehold((h) => { const pc = perCapitaIncome(h); return monitored(h) && h.riskEliminated && h.eliminationMode === 'assistance' && pc !== null && h.thresholdFen !== null && pc < h.thresholdFen ? { 风险消除方式: '帮扶消除', 人均纯收入: `${formatYuan(pc)} 元`, 监测范围: `${formatYuan(h.thresholdFen)} 元` } : null; }),
  },
  { id: 'MON-14', family: 'monitoring', level: 'household', zh: '风险为因病但家中无大病、慢性病或残疾成员', meaning: '因病风险应有患病成员', source: SRC_FUPING, hint: '核实风险类型或成员健康状况', health: true, run: onHousehold((h) => (monitored(h) && h.riskTypes.includes('illness') && h.members.length > 0 && !h.members.some((m) => ILL.has(m.healthStatus)) ? { 风险类型: '因病', 患病或残疾人数: 0 } : null)) },
  { id: 'MON-15', family: 'monitoring', level: 'household', zh: '风险为因残但家中无残疾成员', meaning: '因残风险应有残疾成员', source: SRC_FUPING, hint: '核实风险类型或成员健康状况', health: true, run: onHousehold((h) => (monitored(h) && h.riskTypes.includes('disability') && h.members.length > 0 && !h.members.some((m) => m.healthStatus === 'disabled' || m.idType === 'disabilityCertificate') ? { 风险类型: '因残', 残疾人数: 0 } : null)) },
  { id: 'MON-16', family: 'monitoring', level: 'household', zh: '风险为因学但家中无在校生', meaning: '因学风险应有在校学生', source: SRC_FORMATS, hint: '核实风险类型或在校生状况', run: onHousehold((h) => (openRisk(h) && h.riskTypes.includes('educationCosts') && h.members.length > 0 && !h.members.some(inSchool) ? { 风险类型: '因学', 在校生人数: 0 } : null)) },
  { id: 'MON-17', family: 'monitoring', level: 'household', zh: '未消除的因病风险合规自付支出为0', meaning: '因病风险多由医疗支出造成,应登记合规自付支出', source: SRC_FUPING, hint: '核实并补录合规自付支出', run: onHousehold((h) => (openRisk(h) && h.riskTypes.includes('illness') && h.income !== null && h.income.compliantOutOfPocketFen === 0 ? { 风险类型: '因病', 合规自付支出: '0.00 元' } : null)) },
  { id: 'MON-18', family: 'monitoring', level: 'household', zh: '监测对象未解决安全饮用水但风险类型无因安全饮水', meaning: '饮水安全问题应登记为风险类型', source: SRC_FUPING, hint: '补录风险类型因安全饮水', run: onHousehold((h) => (openRisk(h) && !h.safeDrinkingWater && !h.riskTypes.includes('drinkingWater') ? { 是否解决安全饮用水: false, 致贫返贫风险: h.riskTypes.join('、') } : null)) },
  { id: 'MON-19', family: 'monitoring', level: 'household', zh: '监测对象为危房户但风险类型无因安全住房', meaning: '住房安全问题应登记为风险类型', source: SRC_FUPING, hint: '补录风险类型因安全住房', run: onHousehold((h) => (openRisk(h) && h.dangerousHouse && !h.riskTypes.includes('housingSafety') ? { 是否危房户: true, 致贫返贫风险: h.riskTypes.join('、') } : null)) },
  { id: 'MON-20', family: 'monitoring', level: 'household', zh: '监测对象有失学辍学成员但风险类型无因学', meaning: '义务教育保障问题应登记为风险类型', source: SRC_FUPING, hint: '补录风险类型因学并劝返复学', run: onHousehold((h) => (openRisk(h) && h.members.some((m) => m.outOfSchool === true) && !h.riskTypes.includes('educationCosts') ? { 是否义务教育阶段适龄儿童少年失学辍学: true, 致贫返贫风险: h.riskTypes.join('、') } : null)) },
];
