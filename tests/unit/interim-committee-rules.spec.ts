import type {
  CandidateVerdict,
  TemporaryCommitteeMember,
  TemporaryCommitteeSide,
} from '../../libs/domain/src/committee';
import {
  coverageCounts,
  interimCommitteeProblems,
  interimHandoverProblems,
  interimReviewProblems,
  interimStartRefusal,
  type InterimCommitteePolicy,
} from '../../libs/domain/src/interim-committee';
import { GLOSSARY } from '../../libs/domain/src/glossary';
import { NATIONAL_DEFAULT_POLICY, policyFor } from '../../libs/domain/src/policy';

const policy = NATIONAL_DEFAULT_POLICY.interimCommittee;

const members = (sides: TemporaryCommitteeSide[], chair = 0): TemporaryCommitteeMember[] =>
  sides.map((side, i) => ({ personId: `m${i}`, side, chair: i === chair }));

// 街道 chairs; 居委会, 4 owners of 7.
const lawful: TemporaryCommitteeSide[] = [
  'street_office',
  'community',
  'owner',
  'owner',
  'owner',
  'owner',
  'developer',
];

describe('物管会 composition (rules.md §1 "Fallback": 7–11 odd, owner reps ≥ 1/2, chair from the 街道 or 居委会; seed 004 §5)', () => {
  it('accepts the 街道, the 居委会, the developer and four owner representatives of seven, chaired by the 街道', () => {
    expect(interimCommitteeProblems(members(lawful), policy, true)).toEqual([]);
  });

  it('refuses fewer than half owner representatives, naming the share and the count (业主代表不少于一半)', () => {
    const few = members(['street_office', 'community', 'developer', 'owner', 'owner', 'owner', 'community']);
    expect(interimCommitteeProblems(few, policy, true)).toEqual(['业主代表须不少于物管会人数的 50%（现 7 人中 3 人）']);
  });

  it('holds the owner share as a policy value: a locality asking two thirds refuses four of seven', () => {
    const twoThirds: InterimCommitteePolicy = { ...policy, ownerShareMinPercent: 67 };
    expect(interimCommitteeProblems(members(lawful), twoThirds, true)).toEqual([
      '业主代表须不少于物管会人数的 67%（现 7 人中 4 人）',
    ]);
  });

  it('refuses a 主任 from the owners, or two 主任, by the policy’s chair sides', () => {
    expect(interimCommitteeProblems(members(lawful, 2), policy, true)).toEqual([
      '物管会主任须为一人，由街道办/乡镇代表或居（村）委会代表担任',
    ]);
    const two = members(lawful).map((m, i) => ({ ...m, chair: i < 2 }));
    expect(interimCommitteeProblems(two, policy, true)).toHaveLength(1);
    // A locality that lets only the 居委会 chair refuses the 街道.
    expect(interimCommitteeProblems(members(lawful), { ...policy, chairSides: ['community'] }, true)).toEqual([
      '物管会主任须为一人，由居（村）委会代表担任',
    ]);
  });

  it('refuses an even or out-of-range size, a missing 居委会 and a repeated person', () => {
    const six = members(['street_office', 'community', 'owner', 'owner', 'owner', 'owner']);
    expect(interimCommitteeProblems(six, policy, false)).toEqual(['物管会人数须为 7–11 之间的单数（现 6 人）']);
    const noCommunity = members(['street_office', 'owner', 'owner', 'owner', 'owner', 'developer', 'developer']);
    expect(interimCommitteeProblems(noCommunity, policy, true)).toEqual(['物管会须有居（村）委会代表']);
    const repeated = members(lawful).map((m, i) => (i === 6 ? { ...m, personId: 'm2' } : m));
    expect(interimCommitteeProblems(repeated, policy, true)).toEqual(['名单中有重复人员']);
  });

  it('asks for the developer only where the estate has one, when the locality requires it', () => {
    const withDeveloper: InterimCommitteePolicy = { ...policy, requiredSides: [...policy.requiredSides, 'developer'] };
    const without = members(['street_office', 'community', 'owner', 'owner', 'owner', 'owner', 'owner']);
    expect(interimCommitteeProblems(without, withDeveloper, false)).toEqual([]);
    expect(interimCommitteeProblems(without, withDeveloper, true)).toEqual(['物管会须有建设单位代表']);
  });
});

describe('物管会 资格联审 of the owner members (seed 001 措施一: 严把业委会（临时物业管理委员会）人选资格关)', () => {
  const owners = ['o1', 'o2'];
  const pass = (id: string): CandidateVerdict => ({
    candidateId: id,
    passed: true,
    reason: '无不良记录',
    findings: [],
  });

  it('wants every owner member once, and a refusal with its reason and a finding', () => {
    expect(interimReviewProblems([pass('o1'), pass('o2')], owners, policy)).toEqual([]);
    expect(interimReviewProblems([pass('o1')], owners, policy)).toEqual(['须对每名业主代表各给出一项审查意见']);
    expect(
      interimReviewProblems(
        [pass('o1'), { candidateId: 'o2', passed: false, reason: '', findings: [] }],
        owners,
        policy,
      ),
    ).toEqual(['业主代表 o2 未通过审查，须说明理由', '业主代表 o2 未通过审查，须列明负面清单事项']);
  });

  it('takes findings from the locality’s negative list only (a policy value)', () => {
    const arrears: CandidateVerdict = { candidateId: 'o2', passed: false, reason: '欠缴物业费', findings: ['arrears'] };
    expect(interimReviewProblems([pass('o1'), arrears], owners, policy)).toEqual([]);
    const narrow: InterimCommitteePolicy = { ...policy, negativeList: ['criminal_record', 'dishonest'] };
    expect(interimReviewProblems([pass('o1'), arrears], owners, narrow)).toEqual([
      '不属于本地资格联审负面清单的事项：拖欠物业费或专项维修资金',
    ]);
  });
});

describe('starting a 物管会 on the clerk’s action (seed 001 (二): 对尚不具备业委会组建条件的小区全部成立临时物业管理委员会)', () => {
  const today = '2026-06-01';
  const formation = NATIONAL_DEFAULT_POLICY.committeeFormation;
  const ineligible = { totalArea: '1000.00', deliveredArea: '300.00', firstDeliveryDate: '2025-06-02' };
  const eligible = { totalArea: '1000.00', deliveredArea: '500.00', firstDeliveryDate: '2026-01-01' };
  const none = { hasServingCommittee: false, hasInterimCommittee: false };

  it('starts for an estate that does not meet 闽条例 art 9 and has neither body', () => {
    expect(interimStartRefusal({ delivery: ineligible, ...none }, today, formation)).toBeNull();
  });

  it('refuses an estate that meets the conditions (it forms a 业委会), or one with a 业委会 or 物管会', () => {
    expect(interimStartRefusal({ delivery: eligible, ...none }, today, formation)).toMatchObject({
      code: 'ESTATE_ELIGIBLE',
      reason: expect.stringContaining('应组建业委会而非物管会'),
    });
    expect(
      interimStartRefusal({ delivery: ineligible, ...none, hasServingCommittee: true }, today, formation)?.code,
    ).toBe('COMMITTEE_SERVING');
    expect(
      interimStartRefusal({ delivery: ineligible, ...none, hasInterimCommittee: true }, today, formation)?.code,
    ).toBe('INTERIM_COMMITTEE_SERVING');
  });
});

describe('物管会 handover and coverage', () => {
  it('hands over every item of the list (rules.md §1: dissolved when an 业委会 is elected, with handover)', () => {
    expect(interimHandoverProblems(['seals', 'records', 'finances', 'contracts'])).toEqual([]);
    expect(interimHandoverProblems(['seals', 'records'])).toEqual(['尚未移交：财物及账目、物业服务合同等合同文书']);
  });

  it('counts 自治组织覆盖率 over every estate, qualifying or not, by the level below (seed 001 (二): 100%覆盖)', () => {
    const estates = [
      { path: '/35/350504/350504102/350504102201/', hasServingCommittee: true, hasServingInterim: false },
      { path: '/35/350504/350504102/350504102201/', hasServingCommittee: false, hasServingInterim: true },
      { path: '/35/350504/350504102/350504102202/', hasServingCommittee: false, hasServingInterim: false },
    ];
    const counts = coverageCounts(estates, '/35/350504/350504102/');
    expect({ estates: counts.estates, covered: counts.covered, percent: counts.percent }).toEqual({
      estates: 3,
      covered: 2,
      percent: 66.7,
    });
    expect(Object.fromEntries(counts.byJurisdiction)).toEqual({
      '350504102201': { estates: 2, covered: 2, percent: 100 },
      '350504102202': { estates: 1, covered: 0, percent: 0 },
    });
    expect(coverageCounts([], '/35/').percent).toBeNull();
  });

  it('keeps its values in the locality policy, with rules.md’s model defaults', () => {
    expect(policyFor('/35/350800/350881/').interimCommittee).toMatchObject({
      size: { min: 7, max: 11 },
      ownerShareMinPercent: 50,
      termYears: 2,
      handoverPeriod: { days: 10, unit: 'calendar' },
      filingPeriod: { days: 30, unit: 'calendar' },
    });
    expect(GLOSSARY.map((g) => g.term)).toEqual(expect.arrayContaining(['物管会（作为程序）', '自治组织覆盖率']));
  });
});
