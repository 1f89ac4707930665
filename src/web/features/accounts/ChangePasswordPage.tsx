/**
 * Change-password page (`/change-password?next=`): required after signing in with a one-time password.
 * The rules are the server's (at least 10 characters of three kinds, not containing the user name).
 */
import { useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError, changePassword } from '../../api/client';
import { Loading } from '../../components/Loading';
import { safeNext } from './SignInPage';
import { useSession } from './session';

export default function ChangePasswordPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { user, loading, refresh } = useSession();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));
  if (loading && !user) return <Loading minHeight={320} />;
  if (!user) return <Navigate to="/sign-in" replace />;

  const submit = async (v: { currentPassword: string; newPassword: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      await changePassword(v.currentPassword, v.newPassword);
      await refresh();
      navigate(next, { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '修改失败');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex justify="center" align="center" style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      <Card style={{ width: 420 }} data-testid="change-password">
        <Typography.Title level={4}>修改密码</Typography.Title>
        {user.mustChangePassword ? <Alert type="info" showIcon title="首次登录须修改一次性密码" style={{ marginBottom: 16 }} /> : null}
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="change-password-error" /> : null}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
            <Input.Password autoComplete="current-password" data-testid="current-password" />
          </Form.Item>
          <Form.Item label="新密码" name="newPassword" extra="至少10个字符,包含小写字母、大写字母、数字、符号中的至少三类,且不含用户名" rules={[{ required: true, message: '请输入新密码' }]}>
            <Input.Password autoComplete="new-password" data-testid="new-password" />
          </Form.Item>
          <Form.Item
            label="再次输入新密码"
            name="confirm"
            dependencies={['newPassword']}
            rules={[{ required: true, message: '请再次输入新密码' }, ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致'))) })]}
          >
            <Input.Password autoComplete="new-password" data-testid="confirm-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="change-password-submit">确认修改</Button>
        </Form>
      </Card>
    </Flex>
  );
}
