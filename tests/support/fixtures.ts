import type { EstateSurvey } from '../../libs/domain/src/estate-survey';

/** A complete 摸底表 as a community would return it (seed 000 附件3 and 措施1, seed 001 (一)). */
export function completeSurvey(overrides: Partial<EstateSurvey> = {}): EstateSurvey {
  return {
    deliveryDate: '2016-12-01',
    landArea: '42000.00',
    floorArea: '120500.75',
    buildingCount: 18,
    householdCount: 1200,
    occupiedHouseholds: 1011,
    residentCount: 3300,
    feeCollectionRate: 72.5,
    partyOrganisation: {
      exists: true,
      partyMemberCount: 41,
      membersByKind: { mobile: 6, public_servant: 9, retired_cadre: 12 },
    },
    ownersCommittee: { exists: false },
    propertyService: { mode: 'village_managed' },
    socialConditions: '安置房小区，老年住户约三成，诉求集中在停车和电梯',
    liaisonPosts: ['town_section_official', 'town_official', 'community_official'],
    facilityProblems: [
      { category: 'drainage', description: '3号楼化粪池每逢雨季反涌' },
      { category: 'lighting', description: '东侧主干道路灯不亮' },
    ],
    ...overrides,
  };
}
