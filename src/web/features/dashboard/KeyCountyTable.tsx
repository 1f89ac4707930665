/** The national list of key counties with their figures, designation kind and source. */
import { useMemo } from 'react';
import { Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { KeyCountyDto } from '../../../shared/api';
import { useI18n } from '../../i18n';
import { getKeyCounties } from '../../api/client';
import { useApi } from '../../api/use-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DesignationTags, figureColumns } from './columns';

/** Key-county table (GET /key-counties), sortable by every figure; clicking a row opens the county. */
export function KeyCountyTable({ year, onOpen }: { year: number | undefined; onOpen: (code: string) => void }) {
  const i18n = useI18n();
  const { t, label } = i18n;
  const state = useApi((signal) => getKeyCounties(year, undefined, signal), [year], year !== undefined);
  const rows = state.data;

  const provinces = useMemo(() => {
    const seen = new Map<string, string>();
    for (const r of rows ?? []) seen.set(r.provinceCode, r.provinceName);
    return [...seen.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([value, text]) => ({ value, text }));
  }, [rows]);

  const columns: ColumnsType<KeyCountyDto> = [
    {
      key: 'province',
      title: t('colProvince'),
      dataIndex: 'provinceName',
      sorter: (a, b) => a.provinceCode.localeCompare(b.provinceCode),
      filters: provinces,
      onFilter: (value, row) => row.provinceCode === value,
    },
    { key: 'prefecture', title: t('colPrefecture'), dataIndex: 'prefectureName' },
    {
      key: 'name',
      title: t('colCounty'),
      dataIndex: 'name',
      sorter: (a, b) => a.code.localeCompare(b.code),
      render: (name: string, row) => (
        <span>
          <Typography.Link data-testid="key-county-link">{name}</Typography.Link>{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{row.code}</Typography.Text>
        </span>
      ),
    },
    {
      key: 'designations',
      title: t('colDesignations'),
      dataIndex: 'designations',
      filters: (['national', 'provincial', 'reference'] as const).map((k) => ({ value: k, text: label('designationKind', k) })),
      onFilter: (value, row) => row.designations.includes(value as KeyCountyDto['designations'][number]),
      render: (kinds: KeyCountyDto['designations']) => <DesignationTags kinds={kinds} label={label} />,
    },
    ...figureColumns<KeyCountyDto>(i18n),
    {
      key: 'geoHazardProne',
      title: t('colGeoHazard'),
      dataIndex: 'geoHazardProne',
      render: (v: boolean | null) => (v === null ? <Typography.Text type="secondary">{t('unknown')}</Typography.Text> : v ? t('yes') : t('no')),
    },
    {
      key: 'sources',
      title: t('colSources'),
      dataIndex: 'sources',
      width: 220,
      render: (sources: string[]) => (
        <Tooltip title={sources.join(';')}>
          <Typography.Text ellipsis style={{ maxWidth: 220, fontSize: 12 }}>{sources.join(';')}</Typography.Text>
        </Tooltip>
      ),
    },
  ];

  return (
    <div data-testid="key-county-table">
      {state.error ? <ErrorAlert error={state.error} /> : null}
      <Table<KeyCountyDto>
        rowKey="code"
        size="small"
        columns={columns}
        dataSource={rows ?? []}
        loading={state.loading}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (n) => t('totalCounties', { n }) }}
        onRow={(row) => ({ onClick: () => onOpen(row.code), style: { cursor: 'pointer' } })}
      />
    </div>
  );
}
