/**
 * Household and member relations (户与成员关系): heads, roster size, relation against sex and age. Source:
 * the national system's 与户主关系 / 性别 / 家庭人口 fields and the checks counties run on them.
 */
import { ageOn } from '../id-number';
import { age, onHousehold, onMember, SRC_FORMATS, SRC_FUPING, SRC_GB, type CheckDef } from './model';

/** Relations that name a man / a woman (与户主关系, src/shared/enums.ts RELATION_TO_HEAD_ZH). */
const MALE = new Set(['son', 'sonInLaw', 'grandson', 'father', 'fatherInLaw', 'grandfather', 'greatGrandson', 'uncle', 'nephew']);
const FEMALE = new Set(['daughter', 'daughterInLaw', 'granddaughter', 'mother', 'motherInLaw', 'grandmother', 'greatGranddaughter', 'sisterInLaw', 'niece']);
const CHILD = new Set(['son', 'daughter']);
const PARENT = new Set(['father', 'mother']);
/** Whole years from the older birth date to the younger one. */
const yearsBetween = (older: string, younger: string) => ageOn(older, younger);
const head = (h: Parameters<CheckDef['run']>[0]) => h.members.find((m) => m.relationToHead === 'head');

export const HOUSEHOLD_CHECKS: CheckDef[] = [
  { id: 'Q01', family: 'household', level: 'person', zh: '同一人在多个户中', meaning: '一人只能在一个户中登记(一人一户)', source: `${SRC_FORMATS};一人一户`, hint: '核实此人实际所在户,从其他户中删除', run: () => [] /* across households: see CheckService */ },
  {
    id: 'Q02', family: 'household', level: 'household', zh: '一户有多名户主', meaning: '每户有且只有一名户主', source: SRC_FORMATS, hint: '保留一名户主,其他成员改为与户主的实际关系',
    run: onHousehold((h) => { const n = h.members.filter((m) => m.relationToHead === 'head').length; return n > 1 ? { 户主人数: n } : null; }),
  },
  { id: 'Q03', family: 'household', level: 'household', zh: '有成员但无户主', meaning: '每户有且只有一名户主', source: SRC_FORMATS, hint: '指定户主(户口簿上的户主)', run: onHousehold((h) => (h.members.length > 0 && !head(h) ? { 成员人数: h.members.length, 户主人数: 0 } : null)) },
  { id: 'Q04', family: 'household', level: 'household', zh: '户内无成员', meaning: '户须有家庭成员;成员全部自然减少的户应标注', source: SRC_FORMATS, hint: '补录成员,或按自然减少办理', run: onHousehold((h) => (h.members.length === 0 ? { 家庭成员人数: 0 } : null)) },
  { id: 'Q05', family: 'household', level: 'person', zh: '出生日期晚于今天或年龄超过120岁', meaning: '出生日期取自证件号码,不能在将来,也不可能超过120岁', source: SRC_GB, hint: '核对证件号码中的出生日期', run: onMember((m, _h, asOf) => (m.birthDate > asOf || age(m, asOf) > 120 ? { 出生日期: m.birthDate } : null)) },
  { id: 'Q06', family: 'household', level: 'household', zh: '家庭人口数与成员名单不符', meaning: '家庭人口以成员名单为准,人均收入按成员名单计算', source: `${SRC_FORMATS};人均收入以成员名单为准`, hint: '更正家庭人口,或补录/删除成员', run: onHousehold((h) => (h.memberCount !== h.members.length ? { 登记家庭人口: h.memberCount, 成员名单人数: h.members.length } : null)) },
  { id: 'Q30', family: 'household', level: 'person', zh: '户主年龄小于16岁', meaning: '户主应为有民事行为能力的成年家庭成员(未满16岁一般不能为户主)', source: SRC_FORMATS, hint: '核实户主,通常改为父母或监护人', run: onMember((m, _h, asOf) => (m.relationToHead === 'head' && age(m, asOf) < 16 ? { 与户主关系: '户主', 年龄: age(m, asOf) } : null)) },
  {
    id: 'HH-01', family: 'household', level: 'person', zh: '配偶与户主性别相同', meaning: '配偶与户主应为异性(婚姻法)', source: SRC_FUPING, hint: '核对配偶或户主的性别、与户主关系',
    run: onMember((m, h) => { const hd = head(h); return m.relationToHead === 'spouse' && hd && hd.sex && m.sex === hd.sex ? { 与户主关系: '配偶', 性别: m.sex === 'male' ? '男' : '女', 户主性别: hd.sex === 'male' ? '男' : '女' } : null; }),
  },
  { id: 'HH-02', family: 'household', level: 'person', zh: '与户主关系为男性称谓但性别为女', meaning: '之子、之女婿、之孙子、父亲等称谓只用于男性', source: SRC_FUPING, hint: '更正性别或与户主关系', run: onMember((m) => (MALE.has(m.relationToHead) && m.sex === 'female' ? { 与户主关系: m.relationToHead, 性别: '女' } : null)) },
  { id: 'HH-03', family: 'household', level: 'person', zh: '与户主关系为女性称谓但性别为男', meaning: '之女、之儿媳、之孙女、母亲等称谓只用于女性', source: SRC_FUPING, hint: '更正性别或与户主关系', run: onMember((m) => (FEMALE.has(m.relationToHead) && m.sex === 'male' ? { 与户主关系: m.relationToHead, 性别: '男' } : null)) },
  {
    id: 'HH-04', family: 'household', level: 'person', zh: '子女与户主年龄差小于12岁', meaning: '之子、之女应比户主年轻至少十余岁;差不足12岁多为关系或证件号码登记错误', source: SRC_FORMATS, hint: '核对与户主关系(可能为兄弟姐妹)或出生日期',
    run: onMember((m, h) => { const hd = head(h); return hd && CHILD.has(m.relationToHead) && yearsBetween(hd.birthDate, m.birthDate) < 12 ? { 与户主关系: m.relationToHead, 出生日期: m.birthDate, 户主出生日期: hd.birthDate } : null; }),
  },
  {
    id: 'HH-05', family: 'household', level: 'person', zh: '父母与户主年龄差小于12岁', meaning: '父亲、母亲应比户主年长至少十余岁', source: SRC_FORMATS, hint: '核对与户主关系或出生日期',
    run: onMember((m, h) => { const hd = head(h); return hd && PARENT.has(m.relationToHead) && yearsBetween(m.birthDate, hd.birthDate) < 12 ? { 与户主关系: m.relationToHead, 出生日期: m.birthDate, 户主出生日期: hd.birthDate } : null; }),
  },
  { id: 'HH-06', family: 'household', level: 'household', zh: '一户有多名配偶', meaning: '户主只能有一名配偶', source: SRC_FORMATS, hint: '核对与户主关系(如之儿媳)', run: onHousehold((h) => { const n = h.members.filter((m) => m.relationToHead === 'spouse').length; return n > 1 ? { 配偶人数: n } : null; }) },
];
