import { Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { FORMATION_APPLICANTS } from '../../../../../libs/domain/src/committee';
import {
  COMPLAINT_CHANNELS,
  DEFAULT_COMPLAINT_CATEGORIES,
  RESPONDENT_KINDS,
  type ComplaintChannel,
  type RespondentKind,
} from '../../../../../libs/domain/src/complaints';
import {
  ENFORCEMENT_DEPARTMENT_KINDS,
  ENFORCEMENT_MATTERS,
  type EnforcementDepartmentKind,
  type EnforcementMatter,
} from '../../../../../libs/domain/src/joint-enforcement';
import {
  MATTER_ITEM_IDS,
  MATTER_ITEMS,
  matterOf,
  type MatterItem,
} from '../../../../../libs/domain/src/owners-decision';
import { ApiFailure, unwrap } from '../../api/errors';
import type { components } from '../../api/schema';
import { useRemote } from '../../api/useRemote';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ApportionmentTable, apportionmentSummary } from '../fund/ApportionmentTable';
import type { ApiClient } from '../../api/client';
import { useApi } from '../../auth/AuthContext';
import { RefusalAlert, useRefusableSubmit } from '../../components/FormRefusal';
import { ruleText } from '../../format/votes';

type Estate = { id: string; name: string };
type Apportionment = components['schemas']['ApportionmentResponse'];

/** A start form: the rules' help text, the fields, the API's refusal beside them, and on success the case page. */
function StartModal<Values>({
  title,
  help,
  children,
  start,
  onClose,
}: {
  title: string;
  help: ReactNode;
  children: ReactNode;
  start(values: Values): Promise<string>;
  onClose(): void;
}) {
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  // The request's fields carry the form's names: a reason about one goes beside it.
  const { submitting, refusal, run } = useRefusableSubmit(form, (path: string) =>
    Object.hasOwn(form.getFieldsValue() as object, path) ? path : null,
  );

  async function submit() {
    const values = await form.validateFields();
    await run(async () => navigate(await start(values)));
  }

  return (
    <Modal
      open
      title={title}
      okText="发起"
      onOk={() => void submit()}
      okButtonProps={{ loading: submitting }}
      onCancel={onClose}
      width={640}
    >
      <div style={{ marginBottom: 16 }}>{help}</div>
      <Form form={form} layout="vertical">
        {children}
      </Form>
      <RefusalAlert refusal={refusal} />
    </Modal>
  );
}

const caseOf = (workflowId: string) => `/procedures/${encodeURIComponent(workflowId)}`;

/**
 * Until a procedure just started has its first stage on record: a procedure without an estate claim is written
 * to the read model by its workflow's first activity, a moment after the start answers, and its pages 404 before.
 */
async function onceRecorded(api: ApiClient, workflowId: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const { response } = await api.GET('/procedures/{workflowId}', { params: { path: { workflowId } } });
    if (response.ok) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The case page of a procedure just started, once it is on record. */
async function caseOnceRecorded(api: ApiClient, workflowId: string): Promise<string> {
  await onceRecorded(api, workflowId);
  return caseOf(workflowId);
}
const day = (d: Dayjs) => d.format('YYYY-MM-DD');

/** 发起业主表决 (POST /estates/{id}/votes). */
export function StartVoteModal({ estate, onClose }: { estate: Estate; onClose(): void }) {
  const api = useApi();
  return (
    <StartModal<{ matterItem: MatterItem; question: string }>
      title={`发起业主表决：${estate.name}`}
      onClose={onClose}
      start={async (v) => {
        const started = await unwrap(
          api.POST('/estates/{estateId}/votes', {
            params: { path: { estateId: estate.id } },
            body: { matterItem: v.matterItem, question: v.question.trim() },
          }),
        );
        return `/votes/${started.voteId}`;
      }}
      help={
        <>
          <Typography.Paragraph>
            依据民法典第二百七十八条：表决须专有部分面积和人数均占三分之二以上的业主参与；一般事项经参与表决的面积和人数均过半数同意，
            筹集维修资金、改建重建、改变共有部分用途或经营等特别事项须均达四分之三以上同意。
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">
            发起时冻结表决名册（房号、面积、表决主体），并公示供业主询异；已成立业主大会的小区，表决即业主大会会议，须先书面通知全体业主并告知居委会（期限按本地政策参数），
            业主在线实名投票，组织方可录入委托代理和纸质表决票；结果确定后可提前结束，计票后公示结果。
          </Typography.Paragraph>
        </>
      }
    >
      <Form.Item
        name="matterItem"
        label="事项（民法典第二百七十八条）"
        rules={[{ required: true, message: '请选择事项' }]}
      >
        <Select
          options={MATTER_ITEM_IDS.map((id) => ({
            value: id,
            label: `（${MATTER_ITEMS[id].item}）${MATTER_ITEMS[id].label} · ${matterOf(id) === 'special' ? '双四分之三' : '双过半'}`,
          }))}
        />
      </Form.Item>
      <Form.Item
        name="question"
        label="表决事项"
        rules={[
          { required: true, message: '请填写表决事项' },
          { min: 4, max: 200, message: '4 至 200 字' },
        ]}
      >
        <Input.TextArea rows={2} placeholder="如：是否同意续聘现物业服务企业" maxLength={200} showCount />
      </Form.Item>
    </StartModal>
  );
}

/** 受理业委会组建 (POST /estates/{id}/committee-formation). */
export function StartFormationModal({ estate, onClose }: { estate: Estate; onClose(): void }) {
  const api = useApi();
  return (
    <StartModal<{
      applicant: keyof typeof FORMATION_APPLICANTS;
      ownerApplicants?: number;
      mode: 'formation' | 'reelection';
    }>
      title={`业委会组建：${estate.name}`}
      onClose={onClose}
      start={async (v) => {
        const started = await unwrap(
          api.POST('/estates/{estateId}/committee-formation', { params: { path: { estateId: estate.id } }, body: v }),
        );
        return caseOf(started.workflowId);
      }}
      help={
        <>
          <Typography.Paragraph>
            依据《福建省物业管理条例》：交付的专有部分面积达到规定比例或首套交付满规定年限的，建设单位或业主（联名不少于
            10 名）可申请召开首次业主大会， 街道（乡镇）也可依职权组织。不符合成立条件的，系统说明理由。
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">
            此后依次：组建筹备组（单数，业主代表过半，组长由街道代表担任）→ 筹备工作 → 候选人提名 →
            公安、信访、社区党组织资格联审 → 候选人名单公示 → 业主大会选举 → 首次业委会会议 → 结果公示 → 备案。
          </Typography.Paragraph>
        </>
      }
    >
      <Form.Item name="applicant" label="申请人" initialValue="street_office" rules={[{ required: true }]}>
        <Select options={Object.entries(FORMATION_APPLICANTS).map(([value, label]) => ({ value, label }))} />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a, b) => a.applicant !== b.applicant}>
        {({ getFieldValue }) =>
          getFieldValue('applicant') === 'owners' && (
            <Form.Item
              name="ownerApplicants"
              label="联名业主人数"
              rules={[{ required: true, message: '请填写联名业主人数' }]}
            >
              <InputNumber min={1} max={100000} style={{ width: 160 }} />
            </Form.Item>
          )
        }
      </Form.Item>
      <Form.Item name="mode" label="类型" initialValue="formation">
        <Radio.Group
          options={[
            { value: 'formation', label: '首次组建' },
            { value: 'reelection', label: '换届（从筹备工作开始）' },
          ]}
        />
      </Form.Item>
    </StartModal>
  );
}

type FundUseValues = {
  kind: 'normal' | 'emergency';
  project: string;
  hazard?: string;
  budgetYuan: number;
  /** 列支范围: the whole estate, or the rooms chosen (e.g. one 单元's). */
  scope: 'estate' | 'rooms';
  unitIds?: string[];
};

/** The 列支范围 of the form as the API takes it: no list for the whole estate. */
const fundScopeOf = (v: FundUseValues) => ({
  project: v.project.trim(),
  budgetFen: Math.round(v.budgetYuan * 100),
  unitIds: v.scope === 'rooms' ? v.unitIds : undefined,
});

/**
 * 列支范围 and the 分摊清册 before filing: the rooms of the estate (its first 200 by building and room) and
 * a preview of the shares, balances and 补足 (POST …/apportionment-preview).
 */
function FundScopeFields({ estate }: { estate: Estate }) {
  const api = useApi();
  const form = Form.useFormInstance<FundUseValues>();
  const scope = Form.useWatch('scope', form);
  const rooms = useRemote(
    () =>
      unwrap(
        api.GET('/estates/{id}/units', { params: { path: { id: estate.id }, query: { page: 1, pageSize: 200 } } }),
      ),
    [api, estate.id],
  );
  const [preview, setPreview] = useState<{ data?: Apportionment; error?: ApiFailure; loading: boolean }>({
    loading: false,
  });

  async function showPreview() {
    const values = await form.validateFields(['project', 'budgetYuan', 'scope', 'unitIds']);
    setPreview({ loading: true });
    try {
      const data = await unwrap(
        api.POST('/estates/{estateId}/maintenance-fund/apportionment-preview', {
          params: { path: { estateId: estate.id } },
          body: fundScopeOf(values as FundUseValues),
        }),
      );
      setPreview({ data, loading: false });
    } catch (error) {
      setPreview({ error: error instanceof ApiFailure ? error : new ApiFailure(0, undefined), loading: false });
    }
  }

  return (
    <>
      <Form.Item name="scope" label="列支范围" initialValue="estate">
        <Radio.Group
          options={[
            { value: 'estate', label: '全小区' },
            { value: 'rooms', label: '部分房屋（如一个单元的电梯、一台水泵）' },
          ]}
        />
      </Form.Item>
      {scope === 'rooms' && (
        <Form.Item
          name="unitIds"
          label="列支范围内的房屋"
          rules={[{ required: true, message: '请选择分摊费用的房屋' }]}
        >
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            loading={rooms.loading}
            options={(rooms.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.building} ${u.roomNo}` }))}
          />
        </Form.Item>
      )}
      <Form.Item>
        <Button onClick={() => void showPreview()} loading={preview.loading}>
          预览分摊清册
        </Button>
      </Form.Item>
      {preview.error && <ErrorAlert error={preview.error} />}
      {preview.data && (
        <>
          <Typography.Paragraph>{apportionmentSummary(preview.data)}</Typography.Paragraph>
          <ApportionmentTable sharing={preview.data} />
        </>
      )}
    </>
  );
}

/** 提出维修资金使用申请 (POST /estates/{id}/maintenance-fund/applications). */
export function StartFundUseModal({ estate, onClose }: { estate: Estate; onClose(): void }) {
  const api = useApi();
  // The owners' threshold and the emergency list are the locality's (policy maintenanceFund).
  const rules = useRemote(
    () =>
      unwrap(api.GET('/estates/{estateId}/maintenance-fund/use-rules', { params: { path: { estateId: estate.id } } })),
    [api, estate.id],
  );
  return (
    <StartModal<FundUseValues>
      title={`维修资金使用申请：${estate.name}`}
      onClose={onClose}
      start={async (v) => {
        const started = await unwrap(
          api.POST('/estates/{estateId}/maintenance-fund/applications', {
            params: { path: { estateId: estate.id } },
            body: { kind: v.kind, hazard: v.kind === 'emergency' ? v.hazard : undefined, ...fundScopeOf(v) },
          }),
        );
        await onceRecorded(api, started.workflowId);
        return `/estates/${estate.id}/fund-applications/${started.applicationId}`;
      }}
      help={
        <>
          <Typography.Paragraph>
            一般使用（建设部、财政部令第165号第二十二、二十三条）：分摊清单公示 → 列支范围内业主表决 → 审核 →
            签订合同、竣工验收、审价结算 → 拨付，
            费用按专有部分面积由列支范围内的业主分摊（第十九至二十一条），未售房屋由建设单位承担；分户账余额不足的，业主应补足。
            {rules.data && `业主表决：${ruleText(rules.data.rule)}`}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">
            应急使用（建办房〔2015〕52号六种情形及当地增加的情形）不经业主表决，由街道确认后维修，事后公示、审核后拨付。提交前可预览分摊清册。
          </Typography.Paragraph>
        </>
      }
    >
      <Form.Item name="kind" label="使用类别" initialValue="normal">
        <Radio.Group
          options={[
            { value: 'normal', label: '一般使用' },
            { value: 'emergency', label: '应急使用' },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="project"
        label="维修项目"
        rules={[{ required: true, min: 2, max: 100, message: '请填写维修项目（2 至 100 字）' }]}
      >
        <Input placeholder="如：1号楼屋面防水翻修" maxLength={100} />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a, b) => a.kind !== b.kind}>
        {({ getFieldValue }) =>
          getFieldValue('kind') === 'emergency' && (
            <Form.Item name="hazard" label="应急情形" rules={[{ required: true, message: '请选择应急情形' }]}>
              <Select
                loading={rules.loading}
                options={(rules.data?.emergencyHazards ?? []).map((h) => ({ value: h.code, label: h.label }))}
              />
            </Form.Item>
          )
        }
      </Form.Item>
      <Form.Item name="budgetYuan" label="预算（元）" rules={[{ required: true, message: '请填写预算' }]}>
        <InputNumber min={0.01} max={1_000_000_000} precision={2} style={{ width: 220 }} />
      </Form.Item>
      <FundScopeFields estate={estate} />
    </StartModal>
  );
}

/** 发起承接查验 (POST /estates/{id}/handovers): the developer's plan. */
export function StartHandoverModal({ estate, onClose }: { estate: Estate; onClose(): void }) {
  const api = useApi();
  return (
    <StartModal<{ siteInspectionDate: Dayjs; unitDeliveryDate: Dayjs; scope: string }>
      title={`发起物业承接查验：${estate.name}`}
      onClose={onClose}
      start={async (v) => {
        const started = await unwrap(
          api.POST('/estates/{estateId}/handovers', {
            params: { path: { estateId: estate.id } },
            body: {
              siteInspectionDate: day(v.siteInspectionDate),
              unitDeliveryDate: day(v.unitDeliveryDate),
              scope: v.scope.trim(),
            },
          }),
        );
        return `/handovers/${started.handoverId}`;
      }}
      help={
        <>
          <Typography.Paragraph>
            依据《物业承接查验办法》：建设单位应在现场查验 20
            日前向物业服务企业移交资料清单所列资料，承接查验协议应在首批房屋交付 15 日前签订。
            承接的物业服务企业为小区登记的前期物业服务企业。
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">
            此后：物业服务企业确认方案 → 移交资料 → 现场查验 → 整改与复验 → 签订协议 → 物业交接 → 备案。
          </Typography.Paragraph>
        </>
      }
    >
      <Form.Item
        name="siteInspectionDate"
        label="现场查验日期"
        rules={[{ required: true, message: '请选择现场查验日期' }]}
      >
        <DatePicker />
      </Form.Item>
      <Form.Item
        name="unitDeliveryDate"
        label="首批房屋交付日期"
        rules={[{ required: true, message: '请选择交付日期' }]}
      >
        <DatePicker />
      </Form.Item>
      <Form.Item
        name="scope"
        label="查验范围"
        rules={[{ required: true, min: 4, max: 500, message: '请填写查验范围（4 至 500 字）' }]}
      >
        <Input.TextArea rows={2} placeholder="如：1–6号楼共用部位、共用设施设备及物业服务用房" maxLength={500} />
      </Form.Item>
    </StartModal>
  );
}

/** Channels a clerk registers by hand; 12345 orders come by CSV import. */
const FILED_CHANNELS = Object.entries(COMPLAINT_CHANNELS).filter(([channel]) => channel !== 'hotline_12345');

/** 登记投诉信访 (POST /complaints): the case page follows its 分级, 会商, reply and 回访. */
export function StartComplaintModal({ estate, onClose }: { estate: Estate; onClose(): void }) {
  const api = useApi();
  type Values = {
    channel: Exclude<ComplaintChannel, 'hotline_12345'>;
    category: string;
    summary: string;
    building?: string;
    respondentKind: RespondentKind;
    complainantName?: string;
    complainantPhone?: string;
  };
  return (
    <StartModal<Values>
      title={`登记投诉信访：${estate.name}`}
      onClose={onClose}
      start={async (v) => {
        const filed = await unwrap(
          api.POST('/complaints', {
            body: {
              estateId: estate.id,
              channel: v.channel,
              category: v.category,
              summary: v.summary.trim(),
              building: v.building?.trim() || undefined,
              respondentKind: v.respondentKind,
              complainantName: v.complainantName?.trim() || undefined,
              complainantPhone: v.complainantPhone?.trim() || undefined,
            },
          }),
        );
        return caseOnceRecorded(api, filed.workflowId);
      }}
      help={
        <Typography.Paragraph>
          即查即处：社区或街道处置小组当天分级，简单问题当天办结；复杂问题当天解释并会商。信访件按《信访工作条例》的期限受理、办理。投诉人姓名和电话只存于数据库，对被投诉方脱敏显示。
        </Typography.Paragraph>
      }
    >
      <Form.Item name="channel" label="来源渠道" initialValue="console">
        <Select options={FILED_CHANNELS.map(([value, label]) => ({ value, label }))} />
      </Form.Item>
      <Form.Item name="category" label="问题类别" rules={[{ required: true, message: '请选择问题类别' }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={DEFAULT_COMPLAINT_CATEGORIES.map((c) => ({ value: c.code, label: c.label }))}
        />
      </Form.Item>
      <Form.Item
        name="summary"
        label="反映内容"
        rules={[{ required: true, min: 4, max: 2000, message: '请填写反映内容（4 至 2000 字）' }]}
      >
        <Input.TextArea rows={3} maxLength={2000} placeholder="如：2号楼电梯停运三天无人维修" />
      </Form.Item>
      <Form.Item name="building" label="楼栋（可选）" rules={[{ max: 40 }]}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name="respondentKind" label="被投诉方" initialValue="property_firm">
        <Radio.Group options={Object.entries(RESPONDENT_KINDS).map(([value, label]) => ({ value, label }))} />
      </Form.Item>
      <Form.Item name="complainantName" label="投诉人姓名（可选）" rules={[{ max: 40 }]}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item
        name="complainantPhone"
        label="联系电话（可选）"
        rules={[{ pattern: /^[0-9+-]{5,20}$/, message: '电话只含数字、+ 和 -（5 至 20 位）' }]}
      >
        <Input maxLength={20} />
      </Form.Item>
    </StartModal>
  );
}

/** 社区吹哨 (POST /joint-enforcements): the called departments 报到 and report on the case page. */
export function StartWhistleModal({ estate, onClose }: { estate: Estate; onClose(): void }) {
  const api = useApi();
  type Values = {
    matter: EnforcementMatter;
    departmentKinds?: EnforcementDepartmentKind[];
    location: string;
    evidence: string;
  };
  return (
    <StartModal<Values>
      title={`吹哨：${estate.name}`}
      onClose={onClose}
      start={async (v) => {
        const blown = await unwrap(
          api.POST('/joint-enforcements', {
            body: {
              estateId: estate.id,
              matter: v.matter,
              departmentKinds: v.departmentKinds?.length ? v.departmentKinds : undefined,
              location: v.location.trim(),
              evidence: v.evidence.trim(),
            },
          }),
        );
        return caseOnceRecorded(api, blown.workflowId);
      }}
      help={
        <Typography.Paragraph>
          社区吹哨、部门报到：按执法事项清单点名执法部门，各部门在期限内报到并反馈处置结果，逾期由上一级督办；涉及物业服务企业的处罚抄告其信用档案。
        </Typography.Paragraph>
      }
    >
      <Form.Item name="matter" label="执法事项" rules={[{ required: true, message: '请选择执法事项' }]}>
        <Select options={Object.entries(ENFORCEMENT_MATTERS).map(([value, label]) => ({ value, label }))} />
      </Form.Item>
      <Form.Item name="departmentKinds" label="点名部门（不选则按执法事项清单）">
        <Select
          mode="multiple"
          maxCount={4}
          options={Object.entries(ENFORCEMENT_DEPARTMENT_KINDS).map(([value, label]) => ({ value, label }))}
        />
      </Form.Item>
      <Form.Item
        name="location"
        label="问题位置"
        rules={[{ required: true, min: 2, max: 200, message: '请填写问题位置（2 至 200 字）' }]}
      >
        <Input maxLength={200} placeholder="如：3号楼架空层" />
      </Form.Item>
      <Form.Item
        name="evidence"
        label="问题情况"
        rules={[{ required: true, min: 4, max: 2000, message: '请填写问题情况（4 至 2000 字）' }]}
      >
        <Input.TextArea rows={3} maxLength={2000} placeholder="如：架空层堆放电动车并飞线充电" />
      </Form.Item>
    </StartModal>
  );
}
