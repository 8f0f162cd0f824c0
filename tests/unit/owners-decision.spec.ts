import fc from 'fast-check';
import {
  decisionRule,
  electionOf,
  MATTER_ITEM_IDS,
  MATTER_ITEMS,
  matterOf,
  outcomeSettled,
  requisitionSupport,
  tallyElection,
  tallyOwnersDecision,
  TallyInputError,
  type Ballot,
  type Choice,
  type Matter,
  type UnitInScope,
  fundUseMatter,
} from '../../libs/domain/src';

/** n subjects each holding one unit of `area`. */
const uniform = (n: number, area = '100.00'): UnitInScope[] =>
  Array.from({ length: n }, (_, i) => ({ unitId: `u${i}`, area, subjectId: `s${i}` }));
const votes = (choices: Choice[]): Ballot[] => choices.map((choice, i) => ({ subjectId: `s${i}`, choice }));
const repeat = (choice: Choice, n: number): Choice[] => Array.from({ length: n }, () => choice);

describe('tallyOwnersDecision: quorum (≥ 2/3 of area and of heads)', () => {
  it('is met at exactly two thirds', () => {
    const tally = tallyOwnersDecision({ matter: 'ordinary', units: uniform(9), ballots: votes([...repeat('yes', 6)]) });
    expect(tally).toMatchObject({
      totalHeads: 9,
      participatingHeads: 6,
      totalArea: '900.00',
      participatingArea: '600.00',
      quorumMet: true,
      passed: true,
    });
  });

  it('is missed one head short of two thirds', () => {
    const tally = tallyOwnersDecision({ matter: 'ordinary', units: uniform(9), ballots: votes(repeat('yes', 5)) });
    expect(tally).toMatchObject({ quorumMet: false, passed: false });
  });

  it('needs the area too: two thirds of heads holding less than two thirds of area is not enough', () => {
    const units = [...uniform(2, '50.00'), { unitId: 'big', area: '200.00', subjectId: 's2' }];
    expect(tallyOwnersDecision({ matter: 'ordinary', units, ballots: votes(['yes', 'yes']) })).toMatchObject({
      participatingHeads: 2,
      participatingArea: '100.00',
      totalArea: '300.00',
      quorumMet: false,
    });
  });

  it('counts abstentions as participation', () => {
    const tally = tallyOwnersDecision({ matter: 'ordinary', units: uniform(3), ballots: votes(['yes', 'abstain']) });
    expect(tally).toMatchObject({ participatingHeads: 2, quorumMet: true, yesHeads: 1, passed: false });
  });
});

describe('tallyOwnersDecision: approval', () => {
  it('ordinary matters need strictly more than half: exactly half fails', () => {
    const half = tallyOwnersDecision({
      matter: 'ordinary',
      units: uniform(8),
      ballots: votes([...repeat('yes', 3), ...repeat('no', 3)]),
    });
    expect(half).toMatchObject({ quorumMet: true, yesHeads: 3, participatingHeads: 6, passed: false });
    const more = tallyOwnersDecision({
      matter: 'ordinary',
      units: uniform(8),
      ballots: votes([...repeat('yes', 4), ...repeat('no', 3)]),
    });
    expect(more.passed).toBe(true);
  });

  it('ordinary matters need the majority of area as well as of heads', () => {
    const units = [...uniform(3, '50.00'), { unitId: 'u3', area: '300.00', subjectId: 's3' }];
    const tally = tallyOwnersDecision({ matter: 'ordinary', units, ballots: votes(['yes', 'yes', 'yes', 'no']) });
    expect(tally).toMatchObject({ yesHeads: 3, yesArea: '150.00', participatingArea: '450.00', passed: false });
  });

  it('special matters pass at exactly three quarters and fail just below', () => {
    const exact = tallyOwnersDecision({
      matter: 'special',
      units: uniform(8),
      ballots: votes([...repeat('yes', 6), ...repeat('no', 2)]),
    });
    expect(exact).toMatchObject({ yesHeads: 6, participatingHeads: 8, passed: true });
    const below = tallyOwnersDecision({
      matter: 'special',
      units: [...uniform(7), { unitId: 'u7', area: '100.01', subjectId: 's7' }],
      ballots: votes([...repeat('yes', 6), 'no', 'no']),
    });
    // 600.00 of 800.01 is just under 3/4 of the area, though 6 of 8 heads is exactly 3/4.
    expect(below).toMatchObject({ yesArea: '600.00', participatingArea: '800.01', passed: false });
  });

  it('never uses floating point: 0.1 + 0.2 of area is exactly 0.30', () => {
    const units = [
      { unitId: 'a', area: '0.10', subjectId: 'x' },
      { unitId: 'b', area: '0.20', subjectId: 'y' },
    ];
    expect(tallyOwnersDecision({ matter: 'ordinary', units, ballots: [] })).toMatchObject({
      totalArea: '0.30',
      participatingArea: '0.00',
    });
  });
});

describe('tallyOwnersDecision: who counts as one head (司法解释 art 9)', () => {
  it('counts a subject with several units once, with all their area', () => {
    const units: UnitInScope[] = [
      { unitId: 'a', area: '80.00', subjectId: 'developer' },
      { unitId: 'b', area: '90.00', subjectId: 'developer' },
      { unitId: 'c', area: '70.50', subjectId: 'owner' },
    ];
    expect(
      tallyOwnersDecision({ matter: 'ordinary', units, ballots: [{ subjectId: 'developer', choice: 'no' }] }),
    ).toMatchObject({
      totalHeads: 2,
      totalArea: '240.50',
      participatingHeads: 1,
      participatingArea: '170.00',
    });
  });

  it('refuses ballots it cannot count instead of ignoring them', () => {
    const units = uniform(3);
    const refused = (ballots: Ballot[], code: string) => {
      try {
        tallyOwnersDecision({ matter: 'ordinary', units, ballots });
      } catch (error) {
        return error instanceof TallyInputError && error.code === code;
      }
      return false;
    };
    expect(refused([{ subjectId: 'stranger', choice: 'yes' }], 'BALLOT_OUTSIDE_SCOPE')).toBe(true);
    expect(
      refused(
        [
          { subjectId: 's0', choice: 'yes' },
          { subjectId: 's0', choice: 'no' },
        ],
        'DUPLICATE_BALLOT',
      ),
    ).toBe(true);
    expect(refused([{ subjectId: 's0', choice: 'maybe' as Choice }], 'INVALID_CHOICE')).toBe(true);
    expect(() => tallyOwnersDecision({ matter: 'ordinary', units: [...units, units[0]], ballots: [] })).toThrow(
      TallyInputError,
    );
    expect(() =>
      tallyOwnersDecision({ matter: 'ordinary', units: [{ unitId: 'x', area: '1.005', subjectId: 's' }], ballots: [] }),
    ).toThrow('面积格式不正确');
  });
});

const anyChoice = fc.constantFrom<Choice | null>('yes', 'no', 'abstain', null);

/** Mostly yes, some not voting: scenarios that pass often, for properties about passing ones. */
const mostlyYes: fc.Arbitrary<Choice | null> = fc.oneof(
  { arbitrary: fc.constant<Choice | null>('yes'), weight: 12 },
  { arbitrary: fc.constant<Choice | null>(null), weight: 2 },
  { arbitrary: fc.constantFrom<Choice | null>('no', 'abstain'), weight: 1 },
);

const scenarioOf = (choice: fc.Arbitrary<Choice | null>) =>
  fc
    .array(fc.tuple(fc.integer({ min: 1, max: 30_000 }), fc.integer({ min: 0, max: 4 }), choice), {
      minLength: 1,
      maxLength: 14,
    })
    .map((rows) => {
      // Each row is a unit; `owner` groups units into subjects; the choice is the subject's (first row wins).
      const units: UnitInScope[] = rows.map(([hundredths, owner], i) => ({
        unitId: `u${i}`,
        area: (hundredths / 100).toFixed(2),
        subjectId: `s${owner}`,
      }));
      const choices = new Map<string, Choice | null>();
      rows.forEach(([, owner, choice]) => choices.has(`s${owner}`) || choices.set(`s${owner}`, choice));
      const ballots: Ballot[] = [...choices].flatMap(([subjectId, choice]) => (choice ? [{ subjectId, choice }] : []));
      return { units, ballots };
    });
const scenario = scenarioOf(anyChoice);

describe('tallyOwnersDecision: invariants', () => {
  const cents = (area: string) => Math.round(Number(area) * 100);

  it('keeps yes ⊆ participating ⊆ total, and passing implies quorum', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.constantFrom<Matter>('ordinary', 'special', 'order_165'),
        ({ units, ballots }, matter) => {
          const t = tallyOwnersDecision({ matter, units, ballots });
          return (
            t.yesHeads <= t.participatingHeads &&
            t.participatingHeads <= t.totalHeads &&
            cents(t.yesArea) <= cents(t.participatingArea) &&
            cents(t.participatingArea) <= cents(t.totalArea) &&
            (!t.passed || t.quorumMet) &&
            /^\d+\.\d{2}$/.test(t.totalArea)
          );
        },
      ),
    );
  });

  it('does not depend on the order of units or ballots', () => {
    fc.assert(
      fc.property(scenario, ({ units, ballots }) => {
        const forward = tallyOwnersDecision({ matter: 'ordinary', units, ballots });
        const backward = tallyOwnersDecision({
          matter: 'ordinary',
          units: [...units].reverse(),
          ballots: [...ballots].reverse(),
        });
        return JSON.stringify(forward) === JSON.stringify(backward);
      }),
    );
  });

  it('passes as an ordinary matter whatever passes as a special one', () => {
    // Only scenarios that pass as special: every run checks the claim.
    const passingSpecial = scenarioOf(mostlyYes).filter(
      ({ units, ballots }) => tallyOwnersDecision({ matter: 'special', units, ballots }).passed,
    );
    fc.assert(
      fc.property(passingSpecial, ({ units, ballots }) => {
        return tallyOwnersDecision({ matter: 'ordinary', units, ballots }).passed;
      }),
    );
  });

  it('never turns a pass into a fail by adding a yes ballot', () => {
    // Only passing scenarios with a subject yet to vote: every run adds a yes to a pass.
    const passingWithNewcomer = fc
      .tuple(scenarioOf(mostlyYes), fc.constantFrom<Matter>('ordinary', 'special', 'order_165'))
      .map(([{ units, ballots }, matter]) => {
        const voted = new Set(ballots.map((b) => b.subjectId));
        const newcomer = units.map((u) => u.subjectId).find((s) => !voted.has(s));
        return { units, ballots, matter, newcomer };
      })
      .filter(
        ({ units, ballots, matter, newcomer }) =>
          newcomer !== undefined && tallyOwnersDecision({ matter, units, ballots }).passed,
      );
    fc.assert(
      fc.property(passingWithNewcomer, ({ units, ballots, matter, newcomer }) => {
        const after = tallyOwnersDecision({
          matter,
          units,
          ballots: [...ballots, { subjectId: newcomer!, choice: 'yes' }],
        });
        return after.passed;
      }),
    );
  });

  it('declares an outcome settled only when no way of voting by the rest could change it', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.constantFrom<Matter>('ordinary', 'special', 'order_165'),
        ({ units, ballots }, matter) => {
          const { settled, passed } = outcomeSettled({ matter, units, ballots });
          if (!settled) return true;
          const voted = new Set(ballots.map((b) => b.subjectId));
          const rest = [...new Set(units.map((u) => u.subjectId))].filter((s) => !voted.has(s));
          const options: Array<Choice | null> = ['yes', 'no', 'abstain', null];
          // Every completion of the remaining subjects (at most 5 of them): 4^5 cases.
          const total = options.length ** rest.length;
          for (let k = 0; k < total; k += 1) {
            const extra: Ballot[] = [];
            let code = k;
            for (const subjectId of rest) {
              const choice = options[code % options.length];
              code = Math.floor(code / options.length);
              if (choice) extra.push({ subjectId, choice });
            }
            if (tallyOwnersDecision({ matter, units, ballots: [...ballots, ...extra] }).passed !== passed) return false;
          }
          return true;
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('tallyElection: each candidate its own yes count against the same participation', () => {
  const units = uniform(10);
  const ballot = (i: number, candidateIds: string[]) => ({ subjectId: `s${i}`, candidateIds });

  it('elects the candidates who pass by the ordinary rule, up to the seats, most yes heads first', () => {
    const ballots = [
      ballot(0, ['a', 'b', 'c']),
      ballot(1, ['a', 'b', 'c']),
      ballot(2, ['a', 'b', 'd']),
      ballot(3, ['a', 'b', 'd']),
      ballot(4, ['a', 'c', 'd']),
      ballot(5, ['a', 'c', 'd']),
      ballot(6, ['b', 'c', 'd']),
      ballot(7, []), // a blank ballot takes part and counts against everyone
    ];
    const results = tallyElection({ units, ballots, candidateIds: ['a', 'b', 'c', 'd', 'e'], seats: 3 });
    const byId = Object.fromEntries(results.map((r) => [r.candidateId, r]));
    expect(byId.a.tally).toMatchObject({ participatingHeads: 8, yesHeads: 6, passed: true });
    expect(byId.e.tally).toMatchObject({ participatingHeads: 8, yesHeads: 0, passed: false });
    // a: 6, b: 5, c: 5, d: 5 yes of 8 — all pass; three seats go to a, then b and c by list order.
    expect(results.filter((r) => r.elected).map((r) => r.candidateId)).toEqual(['a', 'b', 'c']);
  });

  it('leaves seats empty rather than electing anyone without a majority', () => {
    const results = tallyElection({
      units,
      ballots: [
        ballot(0, ['a']),
        ballot(1, ['b']),
        ballot(2, ['a']),
        ballot(3, ['b']),
        ballot(4, ['a']),
        ballot(5, ['b']),
        ballot(6, ['c']),
      ],
      candidateIds: ['a', 'b', 'c'],
      seats: 2,
    });
    expect(results.some((r) => r.elected)).toBe(false);
  });

  it('refuses ballots naming more people than seats, unknown people, or one person twice', () => {
    expect(() =>
      tallyElection({ units, ballots: [ballot(0, ['a', 'b'])], candidateIds: ['a', 'b'], seats: 1 }),
    ).toThrow('超过应选');
    expect(() => tallyElection({ units, ballots: [ballot(0, ['z'])], candidateIds: ['a'], seats: 1 })).toThrow(
      '不在候选人名单内',
    );
    expect(() => tallyElection({ units, ballots: [ballot(0, ['a', 'a'])], candidateIds: ['a'], seats: 2 })).toThrow(
      '重复选择',
    );
  });
});

describe('electionOf: what an organiser may ask for as an election', () => {
  it('is a plain question without candidates and seats', () => {
    expect(electionOf({ matterItem: 'rebuild' })).toEqual({ election: null });
  });

  it('needs both the candidate list and the number of seats', () => {
    expect(electionOf({ matterItem: 'elect_committee', candidates: ['张三'] })).toMatchObject({
      refused: 'ELECTION_INCOMPLETE',
    });
    expect(electionOf({ matterItem: 'elect_committee', seats: 1 })).toMatchObject({ refused: 'ELECTION_INCOMPLETE' });
  });

  it('is item (3) of 民法典 art 278, 选举业主委员会, and no other item', () => {
    for (const matterItem of ['engage_manager', 'common_parts_use'] as const) {
      expect(electionOf({ matterItem, candidates: ['张三', '李四'], seats: 1 })).toMatchObject({
        refused: 'ELECTION_NOT_COMMITTEE_ITEM',
      });
    }
  });

  it('lists each candidate once, with a name, compared after trimming', () => {
    expect(electionOf({ matterItem: 'elect_committee', candidates: ['张三', ' 张三 '], seats: 1 })).toMatchObject({
      refused: 'CANDIDATES_INVALID',
    });
    expect(electionOf({ matterItem: 'elect_committee', candidates: ['张三', '  '], seats: 1 })).toMatchObject({
      refused: 'CANDIDATES_INVALID',
    });
  });

  it('has no more seats than candidates', () => {
    expect(electionOf({ matterItem: 'elect_committee', candidates: ['张三', '李四'], seats: 3 })).toMatchObject({
      refused: 'SEATS_EXCEED_CANDIDATES',
    });
    expect(electionOf({ matterItem: 'elect_committee', candidates: ['张三', '李四'], seats: 2 })).toEqual({
      election: { labels: ['张三', '李四'], seats: 2 },
    });
  });

  it('returns the candidates trimmed, in the order given', () => {
    expect(electionOf({ matterItem: 'elect_committee', candidates: [' 王五', '赵六 ', '钱七'], seats: 1 })).toEqual({
      election: { labels: ['王五', '赵六', '钱七'], seats: 1 },
    });
  });
});

describe('民法典 art 278: the matter decides the threshold', () => {
  it('enumerates items (1)–(9) of ¶1 in order, each with its words', () => {
    expect(MATTER_ITEM_IDS.map((id) => MATTER_ITEMS[id].item)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(MATTER_ITEMS.common_parts_use.label).toBe('改变共有部分的用途或者利用共有部分从事经营活动');
  });

  it('¶2: items (6) 筹集维修资金, (7) 改建重建 and (8) 改变共有部分用途 need three quarters; the others a majority', () => {
    expect(MATTER_ITEM_IDS.filter((id) => matterOf(id) === 'special')).toEqual([
      'raise_fund',
      'rebuild',
      'common_parts_use',
    ]);
    expect(decisionRule(matterOf('use_fund')).approval).toEqual({ numerator: 1, denominator: 2, inclusive: false });
    expect(decisionRule(matterOf('raise_fund')).approval).toEqual({ numerator: 3, denominator: 4, inclusive: true });
  });

  it('¶2: a 续筹 carried by a double majority of two thirds is not passed (it is item (6))', () => {
    const ballots = votes([...repeat('yes', 6), ...repeat('no', 3)]);
    const as = (item: 'raise_fund' | 'engage_manager') =>
      tallyOwnersDecision({ matter: matterOf(item), units: uniform(9), ballots }).passed;
    expect(as('engage_manager')).toBe(true);
    expect(as('raise_fund')).toBe(false);
  });
});

describe('条例 art 13: a 临时会议 on the proposal of owners holding 20% (heads and area, policy value)', () => {
  const share = { numerator: 1, denominator: 5, inclusive: true };

  it('is requisitioned at exactly a fifth of the heads and of the area ("以上" includes the number)', () => {
    const units = uniform(10);
    expect(requisitionSupport({ units, supporterIds: ['s0'], share })).toMatchObject({ heads: 1, met: false });
    expect(requisitionSupport({ units, supporterIds: ['s0', 's1'], share })).toEqual({
      heads: 2,
      totalHeads: 10,
      area: '200.00',
      totalArea: '1000.00',
      met: true,
    });
  });

  it('needs the area as well as the heads: two small units of ten are a fifth of the heads only', () => {
    const units = uniform(10).map((u, i) => ({ ...u, area: i < 2 ? '10.00' : '100.00' }));
    expect(requisitionSupport({ units, supporterIds: ['s0', 's1'], share })).toMatchObject({ met: false });
    expect(requisitionSupport({ units, supporterIds: ['s0', 's1', 's2'], share })).toMatchObject({
      area: '120.00',
      met: false,
    });
    expect(requisitionSupport({ units, supporterIds: ['s0', 's1', 's2', 's3'], share })).toMatchObject({ met: true });
  });

  it('counts a subject once however often it signs, and refuses a supporter from outside the estate', () => {
    expect(requisitionSupport({ units: uniform(5), supporterIds: ['s0', 's0'], share })).toMatchObject({ heads: 1 });
    expect(() => requisitionSupport({ units: uniform(5), supporterIds: ['x'], share })).toThrow(TallyInputError);
  });
});

// 165号令 art 22 (2): "经专有部分占建筑物总面积三分之二以上的业主且占总人数三分之二以上的业主讨论通过" — two thirds of
// ALL the area and ALL the heads of the 列支范围 agree, "以上" including the number (民法典 art 1259); a locality's
// value (rules.md §0, §3 A), the civil code (art 278) otherwise.
describe('165号令 art 22: 双三分之二 of everyone in scope agreeing (order_165)', () => {
  it('90 owners of equal area: 60 yes passes, 59 fails, however few say no', () => {
    const tally = (yes: number) =>
      tallyOwnersDecision({ matter: 'order_165', units: uniform(90), ballots: votes(repeat('yes', yes)) });
    expect(tally(60)).toMatchObject({ totalHeads: 90, yesHeads: 60, yesArea: '6000.00', passed: true });
    expect(tally(59)).toMatchObject({ yesHeads: 59, passed: false });
  });

  it('needs two thirds of the area too: 60 of 90 heads holding less than two thirds of the area fail', () => {
    // 60 owners of 90 m² and 30 of 100 m²: total 8400 m², two thirds 5600 m². The 60 small ones hold 5400 m².
    const units: UnitInScope[] = [
      ...Array.from({ length: 60 }, (_, i) => ({ unitId: `u${i}`, area: '90.00', subjectId: `s${i}` })),
      ...Array.from({ length: 30 }, (_, i) => ({ unitId: `u${60 + i}`, area: '100.00', subjectId: `s${60 + i}` })),
    ];
    const small = votes(repeat('yes', 60));
    expect(tallyOwnersDecision({ matter: 'order_165', units, ballots: small })).toMatchObject({
      yesHeads: 60,
      yesArea: '5400.00',
      totalArea: '8400.00',
      passed: false,
    });
    // 40 of the small and 20 of the large: 3600 + 2000 = 5600 m², exactly two thirds, and 60 heads.
    const mixed: Ballot[] = [
      ...Array.from({ length: 40 }, (_, i) => ({ subjectId: `s${i}`, choice: 'yes' as const })),
      ...Array.from({ length: 20 }, (_, i) => ({ subjectId: `s${60 + i}`, choice: 'yes' as const })),
    ];
    expect(tallyOwnersDecision({ matter: 'order_165', units, ballots: mixed })).toMatchObject({
      yesArea: '5600.00',
      passed: true,
    });
  });

  it('refuses what 民法典 278 passes: 60 of 90 take part and 31 agree is 双过半, not 双三分之二', () => {
    const ballots = votes([...repeat('yes', 31), ...repeat('no', 29)]);
    expect(tallyOwnersDecision({ matter: 'ordinary', units: uniform(90), ballots }).passed).toBe(true);
    expect(tallyOwnersDecision({ matter: 'order_165', units: uniform(90), ballots }).passed).toBe(false);
  });

  it("counts heads and area as 司法解释 arts 8–9 do: the developer's unsold units are one head with all their area", () => {
    // 3 owners of 100 m² and the developer's 3 unsold units of 100 m²: 4 heads, 600 m².
    const units: UnitInScope[] = [
      ...uniform(3),
      ...[0, 1, 2].map((i) => ({ unitId: `d${i}`, area: '100.00', subjectId: 'developer' })),
    ];
    // 3 owners agree: 3/4 heads but 300/600 m² — fails; the developer alone: 1/4 heads — fails; both pass.
    expect(tallyOwnersDecision({ matter: 'order_165', units, ballots: votes(repeat('yes', 3)) }).passed).toBe(false);
    const all: Ballot[] = [...votes(repeat('yes', 2)), { subjectId: 'developer', choice: 'yes' }];
    expect(tallyOwnersDecision({ matter: 'order_165', units, ballots: all })).toMatchObject({
      yesHeads: 3,
      totalHeads: 4,
      yesArea: '500.00',
      passed: true,
    });
  });

  it('is its own rule, shown as of all in scope; a use follows it only before transfer and where policy says', () => {
    expect(decisionRule('order_165')).toEqual({
      participation: { numerator: 2, denominator: 3, inclusive: true },
      approval: { numerator: 2, denominator: 3, inclusive: true },
      approvalOf: 'all',
    });
    expect(decisionRule('ordinary').approvalOf).toBe('participants');
    expect(fundUseMatter('order_165', 'government')).toBe('order_165');
    // After transfer the 业主大会 adopts the plan (165号令 art 23) by 民法典 art 278.
    expect(fundUseMatter('order_165', 'owners_assembly')).toBe('ordinary');
    expect(fundUseMatter('civil_code', 'government')).toBe('ordinary');
    // An application started before the value was in its policy.
    expect(fundUseMatter(undefined, 'government')).toBe('ordinary');
  });

  it('settles early only when the rest cannot reach two thirds, or the two thirds are already in', () => {
    const units = uniform(9);
    expect(outcomeSettled({ matter: 'order_165', units, ballots: votes(repeat('yes', 6)) })).toEqual({
      settled: true,
      passed: true,
    });
    expect(
      outcomeSettled({ matter: 'order_165', units, ballots: votes([...repeat('yes', 5), ...repeat('no', 1)]) }),
    ).toEqual({ settled: false, passed: false });
    expect(
      outcomeSettled({ matter: 'order_165', units, ballots: votes([...repeat('no', 3), ...repeat('yes', 2)]) }).settled,
    ).toBe(false);
    expect(outcomeSettled({ matter: 'order_165', units, ballots: votes(repeat('no', 4)) })).toEqual({
      settled: true,
      passed: false,
    });
  });
});
