/**
 * One notice (公示) of any subject: its period and rule (with the source), the redacted table, the columns
 * dropped by the redaction rule, the objections with their outcome and the forms to record and resolve
 * them, the link to the A4 print page, and (for a notice without a record) closing once the period is over.
 */
import { App, Button, Card, Descriptions, Flex, Form, Input, Select, Table, Tag, Typography } from 'antd';
import type { NoticeDto } from '../../../shared/procedure';
import { todayIso } from '../workflow/api';
import { useTr } from '../workflow/i18n';
import { noticeAction, noticePrintUrl } from './api';

const STATUS_ZH: Record<NoticeDto['status'], string> = { posted: '公示中', closed: '已结束', withdrawn: '已撤回' };

/** The notice card; `onChange` receives the notice after a write. */
export function NoticeCard({ n, onChange }: { n: NoticeDto; onChange: () => void }) {
  const tr = useTr();
  const { message } = App.useApp();
  const run = async (path: string, body: Record<string, unknown>, done: string) => {
    try {
      await noticeAction(n.id, path, { version: n.version, ...body });
      message.success(tr(done));
      onChange();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Card size="small" data-testid="notice-card" title={<>{n.title} <Tag>{tr(STATUS_ZH[n.status])}</Tag></>} extra={<a href={noticePrintUrl(n.id)} target="_blank" rel="noreferrer" data-testid="notice-print">{tr('打印公示')}</a>}>
      <Flex vertical gap={8}>
        <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={[
          { key: 'p', label: tr('公示期'), children: `${n.postedOn} 至 ${n.endsOn}(${n.days} ${n.rule.unit === 'working' ? '工作日' : '天'}),${n.closableFrom} 起可结束` },
          { key: 'r', label: tr('规则'), children: <>{n.rule.title}:{n.rule.minDays ? `≥ ${n.rule.minDays} 天` : tr('未找到期限,由张贴单位确定')}{n.rule.projectChoice ? <Tag style={{ marginLeft: 4 }}>{tr('项目选择')}</Tag> : null}</> },
          { key: 's', label: tr('依据'), children: <Typography.Text type="secondary" style={{ fontSize: 12 }}>{n.rule.source}</Typography.Text> },
        ]} />
        {n.content.dropped.length ? <Typography.Text type="warning" data-testid="notice-dropped">{tr('以下栏目含身份证、电话、银行或健康信息,不予公示')}:{n.content.dropped.join('、')}</Typography.Text> : null}
        <div style={{ overflowX: 'auto' }}>
          <Table rowKey={(_r, i) => String(i)} size="small" pagination={false} dataSource={n.content.rows} columns={n.content.columns.map((c) => ({ key: c.key, dataIndex: c.key, title: c.title }))} />
        </div>
        <Typography.Text strong>{tr('异议')}</Typography.Text>
        {n.objections.map((o) => (
          <Flex key={o.id} gap={8} wrap align="center" data-testid={`objection-${o.id}`}>
            <span>{o.receivedOn}:{o.summary}</span>
            {o.outcome ? <Tag color={o.outcome === 'upheld' ? 'red' : 'green'}>{tr(o.outcome === 'upheld' ? '异议成立' : '异议不成立')}</Tag> : <Tag>{tr('待处理')}</Tag>}
            {o.note ? <Typography.Text type="secondary">{o.note}</Typography.Text> : null}
            {!o.outcome ? (
              <Form layout="inline" onFinish={(v: { note: string; upheld: string }) => run(`objections/${o.id}/resolve`, { resolvedOn: todayIso(), upheld: v.upheld === 'yes', note: v.note }, '已处理')}>
                <Form.Item name="note" rules={[{ required: true, message: tr('请填写理由') }]}><Input placeholder={tr('处理意见')} style={{ width: 160 }} /></Form.Item>
                <Form.Item name="upheld" initialValue="no"><Select style={{ width: 120 }} options={[{ value: 'no', label: tr('异议不成立') }, { value: 'yes', label: tr('异议成立') }]} /></Form.Item>
                <Button htmlType="submit" size="small">{tr('处理异议')}</Button>
              </Form>
            ) : null}
          </Flex>
        ))}
        {n.status === 'posted' ? (
          <Flex gap={8} wrap>
            <Form layout="inline" onFinish={(v: { summary: string; receivedOn: string }) => run('objections', v, '已登记异议')} initialValues={{ receivedOn: todayIso() }}>
              <Form.Item name="receivedOn" label={tr('收到日期')}><Input type="date" /></Form.Item>
              <Form.Item name="summary" rules={[{ required: true, message: tr('请填写异议内容') }]}><Input placeholder={tr('异议内容')} style={{ width: 200 }} data-testid="objection-summary" /></Form.Item>
              <Button htmlType="submit">{tr('登记异议')}</Button>
            </Form>
            {n.recordId === null ? <Button onClick={() => run('close', { closedOn: todayIso() }, '已结束公示')} data-testid="notice-close">{tr('公示期满结束')}</Button> : null}
          </Flex>
        ) : null}
      </Flex>
    </Card>
  );
}
