import {
  addMonths,
  assemblyOutcome,
  applicationProblems,
  committeeSizeProblems,
  formationCounts,
  formationEligibility,
  formationRatePercent,
  formationStartRefusal,
  partyCorePercent,
  partyMemberShare,
  prepGroupProblems,
  reelectionMeetingLatest,
  reelectionMilestones,
  reviewPanel,
  reviewProblems,
  temporaryCommitteeProblems,
  REVIEW_FINDINGS,
  type PrepGroupMember,
  type TemporaryCommitteeMember,
} from '../../libs/domain/src/committee';
import { NATIONAL_DEFAULT_POLICY, policyFor } from '../../libs/domain/src/policy';
import { GLOSSARY } from '../../libs/domain/src/glossary';

const policy = NATIONAL_DEFAULT_POLICY.committeeFormation;

describe('业委会 formation rules', () => {
  it('resolves the national defaults for a Fujian jurisdiction', () => {
    const resolved = policyFor('/35/350500/350504/350504102/350504102201/').committeeFormation;
    expect(resolved).toMatchObject({
      prepGroupPeriod: { days: 60 },
      meetingPeriod: { days: 90 },
      filingPeriod: { days: 30 },
      termYears: 5,
    });
    expect(resolved.partyMemberTargetPercent).toBe(50);
  });

  it("keeps each seed's own values in its locality, not in the national defaults", () => {
    // No law sets the street office's intervention after a 换届报告; 漳平 sets 7 days (seed 004 §5).
    expect(policy.reelectionInterventionPeriod).toEqual({ days: 10, unit: 'working' });
    expect(policyFor('/35/350800/350881/350881001/').committeeFormation.reelectionInterventionPeriod).toEqual({
      days: 7,
      unit: 'calendar',
    });
    expect(policyFor('/35/350500/350582/350582002/').committeeFormation.reelectionInterventionPeriod).toEqual({
      days: 10,
      unit: 'working',
    });
    // Half party members is 泉州's target (seeds 000, 001, 002), not 漳平's; ≥ 3 party members is 梅岭's (seed 001).
    expect(policy.partyMemberTargetPercent).toBeNull();
    expect(policyFor('/35/350800/350881/').committeeFormation.partyMemberTargetPercent).toBeNull();
    expect(policyFor('/35/350500/350582/350582002/350582002001/').committeeFormation).toMatchObject({
      partyMemberTargetPercent: 50,
      partyCoreTarget: { minMembers: 3, targetPercent: 50 },
    });
    expect(policyFor('/35/350500/350504/350504102/').committeeFormation.partyCoreTarget).toBeNull();
  });

  it('qualifies an estate by delivered area (≥ 50%, exactly) or by two years since first delivery', () => {
    expect(
      formationEligibility(
        { totalArea: '1000.00', deliveredArea: '500.00', firstDeliveryDate: '2026-01-01' },
        '2026-06-01',
        policy,
      ).eligible,
    ).toBe(true);
    expect(
      formationEligibility(
        { totalArea: '1000.00', deliveredArea: '499.99', firstDeliveryDate: '2024-06-02' },
        '2026-06-01',
        policy,
      ).eligible,
    ).toBe(false);
    expect(
      formationEligibility(
        { totalArea: '1000.00', deliveredArea: '100.00', firstDeliveryDate: '2024-06-01' },
        '2026-06-01',
        policy,
      ).eligible,
    ).toBe(true);
    const refused = formationEligibility(
      { totalArea: '0.00', deliveredArea: '0.00', firstDeliveryDate: null },
      '2026-06-01',
      policy,
    );
    expect(refused).toEqual({ eligible: false, reason: expect.stringContaining('尚不符合成立业主大会条件') });
  });

  it('takes an application from the developer, the street office, or at least ten owners', () => {
    expect(applicationProblems('developer', 0, policy)).toEqual([]);
    expect(applicationProblems('street_office', 0, policy)).toEqual([]);
    expect(applicationProblems('owners', 10, policy)).toEqual([]);
    expect(applicationProblems('owners', 9, policy)).toEqual(['业主联名申请须不少于 10 名业主（现 9 名）']);
  });

  const member = (n: number, side: PrepGroupMember['side'], leader = false): PrepGroupMember => ({
    personId: `p${n}`,
    side,
    leader,
  });
  const goodGroup = [
    member(1, 'street_office', true),
    member(2, 'community'),
    member(3, 'developer'),
    member(4, 'owner'),
    member(5, 'owner'),
    member(6, 'owner'),
    member(7, 'owner'),
  ];

  it('checks the 筹备组: odd, owners at least half, leader from the street office, 居委会 and developer present', () => {
    expect(prepGroupProblems(goodGroup, true)).toEqual([]);
    expect(prepGroupProblems(goodGroup.slice(0, 6), true)).toEqual(['筹备组人数须为单数（现 6 人）']);
    expect(prepGroupProblems(goodGroup.slice(0, 5), true)).toEqual(['业主代表须不少于筹备组人数的一半']);
    const owners = [member(4, 'owner'), member(5, 'owner'), member(6, 'owner')];
    expect(
      prepGroupProblems(
        [member(1, 'street_office'), member(2, 'community'), member(3, 'owner', true), ...owners.slice(1)],
        false,
      ),
    ).toEqual(['筹备组组长须为一人，由街道办/乡镇代表担任']);
    expect(prepGroupProblems([member(1, 'street_office', true), member(2, 'owner'), ...owners], true)).toEqual([
      '筹备组须有居（村）委会代表',
      '筹备组须有建设单位代表',
    ]);
    expect(prepGroupProblems([member(1, 'street_office', true), member(1, 'community'), ...owners], false)).toEqual([
      '名单中有重复人员',
    ]);
  });

  it('checks committee and 物管会 sizes', () => {
    expect([5, 7, 9, 11].map((n) => committeeSizeProblems(n, policy))).toEqual([[], [], [], []]);
    expect(committeeSizeProblems(4, policy)).toEqual(['业委会人数须为 5–11 之间的单数（现 4 人）']);
    expect(committeeSizeProblems(6, policy)).toHaveLength(1);
    expect(committeeSizeProblems(13, policy)).toHaveLength(1);
    const temp = (sides: TemporaryCommitteeMember['side'][], chair = 0): TemporaryCommitteeMember[] =>
      sides.map((side, i) => ({ personId: `t${i}`, side, chair: i === chair }));
    expect(
      temporaryCommitteeProblems(
        temp(['community', 'street_office', 'developer', 'owner', 'owner', 'owner', 'owner']),
        policy,
      ),
    ).toEqual([]);
    expect(temporaryCommitteeProblems(temp(['community', 'street_office', 'owner', 'owner', 'owner']), policy)).toEqual(
      ['物管会人数须为 7–11 之间的单数（现 5 人）'],
    );
    expect(
      temporaryCommitteeProblems(
        temp(['owner', 'street_office', 'community', 'developer', 'owner', 'owner', 'owner']),
        policy,
      ),
    ).toEqual(['物管会主任须为一人，由街道办/乡镇或居（村）委会代表担任']);
  });

  it('shows the party-member share as a warning below the target, never as a refusal', () => {
    const quanzhou = policyFor('/35/350500/350504/').committeeFormation;
    expect(partyMemberShare(3, 5, quanzhou)).toEqual({ percent: 60, meetsTarget: true, warning: null });
    expect(partyMemberShare(2, 5, quanzhou)).toMatchObject({
      percent: 40,
      meetsTarget: false,
      warning: expect.stringContaining('低于 50%'),
    });
    // Where no target is set, the share is shown and nothing is warned.
    expect(partyMemberShare(2, 5, policy)).toEqual({ percent: 40, meetsTarget: true, warning: null });
  });

  it('records review refusals as negative-list findings with a reason, one verdict per candidate', () => {
    expect(Object.keys(REVIEW_FINDINGS)).toEqual([
      'arrears',
      'illegal_construction',
      'criminal_record',
      'dishonest',
      'firm_ties',
    ]);
    const ids = ['a', 'b'];
    expect(
      reviewProblems(
        [
          { candidateId: 'a', passed: true, reason: '', findings: [] },
          { candidateId: 'b', passed: false, reason: '有违建', findings: ['illegal_construction'] },
        ],
        ids,
      ),
    ).toEqual([]);
    expect(reviewProblems([{ candidateId: 'a', passed: true, reason: '', findings: [] }], ids)).toEqual([
      '须对每名候选人各给出一项审查意见',
    ]);
    expect(
      reviewProblems(
        [
          { candidateId: 'a', passed: true, reason: '', findings: [] },
          { candidateId: 'b', passed: false, reason: '', findings: ['gossip' as never] },
        ],
        ids,
      ),
    ).toEqual(['未知的审查事项：gossip', '候选人 b 未通过审查，须说明理由']);
  });

  it('puts the 换届 reminder six months and the deadline three months before the term ends', () => {
    expect(reelectionMilestones('2031-08-31', policy)).toEqual({ reminderOn: '2031-02-28', deadlineOn: '2031-05-31' });
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
  });

  it('holds the 换届 meeting of a term ending 2026-09-30 by 2026-06-30, 3 months before (指导规则), not 90 days on', () => {
    expect(reelectionMeetingLatest('2026-09-30', '2026-03-01', '2026-05-30', policy)).toBe('2026-06-30');
    // Started on 2026-06-15, the meeting can just be noticed for 06-30; from 06-16 on it is late and runs
    // on the meeting period counted from its start.
    expect(reelectionMeetingLatest('2026-09-30', '2026-06-15', '2026-09-13', policy)).toBe('2026-06-30');
    expect(reelectionMeetingLatest('2026-09-30', '2026-06-16', '2026-09-14', policy)).toBe('2026-09-14');
  });

  it('judges the 业主大会: quorum, both documents adopted, and a lawful number elected', () => {
    const tally = (quorumMet: boolean, passed: boolean) => ({
      totalArea: '1',
      totalHeads: 1,
      participatingArea: '1',
      participatingHeads: 1,
      yesArea: '1',
      yesHeads: 1,
      quorumMet,
      passed,
    });
    const elect = (n: number, quorumMet = true) =>
      Array.from({ length: 7 }, (_, i) => ({ candidateId: `c${i}`, tally: tally(quorumMet, i < n), elected: i < n }));
    expect(assemblyOutcome(elect(5), [tally(true, true), tally(true, true)], policy)).toEqual({
      succeeded: true,
      electedIds: ['c0', 'c1', 'c2', 'c3', 'c4'],
      problems: [],
    });
    expect(assemblyOutcome(elect(4), [tally(true, true), tally(true, true)], policy).problems).toEqual([
      '当选人数须为 5–11 之间的单数（现 4 人）',
    ]);
    expect(assemblyOutcome(elect(5), [tally(true, false), tally(true, true)], policy).problems).toEqual([
      '管理规约或议事规则未获通过',
    ]);
    expect(assemblyOutcome(elect(0, false), [tally(false, false), tally(false, false)], policy)).toMatchObject({
      succeeded: false,
      problems: ['参与表决的业主未达专有部分面积和人数的三分之二'],
    });
  });

  it('names its terms in the glossary', () => {
    const terms = GLOSSARY.map((g) => g.term);
    expect(terms).toEqual(expect.arrayContaining(['筹备组', '资格联审', '负面清单', '换届报告', '业委会组建率']));
    // rules.md §1 换届: the 街道's order, then the 居委会 organises it.
    expect(terms).toEqual(expect.arrayContaining(['责令限期换届', '居委会组织换届']));
  });
});

describe('starting a formation or 换届', () => {
  const today = '2026-06-01';
  const qualifies = { totalArea: '1000.00', deliveredArea: '500.00', firstDeliveryDate: '2026-01-01' };
  const tooEarly = { totalArea: '1000.00', deliveredArea: '499.99', firstDeliveryDate: '2025-06-02' };

  it('starts a first formation for a qualifying estate without a serving 业委会', () => {
    expect(formationStartRefusal('formation', { delivery: qualifies, hasServingCommittee: false }, today, policy)).toBe(
      null,
    );
  });

  it('refuses a first formation for an estate that does not qualify, with the eligibility reason', () => {
    const refusal = formationStartRefusal(
      'formation',
      { delivery: tooEarly, hasServingCommittee: false },
      today,
      policy,
    );
    expect(refusal).toEqual({
      code: 'ESTATE_NOT_ELIGIBLE',
      reason: formationEligibility(tooEarly, today, policy).reason,
    });
  });

  it('refuses a first formation where a 业委会 serves (a 换届 is due instead), after the eligibility test', () => {
    expect(
      formationStartRefusal('formation', { delivery: qualifies, hasServingCommittee: true }, today, policy)?.code,
    ).toBe('COMMITTEE_SERVING');
    expect(
      formationStartRefusal('formation', { delivery: tooEarly, hasServingCommittee: true }, today, policy)?.code,
    ).toBe('ESTATE_NOT_ELIGIBLE');
  });

  it('holds a 换届 to a serving 业委会 only, not to the delivery test', () => {
    expect(formationStartRefusal('reelection', { delivery: tooEarly, hasServingCommittee: true }, today, policy)).toBe(
      null,
    );
    expect(
      formationStartRefusal('reelection', { delivery: qualifies, hasServingCommittee: false }, today, policy),
    ).toEqual({ code: 'NO_SERVING_COMMITTEE', reason: '该小区没有在任业委会，应办理组建而非换届' });
  });
});

describe('资格联审 panel', () => {
  const departments = policy.reviewDepartments;

  it('puts each department of the policy on the panel with the organisation registered for it, in order', () => {
    expect(reviewPanel(departments, ['o-police', 'o-petition', 'o-party'])).toEqual({
      reviewers: departments.map((d, i) => ({ ...d, organisationId: ['o-police', 'o-petition', 'o-party'][i] })),
    });
  });

  it('cannot sit without every department: names the first one missing', () => {
    expect(reviewPanel(departments, ['o-police', null, null])).toEqual({ missing: departments[1] });
    expect(reviewPanel(departments, [null, 'o-petition', 'o-party'])).toEqual({ missing: departments[0] });
  });
});

describe('业委会组建率', () => {
  const today = '2026-06-01';
  const street = '/35/350500/350504/350504102/';
  const estate = (
    community: string,
    qualifying: boolean,
    hasServingCommittee: boolean,
    servingPartyMembers = 0,
    streetPath = street,
  ) => ({
    path: `${streetPath}${community}/`,
    totalArea: '1000.00',
    deliveredArea: qualifying ? '600.00' : '100.00',
    firstDeliveryDate: '2026-01-01',
    hasServingCommittee,
    servingPartyMembers,
  });

  it('counts qualifying estates and those with a serving 业委会 per jurisdiction one level down, in code order', () => {
    const counts = formationCounts(
      [
        estate('350504102202', true, true),
        estate('350504102201', true, false),
        estate('350504102201', true, true),
        estate('350504102201', false, true),
        estate('350504102203', false, false),
      ],
      street,
      today,
      () => policy,
    );
    expect(counts).toEqual({
      qualifying: 3,
      withCommittee: 2,
      partyCoreCommittees: 0,
      withPartyCore: 0,
      byJurisdiction: [
        { jurisdictionCode: '350504102201', qualifying: 2, withCommittee: 1, partyCoreCommittees: 0, withPartyCore: 0 },
        { jurisdictionCode: '350504102202', qualifying: 1, withCommittee: 1, partyCoreCommittees: 0, withPartyCore: 0 },
      ],
    });
  });

  it('judges each estate by its own policy', () => {
    const strict = { ...policy, deliveredAreaPercent: 70 };
    const counts = formationCounts(
      [estate('350504102201', true, false), estate('350504102202', true, false)],
      street,
      today,
      (path) => (path.includes('350504102202') ? strict : policy),
    );
    expect(counts.byJurisdiction).toEqual([
      { jurisdictionCode: '350504102201', qualifying: 1, withCommittee: 0, partyCoreCommittees: 0, withPartyCore: 0 },
    ]);
  });

  it('counts the estates of the chosen community itself under its own code', () => {
    const counts = formationCounts([estate('350504102201', true, true)], `${street}350504102201/`, today, () => policy);
    expect(counts.byJurisdiction).toEqual([
      { jurisdictionCode: '350504102201', qualifying: 1, withCommittee: 1, partyCoreCommittees: 0, withPartyCore: 0 },
    ]);
  });

  it('counts, where seed 001 asks it (梅岭), the serving committees with 3 or more party members', () => {
    const meiling = '/35/350500/350582/350582002/';
    const counts = formationCounts(
      [
        estate('350582002001', true, true, 3, meiling),
        estate('350582002001', true, true, 2, meiling),
        estate('350582002002', true, true, 5, meiling),
        estate('350582002002', true, false, 0, meiling),
      ],
      meiling,
      today,
      (path) => policyFor(path).committeeFormation,
    );
    expect(counts).toMatchObject({ qualifying: 4, withCommittee: 3, partyCoreCommittees: 3, withPartyCore: 2 });
    expect(partyCorePercent(counts)).toBe(66.7);
    // 马甲镇 sets no such target: a committee of 5 party members is not counted there.
    const majia = formationCounts(
      [estate('350504102201', true, true, 5)],
      street,
      today,
      (path) => policyFor(path).committeeFormation,
    );
    expect(majia).toMatchObject({ withCommittee: 1, partyCoreCommittees: 0, withPartyCore: 0 });
  });

  it('states the rate in percent with one decimal, and none where nothing qualifies', () => {
    expect(formationRatePercent({ qualifying: 3, withCommittee: 2, partyCoreCommittees: 0, withPartyCore: 0 })).toBe(
      66.7,
    );
    expect(formationRatePercent({ qualifying: 3, withCommittee: 3, partyCoreCommittees: 0, withPartyCore: 0 })).toBe(
      100,
    );
    expect(
      formationRatePercent({
        qualifying: 0,
        withCommittee: 0,
        partyCoreCommittees: 0,
        withPartyCore: 0,
      }),
    ).toBe(null);
    expect(
      partyCorePercent({
        qualifying: 3,
        withCommittee: 0,
        partyCoreCommittees: 0,
        withPartyCore: 0,
      }),
    ).toBe(null);
  });
});
