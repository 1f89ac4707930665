/**
 * The national monitoring system's person table （自定义）监测对象信息: one row per person, household fields
 * repeated on each member's row, header on row 3 below two title rows. Column names and values are those
 * of real exports (../shared/formats/national-system-exports.md §1 and "Values seen").
 */
import { EDUCATION_LEVEL_ZH, HEALTH_STATUS_ZH, HOUSEHOLD_TYPE_ZH, LABOUR_SKILL_ZH, MONITORED_CATEGORY_ZH, RELATION_TO_HEAD_ZH, RISK_TYPE_ZH, SCHOOL_STAGE_ZH, SEX_ZH } from '../../../shared/enums';
import { YES_NO, type ImportTemplate, type TemplateColumn } from './template';

/** Chinese label → code of an enum label map, with extra variants. */
function inverse(zh: Record<string, string>, extra: Record<string, string> = {}): Record<string, string> {
  return { ...Object.fromEntries(Object.entries(zh).map(([k, v]) => [v, k])), ...extra };
}

const yes = (key: string, zh: string, synonyms: string[] = []): TemplateColumn => ({ key, zh, synonyms, type: 'bool', values: YES_NO });
const ignored = (zh: string, synonyms: string[] = []): TemplateColumn => ({ key: `ignored:${zh}`, zh, synonyms, type: 'text', ignored: true });

/** 在校生状况 single grades of the national export → school stage. */
const SCHOOL_GRADES: Record<string, string> = {
  学龄前儿童: 'preschoolChild', 学前教育: 'preschool', 小学: 'primary', 一年级: 'primary', 二年级: 'primary', 三年级: 'primary', 四年级: 'primary', 五年级: 'primary', 六年级: 'primary',
  七年级: 'juniorSecondary', 八年级: 'juniorSecondary', 九年级: 'juniorSecondary', 初中: 'juniorSecondary',
  高中一年级: 'seniorSecondary', 高中二年级: 'seniorSecondary', 高中三年级: 'seniorSecondary', 高中: 'seniorSecondary',
  中职一年级: 'vocationalSecondary', 中职二年级: 'vocationalSecondary', 中职三年级: 'vocationalSecondary', 中职: 'vocationalSecondary',
  高职高专一年级: 'vocationalCollege', 高职高专二年级: 'vocationalCollege', 高职高专三年级: 'vocationalCollege', 高职高专: 'vocationalCollege',
  本科: 'undergraduate', 硕士生及以上: 'postgraduate', 非在校生: 'notInSchool',
};

export const NATIONAL_PERSON: ImportTemplate = {
  kind: 'national-person',
  zh: '（自定义）监测对象信息',
  target: 'registry',
  sheetName: '监测对象信息',
  titleRows: ['（自定义）监测对象信息', '导出单位:        导出时间:'],
  source: '全国防返贫监测信息系统导出格式(../shared/formats/national-system-exports.md §1)',
  columns: [
    { key: 'county', zh: '县', synonyms: ['县(市、区、旗)', '县(市、区)', '县区'], type: 'text' },
    { key: 'township', zh: '乡', synonyms: ['乡(镇)', '乡镇', '乡镇(街道)'], type: 'text' },
    { key: 'village', zh: '村', synonyms: ['行政村', '村(社区)'], type: 'text' },
    { key: 'villageCode', zh: '村级区划代码', synonyms: ['行政区划代码', '村代码', '区划代码'], type: 'text' },
    { key: 'householdNo', zh: '户编号', synonyms: ['户号'], type: 'text', required: true },
    { key: 'idNumber', zh: '证件号码', synonyms: ['身份证号', '身份证号码', '公民身份号码'], type: 'id', required: true },
    ignored('证件类型'),
    { key: 'name', zh: '姓名', synonyms: ['成员姓名'], type: 'name', required: true },
    { key: 'relationToHead', zh: '与户主关系', type: 'enum', required: true, values: inverse(RELATION_TO_HEAD_ZH, { 本人: 'head', 子: 'son', 女: 'daughter', 儿媳: 'daughterInLaw', 女婿: 'sonInLaw', 孙子: 'grandson', 孙女: 'granddaughter', 之孙子女: 'grandson' }) },
    { key: 'sex', zh: '性别', type: 'enum', values: inverse(SEX_ZH) },
    { key: 'birthDate', zh: '出生日期', type: 'date' },
    { key: 'ethnicity', zh: '民族', type: 'text' },
    { key: 'education', zh: '文化程度', type: 'enum', values: inverse(EDUCATION_LEVEL_ZH) },
    { key: 'schoolStage', zh: '在校生状况', type: 'enum', values: SCHOOL_GRADES },
    ignored('失学或辍学原因'),
    ignored('义务教育阶段未上学原因'),
    yes('outOfSchool', '是否义务教育阶段适龄儿童少年失学辍学'),
    { key: 'healthStatus', zh: '健康状况', type: 'enum', values: inverse(HEALTH_STATUS_ZH) },
    { key: 'labourSkill', zh: '劳动技能', type: 'enum', values: inverse(LABOUR_SKILL_ZH) },
    { key: 'workPlace', zh: '务工所在地', type: 'text' },
    ignored('就业渠道（易地搬迁后扶使用）', ['就业渠道']),
    yes('residentMedicalInsurance', '是否参加城乡居民基本医疗保险'),
    yes('employeeMedicalInsurance', '是否参加城镇职工基本医疗保险'),
    yes('criticalIllnessInsurance', '是否参加大病保险'),
    yes('medicalAssistance', '是否接受医疗救助'),
    ignored('是否有家庭成员未参加城乡居民（职工）基本医疗保险'),
    yes('residentPension', '是否参加城乡居民基本养老保险'),
    yes('employeePension', '是否参加城镇职工基本养老保险'),
    { key: 'dibao', zh: '享受低保政策情况', type: 'bool', values: { ...YES_NO, 享受: '1', 未享受: '0', 不享受: '0' } },
    { key: 'tekun', zh: '享受特困供养政策情况', type: 'bool', values: { ...YES_NO, 享受: '1', 未享受: '0', 不享受: '0' } },
    ignored('特困人员救助供养金'),
    yes('fullSupport', '整户无劳动能力兜底保障户'),
    { key: 'householdType', zh: '户类型', type: 'enum', values: inverse(HOUSEHOLD_TYPE_ZH, { '脱贫户(继续享受政策)': 'liftedOutOfPoverty', '脱贫户(不享受政策)': 'liftedOutOfPoverty' }) },
    { key: 'monitoredCategory', zh: '监测对象类别', synonyms: ['易返贫致贫户(监测对象)类型'], type: 'enum', values: inverse(MONITORED_CATEGORY_ZH) },
    ...[1, 2, 3, 4, 5].map((i): TemplateColumn => ({ key: `risk${i}`, zh: `致贫/返贫风险${i}`, synonyms: [`致贫返贫风险${i}`, `风险类型${i}`, ...(i === 1 ? ['致贫原因1'] : [])], type: 'enum', values: inverse(RISK_TYPE_ZH, { 因安全住房: 'housingSafety', 因安全饮水: 'drinkingWater', 因住房安全: 'housingSafety', 因饮水安全: 'drinkingWater' }) })),
    { key: 'identifiedMonth', zh: '识别监测时间', synonyms: ['风险识别时间', '纳入监测时间'], type: 'month' },
    yes('riskEliminated', '风险是否已消除', ['风险是否消除']),
    { key: 'eliminationMode', zh: '风险消除方式', type: 'enum', values: { 帮扶消除: 'assistance', 自然消除: 'natural' } },
    { key: 'eliminatedMonth', zh: '消除监测时间', synonyms: ['风险消除时间'], type: 'month' },
    ignored('风险消除后是否住房损毁'),
    ignored('风险消除后是否饮水设施损毁'),
    ignored('风险消除后是否义务教育阶段适龄儿童少年失学辍学'),
    { key: 'compliantOutOfPocket', zh: '合规自付支出', type: 'money', unit: 'yuan' },
    { key: 'perCapitaIncome', zh: '人均纯收入（元）', synonyms: ['人均纯收入'], type: 'money', unit: 'yuan' },
    { key: 'wage', zh: '工资性收入', type: 'money', unit: 'yuan' },
    { key: 'business', zh: '生产经营性收入', synonyms: ['经营性收入', '经营净收入'], type: 'money', unit: 'yuan' },
    { key: 'businessExpenses', zh: '生产经营性支出', type: 'money', unit: 'yuan' },
    { key: 'property', zh: '财产性收入', synonyms: ['财产净收入'], type: 'money', unit: 'yuan' },
    { key: 'transfer', zh: '转移性收入', synonyms: ['转移净收入'], type: 'money', unit: 'yuan' },
    { key: 'farmlandMu', zh: '耕地面积（亩）', synonyms: ['耕地面积'], type: 'decimal' },
    { key: 'forestMu', zh: '林地面积（亩）', synonyms: ['林地面积'], type: 'decimal' },
    ignored('退耕还林面积（亩）', ['退耕还林面积']),
    ignored('林果面积（亩）', ['林果面积']),
    ignored('牧草地面积'),
    ignored('水面面积'),
    { key: 'housingAreaM2', zh: '住房面积', type: 'decimal' },
    yes('dangerousHouse', '是否危房户', ['危房户']),
    { key: 'distanceToRoadKm', zh: '与村主干路距离', type: 'decimal' },
    yes('roadHardened', '入户道路是否硬化'),
    yes('electricity', '是否通生活用电'),
    yes('safeDrinkingWater', '是否解决安全饮用水'),
    yes('sanitaryToilet', '是否有卫生厕所'),
    ...['产业帮扶', '就业帮扶', '公益岗位帮扶', '金融帮扶', '教育帮扶', '健康帮扶', '义务教育保障', '住房安全保障', '饮水安全保障', '综合保障', '社会帮扶', '搬迁', '基础设施建设', '生产生活条件改善', '实施开发式帮扶措施情况'].map(
      (zh): TemplateColumn => ({ key: `measure:${zh}`, zh, type: 'text' }),
    ),
    ignored('户联系电话'),
    ignored('家庭成员联系电话'),
    ignored('信息采集人'),
    ignored('信息采集人联系电话'),
    ignored('务工时间（月）', ['务工时间']),
  ],
};
