/** Indicator catalogue (`/evaluation/catalogue`): every indicator set with its definitions, formulas and sources. */
import { Card, Flex, Table, Tag, Typography } from 'antd';
import { useApi } from '../../api/use-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { getCatalogue, type CatalogueIndicator } from './api';
import { ExportLinks } from './ExportLinks';

const PERIOD: Record<string, string> = { year: '年', quarter: '季', month: '月' };
const LEVEL: Record<string, string> = { county: '县', prefecture: '市', province: '省', national: '国家' };
const DIRECTION: Record<string, string> = { higher: '越高越好', lower: '越低越好', none: '—' };

export default function CataloguePage() {
  const cat = useApi((s) => getCatalogue(s), []);
  if (cat.error) return <ErrorAlert error={cat.error} onRetry={cat.reload} />;
  if (!cat.data) return <Loading minHeight={320} />;
  return (
    <Flex vertical gap={16} data-testid="catalogue-page">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>指标目录</Typography.Title>
        <ExportLinks table="catalogue" query={{}} />
      </Flex>
      {cat.data.sets.map((s) => (
        <Card key={s.id} size="small" title={`${s.name}(第 ${s.version} 版)`}>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>出处:{s.source}{s.note ? ` ${s.note}` : ''}</Typography.Paragraph>
          <Table<CatalogueIndicator>
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={s.indicators}
            data-testid="catalogue-table"
            columns={[
              { key: 'id', dataIndex: 'id', title: '编号', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
              { key: 'name', title: '名称', render: (_: unknown, d) => <>{d.name} {d.reported ? <Tag color="orange">填报</Tag> : null}</> },
              { key: 'formula', dataIndex: 'formula', title: '公式', width: 260 },
              { key: 'unit', dataIndex: 'unit', title: '单位' },
              { key: 'period', title: '周期', render: (_: unknown, d) => PERIOD[d.period] ?? d.period },
              { key: 'levels', title: '报告层级', render: (_: unknown, d) => d.levels.map((l) => LEVEL[l] ?? l).join('、') },
              { key: 'direction', title: '方向', render: (_: unknown, d) => DIRECTION[d.direction] ?? d.direction },
              { key: 'source', dataIndex: 'source', title: '出处', width: 280, render: (v: string) => <Typography.Text style={{ fontSize: 12 }}>{v}</Typography.Text> },
              { key: 'version', dataIndex: 'version', title: '版本' },
            ]}
          />
        </Card>
      ))}
    </Flex>
  );
}
