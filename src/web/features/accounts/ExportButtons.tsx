/**
 * Export buttons of the household list (shown to users with the export permission: 审核员, 县级审批员):
 * plain links to GET /api/v1/exports/households.csv|xlsx with the list's filters (names masked unless
 * 含完整姓名 is ticked) (the session cookie
 * goes with them; the server checks the permission and logs the export with its row count).
 */
import { useState } from 'react';
import { Button, Checkbox, Space, Tooltip } from 'antd';
import { API_BASE } from '../../api/client';
import { hasRole, useSession } from './session';

export function ExportButtons({ filters }: { filters: Record<string, string | number | null | undefined> }) {
  const { user } = useSession();
  const [fullNames, setFullNames] = useState(false);
  if (!hasRole(user, 'reviewer', 'countyApprover')) return null;
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  if (fullNames) p.set('names', 'full');
  const qs = p.toString() ? `?${p.toString()}` : '';
  return (
    <Tooltip title="导出个人信息将记入审计日志(含导出人、时间和行数)">
      <Space>
        <Checkbox checked={fullNames} onChange={(e) => setFullNames(e.target.checked)} data-testid="export-full-names">含完整姓名</Checkbox>
        <Button href={`${API_BASE}/exports/households.xlsx${qs}`} data-testid="export-xlsx">导出 Excel</Button>
        <Button href={`${API_BASE}/exports/households.csv${qs}`} data-testid="export-csv">导出 CSV</Button>
      </Space>
    </Tooltip>
  );
}
