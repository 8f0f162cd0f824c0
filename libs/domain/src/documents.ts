import type { Role } from './roles';
import { stringProblem } from './text-rules';

/**
 * What may be uploaded, and in which formats. The format is judged from the content (file-type), never
 * from the file name; a kind's formats are what the receiving office can open and archive.
 */
export const MEDIA_TYPES = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  tiff: 'image/tiff',
  dwg: 'image/vnd.dwg',
  zip: 'application/zip',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

const { pdf, jpeg, png, tiff, dwg, zip, docx, xlsx } = MEDIA_TYPES;
const SCANS = [pdf, jpeg, png, tiff];

export const DOCUMENT_KINDS = {
  // Owners' votes (条例 art 12: 业主可以委托代理人参加业主大会会议).
  proxy_authorisation: { label: '授权委托书', mediaTypes: SCANS },
  paper_ballot: { label: '纸质表决票扫描件', mediaTypes: SCANS },
  // 承接查验: the developer's hand-over documents (办法 arts 13–14, 条例 art 29).
  as_built_drawings: {
    label: '竣工总平面图，单体建筑、结构、设备竣工图，配套设施、地下管网工程竣工图',
    mediaTypes: [pdf, dwg, zip],
  },
  completion_acceptance: { label: '竣工验收及备案资料（规划、消防、环保等）', mediaTypes: [pdf, zip] },
  facilities_list: { label: '共用设施设备清单及其安装、使用和维护保养技术资料', mediaTypes: [pdf, xlsx, docx, zip] },
  equipment_certificates: {
    label: '电梯、二次供水、高压供电、消防、压力容器、监控等设施设备的出厂、安装、检验及运行合格证明',
    mediaTypes: [...SCANS, zip],
  },
  utility_permits: { label: '供水、供电、供气、供热、通信、有线电视等准许使用文件', mediaTypes: SCANS },
  warranty_and_manuals: { label: '物业质量保修文件和物业使用说明文件', mediaTypes: [pdf, docx] },
  other_handover_documents: { label: '承接查验所必需的其他资料', mediaTypes: [pdf, docx, xlsx, zip, jpeg, png] },
  // 承接查验: records both parties sign.
  inspection_photo: { label: '查验现场照片', mediaTypes: [jpeg, png] },
  handover_agreement: { label: '承接查验协议（签章扫描件）', mediaTypes: [pdf] },
  handover_record: { label: '物业交接记录（签章扫描件）', mediaTypes: [pdf] },
  filing_package: { label: '承接查验备案申请表', mediaTypes: [pdf, zip] },
  preliminary_service_contract: { label: '前期物业服务合同', mediaTypes: [pdf] },
  provisional_covenant: { label: '临时管理规约', mediaTypes: [pdf, docx] },
  // 投诉信访: what the complainant, the 网格员 or the respondent photographed.
  complaint_photo: { label: '投诉现场照片', mediaTypes: [jpeg, png] },
  // 物业矛盾纠纷: the agreement every party signed (人民调解法 art 29), as scanned.
  mediation_agreement: { label: '人民调解协议书（签名扫描件）', mediaTypes: [pdf, jpeg, png] },
} as const satisfies Record<string, { label: string; mediaTypes: readonly string[] }>;

export type DocumentKind = keyof typeof DOCUMENT_KINDS;

/** 承接查验's document checklist: what the developer hands over (办法 arts 13–14), in the order of the rules. */
export const HANDOVER_CHECKLIST_KINDS = [
  'as_built_drawings',
  'completion_acceptance',
  'facilities_list',
  'equipment_certificates',
  'utility_permits',
  'warranty_and_manuals',
  'other_handover_documents',
] as const satisfies readonly DocumentKind[];

/** 承接查验's records the parties sign and file, uploaded beside the checklist. */
export const HANDOVER_RECORD_KINDS = [
  'inspection_photo',
  'handover_agreement',
  'handover_record',
  'filing_package',
  'preliminary_service_contract',
  'provisional_covenant',
] as const satisfies readonly DocumentKind[];

/** Whom a locality lets open scanned paper ballots: the vote's organiser, or offices of a role. */
export type BallotScanReader = 'organiser' | 'street_office' | 'community' | 'housing_bureau' | 'department' | 'admin';

/**
 * Whether a caller whose reach covers a vote's estate may open its scanned paper ballots (a 表决票 shows how
 * the owner voted). A vote kept without its organiser (null, recorded before it was) counts the street office
 * of its estate as organiser.
 */
export function mayOpenBallotScan(
  readers: readonly BallotScanReader[],
  caller: { role: Role; organisationId: string | null },
  organiserOrganisationId: string | null,
): boolean {
  const organiser =
    organiserOrganisationId === null
      ? caller.role === 'street_office'
      : caller.organisationId === organiserOrganisationId;
  return readers.some((reader) => (reader === 'organiser' ? organiser : reader === caller.role));
}

export function isDocumentKind(value: unknown): value is DocumentKind {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(DOCUMENT_KINDS, value);
}

/**
 * Why an uploaded file's own name cannot be kept, or null when it can. The name is metadata only — blobs
 * are stored by hash — but a name that tries to climb directories or hide characters is refused outright.
 */
export function fileNameProblem(name: string): string | null {
  if (!name.trim()) return '文件名为空';
  if (name.length > 255) return '文件名超过 255 个字符';
  if (/[/\\]/.test(name) || name === '.' || name === '..') return '文件名不能包含路径（/、\\ 或 ..）';
  // A right-to-left override makes "合同<U+202E>fdp.exe" read as "合同exe.pdf": refused with the other text rules.
  const textProblem = stringProblem(name);
  return textProblem ? `文件名${textProblem}` : null;
}

/**
 * The bytes a whole file of each format ends with (within its last `within` bytes); a format's header
 * alone in front of other content lacks them. Plain numbers: this module also runs in the workflow
 * sandbox and the browser, which have no Buffer.
 */
export const FORMAT_TRAILERS: Partial<Record<string, { within: number; marker: readonly number[] }>> = {
  // ISO 32000-1 §7.5.5: the last line of the file is %%EOF (a few bytes of line ending or padding may follow).
  [MEDIA_TYPES.pdf]: { within: 1024, marker: [0x25, 0x25, 0x45, 0x4f, 0x46] },
  // JPEG ends with the EOI marker; PNG with its IEND chunk and that chunk's CRC.
  [MEDIA_TYPES.jpeg]: { within: 64, marker: [0xff, 0xd9] },
  [MEDIA_TYPES.png]: { within: 64, marker: [0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82] },
};

const ZIP_MEDIA_TYPES: readonly string[] = [MEDIA_TYPES.zip, MEDIA_TYPES.docx, MEDIA_TYPES.xlsx];

export function isZipContainer(mediaType: string): boolean {
  return ZIP_MEDIA_TYPES.includes(mediaType);
}

/**
 * Why an entry of an uploaded archive makes it unsafe to unpack, or null: an absolute path or one that
 * climbs out with "..", a backslash, or a name the text rules refuse (control or direction characters).
 */
export function archiveEntryProblem(name: string): string | null {
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return `压缩包内含绝对路径「${name}」`;
  if (name.includes('\\')) return `压缩包内路径「${name}」含反斜杠`;
  if (name.split('/').includes('..')) return `压缩包内路径「${name}」试图跳出解压目录（..）`;
  const textProblem = stringProblem(name);
  return textProblem ? `压缩包内文件名${textProblem}` : null;
}
