/**
 * The signed-in session of the web UI: loads GET /auth/me once, keeps the CSRF token for unsafe
 * requests, and guards the application: no session → the sign-in page; a one-time password → the
 * change-password page; a user below the nation opening the dashboard without a region, or on a region
 * above their own (the breadcrumb), → their region.
 */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { Navigate, useLocation, useSearchParams } from 'react-router';
import { ApiError, getMe, setCsrfToken, type UserDto } from '../../api/client';
import { Loading } from '../../components/Loading';
import { ErrorAlert } from '../../components/ErrorAlert';

interface SessionState {
  user: UserDto | null;
  loading: boolean;
  error: ApiError | undefined;
  /** Reloads /auth/me (after sign-in, password change or sign-out). */
  refresh: () => Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

/** Provides the session to the tree. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<UserDto | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | undefined>();
  const refresh = useCallback(async () => {
    setLoading(true);
    try {
      const me = await getMe();
      setCsrfToken(me.csrfToken);
      setUser(me.user);
      setError(undefined);
    } catch (e) {
      setCsrfToken(undefined);
      setUser(null);
      setError(e instanceof ApiError && e.status === 401 ? undefined : (e as ApiError));
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return <SessionContext.Provider value={{ user, loading, error, refresh }}>{children}</SessionContext.Provider>;
}

/** The session (user null when signed out). */
export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession() outside <SessionProvider>');
  return s;
}

/** Whether the user's roles grant the permission (the server checks it again on every request). */
export const can = (user: UserDto | null, permission: string) => !!user && (user.permissions ?? []).includes(permission);

/** Whether the user holds one of the roles. */
export const hasRole = (user: UserDto | null, ...roles: string[]) => !!user && user.roles.some((r) => roles.includes(r));

/** Renders its children only for a signed-in user who has changed the one-time password. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { user, loading, error } = useSession();
  const location = useLocation();
  const [params] = useSearchParams();
  if (loading && !user) return <Loading minHeight={320} />;
  if (error) return <ErrorAlert error={error} />;
  const next = encodeURIComponent(location.pathname + location.search);
  if (!user) return <Navigate to={`/sign-in?next=${next}`} replace />;
  if (user.mustChangePassword) return <Navigate to={`/change-password?next=${next}`} replace />;
  // figures above the user's own region are refused by the server: open the user's region instead
  const asked = params.get('region');
  if (location.pathname === '/' && user.regionCode && (!asked || (user.regionCode.startsWith(asked) && asked !== user.regionCode))) {
    const p = new URLSearchParams(params);
    p.set('region', user.regionCode);
    return <Navigate to={`/?${p.toString()}`} replace />;
  }
  return <>{children}</>;
}
