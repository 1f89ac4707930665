/**
 * Procedures (`/procedures`): every approval chain the engine runs (data/procedures/*.json and the
 * monitoring procedures), each with its steps, who acts, the time allowed, the notice rule and the policy
 * source (project choices marked); the records of every procedure in the user's region; and the form that
 * opens a record (procedure, subject id, title, region, start date).
 */
import { useState } from 'react';
import { App, Button, Card, Collapse, Flex, Form, Input, Select, Table, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { ProcedureDto } from '../../../shared/procedure';
import { useApi } from '../../api/use-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { todayIso } from '../workflow/api';
import { useTr } from '../workflow/i18n';
import { getProcedures, getRecords, openRecord } from './api';

const LEVEL_ZH: Record<string, string> = { village: '村', township: '乡镇', county: '县', prefecture: '市', province: '省' };

/** The steps of one procedure as a table. */
function StepsTable({ p }: { p: ProcedureDto }) {
  const tr = useTr();
  return (
    <div style={{ overflowX: 'auto' }}>
      <Table
        rowKey="id" size="small" pagination={false} dataSource={p.steps}
        columns={[
          { key: 'title', title: tr('环节'), render: (_: unknown, s) => <>{s.title}{s.notice ? <Tag color="blue" style={{ marginLeft: 4 }}>{tr('公示')}</Tag> : null}</> },
          { key: 'levels', title: tr('办理层级'), render: (_: unknown, s) => s.levels.map((l) => LEVEL_ZH[l] ?? l).join('、') + (s.roles.length ? `(${s.roles.join('、')})` : '') },
          { key: 'limit', title: tr('时限'), render: (_: unknown, s) => s.limit ? <>{s.limit.days} {s.limit.unit === 'working' ? '工作日' : '天'}{s.limit.projectChoice ? <Tag style={{ marginLeft: 4 }}>{tr('项目假设')}</Tag> : null}</> : tr('无规定时限') },
          { key: 'notice', title: tr('公示期'), render: (_: unknown, s) => s.notice ? (s.notice.minDays ? `≥ ${s.notice.minDays} 天` : tr('未找到期限')) : '' },
          { key: 'actions', title: tr('操作'), render: (_: unknown, s) => s.actions.map((a) => a.title).join(' / ') },
          { key: 'source', title: tr('依据'), render: (_: unknown, s) => <Typography.Text type="secondary" style={{ fontSize: 12 }}>{s.source}</Typography.Text> },
        ]}
      />
    </div>
  );
}

/** The procedures page. */
export default function ProceduresPage() {
  const tr = useTr();
  const procs = useApi((s) => getProcedures(s), []);
  const records = useApi((s) => getRecords(null, undefined, s), []);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const openable = (procs.data ?? []).filter((p) => !p.name.startsWith('monitoring-'));

  async function submit(v: { procedure: string; subjectId: string; title: string; regionCode: string; startedOn: string }) {
    setBusy(true);
    try {
      const r = await openRecord(v.procedure, { subjectId: v.subjectId, title: v.title, regionCode: v.regionCode, startedOn: v.startedOn });
      message.success(tr('已发起记录 #{id}', { id: r.id }));
      navigate(`/procedures/records/${r.id}`);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Flex vertical gap={16} data-testid="procedures-page">
      <Typography.Title level={3} style={{ margin: 0 }}>{tr('审批程序')}</Typography.Title>
      {procs.error ? <ErrorAlert error={procs.error} onRetry={procs.reload} /> : (
        <Collapse
          data-testid="procedure-list"
          items={(procs.data ?? []).map((p) => ({
            key: p.name,
            label: <span data-testid={`procedure-${p.name}`}>{p.title} <Typography.Text type="secondary">({p.name} v{p.version})</Typography.Text></span>,
            children: (
              <Flex vertical gap={8}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{tr('依据')}:{p.source}</Typography.Text>
                {p.projectChoices ? <Typography.Text type="warning" style={{ fontSize: 12 }}>{tr('项目选择')}:{p.projectChoices}</Typography.Text> : null}
                <StepsTable p={p} />
                <Typography.Text style={{ fontSize: 12 }}>{tr('结果')}:{p.ends.map((e) => e.title).join('、')}{p.provinces.length ? `;${tr('省级覆盖')}:${p.provinces.map((x) => x.code).join('、')}` : ''}</Typography.Text>
              </Flex>
            ),
          }))}
        />
      )}
      <Card size="small" title={tr('发起程序记录')}>
        <Form layout="inline" onFinish={submit} initialValues={{ startedOn: todayIso() }}>
          <Form.Item name="procedure" label={tr('程序')} rules={[{ required: true, message: tr('请选择程序') }]}><Select style={{ width: 220 }} data-testid="open-procedure" options={openable.map((p) => ({ value: p.name, label: p.title }))} /></Form.Item>
          <Form.Item name="subjectId" label={tr('对象编号')} rules={[{ required: true }]}><Input style={{ width: 140 }} data-testid="open-subject" /></Form.Item>
          <Form.Item name="title" label={tr('名称')} rules={[{ required: true }]}><Input style={{ width: 200 }} data-testid="open-title" /></Form.Item>
          <Form.Item name="regionCode" label={tr('区划代码')} rules={[{ required: true }]}><Input style={{ width: 150 }} data-testid="open-region" /></Form.Item>
          <Form.Item name="startedOn" label={tr('申报日期')} rules={[{ required: true }]}><Input type="date" /></Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="open-record">{tr('发起')}</Button>
        </Form>
      </Card>
      <Card size="small" title={tr('程序记录')}>
        {records.error ? <ErrorAlert error={records.error} /> : (
          <div style={{ overflowX: 'auto' }}>
            <Table
              rowKey="id" size="small" loading={records.loading} dataSource={records.data ?? []} pagination={{ pageSize: 50 }}
              columns={[
                { key: 'id', title: '#', render: (_: unknown, r) => <Link to={`/procedures/records/${r.id}`} data-testid={`record-${r.id}`}>#{r.id}</Link> },
                { key: 'procedure', dataIndex: 'procedureTitle', title: tr('程序') },
                { key: 'title', dataIndex: 'title', title: tr('名称') },
                { key: 'region', dataIndex: 'regionCode', title: tr('区划') },
                { key: 'state', title: tr('状态'), render: (_: unknown, r) => <Tag color={r.outcome === 'positive' ? 'green' : r.outcome === 'negative' ? 'default' : r.overdue ? 'red' : 'blue'}>{r.stateTitle}</Tag> },
                { key: 'due', dataIndex: 'stepDue', title: tr('应完成日期') },
              ]}
            />
          </div>
        )}
      </Card>
    </Flex>
  );
}
