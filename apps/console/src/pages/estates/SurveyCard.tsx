import { Card, Descriptions, List, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi } from '../../auth/AuthContext';
import { estateClassLabel } from '../../format/labels';
import { formatDateTime } from '../../format/time';

/** Shown for what a survey submitted before the field was asked does not have. */
const NOT_ASKED = '（该次摸底未填报）';

/**
 * 摸底情况 (GET /estates/{id}/survey/latest): the latest 摸底表 — party members by kind and in the 业委会 and the
 * firm (seed 001 (一)), 社情民情 and 挂钩情况 (seed 000 措施1, 附件3), the facility problems of the local list.
 */
export function SurveyCard({ estateId }: { estateId: string }) {
  const api = useApi();
  const latest = useRemote(
    () => unwrap(api.GET('/estates/{estateId}/survey/latest', { params: { path: { estateId } } })),
    [api, estateId],
  );
  const s = latest.data?.survey;
  return (
    <Card title="摸底情况" loading={latest.loading}>
      {latest.error && <Typography.Text type="danger">{latest.error.message}</Typography.Text>}
      {latest.data && !s && <Typography.Text type="secondary">尚无已提交的摸底表。</Typography.Text>}
      {s && (
        <>
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label="提交时间">
              <Link to={`/procedures/${encodeURIComponent(s.workflowId)}`}>{formatDateTime(s.submittedAt)}</Link>
            </Descriptions.Item>
            <Descriptions.Item label="定级">
              {estateClassLabel(s.estateClass)}
              {s.classReason && `（${s.classReason}，${formatDateTime(s.classifiedAt!)}）`}
            </Descriptions.Item>
            <Descriptions.Item label="总户数 / 入住率">
              {s.householdCount} 户 / {s.occupancyRate}%
            </Descriptions.Item>
            <Descriptions.Item label="物业费缴费率">{s.feeCollectionRate}%</Descriptions.Item>
            <Descriptions.Item label="居住党员">
              {s.partyMemberCount} 人
              {s.partyMembersByKind
                ? `（${s.partyMembersByKind.map((k) => `${k.label} ${k.count} 人`).join('，')}）`
                : NOT_ASKED}
            </Descriptions.Item>
            <Descriptions.Item label="业委会 / 物业企业中的党员">
              {s.ownersCommitteePartyMembers === null ? '—' : `${s.ownersCommitteePartyMembers} 人`} /{' '}
              {s.firmPartyMembers === null ? '—' : `${s.firmPartyMembers} 人`}
            </Descriptions.Item>
            <Descriptions.Item label="社情民情" span={2}>
              {s.socialConditions ?? NOT_ASKED}
            </Descriptions.Item>
            <Descriptions.Item label="挂钩情况" span={2}>
              {s.liaisonPosts
                ? s.liaisonPosts.map((p) => (
                    <Tag key={p.post} color={p.covered ? 'green' : undefined}>
                      {p.label}：{p.covered ? '已挂钩' : '未挂钩'}
                    </Tag>
                  ))
                : NOT_ASKED}
            </Descriptions.Item>
          </Descriptions>
          <List
            size="small"
            header="设施问题"
            dataSource={s.facilityProblems}
            locale={{ emptyText: '摸底未发现设施问题' }}
            renderItem={(p) => (
              <List.Item>
                {p.categoryLabel}：{p.description}
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}
