/**
 * The notice module (公示), pure: period rules as data (data/notice-rules.json: ≥ 5 days for monitoring
 * cases, 中农组发〔2021〕7号; ≥ 10 days for funds and projects, 《关于完善扶贫资金项目公告公示制度的指导意见》,
 * ../shared/domain/funds-projects-evaluation.md §1.3), the posting and closing dates on the working-day
 * calendar, and the print page of a notice of any subject with the village-notice redaction rule applied to
 * all: no ID number, phone, bank account or health data on a notice, whatever the template or the work area
 * asks for (national-system-exports.md, Procedure facts; 中农组发〔2021〕7号 on privacy).
 *
 * Redaction has two layers: a column whose key or title names a forbidden kind of data is dropped before
 * rendering (redactColumns), and the rendered page is scrubbed of anything that looks like an ID, phone or
 * bank number or a health term (scrubNotice of the monitoring case's notice, the same function).
 */
import { z } from 'zod';
import type { WorkCalendar } from '../workflow/calendar';
import { NOTICE_PAGE_STYLE, scrubNotice } from '../workflow/notice';

/** One period rule of data/notice-rules.json. */
export const noticeRuleSchema = z.object({
  id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/),
  title: z.string().min(1),
  /** subjects this rule applies to (monitoringCase, project, fundAllocation, postPayment, pointsClaim, assetIncome, yuluAid …) */
  subjectKinds: z.array(z.string().min(1)).min(1),
  /** minimum days; null when no source gives one (the posting level enters the period) */
  minDays: z.number().int().min(1).max(90).nullable(),
  unit: z.enum(['calendar', 'working']),
  source: z.string().trim().min(1, '缺少政策依据(source)'),
  projectChoice: z.boolean().default(false),
});
export type NoticeRule = z.infer<typeof noticeRuleSchema>;
/** Shape of data/notice-rules.json: rule ids unique, each subject kind under one rule only. */
export const noticeRulesFile = z.object({ rules: z.array(noticeRuleSchema).min(1) }).superRefine((f, ctx) => {
  const seen = new Map<string, string>();
  f.rules.forEach((r, i) => {
    if (f.rules.findIndex((x) => x.id === r.id) !== i) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `公示规则“${r.id}”重复` });
    for (const k of r.subjectKinds) {
      if (seen.has(k)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'subjectKinds'], message: `公示对象“${k}”同时属于规则“${seen.get(k)}”和“${r.id}”` });
      seen.set(k, r.id);
    }
  });
});

/** The dates of a notice. */
export interface NoticePeriod {
  postedOn: string;
  days: number;
  /** the last day of the notice (the posting day is the first) */
  endsOn: string;
  /** the first day it may be closed (the day after endsOn) */
  closableFrom: string;
  /** true when a year without a holiday file was crossed */
  provisional: boolean;
}

/**
 * The period of a notice posted on `postedOn` for `days` days in the rule's unit. The posting day counts
 * as the first day: 10 calendar days from 03-02 run to 03-11. In working days the posting day counts when
 * it is a working day; otherwise the first working day after it is the first day. Refuses (returns the
 * reason) fewer days than the rule's minimum, or fewer than 1.
 */
export function noticePeriod(rule: Pick<NoticeRule, 'minDays' | 'unit' | 'source'>, cal: WorkCalendar, postedOn: string, days: number): NoticePeriod | { refused: string } {
  if (!Number.isInteger(days) || days < 1) return { refused: '公示天数须为不少于1的整数' };
  if (rule.minDays !== null && days < rule.minDays) {
    return { refused: `公示期不得少于 ${rule.minDays} ${rule.unit === 'working' ? '个工作日' : '天'}(${rule.source})` };
  }
  const first = rule.unit === 'working' && !cal.isWorkingDay(postedOn) ? 0 : 1;
  const end = cal.add(postedOn, days - first, rule.unit);
  return { postedOn, days, endsOn: end.date, closableFrom: cal.add(end.date, 1, 'calendar').date, provisional: end.provisional };
}

/** A column of a notice table: the key of the row field and its title. */
export interface NoticeColumn {
  key: string;
  title: string;
}

/** Keys and titles that never appear as a column of a notice (ID, phone, bank, health). */
const FORBIDDEN_COLUMN = /id.?(number|card|no)|idcard|shenfen|phone|mobile|tel|bank|account|card|health|disab|illness|disease|medical|身份证|证件|电话|手机|联系方式|银行|账号|帐号|卡号|开户|健康|病|残疾|医疗|诊断/i;

/** Whether a column may appear on a notice (its key and title name none of the forbidden kinds of data). */
export const columnAllowed = (c: NoticeColumn): boolean => !FORBIDDEN_COLUMN.test(c.key) && !FORBIDDEN_COLUMN.test(c.title);

/** The columns that may appear, and the titles of those dropped (for the poster to see). */
export function redactColumns(columns: readonly NoticeColumn[]): { kept: NoticeColumn[]; dropped: string[] } {
  return { kept: columns.filter(columnAllowed), dropped: columns.filter((c) => !columnAllowed(c)).map((c) => c.title) };
}

/** What a notice page shows: its title, an introduction, a table, the period, the issuer and where to object. */
export interface NoticePage {
  title: string;
  intro: string;
  columns: NoticeColumn[];
  rows: Record<string, string | number | null>[];
  postedOn: string;
  endsOn: string;
  days: number;
  unit: 'calendar' | 'working';
  issuer: string;
  /** where objections go (e.g. 村民委员会, 县乡村振兴局; 12317 监督电话 survives the scrub: 5 digits) */
  objectionsTo: string;
  /** rule source, printed small at the foot */
  source: string;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The print page (A4 portrait, the style of the monitoring notice) of a notice of any subject. Columns
 * that name forbidden data are dropped, every cell is escaped, and the whole page goes through scrubNotice:
 * no ID, phone or bank number or health term survives, whatever the content says.
 */
export function renderNoticePage(p: NoticePage): string {
  const { kept } = redactColumns(p.columns);
  const head = ['序号', ...kept.map((c) => c.title)].map((t) => `<th>${esc(t)}</th>`).join('');
  const body = p.rows.map((r, i) => `<tr><td>${i + 1}</td>${kept.map((c) => `<td>${esc(r[c.key] === null || r[c.key] === undefined ? '' : String(r[c.key]))}</td>`).join('')}</tr>`).join('');
  const unit = p.unit === 'working' ? '个工作日' : '天';
  const html = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(p.title)}</title>
<style>${NOTICE_PAGE_STYLE}
.table-wrap { overflow-x: auto; } .foot { font-size: 9pt; color: #444; margin-top: 24pt; }
@media screen and (max-width: 600px) { body { font-size: 12pt; margin: 8px; } th, td { padding: 2pt 4pt; } }</style></head>
<body>
<div class="noprint"><button onclick="window.print()">打印</button></div>
<h1>${esc(p.title)}</h1>
<p>${esc(p.intro)}</p>
<div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>
<p>公示期为 ${p.days} ${unit}(${esc(p.postedOn)} 至 ${esc(p.endsOn)})。公示期间如有异议,请以书面或口头形式向${esc(p.objectionsTo)}反映。</p>
<p class="sign">${esc(p.issuer)}<br>${esc(p.postedOn)}</p>
<p class="foot">公示期依据:${esc(p.source)}</p>
</body></html>`;
  return scrubNotice(html);
}
