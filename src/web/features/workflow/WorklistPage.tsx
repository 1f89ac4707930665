/**
 * Worklist (`/workflow`): what the user's level may do, earliest due first, overdue in red with why; a
 * tab of every overdue case; a tab of every procedure (项目库, 公益性岗位, 雨露计划, 积分, 资产处置 and the
 * monitoring cases, from /procedure-worklist and /procedure-overdue); and the form that opens a case from a risk clue (household id, where the
 * clue came from, its reference and date).
 */
import { mayDoStep } from './may-act';
import { useState } from 'react';
import { App, Button, Card, Flex, Form, Input, Select, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { CASE_KIND_ZH, CASE_ORIGINS, CASE_ORIGIN_ZH, CASE_STATE_ZH, type WorkItemDto } from '../../../shared/workflow';
import type { ProcedureWorkItemDto } from '../../../shared/procedure';
import { getAllWork } from '../procedures/api';
import { useApi } from '../../api/use-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { getOverdue, getWorklist, openCase, todayIso } from './api';
import { useTr } from './i18n';
import { RegionName } from '../../components/RegionName';
import { HouseholdPicker } from '../../components/HouseholdPicker';
import { RegionCascader } from '../../components/RegionCascader';
import { useSession } from '../accounts/session';

const columnsOf = (tr: (zh: string) => string, mayDo: (w: WorkItemDto) => boolean): ColumnsType<WorkItemDto> => [
  { key: 'case', title: tr('案件'), render: (_: unknown, w) => <Link to={`/workflow/cases/${w.caseId}`} data-testid={`work-${w.caseId}`}>#{w.caseId} {tr(CASE_KIND_ZH[w.kind])}</Link> },
  { key: 'household', title: tr('农户'), render: (_: unknown, w) => <Link to={`/households/${w.householdId}`}>{w.headName}({w.householdNo})</Link> },
  { key: 'village', dataIndex: 'villageCode', title: tr('村'), render: (v: string) => <RegionName code={v} /> },
  { key: 'state', title: tr('状态'), render: (_: unknown, w) => <><Tag>{tr(CASE_STATE_ZH[w.state])}</Tag>{w.step && !mayDo(w) ? <Tag color="default" data-testid="view-only">{tr('仅查看')}</Tag> : null}</> },
  { key: 'due', dataIndex: 'due', title: tr('应完成日期') },
  { key: 'why', title: tr('事由'), render: (_: unknown, w) => <Typography.Text type={w.overdue ? 'danger' : undefined}>{w.why}</Typography.Text> },
];

const allColumnsOf = (tr: (zh: string) => string): ColumnsType<ProcedureWorkItemDto> => [
  { key: 'procedure', dataIndex: 'procedureTitle', title: tr('程序') },
  { key: 'item', title: tr('事项'), render: (_: unknown, w) => <Link to={w.link} data-testid={`all-${w.procedure}-${w.recordId}`}>#{w.recordId} {w.title}</Link> },
  { key: 'region', dataIndex: 'regionCode', title: tr('区划') },
  { key: 'step', dataIndex: 'stepTitle', title: tr('环节') },
  { key: 'due', dataIndex: 'due', title: tr('应完成日期') },
  { key: 'why', title: tr('事由'), render: (_: unknown, w) => <Typography.Text type={w.overdue ? 'danger' : undefined}>{w.why}</Typography.Text> },
];

/** The worklist page. */
export default function WorklistPage() {
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? undefined;
  const work = useApi((s) => getWorklist(region, s), [region]);
  const overdue = useApi((s) => getOverdue(region, s), [region]);
  const all = useApi((s) => getAllWork(region, false, s), [region]);
  const allOverdue = useApi((s) => getAllWork(region, true, s), [region]);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const initialHousehold = params.get('household');
  const tr = useTr();
  const { user } = useSession();
  // a step the user may not do (permission or level) is marked, not offered (issue 16)
  const columns = columnsOf(tr, (w) => mayDoStep(user, w.levels));
  const allColumns = allColumnsOf(tr);

  async function submit(v: { householdId: number; origin: string; sourceRef?: string; clueDate: string; note?: string }) {
    setBusy(true);
    try {
      const c = await openCase({ ...v, sourceRef: v.sourceRef || null, note: v.note ?? '' });
      message.success(tr('已发起案件 #{id}', { id: c.id }));
      navigate(`/workflow/cases/${c.id}`);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Flex vertical gap={16} data-testid="worklist-page">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>{tr('监测帮扶 · 待办')}</Typography.Title>
        <Flex gap={8} wrap>
          <RegionCascader value={region} onChange={(v) => setParams(v ? { region: v } : {})} testId="worklist-region" width={220} />
          <Link to={`/workflow/timeliness${region ? `?region=${region}` : ''}`}><Button data-testid="to-timeliness">{tr('时效与动态清零')}</Button></Link>
        </Flex>
      </Flex>
      <Card size="small" title={tr('由风险线索发起案件')}>
        <Form form={form} layout="inline" onFinish={submit} initialValues={{ origin: 'grassrootsScreening', clueDate: todayIso(), householdId: initialHousehold ? Number(initialHousehold) : undefined }}>
          <Form.Item name="householdId" label={tr('农户')} rules={[{ required: true, message: tr('请选择农户') }]}>
            <HouseholdPicker testId="open-household" onPicked={(h) => {
              // a household flagged by this system's screening: the clue came from the screening (issue 16)
              if (h?.flaggedRules.length) form.setFieldsValue({ origin: 'screening', sourceRef: `screening:${h.flaggedRules.join(',')}` });
            }} />
          </Form.Item>
          <Form.Item name="origin" label={tr('线索来源')}><Select style={{ width: 200 }} options={CASE_ORIGINS.map((o) => ({ value: o, label: tr(CASE_ORIGIN_ZH[o]) }))} /></Form.Item>
          <Form.Item name="sourceRef" label={tr('线索编号')}><Input placeholder="如 clue:123" style={{ width: 140 }} /></Form.Item>
          <Form.Item name="clueDate" label={tr('发现日期')} rules={[{ required: true }]}><Input type="date" data-testid="open-clue-date" /></Form.Item>
          <Form.Item name="note" label={tr('说明')}><Input style={{ width: 200 }} /></Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="open-submit">{tr('发起')}</Button>
        </Form>
      </Card>
      <Tabs
        items={[
          { key: 'todo', label: tr('我的待办({n})', { n: work.data?.length ?? '…' }), children: work.error ? <ErrorAlert error={work.error} onRetry={work.reload} /> : <Table scroll={{ x: 'max-content' }} rowKey="caseId" size="small" loading={work.loading} columns={columns} dataSource={work.data ?? []} pagination={{ pageSize: 50 }} onRow={(w) => (w.overdue ? { style: { background: '#fff2f0' } } : {})} /> },
          { key: 'overdue', label: tr('逾期({n})', { n: overdue.data?.length ?? '…' }), children: overdue.error ? <ErrorAlert error={overdue.error} /> : <Table scroll={{ x: 'max-content' }} rowKey="caseId" size="small" loading={overdue.loading} columns={columns} dataSource={overdue.data ?? []} pagination={{ pageSize: 50 }} /> },
          {
            key: 'all', label: <span data-testid="tab-all-procedures">{tr('全部程序({n})', { n: all.data?.length ?? '…' })}</span>,
            children: all.error ? <ErrorAlert error={all.error} /> : <Table rowKey={(w) => `${w.procedure}:${w.recordId}:${w.step ?? ''}`} size="small" loading={all.loading} columns={allColumns} dataSource={all.data ?? []} pagination={{ pageSize: 50 }} scroll={{ x: true }} onRow={(w) => (w.overdue ? { style: { background: '#fff2f0' } } : {})} />,
          },
          {
            key: 'allOverdue', label: tr('全部程序逾期({n})', { n: allOverdue.data?.length ?? '…' }),
            children: allOverdue.error ? <ErrorAlert error={allOverdue.error} /> : <Table rowKey={(w) => `${w.procedure}:${w.recordId}:${w.step ?? ''}`} size="small" loading={allOverdue.loading} columns={allColumns} dataSource={allOverdue.data ?? []} pagination={{ pageSize: 50 }} scroll={{ x: true }} />,
          },
        ]}
      />
    </Flex>
  );
}
