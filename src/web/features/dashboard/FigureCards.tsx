/** The five key figures of a region: 户数, 人数, 脱贫户, 监测户 (by category), 风险预警户. */
import type { ReactNode } from 'react';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { RegionSummaryDto } from '../../../shared/api';
import { MONITORED_CATEGORIES } from '../../../shared/enums';
import { useI18n } from '../../i18n';
import { formatCount, formatShare } from '../../components/format';

function Figure({ testId, title, value, unit, extra, danger }: { testId: string; title: string; value: number; unit: string; extra?: ReactNode; danger?: boolean }) {
  return (
    <Card size="small" style={{ height: '100%' }} data-testid={testId}>
      <Statistic
        title={title}
        value={value}
        formatter={(v) => formatCount(Number(v))}
        suffix={<span style={{ fontSize: 14 }}>{unit}</span>}
        styles={danger ? { content: { color: '#cf1322' } } : undefined}
      />
      {extra ? <div style={{ marginTop: 4, fontSize: 12 }}>{extra}</div> : null}
    </Card>
  );
}

/** Row of figure cards of a summary. */
export function FigureCards({ summary }: { summary: RegionSummaryDto }) {
  const { t, label } = useI18n();
  const share = summary.households ? summary.flaggedHouseholds / summary.households : null;
  return (
    <Row gutter={[12, 12]} data-testid="figure-cards">
      <Col xs={12} md={8} xl={4}>
        <Figure testId="fig-households" title={t('figHouseholds')} value={summary.households} unit={t('unitHouseholds')} />
      </Col>
      <Col xs={12} md={8} xl={4}>
        <Figure testId="fig-persons" title={t('figPersons')} value={summary.persons} unit={t('unitPersons')} />
      </Col>
      <Col xs={12} md={8} xl={4}>
        <Figure testId="fig-lifted" title={t('figLifted')} value={summary.liftedHouseholds} unit={t('unitHouseholds')} />
      </Col>
      <Col xs={12} md={12} xl={6}>
        <Figure
          testId="fig-monitored"
          title={t('figMonitored')}
          value={summary.monitoredHouseholds}
          unit={t('unitHouseholds')}
          extra={
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {MONITORED_CATEGORIES.map((c) => `${label('monitoredCategory', c)} ${formatCount(summary.byCategory[c] ?? 0)}`).join(' · ')}
            </Typography.Text>
          }
        />
      </Col>
      <Col xs={24} md={12} xl={6}>
        <Figure
          testId="fig-flagged"
          title={t('figFlagged')}
          value={summary.flaggedHouseholds}
          unit={t('unitHouseholds')}
          danger
          extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('figFlaggedHint')} · {formatShare(share)}</Typography.Text>}
        />
      </Col>
    </Row>
  );
}
