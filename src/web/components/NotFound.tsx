/** Page shown for an unknown path. */
import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../i18n';

/** 404 page inside the layout. */
export function NotFound() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('notFound')}
      extra={<Link to="/"><Button type="primary">{t('backHome')}</Button></Link>}
    />
  );
}
