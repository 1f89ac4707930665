/** Error alert showing the API's Chinese message (and its code), with an optional retry button. */
import { Alert, Button } from 'antd';
import type { ApiError } from '../api/client';
import { useI18n, type MessageKey } from '../i18n';

/** Errors made by the client itself (no server message): shown from the dictionary. */
const CLIENT_MESSAGES: Record<string, MessageKey> = {
  network_error: 'errNetwork',
  bad_response: 'errBadResponse',
  http_error: 'errHttp',
};

/** Shows an API error in an antd Alert. */
export function ErrorAlert({ error, onRetry }: { error: ApiError | Error; onRetry?: () => void }) {
  const { t } = useI18n();
  const code = 'code' in error ? (error as ApiError).code : undefined;
  const status = 'status' in error ? (error as ApiError).status : 0;
  const clientKey = code ? CLIENT_MESSAGES[code] : undefined;
  const message = clientKey ? t(clientKey, { status }) : error.message;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="error-alert"
      title={t('loadFailed')}
      description={
        <span>
          {message}
          {code ? <span style={{ color: '#999', marginLeft: 8 }}>({code})</span> : null}
        </span>
      }
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('retry')}</Button> : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
