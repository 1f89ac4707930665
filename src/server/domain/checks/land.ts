/**
 * Land and living conditions (土地与生活条件): areas within their plausible ranges, the distance to the
 * village road, electricity. Ranges of farmland (0–100 mu), forest (0–200 mu) and road distance (≤ 5 km)
 * are those of the formats file's checks; the others are those of the third-party checker's messages.
 */
import { covered, lifted, monitored, onHousehold, SRC_FORMATS, SRC_FUPING, type CheckDef, type CheckHousehold } from './model';

const range = (id: string, zh: string, max: number, value: (h: CheckHousehold) => number | null, who: (h: CheckHousehold) => boolean, whoZh: string, source: string): CheckDef => ({
  id, family: 'land', level: 'household', zh: `${whoZh}${zh}超出0–${max}亩`, meaning: `${zh}一般在0–${max}亩之间,超出多为单位或录入错误`, source, hint: `核实${zh}(单位为亩)`,
  run: onHousehold((h) => { const v = value(h); return who(h) && v !== null && (v < 0 || v > max) ? { [`${zh}（亩）`]: v } : null; }),
});

export const LAND_CHECKS: CheckDef[] = [
  range('Q25', '耕地面积', 100, (h) => h.farmlandMu, lifted, '脱贫户', SRC_FORMATS),
  range('Q26', '林地面积', 200, (h) => h.forestMu, lifted, '脱贫户', SRC_FORMATS),
  { id: 'Q27', family: 'land', level: 'household', zh: '与村主干路距离超过5公里', meaning: '农户与村主干路距离一般不超过5公里,超出多为单位(米)错误', source: SRC_FORMATS, hint: '核实距离(单位为公里)', run: onHousehold((h) => (h.distanceToRoadKm !== null && h.distanceToRoadKm > 5 ? { 与村主干路距离: `${h.distanceToRoadKm} 公里` } : null)) },
  range('LND-01', '退耕还林面积', 200, (h) => h.returnedFarmlandMu, covered, '脱贫户或监测户', SRC_FUPING),
  range('LND-02', '林果面积', 200, (h) => h.orchardMu, covered, '脱贫户或监测户', SRC_FUPING),
  range('LND-03', '牧草地面积', 100, (h) => h.grasslandMu, covered, '脱贫户或监测户', SRC_FUPING),
  range('LND-04', '水面面积', 100, (h) => h.waterSurfaceMu, covered, '脱贫户或监测户', SRC_FUPING),
  range('LND-05', '耕地面积', 100, (h) => h.farmlandMu, (h) => monitored(h) && !lifted(h), '监测户', `${SRC_FORMATS};${SRC_FUPING}`),
  range('LND-06', '林地面积', 200, (h) => h.forestMu, (h) => monitored(h) && !lifted(h), '监测户', `${SRC_FORMATS};${SRC_FUPING}`),
  { id: 'LND-07', family: 'land', level: 'household', zh: '住房面积为负或超过1000平方米', meaning: '住房面积不能为负;超过1000平方米多为单位或录入错误', source: SRC_FORMATS, hint: '核实住房面积(平方米)', run: onHousehold((h) => (h.housingAreaM2 !== null && (h.housingAreaM2 < 0 || h.housingAreaM2 > 1000) ? { 住房面积: h.housingAreaM2 } : null)) },
  { id: 'LIV-01', family: 'land', level: 'household', zh: '脱贫户未通生活用电', meaning: '脱贫户应通生活用电', source: `${SRC_FUPING}(脱贫户是否通生活用电为否)`, hint: '核实用电情况', applies: (h) => h.fromNational, run: onHousehold((h) => (lifted(h) && !h.electricity ? { 是否通生活用电: false } : null)) },
];
