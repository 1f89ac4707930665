/** Centered loading spinner. */
import { Spin } from 'antd';
import { useI18n } from '../i18n';

/** A block-level loading indicator. */
export function Loading({ minHeight = 160 }: { minHeight?: number }) {
  const { t } = useI18n();
  return (
    <div style={{ minHeight, display: 'flex', alignItems: 'center', justifyContent: 'center' }} data-testid="loading">
      <Spin description={t('loading')} />
    </div>
  );
}
