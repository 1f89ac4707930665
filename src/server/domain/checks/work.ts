/**
 * Spells of migrant work (外出务工记录, （务工月监测）已外出务工信息): months, places (county level), overlaps
 * of one person's spells, wages, transport subsidies, employers, industries, channels, point-to-point
 * transport, and who may work (16 and over).
 */
import { ageOn } from '../id-number';
import { blank, inOwnCounty, onHousehold, onMember, onSpell, SRC_FORMATS, SRC_FUPING, SRC_JOBS, SRC_LABOUR_LAW, yuan, type CheckDef, type CheckSpell } from './model';

const working = (s: CheckSpell) => s.working === true;
const LOCAL_CHANNEL = /公益岗位|公益性岗位|帮扶车间|就业帮扶车间/;
/** Months of two spells overlap (an open end runs to today). */
const overlaps = (a: CheckSpell, b: CheckSpell, now: string) => a.startMonth !== null && b.startMonth !== null && a.startMonth <= (b.endMonth ?? now) && b.startMonth <= (a.endMonth ?? now);
const w = (id: string, zh: string, meaning: string, hint: string, pred: Parameters<typeof onSpell>[1], source = SRC_JOBS): CheckDef => ({ id, family: 'work', level: 'spell', zh, meaning, source, hint, run: onSpell('spells', pred) });

export const WORK_CHECKS: CheckDef[] = [
  { id: 'Q15', family: 'work', level: 'household', zh: '风险为因务工就业不稳但无成员有务工记录', meaning: '务工就业不稳应有务工(或务工所在地)记录', source: SRC_FORMATS, hint: '补录务工记录,或核实风险类型', run: onHousehold((h) => (h.riskTypes.includes('unstableEmployment') && !h.members.some((m) => m.workPlace || m.spells.length > 0) ? { 风险类型: '因务工就业不稳', 务工记录: 0 } : null)) },
  w('Q43', '务工月收入超出100–30,000元', '务工月收入一般在100–30,000元之间,超出多为单位(元/万元)或录入错误', '核实务工月收入', (s) => (s.monthlyWageFen !== null && (s.monthlyWageFen < 100_00 || s.monthlyWageFen > 30_000_00) ? { 务工月收入: yuan(s.monthlyWageFen) } : null), `${SRC_FORMATS}(务工月监测:务工月收入范围)`),
  w('WRK-01', '已务工记录无开始时间', '务工记录须有开始时间', '补录开始时间', (s) => (working(s) && !s.startMonth ? { 是否已务工: true, 开始时间: null } : null), `${SRC_JOBS};${SRC_FUPING}`),
  w('WRK-02', '务工结束时间早于开始时间', '结束时间不能早于开始时间', '核实开始、结束时间', (s) => (s.startMonth && s.endMonth && s.endMonth < s.startMonth ? { 结束时间: s.endMonth } : null)),
  w('WRK-03', '务工开始时间晚于今天', '已外出务工的开始时间不能在将来', '更正开始时间(计划务工应登记在计划外出务工信息)', (s, _m, _h, asOf) => (s.startMonth && s.startMonth > asOf.slice(0, 7) ? { 今天: asOf.slice(0, 7) } : null)),
  {
    id: 'WRK-04', family: 'work', level: 'spell', zh: '同一人务工时段重叠', meaning: '一人同一时间只有一段外出务工;新务工开始应晚于上次结束', source: `${SRC_JOBS};${SRC_FUPING}`, hint: '补录上一段的结束时间,或删除重复记录',
    run: (h, asOf) => h.members.flatMap((m) => {
      const ss = m.spells.filter((s) => s.startMonth).sort((a, b) => a.startMonth!.localeCompare(b.startMonth!) || a.sourceRow - b.sourceRow);
      const hits = [];
      for (let i = 1; i < ss.length; i++) {
        const prev = ss.slice(0, i).find((p) => overlaps(p, ss[i]!, asOf.slice(0, 7)));
        if (prev) hits.push({ member: m, sourceRow: ss[i]!.sourceRow, values: { 开始时间: ss[i]!.startMonth, 上一段: `${prev.startMonth}–${prev.endMonth ?? '至今'}` } });
      }
      return hits;
    }),
  },
  w('WRK-05', '已务工记录无务工所在县', '务工地点须填写到县级', '补录务工所在县', (s) => (working(s) && blank(s.workCounty) ? { 务工所在县: null } : null), `${SRC_JOBS};${SRC_FUPING}`),
  w('WRK-06', '已务工记录无务工月收入', '务工监测须登记务工月收入', '补录务工月收入', (s) => (working(s) && s.monthlyWageFen === null ? { 务工月收入: null } : null)),
  w('WRK-07', '已务工记录无务工企业名称', '务工监测须登记务工企业(灵活就业写明)', '补录务工企业名称', (s) => (working(s) && blank(s.employer) ? { 务工企业名称: null } : null)),
  w('WRK-08', '已务工记录无所属行业', '务工监测须登记所属行业', '补录所属行业', (s) => (working(s) && blank(s.industry) ? { 所属行业: null } : null)),
  w('WRK-09', '已务工记录无就业渠道', '务工监测须登记就业渠道', '补录就业渠道', (s) => (working(s) && blank(s.channel) ? { 就业渠道: null } : null)),
  w('WRK-10', '已务工记录“是否点对点输送”为空', '务工监测须登记是否点对点输送(有此列的导出)', '补录是否点对点输送', (s) => (working(s) && s.pointToPoint !== undefined && blank(s.pointToPoint) ? { 是否点对点输送: null } : null), `${SRC_JOBS};${SRC_FUPING}`),
  w('WRK-11', '县外务工但就业渠道为公益性岗位或帮扶车间', '公益性岗位和帮扶车间在本县内就地就业', '核实务工所在县或就业渠道', (s, _m, h) => (working(s) && h.countyName !== null && !blank(s.workCounty) && !inOwnCounty(s.workCounty, h.countyName) && !!s.channel && LOCAL_CHANNEL.test(s.channel) ? { 务工所在县: s.workCounty, 本县: h.countyName, 就业渠道: s.channel } : null), `${SRC_JOBS};${SRC_FUPING}`),
  w('WRK-12', '县内务工却有年度交通费补助', '外出务工交通补助用于跨县(跨省)务工', '核实务工所在县或交通费补助', (s, _m, h) => (inOwnCounty(s.workCounty, h.countyName) && (s.transportSubsidyFen ?? 0) > 0 ? { 务工所在县: s.workCounty, 年度交通费补助: yuan(s.transportSubsidyFen) } : null), `${SRC_JOBS};${SRC_FUPING}`),
  w('WRK-13', '务工开始时未满16岁', '禁止招用未满16周岁的未成年人', '核实开始时间或出生日期', (s, m) => (s.startMonth && ageOn(m.birthDate, `${s.startMonth}-28`) < 16 ? { 出生日期: m.birthDate, 开始时年龄: ageOn(m.birthDate, `${s.startMonth}-28`) } : null), `${SRC_LABOUR_LAW};${SRC_FUPING}`),
  w('WRK-14', '未务工记录却登记了务工月收入或务工企业', '是否已务工为否时不应有收入和企业', '核实是否已务工', (s) => (s.working === false && ((s.monthlyWageFen ?? 0) > 0 || !blank(s.employer)) ? { 是否已务工: false, 务工月收入: yuan(s.monthlyWageFen), 务工企业名称: s.employer } : null)),
  { id: 'WRK-15', family: 'work', level: 'person', zh: '务工时间(月)不在0–12', meaning: '一年内务工时间为0–12个月', source: SRC_JOBS, hint: '更正务工时间(月)', run: onMember((m) => (m.workMonths !== null && (m.workMonths < 0 || m.workMonths > 12) ? { '务工时间（月）': m.workMonths } : null)) },
  { id: 'WRK-16', family: 'work', level: 'person', zh: '务工所在地未填写到县级', meaning: '务工地点须填写到县(市、区、旗)', source: `${SRC_JOBS};${SRC_FUPING}`, hint: '补全务工所在地到县级', run: onMember((m) => (!blank(m.workPlace) && !/[县区市旗]/.test(m.workPlace!) && m.workPlace !== '境外' ? { 务工所在地: m.workPlace } : null)) },
];
