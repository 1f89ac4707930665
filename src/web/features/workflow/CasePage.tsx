/**
 * Case page (`/workflow/cases/:id`): the state, due dates (overdue in red), the form of the step awaited
 * (the server checks order, level, dates and version and answers with the reason when it refuses), the
 * village notice (post, objections, close, print), attachments, the steps done, the household's measures
 * and the case timeline.
 */
import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Checkbox, Descriptions, Flex, Form, Input, InputNumber, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { can, useSession } from '../accounts/session';
import { mayDoStep } from './may-act';
import { MONITORED_CATEGORIES, RISK_TYPES } from '../../../shared/enums';
import {
  CASE_KIND_ZH, CASE_ORIGIN_ZH, CASE_STATE_ZH, ELIMINATION_MODE_ZH, WORKFLOW_STEP_ZH,
  type CaseDto, type CaseStepDto,
} from '../../../shared/workflow';
import { useApi } from '../../api/use-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { caseAction, getCase, noticeUrl, openCase, recordStep, todayIso, uploadAttachment } from './api';
import { MeasuresPanel } from './MeasuresPanel';
import { EventTimeline } from './Timeline';
import { useTr } from './i18n';
import { useI18n } from '../../i18n';

const LEVEL_ZH: Record<string, string> = { village: '村', township: '乡镇', county: '县' };

/** The case page. */
export default function CasePage() {
  const { id } = useParams();
  const state = useApi((s) => getCase(id ?? '', s), [id], id !== undefined);
  if (state.error) return <ErrorAlert error={state.error} onRetry={state.reload} />;
  if (!state.data) return <Loading minHeight={320} />;
  return <CaseView c={state.data} reload={state.reload} />;
}

function CaseView({ c, reload }: { c: CaseDto; reload: () => void }) {
  const tr = useTr();
  const { label } = useI18n();
  return (
    <Flex vertical gap={16} data-testid="case-page" data-state={c.state}>
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          title={
            <Space>
              <span>{tr('案件 #{id} · {kind}', { id: c.id, kind: tr(CASE_KIND_ZH[c.kind]) })}</span>
              <Tag color={c.state === 'enrolled' || c.state === 'eliminated' ? 'green' : c.currentStep ? 'blue' : 'default'} data-testid="case-state">{tr(CASE_STATE_ZH[c.state])}</Tag>
              {c.overdue ? <Tag color="red">{tr('已逾期')}</Tag> : null}
            </Space>
          }
          items={[
            { key: 'h', label: tr('农户'), children: <Link to={`/households/${c.householdId}`}>{c.headName}({c.householdNo})</Link> },
            { key: 'v', label: tr('村'), children: c.villageName },
            { key: 'o', label: tr('线索来源'), children: `${tr(CASE_ORIGIN_ZH[c.origin])}${c.sourceRef ? ` · ${c.sourceRef}` : ''}` },
            { key: 'clue', label: tr('发现日期'), children: c.clueDate },
            { key: 'step', label: tr('当前环节'), children: c.currentStep ? tr('{step}({levels}级办理)', { step: tr(WORKFLOW_STEP_ZH[c.currentStep]), levels: c.currentLevels.map((l) => tr(LEVEL_ZH[l] ?? l)).join(tr('或')) }) : tr('已办结') },
            { key: 'due', label: tr('环节应完成'), children: c.stepDue ? <Typography.Text type={c.overdue ? 'danger' : undefined}>{c.stepDue}</Typography.Text> : '—' },
            { key: 'dd', label: tr('认定应完成'), children: c.decisionDue ?? '—' },
            { key: 'dec', label: tr('认定日期'), children: c.decidedOn ?? '—' },
            ...(c.category ? [{ key: 'cat', label: tr('监测对象类别'), children: label('monitoredCategory', c.category) }] : []),
            ...(c.riskTypes.length ? [{ key: 'risk', label: tr('风险类型'), children: c.riskTypes.map((r) => label('riskType', r)).join('、') }] : []),
            ...(c.eliminationMode ? [{ key: 'mode', label: tr('消除方式'), children: tr(ELIMINATION_MODE_ZH[c.eliminationMode]) }] : []),
            ...(c.reason ? [{ key: 'reason', label: tr('理由'), children: c.reason }] : []),
          ]}
        />
      </Card>
      <MayActCard c={c} reload={reload} />
      {c.notice ? <NoticeCard c={c} reload={reload} /> : null}
      <AttachmentsCard c={c} reload={reload} />
      <Card size="small" title={tr('已办环节')}>
        <Table<CaseStepDto> scroll={{ x: 'max-content' }}
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={c.steps}
          columns={[
            { key: 'step', title: tr('环节'), render: (_: unknown, s) => tr(WORKFLOW_STEP_ZH[s.step]) },
            { key: 'on', dataIndex: 'performedOn', title: tr('办理日期') },
            { key: 'who', title: tr('办理人'), render: (_: unknown, s) => `${s.actor}(${tr(LEVEL_ZH[s.actorLevel] ?? s.actorLevel)})` },
            { key: 'outcome', dataIndex: 'outcome', title: tr('结果') },
            { key: 'findings', title: tr('发现'), render: (_: unknown, s) => String(s.findings.findings ?? '') },
            { key: 'att', title: tr('附件'), render: (_: unknown, s) => (s.attachmentIds.length ? s.attachmentIds.map((a) => `#${a}`).join(' ') : '—') },
          ]}
        />
      </Card>
      {c.kind === 'identification' && c.state === 'enrolled' ? <MeasuresPanel householdId={c.householdId} onChange={reload} /> : null}
      <Card size="small" title={tr('案件时间线')}><EventTimeline events={c.events} /></Card>
    </Flex>
  );
}

/** Runs a write; shows the server's reason when it refuses. */
function useSubmit(reload: () => void) {
  const { message } = App.useApp();
  const tr = useTr();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (fn: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      message.success(tr(done));
      reload();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

const dateItemOf = (tr: (zh: string) => string) => (name = 'performedOn', label = '办理日期') => (
  <Form.Item name={name} label={tr(label)} rules={[{ required: true, message: tr('请填写日期') }]}><Input type="date" data-testid="step-date" /></Form.Item>
);
const findingsItemOf = (tr: (zh: string) => string) => <Form.Item name="findings" label={tr('情况记录')}><Input.TextArea rows={2} data-testid="step-findings" /></Form.Item>;

/**
 * The step form only for a user who may do the step (issue 16: the worklist led users to steps that
 * answered 403): the permission (case.process; case.rollback for a rollback) and one of the step's levels.
 * Others see who does it. An enrolled household's case offers to start 风险消除 (case.open).
 */
function MayActCard({ c, reload }: { c: CaseDto; reload: () => void }) {
  const { user } = useSession();
  const tr = useTr();
  if (c.state === 'enrolled') return <StartEliminationCard c={c} />;
  const rollback = c.state === 'eliminated';
  const levels = rollback ? ['county'] : c.currentLevels;
  const allowed = mayDoStep(user, levels, rollback ? 'case.rollback' : 'case.process');
  if (!c.currentStep && !rollback) return <ActionCard key={`${c.id}-${c.version}`} c={c} reload={reload} />;
  if (allowed) return <ActionCard key={`${c.id}-${c.version}`} c={c} reload={reload} />;
  return (
    <Alert type="info" showIcon data-testid="step-not-yours"
      title={tr('此环节由{levels}级办理;您可以查看,不能办理', { levels: levels.map((l) => tr(LEVEL_ZH[l] ?? l)).join(tr('或')) })} />
  );
}

/** Starts an elimination case (风险消除) for the household of an enrolled case. */
function StartEliminationCard({ c }: { c: CaseDto }) {
  const { user } = useSession();
  const tr = useTr();
  const navigate = useNavigate();
  const { busy, error, run } = useSubmit(() => {});
  if (!can(user, 'case.open')) return null;
  const start = (v: { clueDate: string; note?: string }) =>
    run(async () => {
      const k = await openCase({ householdId: c.householdId, kind: 'elimination', origin: 'grassrootsScreening', clueDate: v.clueDate, note: v.note ?? '' });
      navigate(`/workflow/cases/${k.id}`);
    }, '已发起风险消除');
  return (
    <Card size="small" title={tr('发起风险消除')} data-testid="start-elimination">
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form layout="inline" initialValues={{ clueDate: todayIso() }} onFinish={(v) => void start(v as { clueDate: string; note?: string })} style={{ rowGap: 8 }}>
        <Form.Item name="clueDate" label={tr('发起日期')} rules={[{ required: true }]}><Input type="date" /></Form.Item>
        <Form.Item name="note" label={tr('说明')}><Input placeholder={tr('如:收入稳定超过监测范围')} /></Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="start-elimination-submit">{tr('发起风险消除')}</Button>
      </Form>
    </Card>
  );
}

function ActionCard({ c, reload }: { c: CaseDto; reload: () => void }) {
  const { busy, error, run } = useSubmit(reload);
  const tr = useTr();
  const { label } = useI18n();
  const dateItem = dateItemOf(tr);
  const findingsItem = findingsItemOf(tr);
  const [form] = Form.useForm();
  const step = c.currentStep;
  const attachmentOptions = c.attachments.map((a) => ({ value: a.id, label: `#${a.id} ${a.fileName}` }));
  const submitStep = (values: Record<string, unknown>) => run(() => recordStep(c.id, step!, { version: c.version, ...values }), '已办理');
  let body: ReactNode = null;
  let onFinish = submitStep;
  const init: Record<string, unknown> = { performedOn: todayIso() };

  switch (c.state) {
    case 'verification':
      Object.assign(init, { consentSigned: false, riskFound: true });
      body = (
        <>
          {dateItem()}
          <Form.Item name="consentSigned" valuePropName="checked"><Checkbox data-testid="consent">{tr('农户已签字承诺授权')}</Checkbox></Form.Item>
          <Form.Item name="riskFound" label={tr('核实结论')}><Radio.Group options={[{ value: true, label: tr('存在风险') }, { value: false, label: tr('未发现风险') }]} /></Form.Item>
          <Form.Item name="reason" label={tr('未发现风险的理由')}><Input /></Form.Item>
          {findingsItem}
          <Form.Item name="attachmentIds" label={tr('附件')}><Select mode="multiple" options={attachmentOptions} style={{ minWidth: 200 }} /></Form.Item>
        </>
      );
      break;
    case 'comparison':
      body = (
        <>
          {dateItem()}
          {(['deposits', 'vehicles', 'housing', 'businessRegistration'] as const).map((f) => (
            <Form.Item key={f} name={f} label={tr({ deposits: '存款', vehicles: '车辆', housing: '房产', businessRegistration: '工商注册' }[f])}><Input /></Form.Item>
          ))}
          {findingsItem}
        </>
      );
      break;
    case 'assessment':
      Object.assign(init, { mode: 'assistance' });
      body = (
        <>
          {c.assessment ? (
            <Table scroll={{ x: 'max-content' }}
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={c.assessment.criteria}
              columns={[
                { key: 'l', dataIndex: 'label', title: tr('条件') },
                { key: 'm', title: tr('满足'), render: (_: unknown, x: { met: boolean }) => (x.met ? <Tag color="green">{tr('是')}</Tag> : <Tag color="red">{tr('否')}</Tag>) },
                { key: 'e', dataIndex: 'evidence', title: tr('依据') },
              ]}
              style={{ width: '100%' }}
            />
          ) : null}
          {dateItem()}
          <Form.Item name="mode" label={tr('消除方式')}><Radio.Group options={[{ value: 'assistance', label: tr('帮扶消除') }, { value: 'natural', label: tr('自然消除') }]} /></Form.Item>
          {findingsItem}
        </>
      );
      break;
    case 'villageReview':
    case 'townshipReview':
    case 'countyApproval': {
      const key = c.state === 'villageReview' ? 'agreed' : 'approved';
      init[key] = true;
      body = (
        <>
          {dateItem()}
          <Form.Item name={key} label={tr('结论')}><Radio.Group data-testid="step-verdict" options={[{ value: true, label: tr('通过') }, { value: false, label: tr('不通过') }]} /></Form.Item>
          {c.state === 'countyApproval' && c.kind === 'identification' ? (
            <>
              <Form.Item name="category" label={tr('监测对象类别')}><Select data-testid="step-category" style={{ width: 220 }} options={MONITORED_CATEGORIES.map((m) => ({ value: m, label: label('monitoredCategory', m) }))} /></Form.Item>
              <Form.Item name="riskTypes" label={tr('风险类型')}><Select data-testid="step-risks" mode="multiple" style={{ minWidth: 220 }} options={RISK_TYPES.map((r) => ({ value: r, label: label('riskType', r) }))} /></Form.Item>
            </>
          ) : null}
          <Form.Item name="reason" label={tr('理由')}><Input /></Form.Item>
          {findingsItem}
        </>
      );
      break;
    }
    case 'notice':
      if (!c.notice || c.notice.status !== 'posted') {
        Object.assign(init, { postedOn: todayIso(), days: 5 });
        onFinish = (v) => run(() => caseAction(c.id, 'notice', { version: c.version, ...v }), '已张贴公示');
        body = (
          <>
            {dateItem('postedOn', '张贴日期')}
            <Form.Item name="days" label={tr('公示天数(不少于5天)')}><InputNumber min={1} max={60} data-testid="notice-days" /></Form.Item>
            <a href={noticeUrl(c.id)} target="_blank" rel="noreferrer" data-testid="notice-print">{tr('预览并打印公示')}</a>
          </>
        );
      } else {
        Object.assign(init, { closedOn: todayIso() });
        onFinish = (v) => run(() => caseAction(c.id, 'notice/close', { version: c.version, ...v }), '已结束公示');
        body = (
          <>
            <Typography.Text>{tr('公示期 {from} 至 {to},期满次日起可结束。', { from: c.notice.postedOn, to: c.notice.endsOn })}</Typography.Text>
            {dateItem('closedOn', '结束日期')}
          </>
        );
      }
      break;
    case 'announcement':
      body = <>{dateItem()}{findingsItem}</>;
      break;
    case 'eliminated':
      Object.assign(init, { performedOn: todayIso() });
      onFinish = (v) => run(() => caseAction(c.id, 'rollback', { version: c.version, ...v }), '已回退风险消除标注');
      body = (
        <>
          {dateItem()}
          <Form.Item name="reason" label={tr('回退理由')} rules={[{ required: true, message: tr('请填写理由') }]}><Input /></Form.Item>
        </>
      );
      break;
    case 'enrolled':
    case 'notEnrolled':
    case 'notEliminated':
    case 'rolledBack':
      return null;
    default: {
      const never: never = c.state;
      return <Alert type="error" title={`未知状态 ${String(never)}`} />;
    }
  }
  const title = c.state === 'eliminated' ? tr('回退风险消除标注(县级)') : tr('办理:{step}', { step: step ? tr(WORKFLOW_STEP_ZH[step]) : '' });
  return (
    <Card size="small" title={title} data-testid="step-form">
      {error ? <Alert type="error" showIcon title={error} data-testid="step-error" style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="inline" initialValues={init} onFinish={(v) => void onFinish(v as Record<string, unknown>)} style={{ rowGap: 8 }}>
        {body}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="step-submit">{tr('提交')}</Button>
      </Form>
    </Card>
  );
}

function NoticeCard({ c, reload }: { c: CaseDto; reload: () => void }) {
  const n = c.notice!;
  const { busy, error, run } = useSubmit(reload);
  const tr = useTr();
  return (
    <Card size="small" title={tr('公示({status})', { status: tr(n.status === 'posted' ? '公示中' : n.status === 'closed' ? '已结束' : '已撤回') })} data-testid="notice" extra={<a href={noticeUrl(c.id)} target="_blank" rel="noreferrer">{tr('打印公示')}</a>}>
      <Flex vertical gap={8}>
        <span>{tr('张贴 {posted},{days} 天,至 {ends} 止', { posted: n.postedOn, days: n.days, ends: n.endsOn })}{n.closedOn ? tr(';{closed} 结束', { closed: n.closedOn }) : ''}</span>
        {error ? <Alert type="error" title={error} /> : null}
        {n.objections.map((o) => (
          <Flex key={o.id} gap={8} align="center">
            <Tag>{tr(o.resolution === 'upheld' ? '异议成立' : o.resolution === 'dismissed' ? '异议不成立' : '待处理')}</Tag>
            {o.receivedOn} {o.summary} {o.note ? `— ${o.note}` : ''}
            {!o.resolution ? (
              <>
                <Button size="small" loading={busy} onClick={() => run(() => caseAction(c.id, `notice/objections/${o.id}/resolve`, { version: c.version, resolvedOn: todayIso(), upheld: false, note: '经核实不属实' }), '已处理')}>{tr('核实不属实')}</Button>
                <Button size="small" danger loading={busy} onClick={() => run(() => caseAction(c.id, `notice/objections/${o.id}/resolve`, { version: c.version, resolvedOn: todayIso(), upheld: true, note: '经核实属实,重新评议' }), '已处理')}>{tr('异议成立')}</Button>
              </>
            ) : null}
          </Flex>
        ))}
        {n.status === 'posted' ? (
          <Form layout="inline" onFinish={(v) => void run(() => caseAction(c.id, 'notice/objections', { version: c.version, ...v }), '已登记异议')} initialValues={{ receivedOn: todayIso() }}>
            <Form.Item name="receivedOn" label={tr('收到日期')}><Input type="date" /></Form.Item>
            <Form.Item name="summary" label={tr('异议内容')} rules={[{ required: true, message: tr('请填写异议内容') }]}><Input style={{ width: 280 }} /></Form.Item>
            <Button htmlType="submit" loading={busy}>{tr('登记异议')}</Button>
          </Form>
        ) : null}
      </Flex>
    </Card>
  );
}

function AttachmentsCard({ c, reload }: { c: CaseDto; reload: () => void }) {
  const { busy, error, run } = useSubmit(reload);
  const tr = useTr();
  async function onFile(file: File) {
    const buf = new Uint8Array(await file.arrayBuffer());
    let bin = '';
    for (let i = 0; i < buf.length; i += 0x8000) bin += String.fromCharCode(...buf.subarray(i, i + 0x8000));
    await run(() => uploadAttachment(c.id, { fileName: file.name, mimeType: file.type, contentBase64: btoa(bin) }), '已上传');
  }
  return (
    <Card size="small" title={tr('附件(照片、扫描件;JPEG/PNG/PDF,不超过 3 MiB)')} data-testid="attachments">
      {error ? <Alert type="error" title={error} style={{ marginBottom: 8 }} /> : null}
      <Flex gap={8} wrap align="center">
        {c.attachments.map((a) => (
          <a key={a.id} href={`/api/v1/cases/${c.id}/attachments/${a.id}`}>#{a.id} {a.fileName}({Math.ceil(a.sizeBytes / 1024)} KB)</a>
        ))}
        <input type="file" accept="image/jpeg,image/png,application/pdf" disabled={busy} data-testid="attachment-input" onChange={(e) => e.target.files?.[0] && void onFile(e.target.files[0])} />
      </Flex>
    </Card>
  );
}
