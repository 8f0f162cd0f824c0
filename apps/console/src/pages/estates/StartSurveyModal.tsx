import { Alert, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiFailure, unwrap } from '../../api/errors';
import { useApi } from '../../auth/AuthContext';

/** 发起小区摸底建档 (POST /estates/{id}/survey) with what the rules say will happen. */
export function StartSurveyModal({ estate, onClose }: { estate: { id: string; name: string }; onClose(): void }) {
  const api = useApi();
  const navigate = useNavigate();
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);

  async function start() {
    setStarting(true);
    setError(null);
    try {
      const started = await unwrap(
        api.POST('/estates/{estateId}/survey', { params: { path: { estateId: estate.id } } }),
      );
      navigate(`/procedures/${encodeURIComponent(started.workflowId)}`);
    } catch (e) {
      setError(e as ApiFailure);
      setStarting(false);
    }
  }

  return (
    <Modal
      open
      title={`发起小区摸底建档：${estate.name}`}
      okText="发起"
      onOk={() => void start()}
      okButtonProps={{ loading: starting }}
      onCancel={onClose}
    >
      <Typography.Paragraph>发起后：</Typography.Paragraph>
      <ol>
        <li>
          小区所在社区（村）收到“填报摸底表”待办，在规定期限内填报交付时间、面积、楼栋与户数、入住、物业费缴费率、党组织、业委会、物业管理方式和设施问题清单；
        </li>
        <li>摸底表齐全后，街道（乡镇）收到“分类定级”待办，按本地分类标准（如示范、提升、重点小区）定级并写明理由；</li>
        <li>逾期未办的，系统向上一级发出督办。</li>
      </ol>
      <Typography.Paragraph type="secondary">
        依据：摸底建档与分类管理要求（附件
        2）；期限与分类标准按小区所在地的政策参数，在发起时确定，办理中不再变化。同一小区同时只能有一件摸底建档。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error.message} />}
    </Modal>
  );
}
