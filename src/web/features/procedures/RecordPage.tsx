/**
 * A record of any procedure (`/procedures/records/:id`): its state, the step awaited (who acts, due date,
 * source), the form to do an action of that step (date, reason when the action needs one), the notice of a
 * notice step (posting form, then the notice card), and the append-only events.
 */
import { App, Button, Card, Descriptions, Flex, Form, Input, InputNumber, Select, Table, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import type { ProcedureRecordDto } from '../../../shared/procedure';
import { useApi } from '../../api/use-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { todayIso } from '../workflow/api';
import { useTr } from '../workflow/i18n';
import { actOnRecord, getRecord, linesToRows, postRecordNotice } from './api';
import { NoticeCard } from './NoticeCard';

const LEVEL_ZH: Record<string, string> = { village: '村', township: '乡镇', county: '县', prefecture: '市', province: '省' };

/** The form of the step awaited. */
function ActForm({ r, onDone }: { r: ProcedureRecordDto; onDone: () => void }) {
  const tr = useTr();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const actionId = Form.useWatch('action', form) as string | undefined;
  const needsReason = r.awaiting?.actions.find((a) => a.id === actionId)?.reasonRequired ?? false;
  async function submit(v: { action: string; performedOn: string; reason?: string; note?: string }) {
    try {
      await actOnRecord(r.id, { version: r.version, step: r.awaiting!.id, action: v.action, performedOn: v.performedOn, reason: v.reason || null, note: v.note ?? '' });
      message.success(tr('已办理'));
      onDone();
    } catch (e) {
      message.error((e as Error).message);
    }
  }
  return (
    <Form form={form} layout="inline" onFinish={submit} initialValues={{ performedOn: todayIso(), action: r.awaiting!.actions[0]?.id }} data-testid="act-form">
      <Form.Item name="action" label={tr('操作')}><Select style={{ width: 200 }} data-testid="act-action" options={r.awaiting!.actions.map((a) => ({ value: a.id, label: a.title }))} /></Form.Item>
      <Form.Item name="performedOn" label={tr('办理日期')} rules={[{ required: true }]}><Input type="date" data-testid="act-date" /></Form.Item>
      <Form.Item name="reason" label={tr('理由')} rules={[{ required: needsReason, message: tr('请填写理由') }]}><Input style={{ width: 200 }} data-testid="act-reason" /></Form.Item>
      <Form.Item name="note" label={tr('说明')}><Input style={{ width: 160 }} /></Form.Item>
      <Button type="primary" htmlType="submit" data-testid="act-submit">{tr('提交')}</Button>
    </Form>
  );
}

/** Posting form of a notice step: one line per row (name and note, separated by a tab or comma). */
function PostNoticeForm({ r, onDone }: { r: ProcedureRecordDto; onDone: () => void }) {
  const tr = useTr();
  const { message } = App.useApp();
  async function submit(v: { title: string; postedOn: string; days: number; intro?: string; lines: string; issuer: string; objectionsTo: string }) {
    const rows = linesToRows(v.lines, 'name');
    try {
      await postRecordNotice(r.id, { version: r.version, title: v.title, postedOn: v.postedOn, days: v.days, intro: v.intro ?? '', columns: [{ key: 'name', title: '名称' }, { key: 'note', title: '说明' }], rows, issuer: v.issuer, objectionsTo: v.objectionsTo });
      message.success(tr('已张贴公示'));
      onDone();
    } catch (e) {
      message.error((e as Error).message);
    }
  }
  return (
    <Card size="small" title={tr('张贴公示')}>
      <Form layout="vertical" onFinish={submit} initialValues={{ postedOn: todayIso(), title: `${r.title}公示`, lines: r.title }} data-testid="post-notice-form">
        <Flex gap={8} wrap>
          <Form.Item name="title" label={tr('标题')} rules={[{ required: true }]}><Input style={{ width: 260 }} /></Form.Item>
          <Form.Item name="postedOn" label={tr('张贴日期')} rules={[{ required: true }]}><Input type="date" data-testid="notice-posted-on" /></Form.Item>
          <Form.Item name="days" label={tr('公示天数')} rules={[{ required: true }]}><InputNumber min={1} max={90} data-testid="notice-days" /></Form.Item>
        </Flex>
        <Form.Item name="intro" label={tr('说明')}><Input.TextArea rows={2} /></Form.Item>
        <Form.Item name="lines" label={tr('公示名单(每行一项:名称,说明;不得含身份证、电话、银行、健康信息)')} rules={[{ required: true }]}><Input.TextArea rows={4} /></Form.Item>
        <Flex gap={8} wrap>
          <Form.Item name="issuer" label={tr('发布单位')} rules={[{ required: true }]}><Input style={{ width: 220 }} data-testid="notice-issuer" /></Form.Item>
          <Form.Item name="objectionsTo" label={tr('异议受理')} rules={[{ required: true }]}><Input style={{ width: 220 }} data-testid="notice-objections-to" /></Form.Item>
        </Flex>
        <Button type="primary" htmlType="submit" data-testid="post-notice">{tr('张贴')}</Button>
      </Form>
    </Card>
  );
}

/** The record page. */
export default function RecordPage() {
  const { id } = useParams();
  const tr = useTr();
  const rec = useApi((s) => getRecord(id!, s), [id]);
  if (rec.error) return <ErrorAlert error={rec.error} onRetry={rec.reload} />;
  if (!rec.data) return <Loading />;
  const r = rec.data;
  const a = r.awaiting;
  const noticePosted = r.notice?.status === 'posted';
  return (
    <Flex vertical gap={16} data-testid="record-page">
      <Typography.Title level={3} style={{ margin: 0 }}>#{r.id} {r.title}</Typography.Title>
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }} items={[
        { key: 'p', label: tr('程序'), children: `${r.procedureTitle}(${r.procedure} v${r.procedureVersion})` },
        { key: 's', label: tr('状态'), children: <Tag color={r.outcome === 'positive' ? 'green' : r.overdue ? 'red' : 'blue'} data-testid="record-state" data-state={r.state}>{r.stateTitle}</Tag> },
        { key: 'sub', label: tr('对象'), children: `${r.subjectKind} ${r.subjectId}` },
        { key: 'region', label: tr('区划'), children: r.regionCode },
        { key: 'start', label: tr('申报日期'), children: r.startedOn },
        { key: 'due', label: tr('环节应完成'), children: r.stepDue ?? (a ? tr('无规定时限') : '') },
        ...(r.closedOn ? [{ key: 'closed', label: tr('办结日期'), children: r.closedOn }] : []),
      ]} />
      {a ? (
        <Card size="small" title={`${tr('当前环节')}:${a.title}(${a.levels.map((l) => LEVEL_ZH[l] ?? l).join('或')}级办理)`}>
          <Flex vertical gap={8}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{tr('依据')}:{a.source}</Typography.Text>
            {a.notice && !noticePosted ? <PostNoticeForm r={r} onDone={rec.reload} /> : null}
            <ActForm key={`${a.id}:${r.version}`} r={r} onDone={rec.reload} />
          </Flex>
        </Card>
      ) : null}
      {r.notice ? <NoticeCard n={r.notice} onChange={rec.reload} /> : null}
      <Card size="small" title={tr('办理记录(只增不改)')}>
        <div style={{ overflowX: 'auto' }}>
          <Table rowKey="id" size="small" pagination={false} dataSource={r.events} columns={[
            { key: 'on', dataIndex: 'onDate', title: tr('日期') },
            { key: 'actor', render: (_: unknown, e) => `${e.actor}(${LEVEL_ZH[e.actorLevel] ?? e.actorLevel})`, title: tr('办理人') },
            { key: 'what', render: (_: unknown, e) => String(e.details.actionTitle ?? e.action), title: tr('操作') },
            { key: 'to', dataIndex: 'toStateTitle', title: tr('之后') },
            { key: 'reason', dataIndex: 'reason', title: tr('理由') },
          ]} />
        </div>
      </Card>
    </Flex>
  );
}
