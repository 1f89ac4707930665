/**
 * The signed-in user's name and region (by name, not code) in the header, with a drop-down to change the
 * password or sign out. Compact on phones: the name only, cut to the space left.
 */
import { Button, Dropdown } from 'antd';
import { useNavigate } from 'react-router';
import { getJson, setCsrfToken, signOut } from '../../api/client';
import { useApi } from '../../api/use-api';
import { useSession } from './session';

/** The user's name with a drop-down to change the password or sign out. */
export function UserMenu({ compact = false }: { compact?: boolean }) {
  const { user, refresh } = useSession();
  const navigate = useNavigate();
  const code = user?.regionCode ?? null;
  const region = useApi((signal) => getJson<{ name: string }>(`/regions/${code}`, undefined, signal), [code], code !== null);
  if (!user) return null;
  const where = code === null ? '全国' : region.data?.name ?? code;
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
      <Button ghost size="small" data-testid="user-menu" title={`${user.displayName}(${where})`} style={compact ? { maxWidth: 120, overflow: 'hidden', textOverflow: 'ellipsis' } : undefined}>
        {compact ? user.displayName : `${user.displayName}(${where})`}
      </Button>
    </Dropdown>
  );
}
