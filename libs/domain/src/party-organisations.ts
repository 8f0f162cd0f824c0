/**
 * An estate's party organisation (小区党组织) as the registry records it for 小区党组织覆盖率 (issue #20): seed 001
 * asks for 建制式 or 功能型 organisations ("符合组建建制式党组织的小区应建尽建"), seed 000 and 002 for 100% coverage.
 * A small estate may share a 联合党支部 with its neighbours.
 */
export const PARTY_ORGANISATION_KINDS = {
  branch: '小区党支部',
  joint_branch: '联合党支部',
  functional: '功能型党组织（党小组）',
} as const;

export type PartyOrganisationKind = keyof typeof PARTY_ORGANISATION_KINDS;
export const PARTY_ORGANISATION_KIND_IDS = Object.keys(PARTY_ORGANISATION_KINDS) as PartyOrganisationKind[];
