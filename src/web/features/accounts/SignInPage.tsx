/**
 * Sign-in page (`/sign-in?next=`): user name and password; on success goes to `next` (or the
 * dashboard), or to the change-password page when the password is a one-time one.
 */
import { useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, setCsrfToken, signIn } from '../../api/client';
import { useSession } from './session';

/** A safe in-app path to go to after sign-in (never another origin). */
export function safeNext(raw: string | null): string {
  return raw && raw.startsWith('/') && !raw.startsWith('//') ? raw : '/';
}

export default function SignInPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { refresh } = useSession();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));

  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      const r = await signIn(v.username, v.password);
      setCsrfToken(r.csrfToken);
      await refresh();
      navigate(r.user.mustChangePassword ? `/change-password?next=${encodeURIComponent(next)}` : next, { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '登录失败');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex justify="center" align="center" style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      <Card style={{ width: 380 }} data-testid="sign-in">
        <Typography.Title level={3} style={{ textAlign: 'center' }}>振兴 · 防止返贫监测</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>请使用本单位分配的账号登录</Typography.Paragraph>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="sign-in-error" /> : null}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input autoComplete="username" data-testid="sign-in-username" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" data-testid="sign-in-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="sign-in-submit">登录</Button>
        </Form>
      </Card>
    </Flex>
  );
}
