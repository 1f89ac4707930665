/**
 * Notices (`/notices`, `/notices/:id`): every notice (公示) in the user's region, of any subject (the
 * monitoring cases' village notices link to their case page), with its period and status; one notice with its objections and print link; and the form that posts a notice of a
 * subject without a procedure record (fund allocation, post payment, asset income …), whose period rule
 * comes from data/notice-rules.json by the subject kind.
 */
import { App, Button, Card, Flex, Form, Input, InputNumber, Select, Table, Tag, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import type { NoticeRuleDto } from '../../../shared/procedure';
import { getJson, sendJson } from '../../api/client';
import { useApi } from '../../api/use-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { todayIso } from '../workflow/api';
import { useTr } from '../workflow/i18n';
import { getNotice, getNotices, linesToRows } from './api';
import { NoticeCard } from './NoticeCard';

const STATUS_ZH: Record<string, string> = { posted: '公示中', closed: '已结束', withdrawn: '已撤回' };

/** One notice. */
export function NoticePage() {
  const { id } = useParams();
  const n = useApi((s) => getNotice(id!, s), [id]);
  if (n.error) return <ErrorAlert error={n.error} onRetry={n.reload} />;
  if (!n.data) return <Loading />;
  return <Flex vertical gap={16} data-testid="notice-page"><NoticeCard n={n.data} onChange={n.reload} /></Flex>;
}

/** The notice list and the form of a notice without a record. */
export default function NoticesPage() {
  const tr = useTr();
  const list = useApi((s) => getNotices(undefined, s), []);
  const rules = useApi((s) => getJson<NoticeRuleDto[]>('/notice-rules', undefined, s), []);
  const navigate = useNavigate();
  const { message } = App.useApp();
  async function submit(v: { subjectKind: string; subjectId: string; regionCode: string; title: string; postedOn: string; days: number; lines: string; issuer: string; objectionsTo: string }) {
    const rows = linesToRows(v.lines, 'item');
    try {
      const n = await sendJson<{ id: number }>('POST', '/notices', { ...v, intro: '', columns: [{ key: 'item', title: '事项' }, { key: 'note', title: '说明' }], rows });
      message.success(tr('已张贴公示'));
      navigate(`/notices/${n.id}`);
    } catch (e) {
      message.error((e as Error).message);
    }
  }
  return (
    <Flex vertical gap={16} data-testid="notices-page">
      <Typography.Title level={3} style={{ margin: 0 }}>{tr('公示')}</Typography.Title>
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : (
        <div style={{ overflowX: 'auto' }}>
          <Table rowKey="id" size="small" loading={list.loading} dataSource={list.data ?? []} pagination={{ pageSize: 50 }} columns={[
            { key: 'title', title: tr('标题'), render: (_: unknown, n) => (n.caseId ? <Link to={`/workflow/cases/${n.caseId}`} data-testid={`case-notice-${n.id}`}>{n.title}</Link> : <Link to={`/notices/${n.id}`} data-testid={`notice-${n.id}`}>{n.title}</Link>) },
            { key: 'rule', title: tr('规则'), render: (_: unknown, n) => n.rule.title },
            { key: 'period', title: tr('公示期'), render: (_: unknown, n) => `${n.postedOn} 至 ${n.endsOn}` },
            { key: 'status', title: tr('状态'), render: (_: unknown, n) => <Tag>{tr(STATUS_ZH[n.status] ?? n.status)}</Tag> },
            { key: 'obj', title: tr('异议'), render: (_: unknown, n) => n.objections.length },
          ]} />
        </div>
      )}
      <Card size="small" title={tr('张贴公示(资金分配、岗位补贴发放、资产收益等)')}>
        <Form layout="vertical" onFinish={submit} initialValues={{ postedOn: todayIso() }}>
          <Flex gap={8} wrap>
            <Form.Item name="subjectKind" label={tr('公示对象')} rules={[{ required: true }]}>
              <Select style={{ width: 240 }} options={(rules.data ?? []).filter((r) => !['monitoring', 'project', 'yulu', 'points'].includes(r.id)).flatMap((r) => r.subjectKinds.map((k) => ({ value: k, label: `${r.title}(${r.minDays ? `≥ ${r.minDays} 天` : tr('期限自定')})` })))} />
            </Form.Item>
            <Form.Item name="subjectId" label={tr('对象编号')} rules={[{ required: true }]}><Input style={{ width: 140 }} /></Form.Item>
            <Form.Item name="regionCode" label={tr('区划代码')} rules={[{ required: true }]}><Input style={{ width: 150 }} /></Form.Item>
          </Flex>
          <Flex gap={8} wrap>
            <Form.Item name="title" label={tr('标题')} rules={[{ required: true }]}><Input style={{ width: 260 }} /></Form.Item>
            <Form.Item name="postedOn" label={tr('张贴日期')} rules={[{ required: true }]}><Input type="date" /></Form.Item>
            <Form.Item name="days" label={tr('公示天数')} rules={[{ required: true }]}><InputNumber min={1} max={90} /></Form.Item>
          </Flex>
          <Form.Item name="lines" label={tr('公示内容(每行一项:事项,说明;不得含身份证、电话、银行、健康信息)')} rules={[{ required: true }]}><Input.TextArea rows={4} /></Form.Item>
          <Flex gap={8} wrap>
            <Form.Item name="issuer" label={tr('发布单位')} rules={[{ required: true }]}><Input style={{ width: 220 }} /></Form.Item>
            <Form.Item name="objectionsTo" label={tr('异议受理')} rules={[{ required: true }]}><Input style={{ width: 220 }} /></Form.Item>
          </Flex>
          <Button type="primary" htmlType="submit">{tr('张贴')}</Button>
        </Form>
      </Card>
    </Flex>
  );
}
