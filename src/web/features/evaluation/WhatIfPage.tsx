/**
 * Threshold what-if (tab `what-if` of `/evaluation/analysis`): a region, year and a proposed threshold (yuan per person and
 * year) or rule parameters; which households would enter or leave the flagged set, per township, with the
 * cadre workload. Nothing is saved.
 */
import { useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, InputNumber, Statistic, Table, Tag, Typography } from 'antd';
import { useApi } from '../../api/use-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useYear } from '../../components/MetaProvider';
import { getWhatIf } from './api';
import { ExportLinks } from './ExportLinks';

interface Form { region?: string; thresholdYuan?: number; nearThresholdMarginPercent?: number; largeFallPercent?: number; medicalSpendingSharePercent?: number }

export default function WhatIfPage() {
  const [year] = useYear();
  const [q, setQ] = useState<Form | null>(null);
  const query = q ? { ...q, year } : {};
  const res = useApi((s) => getWhatIf(query, s), [query], !!q && year !== undefined);
  return (
    <Flex vertical gap={16} data-testid="what-if-page">
      <Typography.Title level={3} style={{ margin: 0 }}>监测范围模拟</Typography.Title>
      <Alert type="info" showIcon message="模拟只计算,不保存:调整监测范围或规则参数后,哪些农户会新进入或退出预警,各乡镇需新增多少入户核查工作量。" />
      <Card size="small">
        <Form<Form> layout="inline" onFinish={(v) => setQ(Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== null && x !== '')) as Form)} style={{ rowGap: 8 }}>
          <Form.Item name="region" label="区划代码"><Input style={{ width: 140 }} placeholder="如 522633" data-testid="what-if-region" /></Form.Item>
          <Form.Item name="thresholdYuan" label="监测范围(元/人·年)"><InputNumber min={1} max={99999} style={{ width: 120 }} data-testid="what-if-threshold" /></Form.Item>
          <Form.Item name="nearThresholdMarginPercent" label="R02 上浮%"><InputNumber min={0} max={1000} style={{ width: 90 }} /></Form.Item>
          <Form.Item name="largeFallPercent" label="R02 降幅%"><InputNumber min={0} max={1000} style={{ width: 90 }} /></Form.Item>
          <Form.Item name="medicalSpendingSharePercent" label="R05 医疗支出%"><InputNumber min={0} max={1000} style={{ width: 90 }} /></Form.Item>
          <Form.Item><Button type="primary" htmlType="submit" data-testid="what-if-run">模拟</Button></Form.Item>
        </Form>
      </Card>
      {res.error ? <ErrorAlert error={res.error} onRetry={res.reload} /> : null}
      {res.data ? (
        <>
          <Flex gap={16} wrap>
            <Card size="small"><Statistic title="新进入预警(户)" value={res.data.totals.entering} /></Card>
            <Card size="small"><Statistic title="退出预警(户)" value={res.data.totals.leaving} /></Card>
            <Card size="small"><Statistic title="新增核查工作量(人次)" value={res.data.totals.workload} /></Card>
          </Flex>
          <Typography.Text type="secondary">工作量 = 新进入户数 × 村乡两级识别步骤({res.data.grassrootsSteps.join('、')})</Typography.Text>
          <Card size="small" title="各乡镇" extra={<ExportLinks table="what-if-townships" query={query} />}>
            <Table size="small" rowKey="townshipCode" pagination={false} scroll={{ x: 'max-content' }} dataSource={res.data.townships} data-testid="what-if-townships"
              columns={[{ key: 't', dataIndex: 'townshipName', title: '乡镇' }, { key: 'e', dataIndex: 'entering', title: '新进入', align: 'right' }, { key: 'l', dataIndex: 'leaving', title: '退出', align: 'right' }, { key: 'w', dataIndex: 'workload', title: '工作量(人次)', align: 'right' }]} />
          </Card>
          <Card size="small" title="农户" extra={<ExportLinks table="what-if" query={query} />}>
            <Table size="small" rowKey="householdId" scroll={{ x: 'max-content' }} dataSource={res.data.households} pagination={{ pageSize: 50, showSizeChanger: false }} data-testid="what-if-households"
              columns={[
                { key: 'h', dataIndex: 'householdNo', title: '户编号' },
                { key: 'c', title: '变化', render: (_: unknown, h) => (h.change === 'enter' ? <Tag color="red">进入</Tag> : <Tag color="green">退出</Tag>) },
                { key: 'n', title: '现触发', render: (_: unknown, h) => h.rulesNow.join(',') || '—' },
                { key: 't', title: '模拟后触发', render: (_: unknown, h) => h.rulesThen.join(',') || '—' },
                { key: 'v', dataIndex: 'villageCode', title: '村代码' },
              ]} />
          </Card>
        </>
      ) : null}
    </Flex>
  );
}
