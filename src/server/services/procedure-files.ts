/**
 * Readers of the procedure engine's reference data: data/notice-rules.json (notice period rules) and
 * data/procedures/*.json (one procedure per file, checked by domain/procedure/definition.ts), plus the two
 * monitoring procedures built from data/workflow-rules.json. A bad file is refused at load with its name
 * and every problem (bad_file): unknown step, cycle, missing source, unknown notice rule, a file name that
 * is not the procedure's name, two files of one name. Cached after the first read.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkProcedure, type ProcedureDefinition } from '../domain/procedure/definition';
import { monitoringDefinition } from '../domain/procedure/monitoring';
import { noticeRulesFile, type NoticeRule } from '../domain/notice/notice';
import { badFile } from '../errors';
import { DATA_DIR } from './reference-files';
import { readWorkflowRules } from './workflow-files';

let rulesCache: NoticeRule[] | null = null;
let proceduresCache: Map<string, ProcedureDefinition> | null = null;

/** data/notice-rules.json, checked; the `monitoring` rule must agree with data/workflow-rules.json's notice minimum. @throws bad_file */
export function readNoticeRules(): NoticeRule[] {
  if (rulesCache) return rulesCache;
  const r = noticeRulesFile.safeParse(JSON.parse(readFileSync(join(DATA_DIR, 'notice-rules.json'), 'utf8')));
  if (!r.success) throw badFile(`data/notice-rules.json 有误:${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join(';')}`);
  const m = r.data.rules.find((x) => x.id === 'monitoring');
  const w = readWorkflowRules().national.noticeMinDays;
  if (!m || m.minDays !== w.days || m.unit !== w.unit) throw badFile(`data/notice-rules.json 的 monitoring 规则须与 data/workflow-rules.json 的公示最短期限(${w.days} ${w.unit})一致`);
  return (rulesCache = r.data.rules);
}

/**
 * Checks the procedure files of a folder against the notice rules: name → definition.
 * @throws bad_file naming the file and every problem
 */
export function loadProcedureDir(dir: string, noticeRuleIds: readonly string[]): Map<string, ProcedureDefinition> {
  const out = new Map<string, ProcedureDefinition>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    } catch (e) {
      throw badFile(`procedures/${f} 不是有效的 JSON:${(e as Error).message}`);
    }
    const r = checkProcedure(raw, noticeRuleIds);
    if (!r.ok) throw badFile(`procedures/${f} 有误:${r.problems.map((p) => `${p.path ? `${p.path}:` : ''}${p.message}`).join(';')}`, { file: f, problems: r.problems });
    if (`${r.definition.name}.json` !== f) throw badFile(`procedures/${f} 的 name 应为文件名“${f.replace(/\.json$/, '')}”,实为“${r.definition.name}”`);
    out.set(r.definition.name, r.definition);
  }
  return out;
}

/** Every procedure: the monitoring procedures (data/workflow-rules.json) and data/procedures/*.json. @throws bad_file */
export function readProcedures(): Map<string, ProcedureDefinition> {
  if (proceduresCache) return proceduresCache;
  const rules = readWorkflowRules();
  const noticeIds = readNoticeRules().map((r) => r.id);
  const out = new Map<string, ProcedureDefinition>();
  for (const kind of ['identification', 'elimination'] as const) {
    const def = monitoringDefinition(rules, kind);
    const r = checkProcedure(def, noticeIds);
    if (!r.ok) throw badFile(`data/workflow-rules.json(${def.name})有误:${r.problems.map((p) => p.message).join(';')}`);
    out.set(def.name, r.definition);
  }
  for (const [name, def] of loadProcedureDir(join(DATA_DIR, 'procedures'), noticeIds)) {
    if (out.has(name)) throw badFile(`procedures/${name}.json 与内置监测程序同名`);
    out.set(name, def);
  }
  return (proceduresCache = out);
}
