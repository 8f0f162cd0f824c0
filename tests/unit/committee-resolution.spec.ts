import {
  describeResolutionTally,
  resolutionOutcome,
  type ResolutionShare,
  type ResolutionTally,
} from '../../libs/domain/src/committee';
import { GLOSSARY } from '../../libs/domain/src/glossary';
import { NATIONAL_DEFAULT_POLICY, policyFor } from '../../libs/domain/src/policy';

/**
 * 指导规则 (rules.md §1 row 9, [R]): 业主委员会会议 decisions need more than half of ALL members (全体委员人数
 * 半数以上同意), not of those present or of the votes cast; "过半数" is strictly more than half (民法典 art 1259,
 * rules.md §0 [V]).
 */
const share: ResolutionShare = NATIONAL_DEFAULT_POLICY.maintenanceFund.committeeResolutionShare!;
const tally = (members: number, votesFor: number, against = 0, abstain = 0): ResolutionTally => ({
  members,
  for: votesFor,
  against,
  abstain,
});

describe('业委会决议: more than half of ALL members (指导规则; 民法典 art 1259)', () => {
  it('is the national default of the locality policy, and every Fujian locality keeps it', () => {
    expect(share).toEqual({ numerator: 1, denominator: 2, inclusive: false });
    expect(policyFor('/35/350500/350504/350504102/').maintenanceFund.committeeResolutionShare).toEqual(share);
    expect(policyFor('/35/350800/350881/').maintenanceFund.committeeResolutionShare).toEqual(share);
  });

  it('of 5 members: 2 for is not yet carried, 3 for is', () => {
    expect(resolutionOutcome(tally(5, 2), share)).toBe('pending');
    expect(resolutionOutcome(tally(5, 3), share)).toBe('carried');
  });

  it('counts against all members, not against those who voted: 2 for of 3 votes cast in a committee of 5 is not carried', () => {
    // A majority of the votes cast (2 of 3) and of those present would carry it; the rule counts all 5.
    expect(resolutionOutcome(tally(5, 2, 1), share)).toBe('pending');
    expect(resolutionOutcome(tally(7, 3, 0, 1), share)).toBe('pending');
    expect(resolutionOutcome(tally(7, 4), share)).toBe('carried');
  });

  it('"过半数" is strict: exactly half of an even number of members does not carry (a 物管会 may have 8 after a departure)', () => {
    expect(resolutionOutcome(tally(8, 4), share)).toBe('pending');
    expect(resolutionOutcome(tally(8, 4, 4), share)).toBe('refused');
    expect(resolutionOutcome(tally(8, 5), share)).toBe('carried');
    // A locality whose rule read "半数以上" inclusively would carry at exactly half.
    expect(resolutionOutcome(tally(8, 4), { ...share, inclusive: true })).toBe('carried');
  });

  it('is refused as soon as the members yet to vote can no longer make a majority, abstentions counting as not-for', () => {
    expect(resolutionOutcome(tally(5, 0, 2), share)).toBe('pending');
    expect(resolutionOutcome(tally(5, 0, 3), share)).toBe('refused');
    expect(resolutionOutcome(tally(5, 1, 1, 2), share)).toBe('refused');
    expect(resolutionOutcome(tally(5, 2, 2), share)).toBe('pending');
    expect(resolutionOutcome(tally(5, 2, 2, 1), share)).toBe('refused');
  });

  it('decides nothing for a committee with no members in office', () => {
    expect(resolutionOutcome(tally(0, 0), share)).toBe('pending');
  });

  it('describes the tally against all members, and the glossary names the new terms', () => {
    expect(describeResolutionTally(tally(5, 3, 1, 0))).toBe('同意 3 / 反对 1 / 弃权 0（全体委员 5 人）');
    const terms = GLOSSARY.map((g) => g.term);
    expect(terms).toEqual(expect.arrayContaining(['业委会决议', '委员表决']));
  });
});
