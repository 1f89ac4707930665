/**
 * Medical and pension insurance (医疗与养老保险): basic medical insurance for everyone (三保障, 基本医疗有保障),
 * one scheme at a time, the serious-illness insurance that comes with the resident scheme, the household's
 * own "member uninsured" mark against its members, and the age and student rules of the resident pension.
 */
import { age, inSchool, onHousehold, onMember, SRC_30, SRC_MEDICAL, SRC_PENSION, type CheckDef } from './model';

const insured = (m: { residentMedicalInsurance: number; employeeMedicalInsurance: number }) => !!m.residentMedicalInsurance || !!m.employeeMedicalInsurance;

export const INSURANCE_CHECKS: CheckDef[] = [
  { id: 'Q32', family: 'insurance', level: 'person', zh: '成员未参加基本医疗保险', meaning: '基本医疗有保障:农村人口应参加城乡居民或城镇职工基本医疗保险', source: SRC_30, hint: '动员参保(困难人员享受参保资助),或更正参保状态', run: onMember((m) => (!insured(m) ? { 是否参加城乡居民基本医疗保险: false, 是否参加城镇职工基本医疗保险: false } : null)) },
  { id: 'INS-01', family: 'insurance', level: 'person', zh: '同时参加城乡居民和城镇职工基本医疗保险', meaning: '基本医疗保险不得重复参保,只能参加其中一种', source: SRC_MEDICAL, hint: '核实实际参保险种,更正另一项为否', run: onMember((m) => (m.residentMedicalInsurance && m.employeeMedicalInsurance ? { 是否参加城乡居民基本医疗保险: true, 是否参加城镇职工基本医疗保险: true } : null)) },
  { id: 'INS-02', family: 'insurance', level: 'person', zh: '参加城乡居民医保但未参加大病保险', meaning: '城乡居民大病保险覆盖全部城乡居民医保参保人', source: SRC_MEDICAL, hint: '更正是否参加大病保险为是', run: onMember((m) => (m.residentMedicalInsurance && !m.criticalIllnessInsurance ? { 是否参加城乡居民基本医疗保险: true, 是否参加大病保险: false } : null)) },
  { id: 'INS-03', family: 'insurance', level: 'person', zh: '参加大病保险但未参加基本医疗保险', meaning: '大病保险以参加基本医疗保险为前提', source: SRC_MEDICAL, hint: '核实基本医疗保险参保状态', run: onMember((m) => (m.criticalIllnessInsurance && !insured(m) ? { 是否参加大病保险: true, 基本医疗保险: '未参加' } : null)) },
  { id: 'INS-04', family: 'insurance', level: 'person', zh: '接受医疗救助但未参加基本医疗保险', meaning: '医疗救助在基本医保、大病保险之后按规定支付,须先参保(救助对象参保由财政资助)', source: SRC_MEDICAL, hint: '核实参保状态;医疗救助对象应资助参保', run: onMember((m) => (m.medicalAssistance && !insured(m) ? { 是否接受医疗救助: true, 基本医疗保险: '未参加' } : null)) },
  { id: 'INS-05', family: 'insurance', level: 'household', zh: '户标注无成员未参保但有成员未参加基本医疗保险', meaning: '“是否有家庭成员未参加基本医疗保险”应与成员参保情况一致', source: SRC_MEDICAL, hint: '更正户标注为是,或更正成员参保状态', run: onHousehold((h) => { const n = h.members.filter((m) => !insured(m)).length; return h.memberUninsured === false && n > 0 ? { 是否有家庭成员未参加基本医疗保险: false, 未参保成员: n } : null; }) },
  { id: 'INS-06', family: 'insurance', level: 'household', zh: '户标注有成员未参保但成员均已参保', meaning: '“是否有家庭成员未参加基本医疗保险”应与成员参保情况一致', source: SRC_MEDICAL, hint: '更正户标注为否,或更正成员参保状态', run: onHousehold((h) => (h.memberUninsured === true && h.members.length > 0 && h.members.every(insured) ? { 是否有家庭成员未参加基本医疗保险: true, 未参保成员: 0 } : null)) },
  { id: 'INS-07', family: 'insurance', level: 'person', zh: '同时参加城乡居民和城镇职工基本养老保险', meaning: '基本养老保险不得重复参保', source: SRC_PENSION, hint: '核实实际参保险种', run: onMember((m) => (m.residentPension && m.employeePension ? { 是否参加城乡居民基本养老保险: true, 是否参加城镇职工基本养老保险: true } : null)) },
  { id: 'INS-08', family: 'insurance', level: 'person', zh: '未满16岁参加城乡居民基本养老保险', meaning: '城乡居民基本养老保险参保对象为年满16周岁的居民', source: SRC_PENSION, hint: '更正养老保险参保状态或出生日期', run: onMember((m, _h, asOf) => (m.residentPension && age(m, asOf) < 16 ? { 年龄: age(m, asOf), 是否参加城乡居民基本养老保险: true } : null)) },
  { id: 'INS-09', family: 'insurance', level: 'person', zh: '在校学生参加城乡居民基本养老保险', meaning: '城乡居民基本养老保险不含在校学生', source: SRC_PENSION, hint: '核实在校生状况或养老保险参保状态', run: onMember((m) => (m.residentPension && inSchool(m) ? { 在校生状况: m.schoolStage, 是否参加城乡居民基本养老保险: true } : null)) },
  { id: 'INS-10', family: 'insurance', level: 'person', zh: '未满16岁参加城镇职工基本医疗保险', meaning: '城镇职工医保随就业参保,未满16周岁不得招用', source: `${SRC_MEDICAL};《劳动法》第十五条`, hint: '改为城乡居民基本医疗保险', run: onMember((m, _h, asOf) => (m.employeeMedicalInsurance && age(m, asOf) < 16 ? { 年龄: age(m, asOf), 是否参加城镇职工基本医疗保险: true } : null)) },
  { id: 'INS-11', family: 'insurance', level: 'person', zh: '未满16岁参加城镇职工基本养老保险', meaning: '城镇职工养老保险随就业参保,未满16周岁不得招用', source: '《社会保险法》第十条;《劳动法》第十五条', hint: '更正养老保险参保状态', run: onMember((m, _h, asOf) => (m.employeePension && age(m, asOf) < 16 ? { 年龄: age(m, asOf), 是否参加城镇职工基本养老保险: true } : null)) },
];
