/** Clue queue (`/intake/clues`): risk clues raised by department lists in the user's region, with their facts and source. */
import { formatBeijingTime } from '../../components/format';
import { useState } from 'react';
import { Button, Flex, Segmented, Space, Table, Tag, Typography, message } from 'antd';
import { Link } from 'react-router';
import { CLUE_STATUS_ZH, type RiskClueDto } from '../../../shared/intake';
import { RISK_TYPE_ZH, type RiskType } from '../../../shared/enums';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { listClues, setClueStatus } from './intake-api';

/** The clue queue page. */
export default function ClueQueuePage() {
  const [status, setStatus] = useState<string>('open');
  const clues = useApi((s) => listClues(status || undefined, s), [status]);
  const act = async (id: number, to: string) => {
    try {
      await setClueStatus(id, to);
      clues.reload();
    } catch (e) {
      message.error((e as ApiError).message);
    }
  };
  return (
    <Flex vertical gap={16} data-testid="clue-page">
      <Typography.Title level={3} style={{ margin: 0 }}>风险线索(部门筛查预警)</Typography.Title>
      <Segmented value={status} onChange={(v) => setStatus(String(v))} options={[{ value: 'open', label: '待核实' }, { value: 'verified', label: '已入户核实' }, { value: 'dismissed', label: '已排除' }, { value: '', label: '全部' }]} />
      {clues.error ? <ErrorAlert error={clues.error} onRetry={clues.reload} /> : null}
      <Table<RiskClueDto> scroll={{ x: 'max-content' }} size="small" rowKey="id" loading={clues.loading} dataSource={clues.data ?? []} data-testid="clue-table"
        columns={[
          { title: '时间(北京时间)', dataIndex: 'createdAt', width: 170, render: (v: string) => formatBeijingTime(v) },
          { title: '来源', render: (_, c) => `${c.sourceDepartment} · 批次${c.batchId} 第${c.sourceRow}行`, width: 200 },
          { title: '规则', dataIndex: 'ruleId', width: 80 },
          { title: '风险类型', dataIndex: 'riskType', width: 110, render: (r: string) => <Tag color="volcano">{RISK_TYPE_ZH[r as RiskType] ?? r}</Tag> },
          { title: '事实', dataIndex: 'summary' },
          { title: '农户', dataIndex: 'householdId', width: 80, render: (id: number) => <Link to={`/households/${id}`}>查看</Link> },
          { title: '状态', dataIndex: 'status', width: 100, render: (s: keyof typeof CLUE_STATUS_ZH) => CLUE_STATUS_ZH[s] ?? s },
          {
            title: '', width: 160,
            render: (_, c) => c.status === 'open' ? (
              <Space><Button size="small" onClick={() => act(c.id, 'verified')}>已入户核实</Button><Button size="small" onClick={() => act(c.id, 'dismissed')}>排除</Button></Space>
            ) : null,
          },
        ]} />
    </Flex>
  );
}
