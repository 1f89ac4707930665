/**
 * English for the workflow pages, keyed by the Chinese text (the default). `useTr()` returns `tr(zh, vars)`:
 * the Chinese text in Chinese, its English here otherwise (Chinese policy terms keep their Chinese in
 * brackets, as in the rest of the UI); `{name}` placeholders are filled from `vars`. Messages that come
 * from the server stay Chinese, as elsewhere in the application.
 */
import { useCallback } from 'react';
import { useI18n } from '../../i18n';

const EN: Record<string, string> = {
  // code lists (shared/workflow.ts)
  识别纳入: 'Identification (识别纳入)', 风险消除: 'Risk elimination (风险消除)',
  本系统筛查预警: 'Screening by this system', 部门筛查预警: 'Department alert (部门筛查预警)', 农户自主申报: 'Self-report (农户自主申报)', 基层干部排查: 'Grassroots screening (基层干部排查)', 干部直接发起: 'Opened by a cadre',
  入户核实: 'Verification visit (入户核实)', 信息比对: 'Information comparison (信息比对)', 风险消除评估: 'Elimination assessment', 村级民主评议: 'Village deliberation (民主评议)', 公示: 'Public notice (公示)',
  乡镇审核: 'Township review (乡镇审核)', 县级审定: 'County approval (县级审定)', 结果公告: 'Announcement (结果公告)',
  待入户核实: 'Awaiting verification', 待信息比对: 'Awaiting comparison', 待风险消除评估: 'Awaiting assessment', 待民主评议: 'Awaiting deliberation', 公示中: 'Notice running',
  待乡镇审核: 'Awaiting township review', 待县级审定: 'Awaiting county approval', 待结果公告: 'Awaiting announcement', 已纳入监测: 'Enrolled (已纳入监测)', 未纳入监测: 'Not enrolled',
  已标注风险消除: 'Risk eliminated', 风险未消除: 'Risk not eliminated', 风险消除已回退: 'Elimination rolled back',
  帮扶消除: 'Through assistance (帮扶消除)', 自然消除: 'Naturally (自然消除)',
  产业帮扶: 'Industry', 就业帮扶: 'Employment', 公益岗位帮扶: 'Public-welfare job', '金融帮扶(小额信贷)': 'Finance (microcredit)', '教育帮扶(含雨露计划)': 'Education (incl. 雨露计划)', 健康帮扶: 'Health',
  义务教育保障: 'Compulsory education', 住房安全保障: 'Housing safety', 饮水安全保障: 'Drinking water', '综合保障(低保、特困供养、残疾人补贴)': 'Social security (低保, 特困供养, disability allowance)',
  社会帮扶: 'Social assistance', 搬迁: 'Relocation', 基础设施建设: 'Infrastructure', 生产生活条件改善: 'Living conditions',
  低保: 'Dibao (低保)', 特困供养: 'Tekun (特困供养)', 残疾人补贴: 'Disability allowance', 雨露计划: 'Yulu plan (雨露计划)',
  计划中: 'Planned', 实施中: 'In progress', 已完成: 'Completed', 已终止: 'Stopped',
  村: 'village', 乡镇: 'township', 县: 'county', 或: ' or ',
  // events
  发起案件: 'Case opened', 办理环节: 'Step', 张贴公示: 'Notice posted', 登记异议: 'Objection recorded', 处理异议: 'Objection resolved', 结束公示: 'Notice closed', 上传附件: 'Attachment',
  纳入监测: 'Enrolled', 标注风险消除: 'Marked eliminated', 回退风险消除: 'Elimination rolled back', 新增帮扶措施: 'Measure added', 更新帮扶措施: 'Measure updated', 回退: 'Rollback', '案件 #{id}': 'case #{id}',
  // worklist
  '监测帮扶 · 待办': 'Monitoring & assistance · worklist', 区划代码: 'Region code', 时效与动态清零: 'Timeliness & clearance (动态清零)', 由风险线索发起案件: 'Open a case from a risk clue',
  '农户编号(ID)': 'Household (ID)', 请输入农户ID: 'Enter the household ID', 线索来源: 'Clue from', 线索编号: 'Clue ref.', 发现日期: 'Clue date', 说明: 'Note', 发起: 'Open',
  '我的待办({n})': 'My work ({n})', '逾期({n})': 'Overdue ({n})', 案件: 'Case', 农户: 'Household', 状态: 'State', 应完成日期: 'Due', 事由: 'Why', '已发起案件 #{id}': 'Case #{id} opened',
  // case page
  '案件 #{id} · {kind}': 'Case #{id} · {kind}', 已逾期: 'Overdue', 当前环节: 'Current step', '{step}({levels}级办理)': '{step} (by {levels})', 已办结: 'Closed', 环节应完成: 'Step due', 认定应完成: 'Decision due',
  认定日期: 'Decided', 监测对象类别: 'Category', 风险类型: 'Risk types', 消除方式: 'Elimination mode', 理由: 'Reason', 已办环节: 'Steps done', 环节: 'Step', 办理日期: 'Date', 办理人: 'By', 结果: 'Outcome', 发现: 'Findings', 附件: 'Attachments',
  案件时间线: 'Case timeline', 已办理: 'Recorded', 请填写日期: 'Enter the date', 情况记录: 'Findings', 农户已签字承诺授权: 'Household signed the consent (承诺授权)', 核实结论: 'Conclusion', 存在风险: 'Risk found', 未发现风险: 'No risk found',
  未发现风险的理由: 'Reason (no risk)', 存款: 'Deposits', 车辆: 'Vehicles', 房产: 'Housing', 工商注册: 'Business registration', 条件: 'Criterion', 满足: 'Met', 依据: 'Evidence', 是: 'Yes', 否: 'No',
  结论: 'Verdict', 通过: 'Approved', 不通过: 'Refused', 已张贴公示: 'Notice posted', 张贴日期: 'Posted on', '公示天数(不少于5天)': 'Days (at least 5)', 预览并打印公示: 'Preview and print the notice', 已结束公示: 'Notice closed',
  '公示期 {from} 至 {to},期满次日起可结束。': 'Notice from {from} to {to}; it can be closed from the next day.', 结束日期: 'Closed on', 已回退风险消除标注: 'Elimination mark rolled back', 回退理由: 'Reason for the rollback', 请填写理由: 'Enter the reason',
  '回退风险消除标注(县级)': 'Roll back the elimination mark (county)', '办理:{step}': 'Record: {step}', 提交: 'Submit', '公示({status})': 'Notice ({status})', 已结束: 'closed', 已撤回: 'withdrawn', 打印公示: 'Print the notice',
  '张贴 {posted},{days} 天,至 {ends} 止': 'Posted {posted}, {days} days, until {ends}', ';{closed} 结束': '; closed {closed}', 异议成立: 'Upheld', 异议不成立: 'Dismissed', 待处理: 'Open', 核实不属实: 'Dismiss', 已处理: 'Resolved',
  收到日期: 'Received on', 异议内容: 'Objection', 请填写异议内容: 'Enter the objection', 已登记异议: 'Objection recorded', '附件(照片、扫描件;JPEG/PNG/PDF,不超过 3 MiB)': 'Attachments (photos, scans; JPEG/PNG/PDF, at most 3 MiB)', 已上传: 'Uploaded',
  // procedures and notices (features/procedures)
  程序: 'Procedure', 事项: 'Item', 区划: 'Region', '全部程序({n})': 'All procedures ({n})', '全部程序逾期({n})': 'All procedures overdue ({n})', 审批程序: 'Procedures (审批程序)',
  办理层级: 'Who acts', 时限: 'Time allowed', 无规定时限: 'no time limit set', 项目假设: 'project choice', 公示期: 'Notice period', 未找到期限: 'no period found', 操作: 'Action',
  项目选择: 'Project choice', 省级覆盖: 'Province overrides', 发起程序记录: 'Open a record', 请选择程序: 'Choose a procedure', 对象编号: 'Subject id', 名称: 'Name', 申报日期: 'Start date', 程序记录: 'Records',
  '已发起记录 #{id}': 'Record #{id} opened', 对象: 'Subject', 办结日期: 'Closed on', '办理记录(只增不改)': 'Events (append-only)', 日期: 'Date', 之后: 'After', 张贴: 'Post', 标题: 'Title', 公示天数: 'Days',
  发布单位: 'Issuer', 异议受理: 'Objections to', 规则: 'Rule', 异议: 'Objections', 处理意见: 'Decision', '公示期满结束': 'Close (period over)',
  '以下栏目含身份证、电话、银行或健康信息,不予公示': 'Columns with ID, phone, bank or health data are not shown', '未找到期限,由张贴单位确定': 'no minimum found; set by the poster', 公示对象: 'Subject', 期限自定: 'period set by poster',
  // measures
  帮扶措施: 'Assistance measures', 已新增帮扶措施: 'Measure added', '风险覆盖:': 'Risk coverage:', 已覆盖: 'covered', 未覆盖: 'not covered',
  '该户有劳动能力,须至少落实一项开发式帮扶措施(产业、就业、公益岗位或金融),不能只有综合保障': 'The household can work: it needs at least one development-type measure (industry, employment, public-welfare job or finance), not only social security',
  类别: 'Kind', 责任单位: 'Responsible unit', 开始: 'Start', 结束: 'End', '金额(元)': 'Amount (yuan)', 细类: 'Sub-kind', 请填写责任单位: 'Enter the responsible unit', 开始日期: 'Start date', 新增措施: 'Add measure',
  // household card
  监测帮扶案件: 'Monitoring cases', 发起监测案件: 'Open a case', 暂无案件: 'No case', '时间线(每次变更均有记录)': 'Timeline (every change is recorded)',
  // timeliness
  '时效与动态清零 {region}': 'Timeliness & clearance {region}', 全国: 'national', '发现 → 入户核实': 'Clue → verification', '发现 → 认定': 'Clue → decision', '发现 → 首项帮扶措施': 'Clue → first measure', '天(中位数)': 'days (median)',
  '中位数 {median} 天 · 90%分位 {p90} 天({n} 件)': 'median {median} d · 90th percentile {p90} d ({n} cases)', 暂无: 'none', 在办案件: 'Open cases', 逾期案件: 'Overdue cases', '风险未覆盖(户 / 项)': 'Uncovered risks (households / risks)',
  '动态清零(监测户 {n})': 'Dynamic clearance ({n} monitored)', 各环节逾期: 'Overdue by step', 逾期件数: 'Overdue', '下级区域(点击名称下钻)': 'Child regions (click to drill down)', 区域: 'Region', 在办: 'Open', 逾期: 'Overdue',
  '发现→核实(中位/90%)': 'Clue→verification (median/p90)', '发现→认定(中位/90%)': 'Clue→decision (median/p90)', '发现→首项措施(中位/90%)': 'Clue→first measure (median/p90)', '风险未覆盖(户)': 'Uncovered (households)', 动态清零: 'Clearance',
  '动态清零:监测户中已落实帮扶措施、每项风险均有对应措施且无逾期案件的比例(截至 {date})。': 'Dynamic clearance: share of monitored households with a measure in place, every risk covered and no overdue case (as of {date}).',
};

/** The translator of the workflow pages in the current language. */
export function useTr(): (zh: string, vars?: Record<string, string | number>) => string {
  const { lang } = useI18n();
  return useCallback(
    (zh: string, vars?: Record<string, string | number>) => {
      const text = lang === 'zh' ? zh : (EN[zh] ?? zh);
      return vars ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole)) : text;
    },
    [lang],
  );
}
