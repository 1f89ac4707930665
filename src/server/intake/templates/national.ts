/**
 * The national monitoring system's person table （自定义）监测对象信息: one row per person, household fields
 * repeated on each member's row, header on row 3 below two title rows. Column names and values are those
 * of real exports (../shared/formats/national-system-exports.md §1 and "Values seen").
 */
import type { MeasureKind } from '../../../shared/workflow';
import { vocabularyValues, type VocabularyName } from '../national/vocabulary';
import type { ImportTemplate, TemplateColumn } from './template';

/** An enum column over a national vocabulary (data/national-vocabularies.csv). */
export const vocab = (key: string, zh: string, name: VocabularyName, extra: Partial<TemplateColumn> = {}): TemplateColumn => ({ key, zh, type: 'enum', values: vocabularyValues(name), vocabulary: name, ...extra });
/** A yes/no column (是 / 否, vocabulary yesNo). */
export const yes = (key: string, zh: string, synonyms: string[] = []): TemplateColumn => ({ key, zh, synonyms, type: 'bool', values: vocabularyValues('yesNo'), vocabulary: 'yesNo' });

/**
 * The assistance-measure columns of the person table, in the export's order, with the measure kind each
 * feeds (src/shared/workflow.ts MEASURE_KINDS: one kind per column, named after it).
 */
export const MEASURE_COLUMNS: readonly { zh: string; kind: MeasureKind }[] = [
  { zh: '产业帮扶', kind: 'industry' }, { zh: '就业帮扶', kind: 'employment' }, { zh: '公益岗位帮扶', kind: 'publicWelfareJob' }, { zh: '金融帮扶', kind: 'finance' },
  { zh: '教育帮扶', kind: 'education' }, { zh: '健康帮扶', kind: 'health' }, { zh: '义务教育保障', kind: 'compulsoryEducation' }, { zh: '住房安全保障', kind: 'housingSafety' },
  { zh: '饮水安全保障', kind: 'drinkingWater' }, { zh: '综合保障', kind: 'socialSecurity' }, { zh: '社会帮扶', kind: 'socialAssistance' }, { zh: '搬迁', kind: 'relocation' },
  { zh: '基础设施建设', kind: 'infrastructure' }, { zh: '生产生活条件改善', kind: 'livingConditions' },
];
/** Template key of a measure column. */
export const measureKey = (kind: MeasureKind) => `measure:${kind}`;

export const NATIONAL_PERSON: ImportTemplate = {
  kind: 'national-person',
  zh: '（自定义）监测对象信息',
  target: 'registry',
  sheetName: '监测对象信息',
  titleRows: ['（自定义）监测对象信息', '导出单位:        导出时间:'],
  source: '全国防返贫监测信息系统导出格式(../shared/formats/national-system-exports.md §1); values: data/national-vocabularies.csv',
  national: true,
  columns: [
    { key: 'county', zh: '县', synonyms: ['县(市、区、旗)', '县(市、区)', '县区'], type: 'text' },
    { key: 'township', zh: '乡', synonyms: ['乡(镇)', '乡镇', '乡镇(街道)'], type: 'text' },
    { key: 'village', zh: '村', synonyms: ['行政村', '村(社区)'], type: 'text' },
    { key: 'villageCode', zh: '村级区划代码', synonyms: ['行政区划代码', '村代码', '区划代码'], type: 'text' },
    { key: 'householdNo', zh: '户编号', synonyms: ['户号'], type: 'text', required: true },
    { key: 'idNumber', zh: '证件号码', synonyms: ['身份证号', '身份证号码', '公民身份号码'], type: 'id', required: true },
    vocab('idType', '证件类型', 'idType'),
    { key: 'name', zh: '姓名', synonyms: ['成员姓名'], type: 'name', required: true },
    vocab('relationToHead', '与户主关系', 'relationToHead', { required: true }),
    vocab('sex', '性别', 'sex'),
    { key: 'birthDate', zh: '出生日期', type: 'date' },
    { key: 'ethnicity', zh: '民族', type: 'text' },
    vocab('education', '文化程度', 'education'),
    vocab('schoolStage', '在校生状况', 'schoolStage'),
    { key: 'dropoutReason', zh: '失学或辍学原因', type: 'text' },
    { key: 'notEnrolledReason', zh: '义务教育阶段未上学原因', type: 'text' },
    yes('outOfSchool', '是否义务教育阶段适龄儿童少年失学辍学'),
    vocab('healthStatus', '健康状况', 'healthStatus'),
    vocab('labourSkill', '劳动技能', 'labourSkill', { synonyms: ['劳动能力'] }),
    { key: 'workPlace', zh: '务工所在地', type: 'text' },
    { key: 'employmentChannel', zh: '就业渠道（易地搬迁后扶使用）', synonyms: ['就业渠道'], type: 'text' },
    yes('residentMedicalInsurance', '是否参加城乡居民基本医疗保险'),
    yes('employeeMedicalInsurance', '是否参加城镇职工基本医疗保险'),
    yes('criticalIllnessInsurance', '是否参加大病保险'),
    yes('medicalAssistance', '是否接受医疗救助'),
    yes('memberUninsured', '是否有家庭成员未参加城乡居民（职工）基本医疗保险'),
    yes('residentPension', '是否参加城乡居民基本养老保险'),
    yes('employeePension', '是否参加城镇职工基本养老保险'),
    { key: 'dibao', zh: '享受低保政策情况', type: 'bool', values: vocabularyValues('dibaoStatus'), vocabulary: 'dibaoStatus' },
    { key: 'tekun', zh: '享受特困供养政策情况', type: 'bool', values: vocabularyValues('tekunStatus'), vocabulary: 'tekunStatus' },
    { key: 'tekunSupport', zh: '特困人员救助供养金', type: 'money', unit: 'yuan' },
    yes('fullSupport', '整户无劳动能力兜底保障户'),
    vocab('householdType', '户类型', 'householdType'),
    vocab('monitoredCategory', '监测对象类别', 'monitoredCategory', { synonyms: ['易返贫致贫户(监测对象)类型', '检测对象类别'] }),
    ...[1, 2, 3, 4, 5].map((i): TemplateColumn => vocab(`risk${i}`, `致贫/返贫风险${i}`, 'riskType', { synonyms: [`致贫返贫风险${i}`, `风险类型${i}`, ...(i === 1 ? ['致贫原因1'] : [])] })),
    { key: 'identifiedMonth', zh: '识别监测时间', synonyms: ['风险识别时间', '纳入监测时间'], type: 'month' },
    yes('riskEliminated', '风险是否已消除', ['风险是否消除']),
    vocab('eliminationMode', '风险消除方式', 'eliminationMode'),
    { key: 'eliminatedMonth', zh: '消除监测时间', synonyms: ['风险消除时间'], type: 'month' },
    yes('housingDamagedAfter', '风险消除后是否住房损毁'),
    yes('waterDamagedAfter', '风险消除后是否饮水设施损毁'),
    yes('outOfSchoolAfter', '风险消除后是否义务教育阶段适龄儿童少年失学辍学'),
    { key: 'compliantOutOfPocket', zh: '合规自付支出', type: 'money', unit: 'yuan' },
    { key: 'perCapitaIncome', zh: '人均纯收入（元）', synonyms: ['人均纯收入'], type: 'money', unit: 'yuan' },
    { key: 'wage', zh: '工资性收入', type: 'money', unit: 'yuan' },
    { key: 'business', zh: '生产经营性收入', synonyms: ['经营性收入', '经营净收入'], type: 'money', unit: 'yuan' },
    { key: 'businessExpenses', zh: '生产经营性支出', type: 'money', unit: 'yuan' },
    { key: 'property', zh: '财产性收入', synonyms: ['财产净收入'], type: 'money', unit: 'yuan' },
    { key: 'transfer', zh: '转移性收入', synonyms: ['转移净收入'], type: 'money', unit: 'yuan' },
    { key: 'farmlandMu', zh: '耕地面积（亩）', synonyms: ['耕地面积'], type: 'decimal' },
    { key: 'forestMu', zh: '林地面积（亩）', synonyms: ['林地面积'], type: 'decimal' },
    { key: 'returnedFarmlandMu', zh: '退耕还林面积（亩）', synonyms: ['退耕还林面积', '退耕还林（草）面积（亩）'], type: 'decimal' },
    { key: 'orchardMu', zh: '林果面积（亩）', synonyms: ['林果面积'], type: 'decimal' },
    { key: 'grasslandMu', zh: '牧草地面积', synonyms: ['牧草地面积（亩）'], type: 'decimal' },
    { key: 'waterSurfaceMu', zh: '水面面积', synonyms: ['水面面积（亩）'], type: 'decimal' },
    { key: 'housingAreaM2', zh: '住房面积', type: 'decimal' },
    yes('dangerousHouse', '是否危房户', ['危房户']),
    { key: 'distanceToRoadKm', zh: '与村主干路距离', type: 'decimal' },
    yes('roadHardened', '入户道路是否硬化'),
    yes('electricity', '是否通生活用电'),
    yes('safeDrinkingWater', '是否解决安全饮用水'),
    yes('sanitaryToilet', '是否有卫生厕所'),
    ...MEASURE_COLUMNS.map((m): TemplateColumn => ({ key: measureKey(m.kind), zh: m.zh, type: 'text' })),
    { key: 'developmentalMeasures', zh: '实施开发式帮扶措施情况', type: 'text' },
    { key: 'phone', zh: '户联系电话', type: 'text' },
    { key: 'memberPhone', zh: '家庭成员联系电话', type: 'text' },
    { key: 'collectorName', zh: '信息采集人', type: 'text' },
    { key: 'collectorPhone', zh: '信息采集人联系电话', type: 'text' },
    { key: 'workMonths', zh: '务工时间（月）', synonyms: ['务工时间'], type: 'decimal' },
  ],
};
