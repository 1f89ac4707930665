/**
 * The application frame: header with title, menu (看板, 农户, 规则) and language switch, the demo-data
 * banner, and the routed page (lazy-loaded, behind a spinner).
 */
import { Suspense } from 'react';
import { Button, Layout, Menu, Typography } from 'antd';
import { Link, Outlet, useLocation, useSearchParams } from 'react-router';
import { useI18n } from '../i18n';
import { useMeta } from '../components/MetaProvider';
import { DemoBanner } from '../components/Banners';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { UserMenu, accountMenuItems } from '../features/accounts/UserMenu';
import { useSession } from '../features/accounts/session';

const { Header, Content, Footer } = Layout;

function selectedKey(pathname: string): string {
  if (pathname.startsWith('/households')) return 'households';
  if (pathname.startsWith('/rules')) return 'rules';
  if (pathname.startsWith('/intake/clues')) return 'clues';
  if (pathname.startsWith('/intake/checks')) return 'checks';
  if (pathname.startsWith('/intake')) return 'intake';
  if (pathname.startsWith('/workflow')) return 'workflow';
  if (pathname.startsWith('/users')) return 'users';
  if (pathname.startsWith('/audit')) return 'audit';
  return 'dashboard';
}

/** Layout of every page. */
export function AppLayout() {
  const { t, lang, setLang } = useI18n();
  const meta = useMeta();
  const location = useLocation();
  const [params] = useSearchParams();
  const year = params.get('year');
  const keep = year ? `?year=${year}` : '';
  const { user } = useSession();

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header style={{ display: 'flex', alignItems: 'center', gap: 24, paddingInline: 24 }}>
        <Link to={`/${keep}`} style={{ color: '#fff', whiteSpace: 'nowrap' }} data-testid="app-title">
          <Typography.Title level={4} style={{ color: '#fff', margin: 0 }}>
            {t('appTitle')}
          </Typography.Title>
        </Link>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={[selectedKey(location.pathname)]}
          style={{ flex: 1, minWidth: 0 }}
          items={[
            { key: 'dashboard', label: <Link to={`/${keep}`} data-testid="menu-dashboard">{t('menuDashboard')}</Link> },
            { key: 'households', label: <Link to={`/households${keep}`} data-testid="menu-households">{t('menuHouseholds')}</Link> },
            { key: 'rules', label: <Link to={`/rules${keep}`} data-testid="menu-rules">{t('menuRules')}</Link> },
            // importing needs intake.import (domain/permissions.ts: admin, dataEntry); the server checks it too
            ...(user?.roles.some((r) => r === 'admin' || r === 'dataEntry') ? [{ key: 'intake', label: <Link to="/intake" data-testid="menu-intake">{t('menuIntake')}</Link> }] : []),
            { key: 'clues', label: <Link to="/intake/clues" data-testid="menu-clues">{t('menuClues')}</Link> },
            { key: 'checks', label: <Link to="/intake/checks" data-testid="menu-checks">{t('menuChecks')}</Link> },
            { key: 'workflow', label: <Link to="/workflow" data-testid="menu-workflow">{t('menuWorkflow')}</Link> },
            ...accountMenuItems(user),
          ]}
        />
        <Button ghost size="small" data-testid="lang-switch" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {t('switchLanguage')}
        </Button>
        <UserMenu />
      </Header>
      {meta.data?.demoData ? <DemoBanner /> : null}
      <Content style={{ padding: 24 }}>
        {meta.error ? <ErrorAlert error={meta.error} /> : null}
        <Suspense fallback={<Loading minHeight={320} />}>
          <Outlet />
        </Suspense>
      </Content>
      <Footer style={{ textAlign: 'center', color: '#888', fontSize: 12 }}>{t('appTitle')}</Footer>
    </Layout>
  );
}
