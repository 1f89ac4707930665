/**
 * Assistance measures of a household: the list (kind, responsible unit, dates, amount in yuan, status),
 * the coverage of each risk type with uncovered risks in red, the development-measure warning, and a form
 * to add a measure (amount entered in yuan, sent in fen).
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Select, Table, Tag } from 'antd';
import { MEASURE_KINDS, MEASURE_KIND_ZH, MEASURE_STATUSES, MEASURE_STATUS_ZH, MEASURE_SUB_KINDS, MEASURE_SUB_KIND_ZH, type MeasureDto } from '../../../shared/workflow';
import { useApi } from '../../api/use-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatYuan, parseYuanText, yuanTextRule } from '../../components/format';
import { addMeasure, getMeasures, todayIso } from './api';
import { useTr } from './i18n';
import { useI18n } from '../../i18n';

/** The measures card of one household. */
export function MeasuresPanel({ householdId, onChange }: { householdId: number; onChange?: () => void }) {
  const state = useApi((s) => getMeasures(householdId, s), [householdId]);
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const tr = useTr();
  const { label } = useI18n();
  if (state.error) return <ErrorAlert error={state.error} onRetry={state.reload} />;
  const d = state.data;

  async function submit(v: { kind: string; subKind?: string; responsibleUnit: string; startDate: string; amountYuan?: string; status: string; note?: string }) {
    setBusy(true);
    try {
      await addMeasure(householdId, { kind: v.kind, subKind: v.subKind ?? null, responsibleUnit: v.responsibleUnit, startDate: v.startDate, amountFen: parseYuanText(v.amountYuan) ?? null, status: v.status, note: v.note ?? '' });
      message.success(tr('已新增帮扶措施'));
      form.resetFields(['responsibleUnit', 'amountYuan', 'note']);
      state.reload();
      onChange?.();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card size="small" title={tr('帮扶措施')} data-testid="measures" loading={!d}>
      {d ? (
        <Flex vertical gap={8}>
          {d.coverage.length ? (
            <Flex gap={4} wrap data-testid="coverage">
              {tr('风险覆盖:')}
              {d.coverage.map((c) => (
                <Tag key={c.riskType} color={c.covered ? 'green' : 'red'} title={`${c.coveringKinds.map((k) => tr(MEASURE_KIND_ZH[k])).join('、')}(${c.source})`}>
                  {label('riskType', c.riskType)}:{tr(c.covered ? '已覆盖' : '未覆盖')}
                </Tag>
              ))}
            </Flex>
          ) : null}
          {d.needsDevelopmentMeasure ? <Alert type="warning" showIcon title={tr('该户有劳动能力,须至少落实一项开发式帮扶措施(产业、就业、公益岗位或金融),不能只有综合保障')} /> : null}
          <Table<MeasureDto> scroll={{ x: 'max-content' }}
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={d.measures}
            columns={[
              { key: 'kind', title: tr('类别'), render: (_: unknown, m) => `${tr(MEASURE_KIND_ZH[m.kind])}${m.subKind ? ` · ${tr(MEASURE_SUB_KIND_ZH[m.subKind])}` : ''}` },
              { key: 'unit', dataIndex: 'responsibleUnit', title: tr('责任单位') },
              { key: 'start', dataIndex: 'startDate', title: tr('开始') },
              { key: 'end', dataIndex: 'endDate', title: tr('结束'), render: (v: string | null) => v ?? '—' },
              { key: 'amount', title: tr('金额(元)'), align: 'right', render: (_: unknown, m) => (m.amountFen === null ? '—' : formatYuan(m.amountFen)) },
              { key: 'status', title: tr('状态'), render: (_: unknown, m) => <Tag>{tr(MEASURE_STATUS_ZH[m.status])}</Tag> },
            ]}
          />
          <Form form={form} layout="inline" onFinish={submit} initialValues={{ kind: 'employment', status: 'inProgress', startDate: todayIso() }}>
            <Form.Item name="kind" label={tr('类别')}><Select style={{ width: 220 }} data-testid="measure-kind" options={MEASURE_KINDS.map((k) => ({ value: k, label: tr(MEASURE_KIND_ZH[k]) }))} /></Form.Item>
            <Form.Item name="subKind" label={tr('细类')}><Select allowClear style={{ width: 120 }} options={MEASURE_SUB_KINDS.map((k) => ({ value: k, label: tr(MEASURE_SUB_KIND_ZH[k]) }))} /></Form.Item>
            <Form.Item name="responsibleUnit" label={tr('责任单位')} rules={[{ required: true, message: tr('请填写责任单位') }]}><Input data-testid="measure-unit" style={{ width: 180 }} /></Form.Item>
            <Form.Item name="startDate" label={tr('开始日期')} rules={[{ required: true }]}><Input type="date" data-testid="measure-start" /></Form.Item>
            <Form.Item name="amountYuan" label={tr('金额(元)')} rules={[yuanTextRule]}><Input inputMode="decimal" style={{ width: 120 }} data-testid="measure-amount" /></Form.Item>
            <Form.Item name="status" label={tr('状态')}><Select style={{ width: 120 }} options={MEASURE_STATUSES.map((k) => ({ value: k, label: tr(MEASURE_STATUS_ZH[k]) }))} /></Form.Item>
            <Button htmlType="submit" loading={busy} data-testid="measure-submit">{tr('新增措施')}</Button>
          </Form>
        </Flex>
      ) : null}
    </Card>
  );
}
