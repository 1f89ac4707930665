/**
 * Reporting by level (`/evaluation/reporting?period=`): the status of a reporting period per level (who
 * has not submitted), every county's report, and the approval screen: the actions the user's level may
 * take on the selected counties (county: 报送; prefecture, province: 审核通过 / 退回 with a reason; nation:
 * 锁定 / 解锁 with a reason). The server checks the level again (403 wrong_level). A county's drawer shows
 * the values it submitted and every step.
 */
import { useState } from 'react';
import { App, Button, Card, Drawer, Flex, Input, InputNumber, Modal, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useApi } from '../../api/use-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useSession } from '../accounts/session';
import { getCatalogue, getEvents, getPeriods, getPeriodStatus, getSnapshot, openPeriod, putReported, reportAction, type Period, type Submission } from './api';
import { ExportLinks } from './ExportLinks';

const LEVEL_ZH: Record<string, string> = { national: '全国', province: '省', prefecture: '市州', county: '县' };
/** Actions a level may take (data/indicators/reporting.json says the same; the server decides). */
const ACTIONS: Record<string, { action: string; label: string; reason: boolean }[]> = {
  county: [{ action: 'submit', label: '报送', reason: false }],
  prefecture: [{ action: 'approve', label: '审核通过', reason: false }, { action: 'return', label: '退回', reason: true }],
  province: [{ action: 'approve', label: '审核通过', reason: false }, { action: 'return', label: '退回', reason: true }],
  national: [{ action: 'lock', label: '锁定', reason: false }, { action: 'unlock', label: '解锁', reason: true }],
};
const STATE_COLOR: Record<string, string> = { draft: 'default', returned: 'red', submitted: 'blue', prefectureApproved: 'cyan', provinceApproved: 'geekblue', locked: 'green' };

/** Hand-reported values (填报) of a county, while its report is a draft or returned (the server refuses otherwise). */
function ReportedForm({ period, county }: { period: Period; county: Submission }) {
  const { message } = App.useApp();
  const cat = useApi((s) => getCatalogue(s), []);
  const [indicatorId, setIndicatorId] = useState<string>();
  const [value, setValue] = useState<number | null>(null);
  const reported = cat.data?.sets.find((s) => s.id === period.setId)?.indicators.filter((d) => d.reported) ?? [];
  if (!['draft', 'returned'].includes(county.state) || !reported.length) return null;
  return (
    <Space wrap style={{ marginBottom: 12 }}>
      <Select style={{ width: 220 }} placeholder="填报指标" value={indicatorId} onChange={setIndicatorId} options={reported.map((d) => ({ value: d.id, label: `${d.name}(${d.unit})` }))} />
      <InputNumber value={value} onChange={(v) => setValue(v)} style={{ width: 140 }} />
      <Button disabled={!indicatorId || value === null} onClick={async () => {
        try {
          await putReported({ set: period.setId, period: period.period, county: county.countyCode, indicatorId: indicatorId!, value: value! });
          message.success('已填报,报送时随快照提交');
        } catch (e) {
          message.error((e as Error).message);
        }
      }}>保存填报值</Button>
    </Space>
  );
}

function CountyDrawer({ period, periodId, county, onClose }: { period: Period | undefined; periodId: number; county: Submission | null; onClose: () => void }) {
  const events = useApi((s) => getEvents(periodId, county!.countyCode, s), [periodId, county?.countyCode], !!county);
  const values = useApi((s) => getSnapshot(county!.snapshotId!, county!.countyCode, s), [county?.snapshotId, county?.countyCode], !!county?.snapshotId);
  return (
    <Drawer open={!!county} onClose={onClose} title={county ? `${county.countyName} 报送记录` : ''} width={Math.min(560, window.innerWidth)}>
      {county && period ? <ReportedForm period={period} county={county} /> : null}
      {county?.snapshotId ? (
        <Table size="small" rowKey="indicatorId" pagination={false} loading={values.loading} dataSource={values.data?.values ?? []} scroll={{ x: 'max-content' }}
          columns={[{ key: 'n', dataIndex: 'indicatorName', title: '指标' }, { key: 'v', title: '报送值', align: 'right', render: (_: unknown, v) => (v.value === null ? '—' : `${v.value} ${v.unit}`) }, { key: 'o', title: '来源', render: (_: unknown, v) => (v.origin === 'reported' ? '填报' : '计算') }]} />
      ) : <Typography.Text type="secondary">尚未报送</Typography.Text>}
      <Typography.Title level={5} style={{ marginTop: 16 }}>流转</Typography.Title>
      <Timeline items={(events.data ?? []).map((e) => ({ children: `${e.at.slice(0, 16).replace('T', ' ')} ${LEVEL_ZH[e.actorLevel] ?? e.actorLevel} ${e.actor}:${e.action}${e.reason ? `(理由:${e.reason})` : ''}` }))} />
    </Drawer>
  );
}

export default function ReportingPage() {
  const { user } = useSession();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const periods = useApi((s) => getPeriods(s), []);
  const periodId = Number(params.get('period') ?? periods.data?.[0]?.id ?? 0);
  const status = useApi((s) => getPeriodStatus(periodId, s), [periodId], periodId > 0);
  const [selected, setSelected] = useState<string[]>([]);
  const [pending, setPending] = useState<{ action: string; label: string } | null>(null);
  const [reason, setReason] = useState('');
  const [drawer, setDrawer] = useState<Submission | null>(null);
  const [newPeriod, setNewPeriod] = useState('');
  const level = user?.level ?? '';
  const run = async (action: string, why?: string) => {
    try {
      const moved = await reportAction(periodId, action, selected, why);
      message.success(`已处理 ${moved.length} 个县`);
      setSelected([]);
      setPending(null);
      setReason('');
      status.reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  if (periods.error) return <ErrorAlert error={periods.error} onRetry={periods.reload} />;
  if (!periods.data) return <Loading minHeight={320} />;
  return (
    <Flex vertical gap={16} data-testid="reporting-page">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>分级报送与审核</Typography.Title>
        <Select style={{ minWidth: 200 }} value={periodId || undefined} placeholder="报告期" onChange={(v) => setParams({ period: String(v) })}
          options={periods.data.map((p) => ({ value: p.id, label: `${p.setId} ${p.period}` }))} data-testid="period-select" />
      </Flex>
      {level === 'national' ? (
        <Space wrap>
          <Input placeholder="新报告期,如 2026" value={newPeriod} onChange={(e) => setNewPeriod(e.target.value)} style={{ width: 180 }} />
          <Button onClick={async () => { try { const p = await openPeriod('monitoring', newPeriod); setParams({ period: String(p.id) }); periods.reload(); } catch (e) { message.error((e as Error).message); } }}>开启监测指标报告期</Button>
        </Space>
      ) : null}
      {status.error ? <ErrorAlert error={status.error} onRetry={status.reload} /> : null}
      {!periodId ? <Typography.Text type="secondary">尚无报告期</Typography.Text> : null}
      {status.data ? (
        <>
          <Card size="small" title="各层级报送情况(未报送名单)" extra={<ExportLinks table="reporting-levels" query={{ id: periodId }} />}>
            <Table size="small" rowKey="regionCode" pagination={false} scroll={{ x: 'max-content' }} dataSource={status.data.levels} data-testid="reporting-levels"
              columns={[
                { key: 'r', title: '区域', render: (_: unknown, l) => `${l.regionName}(${LEVEL_ZH[l.level]})` },
                { key: 'c', dataIndex: 'counties', title: '县数', align: 'right' },
                ...Object.entries(status.data.states).map(([k, label]) => ({ key: k, title: label, align: 'right' as const, render: (_: unknown, l: { byState: Record<string, number> }) => l.byState[k] ?? 0 })),
                { key: 'n', title: '未报送', width: 260, render: (_: unknown, l) => l.notSubmitted.map((c) => c.name).join('、') || '—' },
              ]} />
          </Card>
          <Card size="small" title="各县报送" extra={<ExportLinks table="reporting" query={{ id: periodId }} />}>
            <Space wrap style={{ marginBottom: 8 }}>
              <Typography.Text type="secondary">已选 {selected.length} 个县</Typography.Text>
              {(ACTIONS[level] ?? []).map((a) => (
                <Button key={a.action} type="primary" disabled={!selected.length} data-testid={`action-${a.action}`} onClick={() => (a.reason ? setPending(a) : void run(a.action))}>{a.label}</Button>
              ))}
            </Space>
            <Table<Submission> size="small" rowKey="countyCode" scroll={{ x: 'max-content' }} dataSource={status.data.counties} pagination={{ pageSize: 50, showSizeChanger: false }} data-testid="reporting-counties"
              rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
              columns={[
                { key: 'n', title: '县', render: (_: unknown, c) => <a onClick={() => setDrawer(c)}>{c.countyName}</a> },
                { key: 's', title: '状态', render: (_: unknown, c) => <Tag color={STATE_COLOR[c.state]}>{c.stateLabel}</Tag> },
                { key: 'u', title: '最后操作', render: (_: unknown, c) => `${c.updatedBy} ${c.updatedAt.slice(0, 16).replace('T', ' ')}` },
              ]} />
          </Card>
        </>
      ) : null}
      <Modal open={!!pending} title={pending ? `${pending.label}:请说明理由` : ''} okButtonProps={{ disabled: !reason.trim() }} onOk={() => pending && void run(pending.action, reason)} onCancel={() => setPending(null)}>
        <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={500} data-testid="action-reason" />
      </Modal>
      <CountyDrawer period={status.data?.period} periodId={periodId} county={drawer} onClose={() => setDrawer(null)} />
    </Flex>
  );
}
