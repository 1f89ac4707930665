/** A monitoring threshold (监测范围) with its status; placeholder values are visibly marked. */
import { Tag, Tooltip } from 'antd';
import type { ThresholdStatus } from '../../shared/enums';
import { useI18n } from '../i18n';
import { formatYuan } from './format';

/** Props of {@link ThresholdTag}. */
export interface ThresholdTagProps {
  valueFen: number;
  status: ThresholdStatus;
  source?: string;
}

const STATUS_COLOR: Record<ThresholdStatus, string> = { sourced: 'blue', confirmed: 'green', placeholder: 'orange' };

/** Shows "4,500.00 元 [待确认(占位值)]" with the source in a tooltip. */
export function ThresholdTag({ valueFen, status, source }: ThresholdTagProps) {
  const { t, label } = useI18n();
  const content = (
    <span data-testid="threshold" data-status={status}>
      <span style={status === 'placeholder' ? { textDecoration: 'underline dotted', color: '#d46b08' } : undefined}>
        {formatYuan(valueFen)} {t('yuan')}
      </span>{' '}
      <Tag color={STATUS_COLOR[status]} style={{ marginInlineEnd: 0 }}>
        {label('thresholdStatus', status)}
      </Tag>
    </span>
  );
  return source ? <Tooltip title={`${t('source')}: ${source}`}>{content}</Tooltip> : content;
}
