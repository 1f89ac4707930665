/**
 * Certificate numbers (证件号码): the check character of 18-character ID numbers (GB 11643-1999) and of the
 * 18-character part of 20/22-character disability-certificate numbers, the category (1–7) and grade (1–4)
 * characters of those certificates, and what they say against the person's recorded fields.
 */
import { checkDisabilityCertificate } from '../disability-certificate';
import { onMember, SRC_CERT, SRC_FUPING, SRC_GB, type CheckDef } from './model';

/** The certificate's own problems (domain/disability-certificate.ts), empty when the number is not in clear. */
const certErrors = (certificate: string | null, asOf: string) => (certificate ? checkDisabilityCertificate(certificate, asOf).errors : []);

export const CERTIFICATE_CHECKS: CheckDef[] = [
  { id: 'Q31', family: 'certificates', level: 'person', zh: '身份证号校验位不符,待核实', meaning: '18位公民身份号码第18位为按GB 11643计算的校验码', source: SRC_GB, hint: '对照户口簿核对证件号码', run: onMember((m) => (m.idType !== 'disabilityCertificate' && m.idStatus === 'checkFailed' ? { 证件类型: '居民身份证', 证件号码: m.idMasked } : null)) },
  { id: 'Q23', family: 'certificates', level: 'person', zh: '健康状况为残疾但无残疾等级(残疾人证)', meaning: '残疾以残疾人证为准,须有残疾等级', source: `${SRC_CERT};县级数据质量核查规则`, hint: '补录残疾等级(残疾人证),或更正健康状况', health: true, run: onMember((m) => (m.healthStatus === 'disabled' && m.disabilityGrade === null ? { 健康状况: '残疾', 残疾等级: null } : null)) },
  { id: 'Q24', family: 'certificates', level: 'person', zh: '有残疾等级但健康状况不是残疾', meaning: '有残疾等级者健康状况应为残疾', source: `${SRC_CERT};县级数据质量核查规则`, hint: '更正健康状况为残疾,或删除残疾等级', health: true, run: onMember((m) => (m.disabilityGrade !== null && m.healthStatus !== 'disabled' ? { 残疾等级: m.disabilityGrade, 健康状况: m.healthStatus } : null)) },
  { id: 'CRT-01', family: 'certificates', level: 'person', zh: '残疾人证号前18位校验位不符', meaning: '残疾人证号前18位为持证人身份证号,须通过GB 11643校验', source: `${SRC_CERT};${SRC_GB}`, hint: '对照残疾人证核对证号', run: onMember((m) => (m.idType === 'disabilityCertificate' && m.idStatus === 'checkFailed' ? { 证件类型: '残疾人证', 证件号码: m.idMasked } : null)) },
  { id: 'CRT-02', family: 'certificates', level: 'person', zh: '残疾人证号第19位(残疾类别)不在1–7', meaning: '第19位为残疾类别:1视力 2听力 3言语 4肢体 5智力 6精神 7多重', source: SRC_CERT, hint: '对照残疾人证核对证号', run: onMember((m, _h, asOf) => (certErrors(m.certificate, asOf).includes('CERT_BAD_CATEGORY') ? { 证件号码第19位: m.certificate![18]! } : null)) },
  { id: 'CRT-03', family: 'certificates', level: 'person', zh: '残疾人证号第20位(残疾等级)不在1–4', meaning: '第20位为残疾等级1–4级(1级最重)', source: SRC_CERT, hint: '对照残疾人证核对证号', run: onMember((m, _h, asOf) => (certErrors(m.certificate, asOf).includes('CERT_BAD_GRADE') ? { 证件号码第20位: m.certificate![19]! } : null)) },
  { id: 'CRT-04', family: 'certificates', level: 'person', zh: '残疾人证号长度或字符不符', meaning: '残疾人证号为20位(或22位),前17位为数字', source: SRC_CERT, hint: '对照残疾人证核对证号', run: onMember((m, _h, asOf) => (certErrors(m.certificate, asOf).includes('CERT_BAD_FORMAT') ? { 证件号码长度: m.certificate!.length } : null)) },
  {
    id: 'CRT-05', family: 'certificates', level: 'person', zh: '残疾等级与残疾人证号不符', meaning: '登记的残疾等级应与证号第20位一致', source: SRC_CERT, hint: '以残疾人证为准更正残疾等级', health: true,
    run: onMember((m) => { const g = m.certificate && /^[1-4]$/.test(m.certificate[19] ?? '') ? Number(m.certificate[19]) : null; return g !== null && m.disabilityGrade !== null && g !== m.disabilityGrade ? { 残疾等级: m.disabilityGrade, 证号中的等级: g } : null; }),
  },
  {
    id: 'CRT-06', family: 'certificates', level: 'person', zh: '证件类型为残疾人证但健康状况不是残疾', meaning: '持残疾人证者健康状况应为残疾', source: SRC_FUPING, hint: '更正健康状况为残疾,或更正证件类型', health: true,
    run: onMember((m) => (m.idType === 'disabilityCertificate' && m.healthStatus !== 'disabled' ? { 证件类型: '残疾人证', 健康状况: m.healthStatus } : null)),
  },
  { id: 'CRT-07', family: 'certificates', level: 'person', zh: '证件号码为临时编号(999999开头)', meaning: '以999999开头的是系统临时编号,不是公民身份号码', source: SRC_FUPING, hint: '取得并录入真实证件号码', run: onMember((m) => (m.idMasked.startsWith('999999') ? { 证件号码: m.idMasked } : null)) },
  {
    id: 'CRT-08', family: 'certificates', level: 'person', zh: '性别与证件号码不符', meaning: '身份证号第17位奇数为男、偶数为女', source: SRC_GB, hint: '以证件号码为准更正性别(或更正证件号码)',
    run: onMember((m) => { const d = m.idMasked[16]; if (!d || !/\d/.test(d) || !m.sex) return null; const idSex = Number(d) % 2 === 1 ? 'male' : 'female'; return idSex !== m.sex ? { 性别: m.sex === 'male' ? '男' : '女', 证件号码第17位: d } : null; }),
  },
];
