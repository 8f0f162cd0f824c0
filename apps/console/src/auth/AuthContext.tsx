import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { createApiClient, type ApiClient } from '../api/client';
import type { Role } from '../format/labels';

/** Who is logged in, as the login answered; the token itself stays in sessionStorage (this tab only). */
export interface Session {
  token: string;
  userId: string;
  username: string;
  role: Role;
  displayName: string;
}

interface AuthValue {
  session: Session | null;
  /** Set when the last session ended with a 401, so the login page can say why. */
  expired: boolean;
  api: ApiClient;
  login(session: Session): void;
  logout(): void;
}

const STORAGE_KEY = 'wuye-console-session';
const AuthContext = createContext<AuthValue | null>(null);

/** The user id a token names (its `sub`); the API verifies the token, the console only reads it. */
export function userIdOf(token: string): string {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return (JSON.parse(atob(payload)) as { sub?: string }).sub ?? '';
  } catch {
    return '';
  }
}

function storedSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

/** The one piece of shared state: the session, and an API client that sends its token. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(storedSession);
  const [expired, setExpired] = useState(false);

  const login = useCallback((next: Session) => {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setExpired(false);
    setSession(next);
  }, []);
  const logout = useCallback(() => {
    sessionStorage.removeItem(STORAGE_KEY);
    setSession(null);
  }, []);

  const api = useMemo(
    () =>
      createApiClient(
        () => storedSession()?.token ?? null,
        () => {
          sessionStorage.removeItem(STORAGE_KEY);
          setExpired(true);
          setSession(null);
        },
      ),
    [],
  );

  const value = useMemo(() => ({ session, expired, api, login, logout }), [session, expired, api, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The API client of the current session. */
export function useApi(): ApiClient {
  return useAuth().api;
}

/** The logged-in session (inside RequireAuth, always present). */
export function useSession(): Session {
  const { session } = useAuth();
  if (!session) throw new Error('useSession outside RequireAuth');
  return session;
}
