import { DEFAULT_COMPLAINT_POLICY, type ComplaintPolicy } from './complaints';
import { DEFAULT_EVALUATION_POLICY, type EvaluationPolicy } from './evaluation';
import { DEFAULT_DISPUTE_POLICY, ZHANGPING_MEDIATION_LEVELS, type DisputePolicy } from './disputes';
import { DEFAULT_JOINT_ENFORCEMENT_POLICY, type JointEnforcementPolicy } from './joint-enforcement';
import { DEFAULT_INTERIM_COMMITTEE_POLICY, type InterimCommitteePolicy } from './interim-committee';
import {
  DEFAULT_PROBLEM_POLICY,
  MEILING_PROBLEM_CATEGORIES,
  QUANZHOU_PROBLEM_CATEGORIES,
  type ProblemPolicy,
} from './problems';
import { DEFAULT_PUBLIC_INCOME_POLICY, type PublicIncomePolicy } from './public-income';
import type { DayPeriod, LeadDays, Period, SecondsPeriod } from './period';
import type { BallotScanReader, DocumentKind } from './documents';
import type { EstateClassSchemeId } from './estate-classes';
import type { CandidateDataCheck, ResolutionShare } from './committee';
import {
  EMERGENCY_HAZARDS,
  FIRST_DEPOSIT_PLACEHOLDER,
  type EmergencyHazard,
  type FirstDepositRate,
  type FundApplicant,
  type FundUseThreshold,
  type PaymentTerms,
} from './maintenance-fund';
import type { HandoverParticipantKind } from './handover';

/** Who holds an estate's 维修资金: the housing bureau (165号令 art 22) or the 业主大会 after transfer (art 23). */
export type FundRegime = 'government' | 'owners_assembly';

/**
 * Values the rules leave to each locality ([L]/[R] in shared/domain/rules.md). Workflows never hold
 * these as literals: the API resolves the policy of the estate's jurisdiction when a procedure starts
 * and passes it in, so a running procedure keeps the values it started with and its history shows them.
 */
export interface LocalityPolicy {
  estateSurvey: {
    /** Time the community has to return the 摸底 survey (no rule sets it; seed 000 leaves it to the town). */
    submissionPeriod: Period;
    /** Time the street office has to classify once the survey is in. */
    classificationPeriod: Period;
    classScheme: EstateClassSchemeId;
  };
  ownersVote: {
    /** Notice before voting opens when the vote is a meeting of the 业主大会 (条例 art 14: 15日前), or a drill's seconds. */
    meetingNoticePeriod: LeadDays | SecondsPeriod;
    votingPeriod: Period;
    /** 结果公示: no national period; 7 days is common [L]. */
    resultNoticePeriod: Period;
    /** Re-voting is refused unless a locality allows it (北京 rule: a cast ballot is final). */
    allowRevote: boolean;
    /**
     * Whether the organiser may end the voting window once the outcome can no longer change; no national rule
     * sets it, and a locality holding owners to the announced window turns it off [L].
     */
    allowEarlyClose: boolean;
    /**
     * 条例 art 13: owners holding this share of the heads and of the area (each, "以上" included) may requisition
     * a 临时会议 of the 业主大会; 20% nationally, a locality may count area too or set its own share [L].
     */
    requisitionShare: { numerator: number; denominator: number; inclusive: boolean };
  };
  /** Who may open a vote's records that show how an owner voted: resolved when one is opened, not at start. */
  voteRecords: {
    /**
     * Who may open a scanned paper ballot, which shows how an owner voted: the organiser and the bureau, not
     * the police or the village office [L]. 授权委托书 stay open to the offices that see the estate.
     */
    ballotScanReaders: BallotScanReader[];
  };
  handover: {
    /** Time the firm has to agree the developer's inspection plan [L]. */
    planAgreementPeriod: Period;
    /** 办法 arts 13–14: the developer hands over the documents at least 20 days before the site inspection. */
    documentLeadPeriod: LeadDays;
    /**
     * Time the developer has to confirm and sign the firm's site-inspection record (办法 art 12 step 5: the
     * written record is signed by both parties' inspectors; no national figure) [L].
     */
    inspectionConfirmationPeriod: Period;
    /** Time the developer has to fix the defects of one round and ask for 复验 (no national figure) [L]. */
    rectificationPeriod: Period;
    /** Time the firm has to re-inspect once asked [L]. */
    reinspectionPeriod: Period;
    /**
     * Whether a defect still open at 复验 may go into the 承接查验协议 with a date to fix it (办法 arts 21–22 [R]);
     * 漳平: "建设单位未整改落实的，新建物业不得移交" (seed 004 §11) [L].
     */
    defectsMayCarryIntoAgreement: boolean;
    /** 办法 art 9: the 承接查验协议 is signed at least 15 days before units are delivered to buyers. */
    agreementLeadPeriod: LeadDays;
    /** Premises and common parts handed over within 10 days of signing [R]. */
    handoverPeriod: Period;
    /** The firm files with the county bureau within 30 days of the handover [R]. */
    filingPeriod: Period;
    /** Time the bureau takes to accept or return a filing [L]. */
    filingReviewPeriod: Period;
    /** The required-document checklist (办法 arts 13–14, 条例 art 29). */
    requiredDocuments: DocumentKind[];
    /**
     * Who besides the two parties the plan must invite and the site-inspection record must show present: none
     * nationally (they are optional, rules.md §2); 漳平 all three (seed 004 §11) [L].
     */
    requiredParticipants: HandoverParticipantKind[];
    /**
     * Who answers a late 整改: the housing bureau decides the penalty and the credit entry at once, or — 漳平,
     * seed 004 §11 — the 城市管理和综合执法局 imposes the penalty and 抄告s the 住建部门, which records the
     * developer's credit [L].
     */
    latePenalty: 'housing_bureau' | 'urban_management_then_housing_bureau';
    /** Time the 城管局 has to decide the penalty of a late 整改 round (two-step `latePenalty` only) [L]. */
    penaltyDecisionPeriod: Period;
    /** Time the 住建部门 has to record the credit entry once the penalty is 抄告 (two-step only) [L]. */
    creditEntryPeriod: Period;
    /**
     * A developer that refuses, or lets the documents' date pass without, organising the inspection: time the
     * bureau has to order it to organise, and the time that order gives the developer before its failure goes
     * into the 信用档案 (no national figure) [L]. Absent from policies resolved before the path existed.
     */
    organisingOrderPeriod?: Period;
    organisingCorrectionPeriod?: Period;
  };
  maintenanceFund: {
    /** Regime of an estate that has not recorded its own (no transfer to the 业主大会 yet). */
    defaultRegime: FundRegime;
    /** 分摊清单公示 before the owners decide, and the post-hoc 公示 of an emergency repair [L]. */
    costNoticePeriod: Period;
    /** Review by the housing bureau, or by the 业委会 with filing to the bureau [L]. */
    approvalPeriod: Period;
    /** Each project step the proposer reports: contract signed, 验收, 审价/结算 [L]. */
    projectStepPeriod: Period;
    /** Street office/bureau confirms an emergency: commonly on site within 2 working days [L]. */
    emergencyConfirmationPeriod: Period;
    /** Repair of a confirmed emergency by the responsible party: commonly 5 days; after it, the 代修 [L]. */
    emergencyRepairPeriod: Period;
    /**
     * Who may propose a normal use (165号令 art 22 (1)): the firm; without one, the owners, filed by the community
     * on their behalf [L]. Absent from applications started before it (the firm only).
     */
    normalUseApplicants?: FundApplicant[];
    /** Who may apply in an emergency: the firm, the 业委会 (民法典 art 281 para 2), the community [L]. */
    emergencyApplicants?: FundApplicant[];
    /** Who confirms an emergency: the 街道（乡镇） or the county bureau (rules.md §3 C) [L]. */
    emergencyConfirmer?: 'street_office' | 'housing_bureau';
    /**
     * 代修 (165号令 art 24): who organises the repair when the responsible party has not repaired a confirmed
     * emergency within `emergencyRepairPeriod` — the county bureau, or the 街道 where a locality gives it that [L].
     */
    substituteRepairer?: 'housing_bureau' | 'street_office';
    /** Time the 代修 office has to have the repair done and record the repairer and cost [L]. */
    substituteRepairPeriod?: Period;
    payment: PaymentTerms;
    /**
     * The share of ALL 业委会 members whose 同意 carries its 决议 approving a use after transfer (165号令 art 23
     * step 5; 指导规则: 全体委员半数以上, rules.md §1 row 9) [R]. Absent from applications started before it.
     */
    committeeResolutionShare?: ResolutionShare;
    /** How long the retention (质保金) is held after settlement [L]. */
    retentionPeriod: Period;
    /** 165号令 art 17: top up when the balance is under 30% of the first deposit; kept per locality. */
    topUpThresholdPercent: number;
    topUpPlanPeriod: Period;
    /** Reminder interval for unpaid top-up notices, and how many reminders before the arrears are left to the bureau [L]. */
    topUpReminderPeriod: Period;
    topUpReminders: number;
    /**
     * The owners' threshold of a normal use before transfer: 民法典 art 278 (the current law), or 165号令 art 22
     * (2)'s 双三分之二同意 where a locality still applies it (rules.md §0) [L]. Absent from applications started
     * before it: the civil code.
     */
    useThreshold?: FundUseThreshold;
    /**
     * When the vote is skipped (165号令 art 24): 建办房〔2015〕52号's six, and a locality's own after them [L].
     * Absent from applications started before it: the six.
     */
    emergencyHazards?: EmergencyHazard[];
    /**
     * 首期交存 per m² (165号令 art 7, set locally [L]); absent from a policy recorded before it: the placeholder
     * `FIRST_DEPOSIT_PLACEHOLDER`. No 泉州/漳平 figure is on record yet.
     */
    firstDeposit?: FirstDepositRate;
  };
  /** 业委会 formation, 换届 and the 物管会 fallback (rules.md §1). */
  committeeFormation: {
    /** 闽条例 art 9: owners who may apply jointly instead of the developer. */
    minOwnerApplicants: number;
    /** 闽条例 art 9 trigger: delivered share of the exclusive area (percent), or years since first delivery. */
    deliveredAreaPercent: number;
    yearsSinceFirstDelivery: number;
    /** 指导规则: the 筹备组 is formed within 60 days of the application; Fujian may be shorter [L]. */
    prepGroupPeriod: Period;
    /** 指导规则: the first meeting within 90 days of the 筹备组 forming [R]; in days, as the notice days come off it. */
    meetingPeriod: DayPeriod;
    /** 指导规则: everything the meeting decides is posted at least 15 (calendar) days before it. */
    preparationNoticeDays: number;
    /** Time the 筹备组 has to nominate candidates once the meeting is fixed [L]. */
    nominationPeriod: Period;
    /**
     * Items of the 资格联审 negative list checked from our own records when a candidate is nominated
     * (rules.md §1, 4a: arrears of fees or fund) [L]; the others stay with the reviewing departments.
     */
    candidateDataChecks: CandidateDataCheck[];
    /** Each department's 资格联审 of the candidates [L]. */
    reviewDepartments: Array<{ kind: string; label: string; period: Period }>;
    committeeSize: { min: number; max: number };
    temporaryCommitteeSize: { min: number; max: number };
    termYears: number;
    temporaryTermYears: number;
    /** First committee meeting, electing 主任/副主任. */
    firstMeetingPeriod: Period;
    resultNoticePeriod: Period;
    filingPeriod: Period;
    /** Time the street office has to choose re-running the meeting or a 物管会 after a failed one [L]. */
    failureDecisionPeriod: Period;
    /**
     * Party members among a new committee's members (percent): a target of 泉州's seeds (000, 001, 002), no law's;
     * below it is a warning, not a refusal. Null where a locality sets none.
     */
    partyMemberTargetPercent: number | null;
    /** Seed 001 (梅岭): committees with at least `minMembers` party members, as a share of all serving ones [L]. */
    partyCoreTarget: { minMembers: number; targetPercent: number } | null;
    reelectionReminderMonths: number;
    /** 指导规则: the 换届 meeting is held at least 3 months before the term ends. */
    reelectionDeadlineMonths: number;
    /** Time the street office has to order a 换届 the committee did not organise by then (no national figure) [L]. */
    reelectionOrderPeriod: Period;
    /** The limit a 责令限期换届 gives the committee to hold its 换届 (no national figure) [L]. */
    reelectionOrderLimit: Period;
    /**
     * The 居委会's time to organise the 换届 under the 街道 once the order's limit passed without a 换届报告
     * (rules.md §1 换届: 由居委会在街道指导下组织; no national figure) [L].
     */
    communityReelectionPeriod: Period;
    /** The old committee hands over within 10 days after the term ends [R]. */
    handoverPeriod: Period;
    /** The street office's intervention after a 换届报告 (no national figure; 漳平's 7 days, seed 004 §5) [L]. */
    reelectionInterventionPeriod: Period;
  };
  /** The 物管会 as a procedure of its own (rules.md §1 "Fallback"; seed 001 (二); seed 004 §5). */
  interimCommittee: InterimCommitteePolicy;
  /** 投诉信访 即查即处 (rules.md §4 "Complaints and SLAs"; seed 001 (三)). */
  complaints: ComplaintPolicy;
  /** 社区吹哨·部门报到 and 联合执法 (seed 001 (四)). */
  jointEnforcement: JointEnforcementPolicy;
  /** 物业矛盾纠纷 调解: the ladder of levels and their time boxes (seed 004 §18; seed 001 (三) 3–4). */
  disputes: DisputePolicy;
  /** 问题清单与销号 (seed 000 措施3, 措施8, 附件4; seed 002 §2). */
  problems: ProblemPolicy;
  /** 公共收益: 公示 frequency, the street's quarterly check and its periods, the 业账社审 pilot target (seed 002 §4, seed 004 §8). */
  publicIncome: PublicIncomePolicy;
  /** 精细化考评, its measures and the credit grade (seed 001 (五); seed 004 §14–16). */
  evaluation: EvaluationPolicy;
}

export type PolicyOverride = { [K in keyof LocalityPolicy]?: Partial<LocalityPolicy[K]> };

export const NATIONAL_DEFAULT_POLICY: LocalityPolicy = {
  estateSurvey: {
    submissionPeriod: { days: 10, unit: 'working' },
    classificationPeriod: { days: 5, unit: 'working' },
    classScheme: 'demonstration-improvement-key',
  },
  ownersVote: {
    meetingNoticePeriod: { days: 15, unit: 'calendar' },
    votingPeriod: { days: 15, unit: 'calendar' },
    resultNoticePeriod: { days: 7, unit: 'calendar' },
    allowRevote: false,
    allowEarlyClose: true,
    requisitionShare: { numerator: 1, denominator: 5, inclusive: true },
  },
  voteRecords: {
    ballotScanReaders: ['organiser', 'housing_bureau'],
  },
  handover: {
    planAgreementPeriod: { days: 5, unit: 'working' },
    documentLeadPeriod: { days: 20, unit: 'calendar' },
    inspectionConfirmationPeriod: { days: 3, unit: 'working' },
    rectificationPeriod: { days: 30, unit: 'calendar' },
    reinspectionPeriod: { days: 5, unit: 'working' },
    defectsMayCarryIntoAgreement: true,
    agreementLeadPeriod: { days: 15, unit: 'calendar' },
    handoverPeriod: { days: 10, unit: 'calendar' },
    filingPeriod: { days: 30, unit: 'calendar' },
    filingReviewPeriod: { days: 10, unit: 'working' },
    requiredDocuments: [
      'as_built_drawings',
      'completion_acceptance',
      'facilities_list',
      'equipment_certificates',
      'utility_permits',
      'warranty_and_manuals',
    ],
    requiredParticipants: [],
    latePenalty: 'housing_bureau',
    penaltyDecisionPeriod: { days: 15, unit: 'working' },
    creditEntryPeriod: { days: 5, unit: 'working' },
    organisingOrderPeriod: { days: 5, unit: 'working' },
    organisingCorrectionPeriod: { days: 15, unit: 'calendar' },
  },
  maintenanceFund: {
    defaultRegime: 'government',
    costNoticePeriod: { days: 7, unit: 'calendar' },
    approvalPeriod: { days: 5, unit: 'working' },
    projectStepPeriod: { days: 30, unit: 'calendar' },
    emergencyConfirmationPeriod: { days: 2, unit: 'working' },
    emergencyRepairPeriod: { days: 5, unit: 'calendar' },
    normalUseApplicants: ['property_firm', 'community'],
    emergencyApplicants: ['property_firm', 'owners_committee', 'community'],
    emergencyConfirmer: 'street_office',
    substituteRepairer: 'housing_bureau',
    substituteRepairPeriod: { days: 15, unit: 'calendar' },
    payment: { onContractPercent: 30, retentionPercent: 5 },
    committeeResolutionShare: { numerator: 1, denominator: 2, inclusive: false },
    retentionPeriod: { days: 365, unit: 'calendar' },
    topUpThresholdPercent: 30,
    topUpPlanPeriod: { days: 30, unit: 'calendar' },
    topUpReminderPeriod: { days: 30, unit: 'calendar' },
    topUpReminders: 3,
    useThreshold: 'civil_code',
    emergencyHazards: [...EMERGENCY_HAZARDS],
    firstDeposit: FIRST_DEPOSIT_PLACEHOLDER,
  },
  committeeFormation: {
    minOwnerApplicants: 10,
    deliveredAreaPercent: 50,
    yearsSinceFirstDelivery: 2,
    prepGroupPeriod: { days: 60, unit: 'calendar' },
    meetingPeriod: { days: 90, unit: 'calendar' },
    preparationNoticeDays: 15,
    nominationPeriod: { days: 10, unit: 'working' },
    candidateDataChecks: ['fund_arrears'],
    reviewDepartments: [
      { kind: 'police', label: '公安', period: { days: 10, unit: 'working' } },
      { kind: 'petition', label: '信访', period: { days: 10, unit: 'working' } },
      { kind: 'community_party', label: '社区党组织', period: { days: 10, unit: 'working' } },
    ],
    committeeSize: { min: 5, max: 11 },
    temporaryCommitteeSize: { min: 7, max: 11 },
    termYears: 5,
    temporaryTermYears: 2,
    firstMeetingPeriod: { days: 7, unit: 'calendar' },
    resultNoticePeriod: { days: 7, unit: 'calendar' },
    filingPeriod: { days: 30, unit: 'calendar' },
    failureDecisionPeriod: { days: 15, unit: 'working' },
    partyMemberTargetPercent: null,
    partyCoreTarget: null,
    reelectionReminderMonths: 6,
    reelectionDeadlineMonths: 3,
    reelectionOrderPeriod: { days: 10, unit: 'working' },
    reelectionOrderLimit: { days: 30, unit: 'calendar' },
    communityReelectionPeriod: { days: 30, unit: 'calendar' },
    handoverPeriod: { days: 10, unit: 'calendar' },
    reelectionInterventionPeriod: { days: 10, unit: 'working' },
  },
  interimCommittee: DEFAULT_INTERIM_COMMITTEE_POLICY,
  complaints: DEFAULT_COMPLAINT_POLICY,
  jointEnforcement: DEFAULT_JOINT_ENFORCEMENT_POLICY,
  disputes: DEFAULT_DISPUTE_POLICY,
  problems: DEFAULT_PROBLEM_POLICY,
  publicIncome: DEFAULT_PUBLIC_INCOME_POLICY,
  evaluation: DEFAULT_EVALUATION_POLICY,
};

/** Overrides by administrative code; a deeper code overrides a shallower one. */
export const LOCALITY_OVERRIDES: Readonly<Record<string, PolicyOverride>> = {
  // 泉州市: new and re-elected committees at least half party members (seed 002; 000 and 001 repeat it); its
  // problem list adds the 燃气管道 it surveys (seed 002 §2).
  '350500': {
    committeeFormation: { partyMemberTargetPercent: 50 },
    problems: { categories: [...QUANZHOU_PROBLEM_CATEGORIES] },
  },
  // 晋江市梅岭街道 grades its estates 整顿/提质/示范, wants half its committees with ≥ 3 party members, holds
  // 联合执法 at least twice a month and lists the problems of its 微实事 (seed 001, (十)).
  '350582002': {
    estateSurvey: { classScheme: 'rectify-upgrade-demonstration' },
    problems: { categories: [...MEILING_PROBLEM_CATEGORIES] },
    committeeFormation: { partyCoreTarget: { minMembers: 3, targetPercent: 50 } },
    jointEnforcement: { monthlyJointOperationsMinimum: 2 },
  },
  // 漳平市: the street office intervenes within 7 days of a 换届报告 (seed 004 §5). 承接查验 (seed 004 §11): a new
  // estate is not handed over while the developer has defects left to fix; the 村（居）民委员会, owner representatives
  // and the association or a professional body take part; the 城管局 penalises a late 整改 and 抄告s the 住建部门,
  // which records the credit. Its five-level mediation ladder (seed 004 §18) is the default one, named here so that
  // a change of the default leaves it alone.
  '350881': {
    committeeFormation: { reelectionInterventionPeriod: { days: 7, unit: 'calendar' } },
    handover: {
      defectsMayCarryIntoAgreement: false,
      requiredParticipants: ['residents_committee', 'owner_representatives', 'association_or_professional_body'],
      latePenalty: 'urban_management_then_housing_bureau',
    },
    disputes: { levels: ZHANGPING_MEDIATION_LEVELS },
  },
};

/**
 * The policy in force for a jurisdiction, given its path of codes from the root ("/35/350500/…/").
 * `registered` are the overrides jurisdictions keep in the registry; each applies after its code's own.
 */
export function policyFor(
  jurisdictionPath: string,
  registered: Readonly<Record<string, PolicyOverride>> = {},
): LocalityPolicy {
  const codes = jurisdictionPath.split('/').filter(Boolean);
  return codes
    .flatMap((code) => [LOCALITY_OVERRIDES[code], registered[code]])
    .reduce<LocalityPolicy>((policy, override) => {
      if (!override) return policy;
      const merged = { ...policy } as Record<string, unknown>;
      for (const [section, values] of Object.entries(override)) {
        merged[section] = { ...(policy as unknown as Record<string, object>)[section], ...values };
      }
      return merged as unknown as LocalityPolicy;
    }, NATIONAL_DEFAULT_POLICY);
}
