import { AccountBookOutlined, FileDoneOutlined, HomeOutlined, LogoutOutlined, WalletOutlined } from '@ant-design/icons';
import { Button, Flex, Layout, Spin, Typography } from 'antd';
import { Suspense, type ReactNode } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { useAuth, useSession } from '../auth/AuthContext';
import { ROUTES } from './routes';

const ICONS: Record<string, ReactNode> = {
  votes: <FileDoneOutlined />,
  units: <HomeOutlined />,
  fund: <WalletOutlined />,
  'public-income': <AccountBookOutlined />,
};

/**
 * The owners' shell, for a phone: a title bar, the page, and a tab bar of large targets at the bottom
 * (the pages marked for the owner role in the route table).
 */
export function OwnerShell() {
  const session = useSession();
  const { logout } = useAuth();
  const location = useLocation();
  const tabs = ROUTES.filter((r) => r.menu && r.roles?.includes('owner'));

  return (
    <Layout style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      <Layout.Header style={{ background: '#fff', paddingInline: 16, height: 56, lineHeight: '56px' }}>
        <Flex justify="space-between" align="center" style={{ height: '100%' }}>
          <Typography.Text strong style={{ fontSize: 17 }}>
            业主服务
          </Typography.Text>
          <Flex align="center" gap={8}>
            <Typography.Text type="secondary" ellipsis style={{ maxWidth: 150 }}>
              {session.displayName}
            </Typography.Text>
            <Button icon={<LogoutOutlined />} onClick={logout} aria-label="退出登录" size="large" type="text" />
          </Flex>
        </Flex>
      </Layout.Header>
      <Layout.Content style={{ padding: '12px 12px 96px' }}>
        <main>
          <Suspense
            fallback={<Spin description="正在加载…" size="large" style={{ display: 'block', marginTop: 96 }} />}
          >
            <Outlet />
          </Suspense>
        </main>
      </Layout.Content>
      <nav
        aria-label="主菜单"
        style={{
          position: 'fixed',
          insetInline: 0,
          bottom: 0,
          background: '#fff',
          borderTop: '1px solid #d9d9d9',
          display: 'flex',
          zIndex: 10,
        }}
      >
        {tabs.map((t) => {
          const path = `/${t.path}`;
          const current = location.pathname.startsWith(path);
          return (
            <Link
              key={t.path}
              to={path}
              aria-current={current ? 'page' : undefined}
              style={{
                flex: 1,
                minHeight: 64,
                display: 'flex',
                flexDirection: 'column',
                alignItems: 'center',
                justifyContent: 'center',
                gap: 2,
                fontSize: 14,
                // #0958d9 on white is 6.0:1, #595959 7.0:1 (WCAG AA).
                color: current ? '#0958d9' : '#595959',
                fontWeight: current ? 600 : 400,
              }}
            >
              <span style={{ fontSize: 22 }} aria-hidden>
                {ICONS[t.menu!.icon]}
              </span>
              {t.menu!.label}
            </Link>
          );
        })}
      </nav>
    </Layout>
  );
}
