/**
 * Data-quality page (`/intake/checks`): the findings of a region with the check's Chinese name, the member,
 * the values that triggered it and the fix hint; counts per check (name, family, level, source, hint) and per
 * region; the catalogue of every check with filters (family, level, text); export to .xlsx. Tables scroll
 * inside their cards, so the page fits 375 px.
 */
import { useMemo, useState } from 'react';
import { Card, Flex, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { CheckInfoDto, CheckReportDto } from '../../../shared/intake';
import { useApi } from '../../api/use-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RegionName } from '../../components/RegionName';
import { RegionCascader } from '../../components/RegionCascader';
import { useSession } from '../accounts/session';
import { checkCatalogue, checksXlsxUrl, mayExportPersonalData, runChecks } from './intake-api';

const LEVEL_ZH: Record<string, string> = { household: '户', person: '人', spell: '务工记录', village: '行政村' };
const SCROLL = { x: 'max-content' } as const;

/** The catalogue with filters (family, level, text). */
function Catalogue() {
  const [family, setFamily] = useState<string | undefined>();
  const [level, setLevel] = useState<string | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const cat = useApi((s) => checkCatalogue({ family, level, q }, s), [family, level, q]);
  const all = useApi((s) => checkCatalogue({}, s), []);
  const families = useMemo(() => [...new Map((all.data?.checks ?? []).map((c) => [c.family, c.familyZh])).entries()], [all.data]);
  return (
    <Flex vertical gap={8}>
      <Flex gap={8} wrap>
        <Select allowClear placeholder="类别" style={{ width: 170 }} value={family} onChange={setFamily} options={families.map(([value, label]) => ({ value, label }))} data-testid="catalogue-family" />
        <Select allowClear placeholder="层级" style={{ width: 120 }} value={level} onChange={setLevel} options={Object.entries(LEVEL_ZH).map(([value, label]) => ({ value, label }))} />
        <Input.Search allowClear placeholder="编号、名称或来源" style={{ width: 220 }} onSearch={(v) => setQ(v.trim() || undefined)} />
      </Flex>
      {cat.error ? <ErrorAlert error={cat.error} onRetry={cat.reload} /> : null}
      <Table<CheckInfoDto> size="small" rowKey="id" loading={cat.loading} dataSource={cat.data?.checks ?? []} pagination={{ pageSize: 20 }} scroll={SCROLL} data-testid="catalogue-table"
        columns={[
          { title: '编号', dataIndex: 'id', width: 80 }, { title: '类别', dataIndex: 'familyZh' }, { title: '层级', dataIndex: 'level', render: (l: string) => LEVEL_ZH[l] },
          { title: '核查项', dataIndex: 'zh' }, { title: '政策含义', dataIndex: 'meaning', width: 260 }, { title: '来源', dataIndex: 'source', width: 260 }, { title: '修改提示', dataIndex: 'hint', width: 200 },
        ]} />
    </Flex>
  );
}

/** The data-quality page. */
export default function DataQualityPage() {
  const { user } = useSession();
  const [region, setRegion] = useState<string | undefined>();
  const rep = useApi((s) => runChecks(region, s), [region]);
  const info = new Map((rep.data?.checks ?? []).map((c) => [c.id, c]));
  const found = (rep.data?.checks ?? []).filter((c) => c.findings > 0);
  return (
    <Flex vertical gap={16} data-testid="quality-page" style={{ minWidth: 0 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>数据质量核查</Typography.Title>
      <Space wrap>
        <RegionCascader value={region} onChange={setRegion} testId="quality-region" />
        {mayExportPersonalData(user?.roles) ? <a href={checksXlsxUrl(region)} data-testid="quality-download">导出 .xlsx</a> : null}
        {rep.data ? <span data-testid="quality-summary">{`${rep.data.year} 年,${rep.data.villages} 个行政村,${rep.data.households} 户,发现 ${rep.data.findings.length} 条`}</span> : null}
      </Space>
      {rep.error ? <ErrorAlert error={rep.error} onRetry={rep.reload} /> : null}
      <Tabs items={[
        {
          key: 'findings', label: '发现',
          children: (
            <Table<CheckReportDto['findings'][number]> size="small" rowKey={(f) => `${f.checkId}-${f.householdNo}-${f.villageCode}-${f.member}-${f.sourceRow}-${f.facts}`} loading={rep.loading} dataSource={rep.data?.findings ?? []} scroll={SCROLL} data-testid="findings-table"
              columns={[
                { title: '核查项', dataIndex: 'checkId', width: 80, render: (id: string) => <Tag>{id}</Tag> }, { title: '名称', render: (_, f) => info.get(f.checkId)?.zh },
                { title: '户编号', dataIndex: 'householdNo', render: (no: string, f) => (f.householdId ? <Link to={`/households/${f.householdId}`}>{no}</Link> : no || '—') },
                { title: '村', dataIndex: 'villageCode', render: (v: string) => <RegionName code={v} /> }, { title: '成员', dataIndex: 'member' }, { title: '文件行', dataIndex: 'sourceRow' },
                { title: '触发的值', dataIndex: 'facts', width: 280 }, { title: '修改提示', render: (_, f) => info.get(f.checkId)?.hint, width: 200 },
              ]} />
          ),
        },
        {
          key: 'checks', label: `按核查项(${found.length})`,
          children: (
            <Table<CheckReportDto['checks'][number]> size="small" rowKey="id" loading={rep.loading} dataSource={found} pagination={{ pageSize: 20 }} scroll={SCROLL}
              columns={[
                { title: '编号', dataIndex: 'id', width: 80 }, { title: '核查项', dataIndex: 'zh' }, { title: '发现', dataIndex: 'findings', width: 60 }, { title: '类别', dataIndex: 'familyZh' },
                { title: '层级', dataIndex: 'level', render: (l: string) => LEVEL_ZH[l] }, { title: '来源', dataIndex: 'source', width: 260 }, { title: '修改提示', dataIndex: 'hint', width: 200 },
              ]} />
          ),
        },
        {
          key: 'regions', label: '按区域',
          children: (
            <Card size="small">
              <Table size="small" rowKey="regionCode" loading={rep.loading} dataSource={rep.data?.byRegion ?? []} pagination={{ pageSize: 15 }} scroll={SCROLL}
                columns={[{ title: '区划', dataIndex: 'regionCode', render: (v: string) => <RegionName code={v} /> }, { title: '农户', dataIndex: 'households' }, { title: '发现', dataIndex: 'findings' }]} />
            </Card>
          ),
        },
        { key: 'catalogue', label: '核查项目录', children: <Catalogue /> },
      ]} />
    </Flex>
  );
}
