import {
  AccountBookOutlined,
  ApartmentOutlined,
  BarChartOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  ExportOutlined,
  FileSearchOutlined,
  InboxOutlined,
  LogoutOutlined,
  MessageOutlined,
  NotificationOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import { Button, Flex, Layout, Menu, Spin, Typography } from 'antd';
import { Suspense, type ReactNode } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { useSession, useAuth } from '../auth/AuthContext';
import { roleLabel } from '../format/labels';
import { OwnerShell } from './OwnerShell';
import { ROUTES } from './routes';

const ICONS: Record<string, ReactNode> = {
  inbox: <InboxOutlined />,
  dashboard: <BarChartOutlined />,
  procedures: <FileSearchOutlined />,
  estates: <ApartmentOutlined />,
  operations: <DashboardOutlined />,
  complaints: <MessageOutlined />,
  'joint-enforcements': <NotificationOutlined />,
  problems: <CheckSquareOutlined />,
  disputes: <TeamOutlined />,
  evaluations: <TrophyOutlined />,
  credit: <SafetyCertificateOutlined />,
  'firm-exits': <ExportOutlined />,
  'public-income': <AccountBookOutlined />,
};

/** The shell of the role: owners get the phone layout, everyone else the office one. */
export function Shell() {
  return useSession().role === 'owner' ? <OwnerShell /> : <OfficeShell />;
}

/** The office shell: side menu of the pages this role may open, the user, and the page. */
function OfficeShell() {
  const session = useSession();
  const { logout } = useAuth();
  const location = useLocation();
  const items = ROUTES.filter((r) => r.menu && (!r.roles || r.roles.includes(session.role))).map((r) => ({
    key: `/${r.path}`,
    icon: ICONS[r.menu!.icon],
    label: <Link to={`/${r.path}`}>{r.menu!.label}</Link>,
  }));
  const selected = items.filter((i) => location.pathname.startsWith(i.key)).map((i) => i.key);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} theme="light" width={200}>
        <Typography.Title level={4} style={{ padding: '16px 24px', margin: 0 }}>
          物业监管工作台
        </Typography.Title>
        <nav aria-label="主菜单">
          <Menu mode="inline" selectedKeys={selected} items={items} />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', paddingInline: 24 }}>
          <Flex justify="end" align="center" gap={16} style={{ height: '100%' }}>
            <Typography.Text>
              {session.displayName}（{roleLabel(session.role)}）
            </Typography.Text>
            <Button icon={<LogoutOutlined />} onClick={logout}>
              退出登录
            </Button>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <main>
            <Suspense
              fallback={<Spin description="正在加载…" size="large" style={{ display: 'block', marginTop: 96 }} />}
            >
              <Outlet />
            </Suspense>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
