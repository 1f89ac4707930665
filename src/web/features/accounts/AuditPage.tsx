/**
 * Audit log (`/audit`) for administrators of a region: events of that region, newest first, searchable
 * by user and action, paged by "more".
 */
import { formatBeijingTime } from '../../components/format';
import { useState } from 'react';
import { Button, Card, Flex, Input, Select, Table, Tag } from 'antd';
import { AUDIT_ACTION_ZH, AUDIT_TARGET_ZH, formatAuditDetails } from '../../../shared/audit-labels';
import { RegionName } from '../../components/RegionName';
import { searchAudit, type AuditEventDto } from '../../api/client';
import { useApi } from '../../api/use-api';
import { ErrorAlert } from '../../components/ErrorAlert';

const OUTCOME_COLORS: Record<string, string> = { ok: 'green', denied: 'red', failed: 'orange' };
const OUTCOME_ZH: Record<string, string> = { ok: '成功', denied: '拒绝', failed: '失败' };

export default function AuditPage() {
  const [actor, setActor] = useState('');
  const [action, setAction] = useState('');
  const [query, setQuery] = useState<{ actor?: string; action?: string; beforeId?: number }>({});
  const events = useApi((signal) => searchAudit({ ...query, limit: 100 }, signal), [query]);
  const last = events.data?.[events.data.length - 1];

  return (
    <Card title="审计日志" data-testid="audit-page">
      <Flex gap={8} style={{ marginBottom: 16 }}>
        <Input placeholder="用户名" value={actor} onChange={(e) => setActor(e.target.value)} style={{ width: 200 }} />
        <Select placeholder="操作" allowClear value={action || undefined} onChange={(v?: string) => setAction(v ?? '')} style={{ width: 200 }} options={Object.entries(AUDIT_ACTION_ZH).map(([value, label]) => ({ value, label }))} data-testid="audit-action" />
        <Button type="primary" onClick={() => setQuery({ actor: actor || undefined, action: action || undefined })}>查询</Button>
        {events.data?.length === 100 && last ? <Button onClick={() => setQuery({ ...query, beforeId: last.id })}>更早</Button> : null}
      </Flex>
      {events.error ? <ErrorAlert error={events.error} onRetry={events.reload} /> : null}
      <Table<AuditEventDto> scroll={{ x: 'max-content' }}
        rowKey="id"
        size="small"
        loading={events.loading}
        dataSource={events.data ?? []}
        pagination={false}
        columns={[
          { key: 'id', dataIndex: 'id', title: '#' },
          { key: 'at', dataIndex: 'at', title: '时间(北京时间)', render: (v: string) => formatBeijingTime(v) },
          { key: 'actor', dataIndex: 'actor', title: '用户' },
          { key: 'action', title: '操作', render: (_, e) => AUDIT_ACTION_ZH[e.action] ?? e.action },
          { key: 'target', title: '对象', render: (_, e) => `${AUDIT_TARGET_ZH[e.targetType] ?? e.targetType}${e.targetId ? ` ${e.targetId}` : ''}` },
          { key: 'region', dataIndex: 'regionCode', title: '区域', render: (v: string | null) => (v ? <RegionName code={v} /> : '全国') },
          { key: 'outcome', title: '结果', render: (_, e) => <Tag color={OUTCOME_COLORS[e.outcome]}>{OUTCOME_ZH[e.outcome] ?? e.outcome}</Tag> },
          { key: 'details', dataIndex: 'details', title: '详情', render: (v: string | null) => formatAuditDetails(v) },
        ]}
      />
    </Card>
  );
}
