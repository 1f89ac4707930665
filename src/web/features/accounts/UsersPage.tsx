/**
 * User management (`/users`) for administrators of a region: the users of that region, creating a user
 * (the one-time password is shown once), changing roles, disabling, resetting the password.
 */
import { useState } from 'react';
import { Alert, App as AntdApp, Button, Card, Flex, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { ROLE_ZH } from '../../../shared/audit-labels';
import { RegionName } from '../../components/RegionName';
import { RegionCascader } from '../../components/RegionCascader';
import { ApiError, createUser, listUsers, updateUser, type UserDto } from '../../api/client';
import { useApi } from '../../api/use-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from './session';

const LEVEL_LABELS: Record<string, string> = { national: '全国', province: '省', prefecture: '市', county: '县', township: '乡镇', village: '村' };
const roleOptions = Object.entries(ROLE_ZH).map(([value, label]) => ({ value, label }));

export default function UsersPage() {
  const { user: me } = useSession();
  const users = useApi((signal) => listUsers(signal), []);
  const { message } = AntdApp.useApp();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ username: string; password: string }>();
  const [error, setError] = useState<string>();
  const [form] = Form.useForm();

  const run = async (p: Promise<{ user: UserDto; oneTimePassword?: string }>) => {
    setError(undefined);
    try {
      const r = await p;
      if (r.oneTimePassword) setSecret({ username: r.user.username, password: r.oneTimePassword });
      else message.success('已保存');
      users.reload();
      return true;
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
      return false;
    }
  };

  return (
    <Card title={<>用户管理 · {me?.regionCode ? <RegionName code={me.regionCode} /> : '全国'}</>} extra={<Button type="primary" onClick={() => setCreating(true)} data-testid="user-create">新建用户</Button>} data-testid="users-page">
      <Typography.Paragraph type="secondary">只能管理本人所在区域及其下级区域的用户。每次权限变更都记入审计日志。</Typography.Paragraph>
      {users.error ? <ErrorAlert error={users.error} onRetry={users.reload} /> : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Table<UserDto> scroll={{ x: 'max-content' }}
        rowKey="id"
        loading={users.loading}
        dataSource={users.data ?? []}
        pagination={{ pageSize: 50 }}
        columns={[
          { key: 'username', dataIndex: 'username', title: '用户名' },
          { key: 'displayName', dataIndex: 'displayName', title: '姓名' },
          { key: 'region', title: '区域', render: (_, u) => <>{u.regionCode ? <RegionName code={u.regionCode} /> : '全国'}({LEVEL_LABELS[u.level] ?? u.level})</> },
          {
            key: 'roles', title: '角色',
            render: (_, u) => (
              <Select mode="multiple" size="small" style={{ minWidth: 220 }} value={u.roles} options={roleOptions} disabled={u.id === me?.id} onChange={(roles: string[]) => roles.length && void run(updateUser(u.id, { roles }))} />
            ),
          },
          { key: 'state', title: '状态', render: (_, u) => <Space>{u.disabled ? <Tag color="default">已停用</Tag> : <Tag color="green">正常</Tag>}{u.locked ? <Tag color="red">已锁定</Tag> : null}{u.mustChangePassword ? <Tag color="orange">待改密码</Tag> : null}</Space> },
          {
            key: 'actions', title: '操作',
            render: (_, u) => u.id === me?.id ? null : (
              <Space>
                <Button size="small" onClick={() => void run(updateUser(u.id, { disabled: !u.disabled }))}>{u.disabled ? '启用' : '停用'}</Button>
                <Button size="small" onClick={() => void run(updateUser(u.id, { resetPassword: true }))}>重置密码</Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal title="新建用户" open={creating} onCancel={() => setCreating(false)} onOk={() => form.submit()} okText="创建" cancelText="取消" destroyOnHidden>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ regionCode: me?.regionCode ?? '' }}
          onFinish={async (v: { username: string; displayName?: string; regionCode: string; roles: string[] }) => {
            if (await run(createUser({ username: v.username, displayName: v.displayName || undefined, regionCode: v.regionCode || null, roles: v.roles }))) {
              setCreating(false);
              form.resetFields();
            }
          }}
        >
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}><Input data-testid="new-username" /></Form.Item>
          <Form.Item label="姓名" name="displayName"><Input /></Form.Item>
          <Form.Item label="区域" name="regionCode" extra="本人区域或其下级区域;留空为全国(仅全国管理员)"><RegionCascader /></Form.Item>
          <Form.Item label="角色" name="roles" rules={[{ required: true, message: '请选择角色' }]}><Select mode="multiple" options={roleOptions} /></Form.Item>
        </Form>
      </Modal>
      <Modal title="一次性密码" open={!!secret} onOk={() => setSecret(undefined)} onCancel={() => setSecret(undefined)} cancelButtonProps={{ style: { display: 'none' } }} okText="我已记下">
        <Flex vertical gap={8}>
          <Typography.Text>用户 {secret?.username} 的一次性密码(只显示这一次,首次登录须修改):</Typography.Text>
          <Typography.Text code copyable data-testid="one-time-password">{secret?.password}</Typography.Text>
        </Flex>
      </Modal>
    </Card>
  );
}
