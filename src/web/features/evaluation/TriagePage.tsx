/**
 * Clue triage feedback (tab `triage` of `/evaluation/analysis`, `?county=`): for every clue source of a county (screening rule,
 * department list, self-report, grassroots visit), the share of clues that ended in enrolment, overall and
 * per township, so the county sees which alarms are noise.
 */
import { Card, Flex, Input, Progress, Table, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useApi } from '../../api/use-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useYear } from '../../components/MetaProvider';
import { getTriage } from './api';
import { ExportLinks } from './ExportLinks';

const pct = (v: number | null) => (v === null ? '—' : <Progress percent={v} size="small" style={{ width: 140, margin: 0 }} format={(p) => `${p}%`} />);

export default function TriagePage() {
  const [params, setParams] = useSearchParams();
  const [year] = useYear();
  const county = params.get('county') ?? '';
  const ok = /^\d{6}$/.test(county) && year !== undefined;
  const res = useApi((s) => getTriage({ county, year: year! }, s), [county, year], ok);
  return (
    <Flex vertical gap={16} data-testid="triage-page">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>线索来源成效</Typography.Title>
        <Input.Search placeholder="县级区划代码" defaultValue={county} onSearch={(v) => setParams(v ? { tab: 'triage', county: v } : { tab: 'triage' })} style={{ width: 200 }} data-testid="triage-county" />
      </Flex>
      {!ok ? <Typography.Text type="secondary">请输入6位县级区划代码</Typography.Text> : null}
      {res.error ? <ErrorAlert error={res.error} onRetry={res.reload} /> : null}
      {res.data ? (
        <>
          <Card size="small" title="各来源" extra={<ExportLinks table="triage" query={{ county, year }} />}>
            <Table size="small" rowKey="source" pagination={false} scroll={{ x: 'max-content' }} dataSource={res.data.sources} data-testid="triage-sources"
              columns={[{ key: 's', dataIndex: 'sourceLabel', title: '来源' }, { key: 'c', dataIndex: 'clues', title: '线索', align: 'right' }, { key: 'e', dataIndex: 'enrolled', title: '纳入监测', align: 'right' }, { key: 'o', dataIndex: 'open', title: '未结', align: 'right' }, { key: 'p', title: '纳入比例', render: (_: unknown, r) => pct(r.enrolledPercent) }]} />
          </Card>
          <Card size="small" title="各来源、各乡镇">
            <Table size="small" rowKey={(r) => `${r.source}|${r.townshipCode}`} pagination={{ pageSize: 50, showSizeChanger: false }} scroll={{ x: 'max-content' }} dataSource={res.data.lines}
              columns={[{ key: 's', dataIndex: 'sourceLabel', title: '来源' }, { key: 't', dataIndex: 'townshipName', title: '乡镇' }, { key: 'c', dataIndex: 'clues', title: '线索', align: 'right' }, { key: 'e', dataIndex: 'enrolled', title: '纳入', align: 'right' }, { key: 'p', title: '纳入比例', render: (_: unknown, r) => pct(r.enrolledPercent) }]} />
          </Card>
        </>
      ) : null}
    </Flex>
  );
}
