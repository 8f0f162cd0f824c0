import { DownloadOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Card, Col, Flex, Row, Select, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { chinaDate } from '../../../../../libs/domain/src/china-date';
import { monthsBack } from '../../../../../libs/domain/src/kpi';
import type { Schemas } from '../../api/client';
import { unwrap, type ApiFailure } from '../../api/errors';
import { downloadFile } from '../../api/upload';
import { useRemote } from '../../api/useRemote';
import { useApi, useSession } from '../../auth/AuthContext';
import { formatPercent as percent } from '../../components/case-list';
import { ErrorAlert } from '../../components/ErrorAlert';
import { kpiBarsOption, STANDING_COLOURS, trendOption } from './charts';
import { EChart } from './EChart';

type Kpi = Schemas['KpiDashboardItemDto'];
type KpiId = Kpi['kpi'];
type DrillRow = Schemas['KpiDrillDownRowDto'];
type Level = { code: string; name: string };

const fraction = (k: { numerator: number | null; denominator: number | null }) =>
  k.numerator === null || k.denominator === null ? '—' : `${k.numerator} / ${k.denominator}`;

const StandingTag = ({ k }: { k: Pick<Kpi, 'standing' | 'standingLabel'> }) => (
  <Tag color={STANDING_COLOURS[k.standing]}>{k.standingLabel}</Tag>
);

/** A choice among the KPIs given. */
function KpiSelect(props: { label: string; value: KpiId; onChange: (kpi: KpiId) => void; kpis: readonly Kpi[] }) {
  return (
    <Select
      aria-label={props.label}
      value={props.value}
      onChange={props.onChange}
      options={props.kpis.map((k) => ({ value: k.kpi, label: k.name }))}
      style={{ minWidth: 200 }}
    />
  );
}

/**
 * 四升一降: each KPI of the caller's jurisdiction (or one it drilled into) against its dated target, red when behind
 * the trajectory; a monthly KPI's trend; the drill-down table (click a row to go down, the breadcrumb to go up); the
 * monthly report as XLSX.
 */
export default function DashboardPage() {
  const api = useApi();
  const session = useSession();
  const { message } = App.useApp();
  const months = useMemo(() => monthsBack(chinaDate(new Date()).slice(0, 7), 12).reverse(), []);
  const [month, setMonth] = useState(months[0]!);
  const [levels, setLevels] = useState<Level[]>([]);
  const [drillKpi, setDrillKpi] = useState<KpiId>('committee_formation_all');
  const [trendKpi, setTrendKpi] = useState<KpiId>('complaint_handling');
  const [exporting, setExporting] = useState(false);

  const me = useRemote(() => unwrap(api.GET('/auth/me')), [api]);
  const home = me.data && { code: me.data.jurisdictionCode, name: '' };
  const here = levels.at(-1) ?? home;
  const jurisdiction = here?.code;

  const board = useRemote(
    async () =>
      jurisdiction ? unwrap(api.GET('/kpi/dashboard', { params: { query: { jurisdiction, month } } })) : null,
    [api, jurisdiction, month],
  );
  const drill = useRemote(
    async () =>
      jurisdiction
        ? unwrap(api.GET('/kpi/drill-down', { params: { query: { jurisdiction, month, kpi: drillKpi } } }))
        : null,
    [api, jurisdiction, month, drillKpi],
  );
  const trend = useRemote(
    async () =>
      jurisdiction
        ? unwrap(api.GET('/kpi/trend', { params: { query: { jurisdiction, month, kpi: trendKpi, months: 12 } } }))
        : null,
    [api, jurisdiction, month, trendKpi],
  );

  const kpis = useMemo(() => board.data?.kpis ?? [], [board.data]);
  const barsOption = useMemo(() => kpiBarsOption(kpis), [kpis]);
  const lineOption = useMemo(() => trendOption(trend.data?.points ?? []), [trend.data]);
  const homeName = levels.length ? undefined : board.data?.jurisdictionName;

  async function exportReport() {
    if (!jurisdiction) return;
    setExporting(true);
    try {
      await downloadFile(
        `/kpi/dashboard.xlsx?jurisdiction=${jurisdiction}&month=${month}`,
        session.token,
        '四升一降指标月报.xlsx',
      );
    } catch (error) {
      message.error((error as ApiFailure).message);
    } finally {
      setExporting(false);
    }
  }

  function down(row: DrillRow) {
    if (!row.drillable) return;
    setLevels((stack) => [
      ...(stack.length ? stack : [{ code: jurisdiction!, name: board.data!.jurisdictionName }]),
      { code: row.id, name: row.name },
    ]);
  }

  const crumbs = levels.length ? levels : home ? [{ code: home.code, name: homeName ?? home.code }] : [];
  return (
    <>
      <Typography.Title level={2}>四升一降</Typography.Title>
      <Typography.Paragraph type="secondary">
        党组织覆盖率、业委会组建率、物业服务覆盖率、群众获得感提升，投诉件下降。各指标按月末评判：从目标起点到截止日期按日线性推算应达值，未达到的标红（落后于进度）。
      </Typography.Paragraph>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <Breadcrumb
          aria-label="辖区层级"
          items={crumbs.map((level, i) => ({
            title:
              i < crumbs.length - 1 ? (
                <a onClick={() => setLevels((stack) => stack.slice(0, i + 1))}>{level.name}</a>
              ) : (
                level.name
              ),
          }))}
        />
        <Select
          aria-label="月份"
          value={month}
          onChange={setMonth}
          options={months.map((m) => ({ value: m, label: m }))}
          style={{ width: 120 }}
        />
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportReport}>
          导出月报（XLSX）
        </Button>
      </Flex>
      {me.error && <ErrorAlert error={me.error} retry={me.reload} />}
      {board.error && <ErrorAlert error={board.error} retry={board.reload} />}
      <Card
        title={`${board.data?.jurisdictionName ?? ''} 指标与目标（评判日 ${board.data?.judgedOn ?? '—'}）`}
        size="small"
        style={{ marginBottom: 16 }}
      >
        <EChart label="各指标数值与目标" option={barsOption} height={Math.max(240, kpis.length * 36 + 64)} />
        <Table<Kpi>
          rowKey="kpi"
          size="small"
          loading={board.loading}
          dataSource={kpis}
          pagination={false}
          columns={[
            { title: '指标', render: (_, k) => <span title={k.rule}>{k.name}</span> },
            { title: '数值', render: (_, k) => percent(k.value) },
            { title: '分子 / 分母', render: (_, k) => fraction(k) },
            {
              title: '目标',
              render: (_, k) =>
                k.targets.length ? k.targets.map((t) => `${t.targetValue}%（${t.dueOn}前）`).join('；') : '未设目标',
            },
            { title: '按进度应达', render: (_, k) => percent(k.expectedValue) },
            { title: '状态', render: (_, k) => <StandingTag k={k} /> },
          ]}
        />
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title="逐月趋势"
            extra={
              <KpiSelect
                label="趋势指标"
                value={trendKpi}
                onChange={setTrendKpi}
                kpis={kpis.filter((k) => k.monthly)}
              />
            }
          >
            {trend.error && <ErrorAlert error={trend.error} retry={trend.reload} />}
            <EChart label="逐月趋势" option={lineOption} height={280} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title="下钻"
            extra={<KpiSelect label="下钻指标" value={drillKpi} onChange={setDrillKpi} kpis={kpis} />}
          >
            {drill.error && <ErrorAlert error={drill.error} retry={drill.reload} />}
            <Table<DrillRow>
              rowKey="id"
              size="small"
              loading={drill.loading}
              dataSource={drill.data?.rows ?? []}
              pagination={false}
              locale={{ emptyText: '没有下级辖区或小区。' }}
              onRow={(row) => ({ onClick: () => down(row), style: row.drillable ? { cursor: 'pointer' } : undefined })}
              columns={[
                {
                  title: '辖区 / 小区',
                  render: (_, r) => (r.drillable ? <a>{r.name}</a> : r.name),
                },
                { title: '数值', render: (_, r) => percent(r.value) },
                { title: '分子 / 分母', render: (_, r) => fraction(r) },
                { title: '状态', render: (_, r) => <StandingTag k={r} /> },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
