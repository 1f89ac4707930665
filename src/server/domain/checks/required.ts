/**
 * Empty required fields (必填项为空) of the persons and households the national system records in full
 * (脱贫户 and monitored households). Fields that exist only in national exports are required only of
 * households that came from one (a household entered in this product never had them).
 */
import { age, blank, covered, monitored, onHousehold, onMember, openRisk, SRC_REQUIRED, SRC_FUPING, type CheckDef, type CheckHousehold, type CheckMember } from './model';

const SRC = `${SRC_REQUIRED};${SRC_FUPING}`;
const person = (id: string, zh: string, value: (m: CheckMember, h: CheckHousehold, asOf: string) => boolean, national = false): CheckDef => ({
  id, family: 'required', level: 'person', zh: `${zh}为空`, meaning: `脱贫人口和监测对象须填写${zh}`, source: SRC, hint: `补录${zh}`,
  applies: (h) => covered(h) && (!national || h.fromNational), run: onMember((m, h, asOf) => (value(m, h, asOf) ? { [zh]: null } : null)),
});
const household = (id: string, zh: string, empty: (h: CheckHousehold) => boolean, when: (h: CheckHousehold) => boolean = covered): CheckDef => ({
  id, family: 'required', level: 'household', zh: `${zh}为空`, meaning: `须填写${zh}`, source: SRC, hint: `补录${zh}`,
  applies: (h) => h.fromNational && when(h), run: onHousehold((h) => (empty(h) ? { [zh]: null } : null)),
});
const eliminated = (h: CheckHousehold) => monitored(h) && h.riskEliminated;

export const REQUIRED_CHECKS: CheckDef[] = [
  person('REQ-01', '民族', (m) => blank(m.ethnicity)),
  person('REQ-02', '健康状况', (m) => blank(m.healthStatus)),
  person('REQ-03', '劳动技能', (m) => blank(m.labourSkill)),
  person('REQ-04', '与户主关系', (m) => blank(m.relationToHead)),
  { ...person('REQ-05', '文化程度和在校生状况', (m) => blank(m.education) && blank(m.schoolStage)), meaning: '文化程度和在校生状况至少填写一项' },
  person('REQ-06', '性别', (m) => blank(m.sex)),
  person('REQ-07', '出生日期', (m) => blank(m.birthDate)),
  person('REQ-08', '是否义务教育阶段适龄儿童少年失学辍学', (m, _h, asOf) => m.outOfSchool === null && age(m, asOf) >= 6 && age(m, asOf) <= 16, true),
  person('REQ-09', '特困人员救助供养金', (m) => !!m.tekun && m.tekunSupportFen === null, true),
  household('REQ-10', '住房面积', (h) => h.housingAreaM2 === null),
  household('REQ-11', '与村主干路距离', (h) => h.distanceToRoadKm === null),
  household('REQ-12', '退耕还林面积（亩）', (h) => h.returnedFarmlandMu === null),
  household('REQ-13', '林果面积（亩）', (h) => h.orchardMu === null),
  household('REQ-14', '牧草地面积', (h) => h.grasslandMu === null),
  household('REQ-15', '水面面积', (h) => h.waterSurfaceMu === null),
  household('REQ-16', '是否有家庭成员未参加城乡居民（职工）基本医疗保险', (h) => h.memberUninsured === null),
  household('REQ-17', '整户无劳动能力兜底保障户', (h) => h.fullSupport === null),
  household('REQ-18', '风险消除后是否住房损毁', (h) => h.housingDamagedAfter === null, eliminated),
  household('REQ-19', '风险消除后是否饮水设施损毁', (h) => h.waterDamagedAfter === null, eliminated),
  household('REQ-20', '风险消除后是否义务教育阶段适龄儿童少年失学辍学', (h) => h.outOfSchoolAfter === null, eliminated),
  household('REQ-21', '实施开发式帮扶措施情况', (h) => blank(h.developmentalMeasures), openRisk),
  household('REQ-22', '户类型', (h) => blank(h.householdType), () => true),
];
