/**
 * Income (收入): the 人均纯收入 the national system recorded against the one recomputed from the components
 * (a difference is a finding, never a replacement), the components against the household's facts (wages of
 * workers, transfers of 低保/特困), and missing figures.
 */
import { covered, onHousehold, SRC_INCOME, SRC_DIBAO, SRC_FUPING, SRC_REQUIRED, yuan, type CheckDef } from './model';

/** The recorded figure is in yuan with up to 2 decimals; more than 1 yuan apart is a real difference. */
const TOLERANCE_FEN = 100;
const i = (id: string, zh: string, meaning: string, hint: string, run: CheckDef['run'], source = SRC_INCOME): CheckDef => ({ id, family: 'income', level: 'household', zh, meaning, source, hint, run });

export const INCOME_CHECKS: CheckDef[] = [
  i('INC-01', '登记的人均纯收入与收入分项计算结果不符', '人均纯收入=(工资性+生产经营性收入−生产经营性支出+财产性+转移性)÷家庭人口;登记值应与分项一致', '核对收入分项或人均纯收入',
    onHousehold((h) => (h.recordedPerCapitaIncomeFen !== null && h.perCapitaNetIncomeFen !== null && Math.abs(h.recordedPerCapitaIncomeFen - h.perCapitaNetIncomeFen) > TOLERANCE_FEN ? { '人均纯收入（元）': yuan(h.recordedPerCapitaIncomeFen), 分项计算: yuan(h.perCapitaNetIncomeFen), 差额: yuan(h.recordedPerCapitaIncomeFen - h.perCapitaNetIncomeFen) } : null))),
  i('INC-02', '脱贫户或监测户无人均纯收入', '脱贫户、监测户每年须采集收入', '补录收入', onHousehold((h) => (h.fromNational && covered(h) && h.recordedPerCapitaIncomeFen === null && h.perCapitaNetIncomeFen === null ? { '人均纯收入（元）': null } : null)), SRC_REQUIRED),
  i('INC-03', '工资性收入大于0但不足100元', '全年工资性收入不足100元多为单位(万元)或录入错误', '核实工资性收入', onHousehold((h) => (h.income !== null && h.income.wageFen > 0 && h.income.wageFen < 100_00 ? { 工资性收入: yuan(h.income.wageFen) } : null)), `${SRC_INCOME};${SRC_FUPING}`),
  i('INC-04', '有成员已外出务工并有月收入但工资性收入为0', '务工收入计入工资性收入', '核实工资性收入', onHousehold((h) => { const s = h.members.flatMap((m) => m.spells).find((x) => x.working === true && (x.monthlyWageFen ?? 0) > 0); return h.income !== null && h.income.wageFen === 0 && s ? { 工资性收入: yuan(0), 务工月收入: yuan(s.monthlyWageFen) } : null; })),
  i('INC-05', '有成员享受低保或特困供养但转移性收入为0', '低保金、特困供养金计入转移性收入', '核实转移性收入', onHousehold((h) => (h.income !== null && h.income.transferFen === 0 && h.members.some((m) => m.dibao || m.tekun) ? { 转移性收入: yuan(0), 享受低保或特困人数: h.members.filter((m) => m.dibao || m.tekun).length } : null)), `${SRC_INCOME};${SRC_DIBAO}`),
  i('INC-06', '特困人员救助供养金合计大于转移性收入', '特困供养金是转移性收入的一部分', '核实转移性收入或供养金', onHousehold((h) => { const t = h.members.reduce((s, m) => s + (m.tekunSupportFen ?? 0), 0); return h.income !== null && t > h.income.transferFen ? { 特困人员救助供养金合计: yuan(t), 转移性收入: yuan(h.income.transferFen) } : null; })),
];
