import { LoginOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Result, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { landingPath } from '../app/routes';
import type { Schemas } from '../api/client';
import { ApiFailure, unwrap } from '../api/errors';
import { config } from '../config';
import { roleLabel, type Role } from '../format/labels';
import { useAuth, userIdOf } from './AuthContext';

type Account = Schemas['DevAccountResponse'];
type Token = Schemas['TokenResponse'];

/** Only a path inside the console, so `?next=` cannot send the user elsewhere. */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : null;
}

/**
 * Development: the seeded accounts, one click each for a token. Production: a local account's user name and
 * password, or the identity provider's login; the list is never fetched (the API refuses it there too).
 */
export default function LoginPage() {
  const { session, expired, api, login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [production, setProduction] = useState(config.production);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [signingIn, setSigningIn] = useState<string | null>(null);
  const [signInError, setSignInError] = useState<string | null>(null);
  const [query, setQuery] = useState('');

  useEffect(() => {
    if (production) return;
    let cancelled = false;
    unwrap(api.GET('/auth/dev-accounts'))
      .then((list) => !cancelled && setAccounts(list))
      .catch((error: ApiFailure) => {
        if (cancelled) return;
        if (error.status === 404) setProduction(true);
        else setLoadError(error.message);
      });
    return () => {
      cancelled = true;
    };
  }, [api, production]);

  const shown = useMemo(() => {
    const q = query.trim();
    if (!accounts || !q) return accounts ?? [];
    return accounts.filter((a) =>
      [a.username, a.displayName, a.roleLabel, a.organisationName ?? '', a.jurisdictionName].some((f) => f.includes(q)),
    );
  }, [accounts, query]);

  if (session) return <Navigate to={next ?? landingPath(session.role)} replace />;

  async function signIn(username: string, issue: () => Promise<Token>) {
    setSigningIn(username);
    setSignInError(null);
    try {
      const token = await issue();
      login({
        token: token.accessToken,
        userId: userIdOf(token.accessToken),
        username,
        role: token.role as Role,
        displayName: token.displayName,
      });
      navigate(next ?? landingPath(token.role as Role), { replace: true });
    } catch (error) {
      setSignInError((error as Error).message);
    } finally {
      setSigningIn(null);
    }
  }

  const signInAlert = signInError && (
    <Alert type="error" showIcon title={`登录失败：${signInError}`} style={{ marginBottom: 16 }} />
  );

  return (
    <Flex justify="center" style={{ minHeight: '100vh', padding: 24, background: '#f5f5f5' }}>
      <main style={{ width: '100%', maxWidth: 960 }}>
        <Typography.Title level={2}>物业监管工作台 · 登录</Typography.Title>
        {expired && (
          <Alert
            type="warning"
            showIcon
            title="登录已失效，请重新登录；登录后将回到您刚才所在的页面。"
            style={{ marginBottom: 16 }}
          />
        )}
        {production ? (
          <Flex vertical gap={16}>
            <Card title="用户名和密码登录">
              {signInAlert}
              <Form<{ username: string; password: string }>
                layout="vertical"
                requiredMark={false}
                style={{ maxWidth: 360 }}
                onFinish={(values) =>
                  void signIn(values.username, () => unwrap(api.POST('/auth/login', { body: values })))
                }
              >
                <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
                  <Input autoComplete="username" />
                </Form.Item>
                <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
                  <Input.Password autoComplete="current-password" />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={signingIn !== null}>
                  登录
                </Button>
              </Form>
            </Card>
            <Card>
              <Result
                status="info"
                title="或通过政务统一身份认证登录"
                subTitle="生产环境不提供开发账号。可使用本单位的政务统一身份认证账号登录；如无法登录，请联系系统管理员。"
                extra={
                  config.loginUrl ? (
                    <Button type="primary" href={config.loginUrl} icon={<LoginOutlined />}>
                      前往统一身份认证
                    </Button>
                  ) : null
                }
              />
            </Card>
          </Flex>
        ) : (
          <Card title="开发环境：选择一个预置账号登录">
            <Typography.Paragraph type="secondary">
              以下账号由开发数据预置，无需密码；点击“登录”即以该账号的角色和单位进入工作台。
            </Typography.Paragraph>
            {loadError && (
              <Alert
                type="error"
                showIcon
                title={`无法读取预置账号：${loadError}`}
                description="请确认 API 已启动后刷新本页。"
              />
            )}
            {signInAlert}
            <Input.Search
              aria-label="按用户名、角色或单位查找账号"
              placeholder="按用户名、角色或单位查找"
              allowClear
              onChange={(e) => setQuery(e.target.value)}
              style={{ maxWidth: 360, marginBottom: 16 }}
            />
            <Table<Account>
              rowKey="username"
              loading={accounts === null && !loadError}
              dataSource={shown}
              pagination={false}
              size="middle"
              locale={{ emptyText: '没有匹配的账号：请换个关键词，或确认已载入开发数据（npm run migrate）。' }}
              columns={[
                {
                  title: '用户名',
                  dataIndex: 'username',
                  render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
                },
                { title: '名称', dataIndex: 'displayName' },
                { title: '角色', dataIndex: 'role', render: (role: string) => <Tag>{roleLabel(role)}</Tag> },
                {
                  title: '单位 / 辖区',
                  render: (_: unknown, a) => a.organisationName ?? a.jurisdictionName,
                },
                {
                  title: '操作',
                  render: (_: unknown, a) => (
                    <Button
                      type="primary"
                      loading={signingIn === a.username}
                      disabled={signingIn !== null && signingIn !== a.username}
                      onClick={() =>
                        void signIn(a.username, () =>
                          unwrap(api.POST('/auth/dev-token', { body: { username: a.username } })),
                        )
                      }
                      aria-label={`以 ${a.username} 登录`}
                    >
                      登录
                    </Button>
                  ),
                },
              ]}
            />
          </Card>
        )}
      </main>
    </Flex>
  );
}
