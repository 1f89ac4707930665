/**
 * Village profiles (（自定义）行政村信息): counts that cannot exceed their totals, blank fields of the
 * profile, conditions of an exited village (出列村), and the registry's own counts of the village, which
 * cannot exceed the village's (the registry holds only the households it monitors or lifted out).
 */
import { SRC_VILLAGE, SRC_FUPING, type CheckVillage, type CheckValues, type VillageCheckDef, type VillageCounts } from './model';

const n = (v: CheckVillage, key: string) => (typeof v.figures[key] === 'number' ? (v.figures[key] as number) : null);
const isBlank = (v: CheckVillage, key: string) => v.figures[key] === null || v.figures[key] === undefined;
const SRC_EXIT = '贫困村退出标准(《关于建立贫困退出机制的意见》厅字〔2016〕16号:基础设施、基本公共服务)';
const v = (id: string, zh: string, meaning: string, hint: string, run: (x: CheckVillage) => CheckValues | null, source = SRC_VILLAGE): VillageCheckDef => ({ id, family: 'villages', level: 'village', zh, meaning, source, hint, run });
/** A count above its total. */
const over = (id: string, part: string, partZh: string, total: string, totalZh: string): VillageCheckDef =>
  v(id, `${partZh}大于${totalZh}`, `${partZh}是${totalZh}的一部分`, `核实${partZh}和${totalZh}`, (x) => { const a = n(x, part), b = n(x, total); return a !== null && b !== null && a > b ? { [partZh]: a, [totalZh]: b } : null; });
/** A blank field of the profile. */
const empty = (id: string, key: string, zh: string): VillageCheckDef => v(id, `${zh}为空`, `行政村信息须填写${zh}`, `补录${zh}`, (x) => (isBlank(x, key) ? { [zh]: null } : null), `${SRC_VILLAGE};${SRC_FUPING}`);
/** The registry counts more than the profile. */
const registry = (id: string, count: keyof VillageCounts, countZh: string, key: string, zh: string): VillageCheckDef =>
  v(id, `系统内${countZh}多于行政村信息的${zh}`, `行政村信息的${zh}包括系统内登记的全部${countZh}`, `核实行政村信息的${zh}或系统内登记`, (x) => { const a = n(x, key); return a !== null && x.registry[count] > a ? { [zh]: a, [`系统内${countZh}`]: x.registry[count] } : null; });

export const VILLAGE_CHECKS: VillageCheckDef[] = [
  v('VIL-01', '总户数为空或为0', '行政村须有总户数', '补录总户数', (x) => (!n(x, 'households') ? { 总户数: n(x, 'households') } : null), `${SRC_VILLAGE};${SRC_FUPING}`),
  v('VIL-02', '总人口数为空或为0', '行政村须有总人口数', '补录总人口数', (x) => (!n(x, 'population') ? { 总人口数: n(x, 'population') } : null), `${SRC_VILLAGE};${SRC_FUPING}`),
  over('VIL-03', 'households', '总户数', 'population', '总人口数'),
  over('VIL-04', 'dibaoHouseholds', '低保户数', 'households', '总户数'),
  over('VIL-05', 'dibaoHouseholds', '低保户数', 'dibaoPersons', '低保人口数'),
  over('VIL-06', 'dibaoPersons', '低保人口数', 'population', '总人口数'),
  over('VIL-07', 'tekunPersons', '特困供养人口数', 'population', '总人口数'),
  over('VIL-08', 'disabledPersons', '残疾人口数', 'population', '总人口数'),
  over('VIL-09', 'dangerousHouses', '危房户数', 'households', '总户数'),
  over('VIL-10', 'unsafeWaterHouseholds', '未实现饮水安全户数', 'households', '总户数'),
  over('VIL-11', 'residentPensionPersons', '参加城乡居民基本养老保险人数', 'population', '总人口数'),
  v('VIL-12', '出列村到乡镇未通沥青(水泥)路', '贫困村退出须通硬化路', '核实道路情况或是否出列', (x) => (x.figures.exited === true && x.figures.pavedRoadToTownship === false ? { 是否出列: true, '到乡镇是否通沥青（水泥）路': false } : null), `${SRC_EXIT};${SRC_FUPING}`),
  v('VIL-13', '出列村村级集体经济收入为空', '出列村须登记村级集体经济收入', '补录村级集体经济收入', (x) => (x.figures.exited === true && x.collectiveIncomeFen === null ? { 是否出列: true, '村级集体经济收入（万元）': null } : null), `${SRC_EXIT};${SRC_FUPING}`),
  empty('VIL-14', 'primarySchools', '村小学（个数）'),
  empty('VIL-15', 'busService', '是否通客运班车'),
  empty('VIL-16', 'dibaoPersons', '低保人口数'),
  empty('VIL-17', 'tekunPersons', '特困供养人口数'),
  empty('VIL-18', 'disabledPersons', '残疾人口数'),
  empty('VIL-19', 'residentPensionPersons', '参加城乡居民基本养老保险人数'),
  empty('VIL-20', 'dibaoHouseholds', '低保户数'),
  registry('VIL-21', 'households', '户数', 'households', '总户数'),
  registry('VIL-22', 'persons', '人数', 'population', '总人口数'),
  registry('VIL-23', 'dibaoPersons', '低保人数', 'dibaoPersons', '低保人口数'),
  registry('VIL-24', 'tekunPersons', '特困供养人数', 'tekunPersons', '特困供养人口数'),
  registry('VIL-25', 'disabledPersons', '残疾人数', 'disabledPersons', '残疾人口数'),
  registry('VIL-26', 'dangerousHouses', '危房户数', 'dangerousHouses', '危房户数'),
  registry('VIL-27', 'unsafeWaterHouseholds', '未解决安全饮水户数', 'unsafeWaterHouseholds', '未实现饮水安全户数'),
];
