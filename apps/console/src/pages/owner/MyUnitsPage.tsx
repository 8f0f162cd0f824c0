import { Card, Col, Descriptions, Empty, Row, Spin, Tag, Typography } from 'antd';
import { unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';

/** 我的房屋: the owner's own units — room, area, 不动产权证号 (GET /me/units). */
export default function MyUnitsPage() {
  const api = useApi();
  const units = useRemote(() => unwrap(api.GET('/me/units')), [api]);
  return (
    <>
      <Typography.Title level={3}>我的房屋</Typography.Title>
      {units.error && <ErrorAlert error={units.error} retry={units.reload} />}
      {!units.data && !units.error && <Spin description="正在读取…" />}
      {units.data?.length === 0 && (
        <Empty description="您名下没有登记的房屋。如有误，请联系所在社区（村）核对不动产登记。" />
      )}
      <Row gutter={[12, 12]}>
        {units.data?.map((u) => (
          <Col key={u.unitId} xs={24} md={12}>
            <Card title={`${u.building} ${u.roomNo}`} extra={u.estateName}>
              <Descriptions column={1} size="small">
                <Descriptions.Item label="专有部分面积">{u.area} 平方米</Descriptions.Item>
                <Descriptions.Item label="不动产权证号">
                  {u.certificateNo ? <Typography.Text copyable>{u.certificateNo}</Typography.Text> : '尚未办理'}
                </Descriptions.Item>
                <Descriptions.Item label="表决主体">
                  {u.subjectKind === 'co_owners' ? <Tag>共有（共同投一票）</Tag> : <Tag>单独所有</Tag>}
                </Descriptions.Item>
                <Descriptions.Item label="交付">{u.delivered ? '已交付' : '未交付'}</Descriptions.Item>
              </Descriptions>
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
