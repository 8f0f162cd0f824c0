import { earliestDayAfter, latestDayBefore } from './china-date';
import { DOCUMENT_KINDS, HANDOVER_RECORD_KINDS, type DocumentKind } from './documents';

/** One line of the required-document checklist as the developer declares it. */
export type ChecklistEntry =
  | { kind: DocumentKind; status: 'present'; documentIds: string[] }
  | { kind: DocumentKind; status: 'missing'; committedDate: string }
  | { kind: DocumentKind; status: 'waived'; reason: string };

/** Who besides the two parties may take part in 承接查验 (rules.md §2 Actors; 漳平 requires all three, seed 004 §11). */
export const HANDOVER_PARTICIPANT_KINDS = {
  residents_committee: '村（居）民委员会',
  owner_representatives: '业主代表',
  association_or_professional_body: '物业管理行业协会或专业机构',
} as const;
export type HandoverParticipantKind = keyof typeof HANDOVER_PARTICIPANT_KINDS;

/** One participant kind and who of it: invited by the plan, or present at the site inspection. */
export interface HandoverParticipants {
  kind: HandoverParticipantKind;
  /** Names of the bodies (invited) or of the people (attended), 1 to MAX_PARTICIPANT_NAMES. */
  names: string[];
}

export interface HandoverPlan {
  /** 现场查验 date (Beijing calendar day, YYYY-MM-DD). */
  siteInspectionDate: string;
  /** First delivery of units to buyers (YYYY-MM-DD). */
  unitDeliveryDate: string;
  scope: string;
  /** The participants the developer invites (absent from plans made before they were recorded). */
  invitedParticipants?: HandoverParticipants[];
}

export const DEFECT_SEVERITIES = { minor: '一般', major: '较重', critical: '严重（影响使用安全）' } as const;
export type DefectSeverity = keyof typeof DEFECT_SEVERITIES;

export interface DefectReport {
  location: string;
  category: string;
  severity: DefectSeverity;
  description: string;
  requiredFix: string;
  photoDocumentId?: string | null;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function isDay(value: unknown): value is string {
  return typeof value === 'string' && ISO_DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00+08:00`));
}

/** At most this many names of one participant kind. */
export const MAX_PARTICIPANT_NAMES = 10;

/** What is wrong with the shape of a list of participants (`field` names it in each reason). */
export function participantProblems(participants: unknown, field: string): string[] {
  if (participants === undefined) return [];
  if (!Array.isArray(participants)) return [`${field}：须为数组`];
  const list = participants as HandoverParticipants[];
  const kinds = list.map((p) => p?.kind);
  const problems: string[] = [];
  if (kinds.some((k) => !Object.prototype.hasOwnProperty.call(HANDOVER_PARTICIPANT_KINDS, k)))
    problems.push(`${field}：参与方类别应为 ${Object.keys(HANDOVER_PARTICIPANT_KINDS).join('/')}`);
  if (new Set(kinds).size !== kinds.length) problems.push(`${field}：同一类参与方只列一次`);
  if (
    list.some(
      (p) =>
        !Array.isArray(p?.names) ||
        !p.names.length ||
        p.names.length > MAX_PARTICIPANT_NAMES ||
        p.names.some((n) => typeof n !== 'string' || n.trim().length < 2 || n.trim().length > 60),
    )
  )
    problems.push(`${field}：每类参与方列 1–${MAX_PARTICIPANT_NAMES} 个名称，每个 2–60 个字`);
  return problems;
}

/** The kinds the locality requires that a (well-formed) list of participants leaves out. */
export function absentParticipants(
  required: readonly HandoverParticipantKind[],
  participants: readonly HandoverParticipants[] | undefined,
): HandoverParticipantKind[] {
  return required.filter((kind) => !participants?.some((p) => p.kind === kind));
}

/**
 * Why a plan cannot be agreed as proposed: the documents, due 20 days before the site inspection
 * (办法 arts 13–14), must not fall due before `agreeBy`, the last day the firm has to agree the plan (the
 * documents step opens once it has), and the agreement, signed on or after the inspection day, must still come
 * 15 days before units are delivered (办法 art 9); both lead times as china-date.ts reads them. The plan names
 * whom the developer invites, every kind the locality requires included (漳平, seed 004 §11).
 */
export function planProblems(
  plan: HandoverPlan,
  agreeBy: string,
  documentLeadDays: number,
  agreementLeadDays: number,
  requiredParticipants: readonly HandoverParticipantKind[] = [],
): string[] {
  const problems = participantProblems(plan.invitedParticipants, 'invitedParticipants');
  if (!problems.length)
    for (const kind of absentParticipants(requiredParticipants, plan.invitedParticipants))
      problems.push(`本地规定建设单位须邀请${HANDOVER_PARTICIPANT_KINDS[kind]}参与承接查验，请写明其名称`);
  const invalid = problems.length;
  if (!isDay(plan.siteInspectionDate)) problems.push('现场查验日期格式应为 YYYY-MM-DD');
  if (!isDay(plan.unitDeliveryDate)) problems.push('交付日期格式应为 YYYY-MM-DD');
  if (typeof plan.scope !== 'string' || plan.scope.trim().length < 4) problems.push('请填写查验范围');
  if (problems.length > invalid) return problems;
  const earliest = earliestDayAfter(agreeBy, documentLeadDays);
  if (plan.siteInspectionDate < earliest) {
    problems.push(
      `现场查验日期过近：物业服务企业确认方案的期限至 ${agreeBy}，此后资料须在查验 ${documentLeadDays} 日前移交，查验日期最早为 ${earliest}`,
    );
  }
  if (latestDayBefore(plan.unitDeliveryDate, agreementLeadDays) < plan.siteInspectionDate) {
    problems.push(`交付日期过近：承接查验协议须在交付业主 ${agreementLeadDays} 日前签订，而协议在现场查验之后才能签订`);
  }
  return problems;
}

/** Which party uploads which kinds: the developer its hand-over documents, the firm its records; both the signed agreement. */
export const HANDOVER_UPLOADERS: Record<'developer' | 'property_firm', readonly DocumentKind[]> = {
  developer: [
    'as_built_drawings',
    'completion_acceptance',
    'facilities_list',
    'equipment_certificates',
    'utility_permits',
    'warranty_and_manuals',
    'other_handover_documents',
    'handover_agreement',
    // The developer made both with the firm and the buyers; the firm files them.
    'preliminary_service_contract',
    'provisional_covenant',
  ],
  // The firm uploads every record the parties sign and file.
  property_firm: HANDOVER_RECORD_KINDS,
};

/**
 * The checklist the developer submits: what it declares missing or waived, and every other kind of its
 * hand-over documents it has uploaded as present with those files (the agreement is signed later, not handed over).
 */
export function checklistWithUploads(
  uploaded: ReadonlyArray<{ kind: DocumentKind; ids: string[] }>,
  declared: readonly ChecklistEntry[],
): ChecklistEntry[] {
  const present = uploaded
    .filter(
      (u) =>
        !declared.some((d) => d.kind === u.kind) &&
        HANDOVER_UPLOADERS.developer.includes(u.kind) &&
        u.kind !== 'handover_agreement',
    )
    .map((u): ChecklistEntry => ({ kind: u.kind, status: 'present', documentIds: u.ids }));
  return [...present, ...declared];
}

/** Why a declared checklist is incomplete: every required kind is present, missing with a committed date, or waived with a reason. */
export function checklistProblems(
  required: readonly DocumentKind[],
  entries: readonly ChecklistEntry[],
  today: string,
): string[] {
  const problems: string[] = [];
  const byKind = new Map(entries.map((e) => [e.kind, e]));
  if (byKind.size !== entries.length) problems.push('清单中有重复的资料类别');
  for (const kind of required) {
    const entry = byKind.get(kind);
    const label = DOCUMENT_KINDS[kind].label;
    if (!entry) problems.push(`缺少「${label}」：请上传，或注明承诺移交日期，或说明免于移交的理由`);
    else if (entry.status === 'present' && !entry.documentIds.length) problems.push(`「${label}」标为已移交但没有文件`);
    else if (entry.status === 'missing' && (!isDay(entry.committedDate) || entry.committedDate < today))
      problems.push(`「${label}」的承诺移交日期须为今天或以后的日期`);
    else if (entry.status === 'waived' && (typeof entry.reason !== 'string' || entry.reason.trim().length < 4))
      problems.push(`「${label}」免于移交须说明理由`);
  }
  return problems;
}

export function defectProblems(defects: readonly DefectReport[]): string[] {
  return defects.flatMap((d, i) => {
    const at = `第 ${i + 1} 项问题`;
    const problems: string[] = [];
    if (!d || typeof d.location !== 'string' || !d.location.trim()) problems.push(`${at}缺少部位`);
    if (!d || typeof d.category !== 'string' || !d.category.trim()) problems.push(`${at}缺少类别`);
    if (!d || !Object.prototype.hasOwnProperty.call(DEFECT_SEVERITIES, d.severity))
      problems.push(`${at}的严重程度应为 ${Object.keys(DEFECT_SEVERITIES).join('/')}`);
    if (!d || typeof d.requiredFix !== 'string' || !d.requiredFix.trim()) problems.push(`${at}缺少整改要求`);
    return problems;
  });
}

/** At most this many inspectors of one party sign an inspection record. */
export const MAX_RECORD_SIGNATORIES = 10;

/**
 * 办法 art 12 step 5: an inspection record is signed by the inspectors of both parties. What is wrong with one
 * party's list of names (`party` names it in the reasons), none if it is one to MAX_RECORD_SIGNATORIES names.
 */
export function signatoryProblems(names: unknown, party: string): string[] {
  if (!Array.isArray(names) || names.length === 0) return [`查验记录须由${party}的查验人员签字（至少 1 人）`];
  if (names.length > MAX_RECORD_SIGNATORIES) return [`${party}签字的查验人员至多 ${MAX_RECORD_SIGNATORIES} 人`];
  return names.some((n) => typeof n !== 'string' || n.trim().length < 2 || n.trim().length > 20)
    ? [`${party}查验人员的姓名应为 2–20 个字`]
    : [];
}

/**
 * The parts of the 承接查验 filing (rules.md §2, FILED): the firm files 前期物业服务合同, 临时管理规约, the agreement,
 * the developer's document list, the inspection records and the handover record. The list and the records are the
 * procedure's own rows, made before the filing stage; the other parts are uploaded documents of their kinds.
 */
export const FILING_PACKAGE_PARTS: ReadonlyArray<{ label: string; kind: DocumentKind | null }> = [
  { label: '前期物业服务合同', kind: 'preliminary_service_contract' },
  { label: '临时管理规约', kind: 'provisional_covenant' },
  { label: '承接查验协议', kind: 'handover_agreement' },
  { label: '建设单位移交资料清单', kind: null },
  { label: '查验记录', kind: null },
  { label: '物业交接记录', kind: 'handover_record' },
];

/** The filing's parts not yet uploaded, by label, given the kinds the handover has documents of. */
export function missingFilingParts(uploadedKinds: ReadonlySet<DocumentKind>): string[] {
  return FILING_PACKAGE_PARTS.filter((p) => p.kind !== null && !uploadedKinds.has(p.kind)).map((p) => p.label);
}
