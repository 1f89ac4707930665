/**
 * Readers of the workflow's reference data in data/: the procedure (workflow-rules.json), the holiday
 * calendars (holidays/<year>.csv) and the measure coverage rules (measure-coverage.csv). Each is checked
 * and a bad file is reported with its name and row (bad_file). Cached after the first read.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { RISK_TYPES, type RiskType } from '../../shared/enums';
import { MEASURE_KINDS, type MeasureKind } from '../../shared/workflow';
import { WorkCalendar, type CalendarDay } from '../domain/workflow/calendar';
import type { CoverageRule } from '../domain/workflow/measures';
import { workflowRulesFile, type WorkflowRulesFile } from '../domain/workflow/procedure';
import { badFile } from '../errors';
import { DATA_DIR } from './reference-files';

let rulesCache: WorkflowRulesFile | null = null;
let calendarCache: WorkCalendar | null = null;
let coverageCache: CoverageRule[] | null = null;

/** data/workflow-rules.json, parsed. @throws bad_file */
export function readWorkflowRules(): WorkflowRulesFile {
  if (rulesCache) return rulesCache;
  const r = workflowRulesFile.safeParse(JSON.parse(readFileSync(join(DATA_DIR, 'workflow-rules.json'), 'utf8')));
  if (!r.success) throw badFile(`data/workflow-rules.json 有误:${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join(';')}`);
  return (rulesCache = r.data);
}

/** The working-day calendar of every data/holidays/<year>.csv. @throws bad_file */
export function readCalendar(): WorkCalendar {
  if (calendarCache) return calendarCache;
  const dir = join(DATA_DIR, 'holidays');
  const days: CalendarDay[] = [];
  for (const f of readdirSync(dir).filter((n) => /^\d{4}\.csv$/.test(n)).sort()) {
    const rows = parse(readFileSync(join(dir, f)), { columns: true, skip_empty_lines: true }) as CalendarDay[];
    rows.forEach((r, i) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(r.date) || !r.date.startsWith(f.slice(0, 4)) || (r.kind !== 'holiday' && r.kind !== 'workday') || !r.source) {
        throw badFile(`data/holidays/${f} 第 ${i + 2} 行有误(date,kind,name,source)`);
      }
      days.push(r);
    });
  }
  return (calendarCache = new WorkCalendar(days));
}

/** data/measure-coverage.csv: risk type → measure kinds that cover it, with the source. @throws bad_file */
export function readCoverageRules(): CoverageRule[] {
  if (coverageCache) return coverageCache;
  const rows = parse(readFileSync(join(DATA_DIR, 'measure-coverage.csv')), { columns: true, skip_empty_lines: true }) as { risk_type: string; measure_kinds: string; source: string }[];
  const out: CoverageRule[] = rows.map((r, i) => {
    const kinds = r.measure_kinds.split(';');
    if (!(RISK_TYPES as readonly string[]).includes(r.risk_type) || !kinds.every((k) => (MEASURE_KINDS as readonly string[]).includes(k)) || !r.source) {
      throw badFile(`data/measure-coverage.csv 第 ${i + 2} 行有误`);
    }
    return { riskType: r.risk_type as RiskType, kinds: kinds as MeasureKind[], source: r.source };
  });
  return (coverageCache = out);
}
