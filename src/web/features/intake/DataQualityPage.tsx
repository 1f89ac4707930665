/** Data-quality page (`/intake/checks`): the checks for a region, counts per check and per region, the findings with their facts, export to .xlsx. */
import { useState } from 'react';
import { Card, Flex, Input, Space, Table, Typography } from 'antd';
import { Link } from 'react-router';
import type { CheckReportDto } from '../../../shared/intake';
import { useApi } from '../../api/use-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RegionName } from '../../components/RegionName';
import { RegionCascader } from '../../components/RegionCascader';
import { useSession } from '../accounts/session';
import { checksXlsxUrl, mayExportPersonalData, runChecks } from './intake-api';

/** The data-quality page. */
export default function DataQualityPage() {
  const { user } = useSession();
  const [region, setRegion] = useState<string | undefined>();
  const rep = useApi((s) => runChecks(region, s), [region]);
  const zh = new Map((rep.data?.checks ?? []).map((c) => [c.id, c.zh]));
  return (
    <Flex vertical gap={16} data-testid="quality-page">
      <Typography.Title level={3} style={{ margin: 0 }}>数据质量核查</Typography.Title>
      <Space>
        <RegionCascader value={region} onChange={setRegion} testId="quality-region" />
        {mayExportPersonalData(user?.roles) ? <a href={checksXlsxUrl(region)} data-testid="quality-download">导出 .xlsx</a> : null}
        {rep.data ? <span data-testid="quality-summary">{`${rep.data.year} 年,${rep.data.households} 户,发现 ${rep.data.findings.length} 条`}</span> : null}
      </Space>
      {rep.error ? <ErrorAlert error={rep.error} onRetry={rep.reload} /> : null}
      <Flex gap={16} wrap>
        <Card size="small" title="按核查项" style={{ flex: 1, minWidth: 420 }}>
          <Table<CheckReportDto['checks'][number]> scroll={{ x: 'max-content' }} size="small" rowKey="id" loading={rep.loading} dataSource={rep.data?.checks ?? []} pagination={{ pageSize: 15 }}
            columns={[{ title: '编号', dataIndex: 'id', width: 60 }, { title: '核查项', dataIndex: 'zh' }, { title: '发现', dataIndex: 'findings', width: 70 }, { title: '来源', dataIndex: 'source', ellipsis: true }]} />
        </Card>
        <Card size="small" title="按区域" style={{ width: 360 }}>
          <Table scroll={{ x: 'max-content' }} size="small" rowKey="regionCode" loading={rep.loading} dataSource={rep.data?.byRegion ?? []} pagination={{ pageSize: 15 }}
            columns={[{ title: '区划', dataIndex: 'regionCode', render: (v: string) => <RegionName code={v} /> }, { title: '农户', dataIndex: 'households' }, { title: '发现', dataIndex: 'findings' }]} />
        </Card>
      </Flex>
      <Card size="small" title="发现">
        <Table<CheckReportDto['findings'][number]> scroll={{ x: 'max-content' }} size="small" rowKey={(f, i) => `${f.checkId}-${f.householdNo}-${i}`} loading={rep.loading} dataSource={rep.data?.findings ?? []} data-testid="findings-table"
          columns={[
            { title: '核查项', dataIndex: 'checkId', width: 70 }, { title: '名称', render: (_, f) => zh.get(f.checkId) },
            { title: '户编号', dataIndex: 'householdNo', render: (no: string, f) => (f.householdId ? <Link to={`/households/${f.householdId}`}>{no}</Link> : no) },
            { title: '村', dataIndex: 'villageCode', render: (v: string) => <RegionName code={v} /> }, { title: '成员', dataIndex: 'member' }, { title: '事实', dataIndex: 'facts' },
          ]} />
      </Card>
    </Flex>
  );
}
