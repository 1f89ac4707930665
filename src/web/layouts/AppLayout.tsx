/**
 * The application frame. Desktop (≥ 992 px): a header with the title, language switch and user, and the
 * menu of layouts/nav.ts on the left. Phones and small tablets: a header with a menu button that opens the
 * same menu in a drawer, so that a village cadre on a 375-px phone reaches every page; the content keeps to
 * the viewport (no sideways scrolling of the page).
 */
import { Suspense, useState } from 'react';
import { Button, ConfigProvider, Drawer, Grid, Layout, Menu, Typography } from 'antd';
import { Link, Outlet, useLocation, useSearchParams } from 'react-router';
import { useI18n } from '../i18n';
import { useMeta } from '../components/MetaProvider';
import { DemoBanner } from '../components/Banners';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { UserMenu } from '../features/accounts/UserMenu';
import { useSession } from '../features/accounts/session';
import { selectedNavKey, visibleNav, type NavItem } from './nav';

const { Header, Content, Footer, Sider } = Layout;

/** The menu of the groups the user sees, as antd items (groups always open, so every entry is one tap). */
function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const location = useLocation();
  const [params] = useSearchParams();
  const year = params.get('year');
  const label = (i: NavItem) => (typeof i.label === 'string' ? t(i.label) : i.label[lang]);
  return (
    <Menu
      mode="inline"
      selectedKeys={[selectedNavKey(location.pathname)]}
      style={{ borderInlineEnd: 0 }}
      items={visibleNav(user).map((g) => ({
        type: 'group' as const,
        key: g.key,
        label: g.label[lang],
        children: g.items.map((i) => ({
          key: i.key,
          label: (
            <Link to={`${i.path}${i.keepYear && year ? `?year=${year}` : ''}`} data-testid={i.testId} onClick={onNavigate}>
              {label(i)}
            </Link>
          ),
        })),
      }))}
    />
  );
}

/** Layout of every page. */
export function AppLayout() {
  const { t, lang, setLang } = useI18n();
  const meta = useMeta();
  const screens = Grid.useBreakpoint();
  // before the first measurement, useBreakpoint is empty: treat as desktop only when lg is known true
  const desktop = screens.lg === true;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [params] = useSearchParams();
  const year = params.get('year');

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header style={{ display: 'flex', alignItems: 'center', gap: desktop ? 24 : 8, paddingInline: desktop ? 24 : 12 }}>
        {desktop ? null : (
          <Button type="text" aria-label={lang === 'zh' ? '菜单' : 'Menu'} data-testid="nav-drawer-open" onClick={() => setDrawerOpen(true)} style={{ color: '#fff', fontSize: 20, paddingInline: 8 }}>
            ☰
          </Button>
        )}
        <Link to={`/${year ? `?year=${year}` : ''}`} style={{ color: '#fff', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', minWidth: 0, flex: 1 }} data-testid="app-title">
          <Typography.Title level={desktop ? 4 : 5} style={{ color: '#fff', margin: 0, overflow: 'hidden', textOverflow: 'ellipsis' }}>
            {desktop ? t('appTitle') : t('appTitleShort')}
          </Typography.Title>
        </Link>
        <Button ghost size="small" data-testid="lang-switch" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {desktop ? t('switchLanguage') : lang === 'zh' ? 'EN' : '中'}
        </Button>
        <UserMenu compact={!desktop} />
      </Header>
      {meta.data?.demoData ? <DemoBanner /> : null}
      <Layout>
        {desktop ? (
          <Sider width={208} theme="light" style={{ borderInlineEnd: '1px solid #f0f0f0' }} data-testid="nav-sider">
            <NavMenu />
          </Sider>
        ) : (
          <Drawer placement="left" open={drawerOpen} onClose={() => setDrawerOpen(false)} size={260} title={t('appTitleShort')} styles={{ body: { padding: 0 } }} data-testid="nav-drawer">
            {/* compact entries on phones: the whole menu (five groups) fits a 812-px screen without scrolling the drawer */}
            <ConfigProvider theme={{ components: { Menu: { itemHeight: 32, itemMarginBlock: 2, groupTitleLineHeight: 1.2 } } }}>
              <NavMenu onNavigate={() => setDrawerOpen(false)} />
            </ConfigProvider>
          </Drawer>
        )}
        <Content style={{ padding: desktop ? 24 : 12, minWidth: 0 }}>
          {meta.error ? <ErrorAlert error={meta.error} /> : null}
          <Suspense fallback={<Loading minHeight={320} />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
      <Footer style={{ textAlign: 'center', color: '#888', fontSize: 12 }}>{t('appTitle')}</Footer>
    </Layout>
  );
}
