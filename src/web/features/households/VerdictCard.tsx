/**
 * One screening verdict: rule name, version and source, outcome tag (flagged red / clear green / noData
 * grey), the explanation, its inputs with units (fen as yuan), the threshold with its status, and what
 * would clear the flag.
 */
import { Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import type { ExplanationDto, VerdictDto } from '../../../shared/api';
import { useI18n } from '../../i18n';
import { formatBeijingTime, formatCount, formatShare, formatYuan } from '../../components/format';
import { ThresholdTag } from '../../components/ThresholdTag';
import { RiskTypeTags } from './household-tags';

type Input = ExplanationDto['inputs'][number];

/** Renders an input value with its unit. */
export function InputValue({ input }: { input: Input }) {
  const { t } = useI18n();
  const v = input.value;
  if (v === null) return <Typography.Text type="secondary">—</Typography.Text>;
  if (typeof v === 'boolean') return <span>{v ? t('yes') : t('no')}</span>;
  if (typeof v === 'string') return <span>{v}</span>;
  switch (input.unit) {
    case 'fen':
      return <span>{formatYuan(v)} {t('yuan')}</span>;
    case 'persons':
      return <span>{formatCount(v)} {t('persons')}</span>;
    case 'percent':
      // The contract does not say whether percent values are 0–1 or 0–100: values ≤ 1 are taken as shares.
      return <span>{Math.abs(v) <= 1 ? formatShare(v) : `${v.toLocaleString('zh-CN')}%`}</span>;
    case undefined:
      return <span>{v.toLocaleString('zh-CN')}</span>;
  }
}

const OUTCOME_COLOR: Record<VerdictDto['outcome'], string> = { flagged: 'red', clear: 'green', noData: 'default' };

/** A verdict card. */
export function VerdictCard({ verdict }: { verdict: VerdictDto }) {
  const { t } = useI18n();
  const outcomeText = { flagged: t('outcomeFlagged'), clear: t('outcomeClear'), noData: t('outcomeNoData') }[verdict.outcome];
  const ex = verdict.explanation;
  return (
    <Card
      size="small"
      data-testid="verdict-card"
      data-outcome={verdict.outcome}
      style={{ borderColor: verdict.outcome === 'flagged' ? '#ffa39e' : undefined }}
      title={
        <Space wrap>
          <Tag color={OUTCOME_COLOR[verdict.outcome]} data-testid="verdict-outcome">{outcomeText}</Tag>
          <span>{verdict.ruleName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
            {t('ruleVersion')} {verdict.ruleVersion}
          </Typography.Text>
        </Space>
      }
    >
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <Typography.Paragraph style={{ margin: 0 }}>{ex.summary}</Typography.Paragraph>
        {verdict.riskTypes.length ? <div><RiskTypeTags riskTypes={verdict.riskTypes} /></div> : null}
        {ex.inputs.length ? (
          <Table<Input> scroll={{ x: 'max-content' }}
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={ex.inputs}
            columns={[
              { key: 'label', dataIndex: 'label', title: t('colInput') },
              { key: 'value', title: t('colValue'), align: 'right', render: (_: unknown, input) => <InputValue input={input} /> },
            ]}
          />
        ) : null}
        {ex.threshold ? (
          <div>
            <Typography.Text type="secondary">{t('threshold')}:</Typography.Text>{' '}
            <ThresholdTag valueFen={ex.threshold.valueFen} status={ex.threshold.status} source={ex.threshold.source} />
          </div>
        ) : verdict.usesPlaceholderThreshold ? (
          <Tag color="orange">{t('thresholdPlaceholderMark')}</Tag>
        ) : null}
        <div data-testid="verdict-clear-if">
          <Typography.Text strong>{t('clearIf')}</Typography.Text> {ex.clearIf}
        </div>
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'source', label: t('source'), children: <Typography.Text style={{ fontSize: 12 }}>{verdict.source}</Typography.Text> },
            { key: 'screenedAt', label: t('screenedAt'), children: formatBeijingTime(verdict.screenedAt) },
          ]}
        />
      </Space>
    </Card>
  );
}
