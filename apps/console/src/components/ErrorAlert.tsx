import { Alert, Button } from 'antd';
import type { ApiFailure } from '../api/errors';

/** A failed load: the API's zh-CN reason, what to do, and a retry. */
export function ErrorAlert({ error, retry }: { error: ApiFailure; retry?: () => void }) {
  return (
    <Alert
      type="error"
      showIcon
      title={error.message}
      description={
        error.status === 0
          ? '无法连接服务器：请检查网络或确认服务已启动，然后重试。'
          : error.status === 404
            ? '内容不存在，或不在您的辖区内。'
            : error.status >= 500
              ? `服务暂时出错，请稍后重试；如反复出现，请把请求编号 ${error.body?.requestId ?? ''} 告诉管理员。`
              : undefined
      }
      action={
        retry ? (
          <Button size="small" onClick={retry}>
            重试
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}
