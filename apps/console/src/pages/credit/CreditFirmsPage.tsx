import { Navigate } from 'react-router';
import { Link } from 'react-router';
import { Spin, Typography } from 'antd';
import { unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi, useSession } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CreditFirmsTable } from './CreditFirmsTable';

/** 企业信用: the offices find a firm's credit file; a firm goes to its own. */
export default function CreditFirmsPage() {
  const session = useSession();
  return session.role === 'property_firm' ? (
    <OwnFile />
  ) : (
    <>
      <Typography.Title level={2}>企业信用档案</Typography.Title>
      <Typography.Paragraph type="secondary">
        公众可在 <Link to="/public/credit">信用查询页</Link>（无需登录）查看企业名称、信用分和等级。
      </Typography.Paragraph>
      <CreditFirmsTable name={(f) => <Link to={`/credit/${f.organisationId}`}>{f.name}</Link>} />
    </>
  );
}

function OwnFile() {
  const api = useApi();
  const me = useRemote(() => unwrap(api.GET('/auth/me')), [api]);
  if (me.error) return <ErrorAlert error={me.error} retry={me.reload} />;
  if (!me.data) return <Spin description="正在读取…" />;
  return <Navigate to={`/credit/${me.data.organisationId}`} replace />;
}
