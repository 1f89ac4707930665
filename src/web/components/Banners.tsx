/** Standing notices: invented demo population, provisional (placeholder) thresholds. */
import { Alert } from 'antd';
import { useI18n } from '../i18n';

/** Banner saying that the population is invented demo data. */
export function DemoBanner() {
  const { t } = useI18n();
  return <Alert type="info" banner showIcon title={t('demoBanner')} data-testid="demo-banner" />;
}

/** Warning that figures rest on a placeholder threshold not confirmed by an administrator. */
export function PlaceholderWarning() {
  const { t } = useI18n();
  return (
    <Alert type="warning" showIcon title={t('placeholderWarning')} data-testid="placeholder-warning" style={{ marginBottom: 16 }} />
  );
}
