/** Excel and CSV links of one 监测评价 table (GET /api/v1/exports/evaluation/:table with the page's parameters). */
import { Button, Space } from 'antd';
import type { Query } from '../../api/client';
import { exportUrl } from './api';

export function ExportLinks({ table, query }: { table: string; query: Query }) {
  return (
    <Space size={4} wrap>
      <Button size="small" href={exportUrl(table, query, 'xlsx')} data-testid={`export-${table}-xlsx`}>导出 Excel</Button>
      <Button size="small" href={exportUrl(table, query, 'csv')} data-testid={`export-${table}-csv`}>导出 CSV</Button>
    </Space>
  );
}
