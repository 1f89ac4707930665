/** Table of the child regions of the current region; clicking a row drills down one level. */
import { Card, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { RegionFiguresRow } from '../../../shared/api';
import { useI18n } from '../../i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { ApiError } from '../../api/client';
import { DesignationTags, figureColumns } from './columns';

/** Props of {@link ChildRegionTable}. */
export interface ChildRegionTableProps {
  rows: RegionFiguresRow[] | undefined;
  loading: boolean;
  error: ApiError | undefined;
  /** Called with the clicked row (the page decides: drill down, or open the households of a village). */
  onOpen: (row: RegionFiguresRow) => void;
}

/** The child-region table, sortable by every figure. */
export function ChildRegionTable({ rows, loading, error, onOpen }: ChildRegionTableProps) {
  const i18n = useI18n();
  const { t, label } = i18n;
  const columns: ColumnsType<RegionFiguresRow> = [
    {
      key: 'name',
      dataIndex: 'name',
      title: t('colName'),
      fixed: 'start',
      sorter: (a, b) => a.code.localeCompare(b.code),
      render: (name: string, row) => (
        <span>
          <Typography.Link data-testid="child-region-link">{name}</Typography.Link>{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{row.code}</Typography.Text>
        </span>
      ),
    },
    {
      key: 'designations',
      title: t('colDesignations'),
      dataIndex: 'designations',
      render: (kinds: RegionFiguresRow['designations']) => <DesignationTags kinds={kinds} label={label} />,
    },
    ...figureColumns<RegionFiguresRow>(i18n),
  ];
  return (
    <Card
      size="small"
      title={
        <span>
          {t('childRegions')}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>{t('childRegionsHint')}</Typography.Text>
        </span>
      }
    >
      {error ? <ErrorAlert error={error} /> : null}
      <div data-testid="child-table">
        <Table<RegionFiguresRow>
          rowKey="code"
          size="small"
          columns={columns}
          dataSource={rows ?? []}
          loading={loading}
          scroll={{ x: 'max-content' }}
          pagination={(rows?.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          onRow={(row) => ({ onClick: () => onOpen(row), style: { cursor: 'pointer' } })}
        />
      </div>
    </Card>
  );
}
