/**
 * Phone numbers (户联系电话, 家庭成员联系电话, 信息采集人联系电话). The registry keeps phones encrypted and a
 * masked form (domain/masking.ts maskPhone: first three and last two characters, length kept), so the
 * checks read the masked form: its length and its visible characters. A mainland mobile number has 11
 * digits starting 13–19 (工业和信息化部《电信网编号计划》); a fixed line starts with 0 and has 10–12 digits
 * with its area code.
 */
import { blank, covered, monitored, onHousehold, onMember, SRC_FUPING, SRC_REQUIRED, type CheckDef } from './model';

const visible = (masked: string) => masked.slice(0, 3) + masked.slice(-2);
/** A masked number that can be a mobile number. */
export const maskedMobile = (masked: string) => masked.length === 11 && /^1[3-9]\d$/.test(masked.slice(0, 3)) && /^\d{2}$/.test(masked.slice(-2));
/** A masked number that can be a mobile or a fixed line. */
export const maskedPhone = (masked: string) => maskedMobile(masked) || (masked.length >= 10 && masked.length <= 12 && /^0\d{4}$/.test(visible(masked)));
const SRC_NUMBERING = '工业和信息化部《电信网编号计划》(手机号码11位,1开头)';
const worker = (m: Parameters<Parameters<typeof onMember>[0]>[0]) => m.spells.some((s) => s.working === true) || !blank(m.workPlace);

export const PHONE_CHECKS: CheckDef[] = [
  { id: 'TEL-01', family: 'phones', level: 'household', zh: '户联系电话为空', meaning: '脱贫户和监测户须登记户联系电话,便于监测回访', source: SRC_REQUIRED, hint: '补录户联系电话', applies: (h) => h.fromNational && covered(h), run: onHousehold((h) => (blank(h.phoneMasked) ? { 户联系电话: null } : null)) },
  { id: 'TEL-02', family: 'phones', level: 'household', zh: '户联系电话不是有效的手机或固定电话号码', meaning: '手机号码11位以1开头,固定电话以0开头含区号10–12位', source: SRC_NUMBERING, hint: '核对并更正户联系电话', applies: (h) => h.fromNational, run: onHousehold((h) => (!blank(h.phoneMasked) && !maskedPhone(h.phoneMasked!) ? { 户联系电话: h.phoneMasked } : null)) },
  { id: 'TEL-03', family: 'phones', level: 'person', zh: '务工人员无家庭成员联系电话', meaning: '务工监测须能联系到务工人员本人', source: SRC_FUPING, hint: '补录务工人员本人手机号码', applies: (h) => h.fromNational && covered(h), run: onMember((m) => (worker(m) && blank(m.phoneMasked) ? { 务工所在地: m.workPlace, 家庭成员联系电话: null } : null)) },
  { id: 'TEL-04', family: 'phones', level: 'person', zh: '务工人员联系电话不是手机号码', meaning: '外出务工人员应登记本人手机号码(11位,1开头)', source: `${SRC_NUMBERING};${SRC_FUPING}`, hint: '更正为务工人员本人手机号码', applies: (h) => h.fromNational, run: onMember((m) => (worker(m) && !blank(m.phoneMasked) && !maskedMobile(m.phoneMasked!) ? { 家庭成员联系电话: m.phoneMasked } : null)) },
  { id: 'TEL-05', family: 'phones', level: 'person', zh: '家庭成员联系电话不是有效号码', meaning: '登记了的联系电话应是手机或固定电话号码', source: SRC_NUMBERING, hint: '核对并更正联系电话', applies: (h) => h.fromNational, run: onMember((m) => (!worker(m) && !blank(m.phoneMasked) && !maskedPhone(m.phoneMasked!) ? { 家庭成员联系电话: m.phoneMasked } : null)) },
  { id: 'TEL-06', family: 'phones', level: 'household', zh: '监测对象无信息采集人', meaning: '监测对象须有信息采集人(监测联系人),负责回访', source: `${SRC_REQUIRED};${SRC_FUPING}`, hint: '补录信息采集人', applies: (h) => h.fromNational && monitored(h), run: onHousehold((h) => (blank(h.collectorName) ? { 信息采集人: null } : null)) },
  { id: 'TEL-07', family: 'phones', level: 'household', zh: '信息采集人联系电话为空', meaning: '登记了信息采集人的须有其联系电话', source: SRC_REQUIRED, hint: '补录信息采集人联系电话', applies: (h) => h.fromNational, run: onHousehold((h) => (!blank(h.collectorName) && blank(h.collectorPhoneMasked) ? { 信息采集人: h.collectorName, 信息采集人联系电话: null } : null)) },
  { id: 'TEL-08', family: 'phones', level: 'household', zh: '信息采集人联系电话不是有效号码', meaning: '信息采集人联系电话应是手机或固定电话号码', source: SRC_NUMBERING, hint: '更正信息采集人联系电话', applies: (h) => h.fromNational, run: onHousehold((h) => (!blank(h.collectorPhoneMasked) && !maskedPhone(h.collectorPhoneMasked!) ? { 信息采集人联系电话: h.collectorPhoneMasked } : null)) },
];
