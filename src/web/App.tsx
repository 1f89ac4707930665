/**
 * Root component: antd locale (zhCN by default), language, /meta, and the routes. Pages are split with
 * React.lazy so that each page is its own chunk.
 */
import { lazy, Suspense } from 'react';
import { App as AntdApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { I18nProvider, useI18n } from './i18n';
import { MetaProvider } from './components/MetaProvider';
import { AppLayout } from './layouts/AppLayout';
import { NotFound } from './components/NotFound';
import { RequireSession, SessionProvider } from './features/accounts/session';
import { Loading } from './components/Loading';

const DashboardPage = lazy(() => import('./features/dashboard/DashboardPage'));
const HouseholdListPage = lazy(() => import('./features/households/HouseholdListPage'));
const HouseholdPage = lazy(() => import('./features/households/HouseholdPage'));
const RulesPage = lazy(() => import('./features/rules/RulesPage'));
const ImportPage = lazy(() => import('./features/intake/ImportPage'));
const ClueQueuePage = lazy(() => import('./features/intake/ClueQueuePage'));
const DataQualityPage = lazy(() => import('./features/intake/DataQualityPage'));
const WorklistPage = lazy(() => import('./features/workflow/WorklistPage'));
const CasePage = lazy(() => import('./features/workflow/CasePage'));
const TimelinessPage = lazy(() => import('./features/workflow/TimelinessPage'));
const ProceduresPage = lazy(() => import('./features/procedures/ProceduresPage'));
const RecordPage = lazy(() => import('./features/procedures/RecordPage'));
const NoticesPage = lazy(() => import('./features/procedures/NoticesPage'));
const NoticePage = lazy(() => import('./features/procedures/NoticesPage').then((m) => ({ default: m.NoticePage })));
const SignInPage = lazy(() => import('./features/accounts/SignInPage'));
const ChangePasswordPage = lazy(() => import('./features/accounts/ChangePasswordPage'));
const UsersPage = lazy(() => import('./features/accounts/UsersPage'));
const AuditPage = lazy(() => import('./features/accounts/AuditPage'));
const CataloguePage = lazy(() => import('./features/evaluation/CataloguePage'));
const ReportingPage = lazy(() => import('./features/evaluation/ReportingPage'));
const RoundsPage = lazy(() => import('./features/evaluation/RoundsPage'));
const AnalysisPage = lazy(() => import('./features/evaluation/AnalysisPage'));

const router = createBrowserRouter([
  { path: '/sign-in', element: <Suspense fallback={<Loading minHeight={320} />}><SignInPage /></Suspense> },
  { path: '/change-password', element: <Suspense fallback={<Loading minHeight={320} />}><ChangePasswordPage /></Suspense> },
  {
    path: '/',
    element: <RequireSession><AppLayout /></RequireSession>,
    children: [
      { index: true, element: <DashboardPage /> },
      { path: 'households', element: <HouseholdListPage /> },
      { path: 'households/:id', element: <HouseholdPage /> },
      { path: 'rules', element: <RulesPage /> },
      { path: 'intake', element: <ImportPage /> },
      { path: 'intake/clues', element: <ClueQueuePage /> },
      { path: 'intake/checks', element: <DataQualityPage /> },
      { path: 'workflow', element: <WorklistPage /> },
      { path: 'workflow/cases/:id', element: <CasePage /> },
      { path: 'workflow/timeliness', element: <TimelinessPage /> },
      { path: 'procedures', element: <ProceduresPage /> },
      { path: 'procedures/records/:id', element: <RecordPage /> },
      { path: 'notices', element: <NoticesPage /> },
      { path: 'notices/:id', element: <NoticePage /> },
      { path: 'users', element: <UsersPage /> },
      { path: 'audit', element: <AuditPage /> },
      { path: 'evaluation/catalogue', element: <CataloguePage /> },
      { path: 'evaluation/reporting', element: <ReportingPage /> },
      { path: 'evaluation/rounds', element: <RoundsPage /> },
      { path: 'evaluation/analysis', element: <AnalysisPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

function Themed() {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={{ token: { colorPrimary: '#b7242a' } }}>
      <AntdApp>
        <MetaProvider>
          <SessionProvider>
            <RouterProvider router={router} />
          </SessionProvider>
        </MetaProvider>
      </AntdApp>
    </ConfigProvider>
  );
}

/** The whole application. */
export function App() {
  return (
    <I18nProvider>
      <Themed />
    </I18nProvider>
  );
}
