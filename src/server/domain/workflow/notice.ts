/**
 * The village notice (公示) of a case, as an HTML page to print (A4, print-ready CSS). A notice shows
 * names and the village only: ID numbers, phone numbers, bank accounts and health details never appear
 * (national-system-exports.md, Procedure facts: "Notices must not show ID number, phone, bank account or
 * health status"; 中农组发〔2021〕7号 on protecting the privacy of the households concerned).
 *
 * Two safeguards: the renderer is given only the fields a notice may show (NoticeContent has no place for
 * anything else, so a template placeholder such as {{idNumber}} renders empty), and the rendered page is
 * scrubbed of anything that looks like an ID number, a phone or bank number, or a health term, whatever
 * the template's own text says.
 */
import type { CaseKind } from '../../../shared/workflow';

/** Everything a notice may show. */
export interface NoticeContent {
  kind: CaseKind;
  countyName: string;
  townshipName: string;
  villageName: string;
  /** names of the heads of the households concerned */
  names: string[];
  postedOn: string;
  endsOn: string;
  days: number;
}

/** The print style of every notice (A4 portrait, 宋体, bordered table); domain/notice uses it too. */
export const NOTICE_PAGE_STYLE = `@page { size: A4 portrait; margin: 25mm 20mm; }
body { font-family: "SimSun", "Songti SC", "WenQuanYi Micro Hei", serif; font-size: 14pt; line-height: 1.8; color: #000; }
h1 { text-align: center; font-size: 20pt; margin: 0 0 12pt; letter-spacing: 2pt; }
table { width: 100%; border-collapse: collapse; margin: 12pt 0; page-break-inside: auto; }
th, td { border: 1px solid #000; padding: 4pt 8pt; text-align: center; }
tr { page-break-inside: avoid; }
.sign { text-align: right; margin-top: 36pt; }
@media screen { body { max-width: 170mm; margin: 24px auto; } .noprint { margin-bottom: 16px; } }
@media print { .noprint { display: none; } }
`;

/** The default template. Placeholders: {{title}} {{county}} {{township}} {{village}} {{rows}} {{postedOn}} {{endsOn}} {{days}} {{purpose}}. */
export const DEFAULT_NOTICE_TEMPLATE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{title}}</title>
<style>
${NOTICE_PAGE_STYLE}</style></head>
<body>
<div class="noprint"><button onclick="window.print()">打印</button></div>
<h1>{{title}}</h1>
<p>根据防止返贫动态监测和帮扶工作程序,经入户核实、信息比对和村级民主评议,现将{{purpose}}名单公示如下:</p>
<table><thead><tr><th>序号</th><th>户主姓名</th><th>所在村</th></tr></thead><tbody>{{rows}}</tbody></table>
<p>公示期为 {{days}} 天({{postedOn}} 至 {{endsOn}})。公示期间如有异议,请以书面或口头形式向村民委员会或{{township}}反映。</p>
<p class="sign">{{county}}{{township}}{{village}}<br>{{postedOn}}</p>
</body></html>`;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Health terms that never appear on a notice (健康状况 values and common diagnoses). */
export const HEALTH_TERMS = ['大病', '重病', '慢性病', '长期慢性病', '残疾', '因病', '因残', '患病', '病情', '诊断', '住院', '癌', '肿瘤', '尿毒症', '精神病', '透析', '白血病', '艾滋', '肝炎', '结核'];

/**
 * Removes what may never appear on a notice: 15- and 18-character ID numbers, mobile and landline phone
 * numbers, bank account numbers (any run of 10 or more digits, with or without spaces or hyphens), and
 * health terms. Replaced by "***" / "(不予公示)". Pure.
 */
export function scrubNotice(html: string): string {
  let out = html
    // digit runs of 10+ (ID numbers incl. an X check character, bank accounts, mobile numbers), also when grouped by spaces or hyphens
    .replace(/\d(?:[\s-]?\d){9,}[Xx]?/g, '***')
    // landlines such as 0855-1234567 or (0855)1234567
    .replace(/\(?0\d{2,3}\)?[\s-]?\d{7,8}/g, '***');
  for (const t of HEALTH_TERMS) out = out.split(t).join('(不予公示)');
  return out;
}

/**
 * Renders a notice. `template` defaults to DEFAULT_NOTICE_TEMPLATE; unknown placeholders render empty.
 * The result is always passed through scrubNotice.
 */
export function renderNotice(c: NoticeContent, template: string = DEFAULT_NOTICE_TEMPLATE): string {
  const purpose = c.kind === 'identification' ? '拟纳入防止返贫监测对象' : '拟标注风险消除的监测对象';
  const values: Record<string, string> = {
    title: esc(`${c.villageName}${purpose}公示`),
    purpose: esc(purpose),
    county: esc(c.countyName),
    township: esc(c.townshipName),
    village: esc(c.villageName),
    postedOn: esc(c.postedOn),
    endsOn: esc(c.endsOn),
    days: String(c.days),
    rows: c.names.map((n, i) => `<tr><td>${i + 1}</td><td>${esc(n)}</td><td>${esc(c.villageName)}</td></tr>`).join(''),
  };
  const html = template.replace(/\{\{\s*([A-Za-z0-9_.]+)\s*\}\}/g, (_m, key: string) => values[key] ?? '');
  return scrubNotice(html);
}
