/** Compact list of the thresholds behind a set of figures: one tag per distinct value and status. */
import { Space, Typography } from 'antd';
import type { ThresholdDto } from '../../shared/api';
import { useI18n } from '../i18n';
import { ThresholdTag } from './ThresholdTag';

/** One distinct threshold value and status, with how many thresholds share it. */
export interface ThresholdGroup {
  valueFen: number;
  status: ThresholdDto['status'];
  count: number;
  sources: string[];
}

/** Groups thresholds by value and status (placeholders first, then by value). */
export function groupThresholds(thresholds: ThresholdDto[]): ThresholdGroup[] {
  const groups = new Map<string, ThresholdGroup>();
  for (const th of thresholds) {
    const key = `${th.valueFen}|${th.status}`;
    const g = groups.get(key) ?? { valueFen: th.valueFen, status: th.status, count: 0, sources: [] };
    g.count += 1;
    if (th.source && !g.sources.includes(th.source)) g.sources.push(th.source);
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => Number(b.status === 'placeholder') - Number(a.status === 'placeholder') || a.valueFen - b.valueFen);
}

/** "使用的监测范围: 4,500.00 元 [有来源] ×3 …" */
export function ThresholdList({ thresholds }: { thresholds: ThresholdDto[] }) {
  const { t } = useI18n();
  if (!thresholds.length) return null;
  const groups = groupThresholds(thresholds);
  return (
    <Space wrap size={[12, 4]} data-testid="threshold-list">
      <Typography.Text type="secondary">{t('thresholdsUsed')}:</Typography.Text>
      {groups.map((g) => (
        <span key={`${g.valueFen}|${g.status}`}>
          <ThresholdTag valueFen={g.valueFen} status={g.status} source={g.sources.join(';')} />
          {groups.length > 1 || g.count > 1 ? <Typography.Text type="secondary"> ×{g.count}</Typography.Text> : null}
        </span>
      ))}
    </Space>
  );
}
