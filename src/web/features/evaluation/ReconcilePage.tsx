/**
 * Cross-level reconciliation (tab `reconcile` of `/evaluation/analysis`, `?county=&period=`): a county's figures now against
 * what its report, the province and the nation hold for it (their snapshots), every difference with the
 * households behind it (rules or threshold changed since, or the household's data changed).
 */
import { Card, Flex, Input, Table, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useApi } from '../../api/use-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useYear } from '../../components/MetaProvider';
import { getReconcile } from './api';
import { ExportLinks } from './ExportLinks';

export default function ReconcilePage() {
  const [params, setParams] = useSearchParams();
  const [year] = useYear();
  const county = params.get('county') ?? '';
  const period = params.get('period') ?? (year !== undefined ? String(year) : '');
  const ok = /^\d{6}$/.test(county) && !!period;
  const res = useApi((s) => getReconcile({ county, set: 'monitoring', period }, s), [county, period], ok);
  return (
    <Flex vertical gap={16} data-testid="reconcile-page">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>跨层级核对</Typography.Title>
        <Input.Search placeholder="县级区划代码" defaultValue={county} onSearch={(v) => setParams(v ? { tab: 'reconcile', county: v, period } : { tab: 'reconcile' })} style={{ width: 200 }} data-testid="reconcile-county" />
      </Flex>
      {!ok ? <Typography.Text type="secondary">请输入6位县级区划代码</Typography.Text> : null}
      {res.error ? <ErrorAlert error={res.error} onRetry={res.reload} /> : null}
      {res.data && !res.data.holders.length ? <Typography.Text type="secondary">上级尚无该县 {period} 的快照</Typography.Text> : null}
      {res.data?.holders.map((h) => (
        <Card key={h.snapshotId} size="small" title={`${h.label}(${h.takenAt.slice(0, 16).replace('T', ' ')})`} extra={<ExportLinks table="reconcile" query={{ county, set: 'monitoring', period }} />}>
          {h.differences.length ? (
            <>
              <Table size="small" rowKey="indicatorId" pagination={false} scroll={{ x: 'max-content' }} dataSource={h.differences} data-testid="reconcile-differences"
                columns={[{ key: 'n', dataIndex: 'indicatorName', title: '指标' }, { key: 'now', title: '本县现值', align: 'right', render: (_: unknown, d) => d.now ?? '—' }, { key: 'held', title: '上级持有值', align: 'right', render: (_: unknown, d) => d.held ?? '—' }, { key: 'u', dataIndex: 'unit', title: '单位' }]} />
              <Typography.Title level={5} style={{ marginTop: 12 }}>差异背后的农户({h.households.length})</Typography.Title>
              <Table size="small" rowKey="householdId" scroll={{ x: 'max-content' }} dataSource={h.households} pagination={{ pageSize: 20, showSizeChanger: false }}
                columns={[
                  { key: 'h', dataIndex: 'householdNo', title: '户编号' },
                  { key: 'c', title: '原因', render: (_: unknown, x) => (x.cause === 'rules' ? <Tag color="orange">规则或监测范围变化</Tag> : <Tag>数据变化</Tag>) },
                  { key: 'n', title: '现触发', render: (_: unknown, x) => x.rulesNow.join(',') || '—' },
                  { key: 't', title: '当时触发', render: (_: unknown, x) => x.rulesThen?.join(',') ?? '—' },
                ]} />
            </>
          ) : <Typography.Text type="success">一致,无差异</Typography.Text>}
        </Card>
      ))}
    </Flex>
  );
}
