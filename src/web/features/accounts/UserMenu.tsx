/**
 * Header pieces of accounts: the menu entries for administrators (用户, 审计), and the signed-in user's
 * name with 修改密码 and 退出.
 */
import { Button, Dropdown } from 'antd';
import { Link, useNavigate } from 'react-router';
import { setCsrfToken, signOut, type UserDto } from '../../api/client';
import { hasRole, useSession } from './session';

/** Menu entries shown to administrators. */
export function accountMenuItems(user: UserDto | null) {
  if (!hasRole(user, 'admin')) return [];
  return [
    { key: 'users', label: <Link to="/users" data-testid="menu-users">用户</Link> },
    { key: 'audit', label: <Link to="/audit" data-testid="menu-audit">审计</Link> },
  ];
}

/** The user's name with a drop-down to change the password or sign out. */
export function UserMenu() {
  const { user, refresh } = useSession();
  const navigate = useNavigate();
  if (!user) return null;
  return (
    <Dropdown
      menu={{
        items: [
          { key: 'pw', label: '修改密码', onClick: () => navigate('/change-password?next=/') },
          {
            key: 'out', label: '退出登录',
            onClick: async () => {
              await signOut().catch(() => undefined);
              setCsrfToken(undefined);
              await refresh();
              navigate('/sign-in', { replace: true });
            },
          },
        ],
      }}
    >
      <Button ghost size="small" data-testid="user-menu">{user.displayName}({user.regionCode ?? '全国'})</Button>
    </Dropdown>
  );
}
