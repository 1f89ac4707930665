/**
 * Audit log (`/audit`) for administrators of a region: events of that region, newest first, searchable
 * by user and action, paged by "more".
 */
import { formatBeijingTime } from '../../components/format';
import { useState } from 'react';
import { Button, Card, Flex, Input, Table, Tag } from 'antd';
import { searchAudit, type AuditEventDto } from '../../api/client';
import { useApi } from '../../api/use-api';
import { ErrorAlert } from '../../components/ErrorAlert';

const ACTION_LABELS: Record<string, string> = {
  sign_in: '登录', sign_out: '退出', password_change: '修改密码', password_reset: '重置密码', user_create: '创建用户', permission_change: '权限变更',
  view_id_number: '查看完整身份证号', export: '导出', access_denied: '越权访问', access_grant: '临时授权', key_rotate: '密钥轮换',
};
const OUTCOME_COLORS: Record<string, string> = { ok: 'green', denied: 'red', failed: 'orange' };

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
        <Input placeholder="操作(如 sign_in)" value={action} onChange={(e) => setAction(e.target.value)} style={{ width: 200 }} />
        <Button type="primary" onClick={() => setQuery({ actor: actor || undefined, action: action || undefined })}>查询</Button>
        {events.data?.length === 100 && last ? <Button onClick={() => setQuery({ ...query, beforeId: last.id })}>更早</Button> : null}
      </Flex>
      {events.error ? <ErrorAlert error={events.error} onRetry={events.reload} /> : null}
      <Table<AuditEventDto>
        rowKey="id"
        size="small"
        loading={events.loading}
        dataSource={events.data ?? []}
        pagination={false}
        columns={[
          { key: 'id', dataIndex: 'id', title: '#' },
          { key: 'at', dataIndex: 'at', title: '时间(北京时间)', render: (v: string) => formatBeijingTime(v) },
          { key: 'actor', dataIndex: 'actor', title: '用户' },
          { key: 'action', title: '操作', render: (_, e) => ACTION_LABELS[e.action] ?? e.action },
          { key: 'target', title: '对象', render: (_, e) => `${e.targetType}${e.targetId ? ` ${e.targetId}` : ''}` },
          { key: 'region', dataIndex: 'regionCode', title: '区域' },
          { key: 'outcome', title: '结果', render: (_, e) => <Tag color={OUTCOME_COLORS[e.outcome]}>{e.outcome}</Tag> },
          { key: 'details', dataIndex: 'details', title: '详情', ellipsis: true },
        ]}
      />
    </Card>
  );
}
