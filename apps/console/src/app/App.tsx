import { Result, Spin } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { Link, Navigate, Route, Routes } from 'react-router';
import { useSession } from '../auth/AuthContext';
import { RequireAuth } from '../auth/RequireAuth';
import type { Role } from '../format/labels';
import { landingPath, PUBLIC_ROUTES, ROUTES } from './routes';
import { Shell } from './Shell';

const LoginPage = lazy(() => import('../auth/LoginPage'));

function Landing() {
  return <Navigate to={landingPath(useSession().role)} replace />;
}

function RoleGate({ roles, children }: { roles?: readonly Role[]; children: ReactNode }) {
  const session = useSession();
  if (roles && !roles.includes(session.role)) {
    return (
      <Result status="403" title="无权访问" subTitle="您的角色不能打开此页面。" extra={<Link to="/">回到首页</Link>} />
    );
  }
  return children;
}

export function App() {
  return (
    <Routes>
      <Route
        path="/login"
        element={
          <Suspense fallback={<Spin size="large" style={{ display: 'block', marginTop: 96 }} />}>
            <LoginPage />
          </Suspense>
        }
      />
      {PUBLIC_ROUTES.map(({ path, component: Page }) => (
        <Route
          key={path}
          path={path}
          element={
            <Suspense fallback={<Spin size="large" style={{ display: 'block', marginTop: 96 }} />}>
              <Page />
            </Suspense>
          }
        />
      ))}
      <Route
        element={
          <RequireAuth>
            <Shell />
          </RequireAuth>
        }
      >
        <Route index element={<Landing />} />
        {ROUTES.map(({ path, component: Page, roles }) => (
          <Route
            key={path}
            path={path}
            element={
              <RoleGate roles={roles}>
                <Page />
              </RoleGate>
            }
          />
        ))}
        <Route
          path="*"
          element={
            <Result
              status="404"
              title="页面不存在"
              subTitle="请从左侧菜单进入。"
              extra={<Link to="/">回到首页</Link>}
            />
          }
        />
      </Route>
    </Routes>
  );
}
