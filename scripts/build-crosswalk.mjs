// Builds data/regions/division-crosswalk.csv: county- and prefecture-level division codes of the 12 western
// provinces that were retired, each with the code(s) that replaced it, the date and kind of the change and its
// source (the approving document's number, date, and where it was published).
//
// Input: an unpacked copy of the public data set yescallop/areacodes (CC0-1.0): data/YYYY.txt (the Ministry of
// Civil Affairs' county-and-above codes at the end of each year) and diff/YYYY-YYYY.diff (old → new code
// relations, each change described by the approving document: 文号, 日期, 来源). Run by hand when refreshed:
//   node scripts/build-crosswalk.mjs <areacodes folder>
// Only changes whose description names a document number (文号) or a source (来源) AND a date (日期) are
// written; a change whose target name cannot be resolved to exactly one code is left out (never guessed).
// The script prints what it kept and what it left out.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/build-crosswalk.mjs <areacodes folder>');
  process.exit(2);
}
// 内蒙古 广西 重庆 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆 (the provinces of data/regions/divisions-west-2023.csv.gz)
const PROVINCES = new Set(['15', '45', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65']);

function table(year) {
  const m = new Map();
  for (const line of readFileSync(join(dir, 'data', `${year}.txt`), 'utf8').split(/\r?\n/)) {
    const [code, name] = line.trim().split(/\s+/);
    if (code && name) m.set(code, name);
  }
  return m;
}

const DIGITS = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
function cnNumber(s) {
  if (/^\d+$/.test(s)) return Number(s);
  if (s.length === 4 && [...s].every((c) => c in DIGITS)) return Number([...s].map((c) => DIGITS[c]).join(''));
  // 十, 十二, 二十, 二十一, 三十
  const m = /^([一二三])?十([一二三四五六七八九])?$/.exec(s);
  if (m) return (m[1] ? DIGITS[m[1]] : 1) * 10 + (m[2] ? DIGITS[m[2]] : 0);
  if (s.length === 1 && s in DIGITS) return DIGITS[s];
  return NaN;
}
function isoDate(text) {
  const m = /([0-9〇零一二三四五六七八九]{4})年([0-9一二三四五六七八九十]{1,3})月([0-9一二三四五六七八九十]{1,3})日/.exec(text ?? '');
  if (!m) return null;
  const [y, mo, d] = [cnNumber(m[1]), cnNumber(m[2]), cnNumber(m[3])];
  if (![y, mo, d].every(Number.isInteger) || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const parentOf = (code) => (code.endsWith('0000') ? null : code.endsWith('00') ? code.slice(0, 2) + '0000' : code.slice(0, 4) + '00');

/** Resolves a named selector in the target table: exact name, narrowed to the block's new codes, province, prefecture. */
function resolveName(value, target, oldCode, added) {
  let hits = [...target].filter(([, n]) => n === value).map(([c]) => c);
  if (hits.length === 0) {
    // "平凉市崆峒区": a parent's name followed by the child's name
    for (const [pc, pn] of target) {
      if (value.startsWith(pn) && value.length > pn.length) {
        const rest = value.slice(pn.length);
        hits.push(...[...target].filter(([c, n]) => n === rest && parentOf(c) === pc).map(([c]) => c));
      }
    }
  }
  const narrow = (pred) => {
    if (hits.length > 1 && hits.some(pred)) hits = hits.filter(pred);
  };
  narrow((c) => added.has(c));
  narrow((c) => c.slice(0, 2) === oldCode.slice(0, 2));
  narrow((c) => c.slice(0, 4) === oldCode.slice(0, 4));
  return hits.length === 1 ? hits[0] : null;
}

const files = readdirSync(join(dir, 'diff')).filter((f) => /^\d{4}-\d{4}\.diff$/.test(f)).sort();
const rows = [];
const left = { noSource: 0, noDate: 0, unresolved: [] };
for (const file of files) {
  const [y1, y2] = file.replace('.diff', '').split('-');
  const source = table(y1);
  const target = table(y2);
  const lines = readFileSync(join(dir, 'diff', file), 'utf8').split(/\r?\n/);
  // blocks: a run of comment lines, then a run of change lines
  const blocks = [];
  let cur = null;
  for (const line of lines) {
    if (line.startsWith('#')) {
      if (!cur || cur.changes.length) blocks.push((cur = { notes: [], changes: [] }));
      cur.notes.push(line.replace(/^#\s?/, ''));
    } else if (/^[-+=]\d{6}/.test(line)) {
      if (!cur) blocks.push((cur = { notes: [], changes: [] }));
      cur.changes.push(line);
    }
  }
  for (const b of blocks) {
    const meta = (key) => b.notes.map((n) => new RegExp(`^${key}[：:]\\s*(.+)$`).exec(n.trim())).find(Boolean)?.[1]?.trim() ?? null;
    const title = (b.notes.find((n) => n.startsWith('#')) ?? '').replace(/^#+\s*/, '').trim();
    const doc = meta('文号');
    const date = isoDate(meta('日期') ?? '');
    const link = meta('来源');
    const added = new Set(b.changes.filter((l) => l.startsWith('+')).map((l) => l.slice(1, 7)));
    const retired = [];
    for (const l of b.changes) {
      if (!l.startsWith('-')) continue;
      const code = l.slice(1, 7);
      if (!PROVINCES.has(code.slice(0, 2)) || target.has(code) || code.endsWith('0000')) continue;
      const m = /^-\d{6} (\S+?)>(.+)$/.exec(l);
      if (!m) continue; // a record with children and no selector (a prefecture whose counties are listed)
      if (!doc && !link) {
        left.noSource++;
        continue;
      }
      if (!date) {
        left.noDate++;
        continue;
      }
      const name = m[1];
      const targets = [];
      let ok = true;
      for (const raw of m[2].split(',')) {
        if (raw.endsWith('?')) continue;
        const sel = raw.replace(/!$/, '');
        let c = null;
        if (sel === '_') c = resolveName(name, target, code, added);
        else if (sel === '.') c = target.has(code) ? code : null;
        else if (sel === '..') c = parentOf(code) && target.has(parentOf(code)) ? parentOf(code) : null;
        else c = resolveName(sel.replace(/^\(|\)$/g, ''), target, code, added);
        if (!c) ok = false;
        else if (!targets.includes(c)) targets.push(c);
      }
      if (!ok || targets.length === 0) {
        left.unresolved.push(`${file} ${l}`);
        continue;
      }
      retired.push({ code, name, targets });
    }
    for (const r of retired) {
      const into = (t) => b.changes.filter((l) => l.startsWith('-')).length && retired.filter((o) => o.targets.includes(t)).length;
      const t = r.targets[0];
      const kind = r.targets.length > 1 ? 'split' : into(t) > 1 || source.has(t) ? 'merge' : 'rename';
      const sourceText = `${title || '区划变更'}${doc ? `(${doc})` : ''};来源:${link ?? '文号见前'};整理:yescallop/areacodes diff/${file}(CC0-1.0)`;
      for (const n of r.targets) {
        rows.push({ old: r.code, oldName: r.name, neu: n, newName: target.get(n), date, kind, doc: doc ?? '', source: sourceText });
      }
    }
  }
}

const q = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const out = ['old_code,old_name,new_code,new_name,date,kind,document,source'];
for (const r of rows) out.push([r.old, r.oldName, r.neu, r.newName, r.date, r.kind, r.doc, r.source].map(q).join(','));
writeFileSync('data/regions/division-crosswalk.csv', out.join('\n') + '\n');
console.log(`${rows.length} rows written; left out: ${left.noSource} without 文号/来源, ${left.noDate} without a readable 日期, ${left.unresolved.length} with a target not resolved to one code`);
for (const u of left.unresolved) console.log('  unresolved:', u);
