import fc from 'fast-check';
import {
  CostSharingError,
  EMERGENCY_HAZARDS,
  NATIONAL_DEFAULT_POLICY,
  emergencyHazardLabel,
  emergencyHazardProblem,
  policyFor,
  needsTopUp,
  percentOfFen,
  settlementTranches,
  shareCost,
  shareShortfall,
  type UnitForSharing,
} from '../../libs/domain/src';

const unit = (unitId: string, area: string, delivered = true): UnitForSharing => ({ unitId, area, delivered });

describe('shareCost (分摊 by area, largest remainder)', () => {
  it('splits exactly in proportion when the fen divide evenly', () => {
    expect(shareCost(30000, [unit('a', '100.00'), unit('b', '200.00')]).map((s) => s.amountFen)).toEqual([
      10000, 20000,
    ]);
  });

  it('gives the leftover fen to the largest remainders, ties to the larger area then the smaller id', () => {
    // 100 fen over three equal areas: 33 each, one fen left, tie on remainder and area → smallest id.
    expect(shareCost(100, [unit('c', '50.00'), unit('a', '50.00'), unit('b', '50.00')])).toEqual([
      { unitId: 'c', payer: 'owner', amountFen: 33 },
      { unitId: 'a', payer: 'owner', amountFen: 34 },
      { unitId: 'b', payer: 'owner', amountFen: 33 },
    ]);
    // 10 fen over 1:1:1.01 → 3.322.., 3.322.., 3.355..: the largest remainder wins.
    expect(
      shareCost(10, [unit('a', '100.00'), unit('b', '100.00'), unit('c', '101.00')]).map((s) => s.amountFen),
    ).toEqual([3, 3, 4]);
  });

  it('does not depend on the order of the units', () => {
    const units = [unit('a', '77.10'), unit('b', '77.10'), unit('c', '90.05'), unit('d', '60.00')];
    const byId = (shares: ReturnType<typeof shareCost>) =>
      Object.fromEntries(shares.map((s) => [s.unitId, s.amountFen]));
    expect(byId(shareCost(99999, [...units].reverse()))).toEqual(byId(shareCost(99999, units)));
  });

  it('charges undelivered (unsold) units to the developer', () => {
    expect(shareCost(1000, [unit('sold', '50.00'), unit('unsold', '50.00', false)]).map((s) => s.payer)).toEqual([
      'owner',
      'developer',
    ]);
  });

  it('refuses an empty scope, a repeated unit, a negative or fractional amount', () => {
    expect(() => shareCost(100, [])).toThrow(CostSharingError);
    expect(() => shareCost(100, [unit('a', '1.00'), unit('a', '2.00')])).toThrow(CostSharingError);
    expect(() => shareCost(-1, [unit('a', '1.00')])).toThrow(CostSharingError);
    expect(() => shareCost(1.5, [unit('a', '1.00')])).toThrow(CostSharingError);
  });

  it('always sums to the total, each share within one fen of its exact value (property)', () => {
    const area = fc
      .integer({ min: 1, max: 50_000_00 })
      .map((h) => `${Math.trunc(h / 100)}.${String(h % 100).padStart(2, '0')}`);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.array(fc.tuple(area, fc.boolean()), { minLength: 1, maxLength: 60 }),
        (total, specs) => {
          const units = specs.map(([a, delivered], i) => unit(`u${i}`, a, delivered));
          const shares = shareCost(total, units);
          expect(shares.reduce((sum, s) => sum + s.amountFen, 0)).toBe(total);
          const totalArea = units.reduce((sum, u) => sum + Number(u.area) * 100, 0);
          shares.forEach((s, i) =>
            expect(Math.abs(s.amountFen - (total * Number(units[i].area) * 100) / totalArea)).toBeLessThan(1.000001),
          );
        },
      ),
    );
  });
});

describe('needsTopUp (续筹 under 30% of the first deposit)', () => {
  it('is strict: exactly 30% does not need a top-up, one fen under does', () => {
    expect(needsTopUp(3000, 10000, 30)).toBe(false);
    expect(needsTopUp(2999, 10000, 30)).toBe(true);
    expect(needsTopUp(0, 0, 30)).toBe(false);
  });
});

// 165号令 arts 19–20: the owners concerned bear their share; art 17: an account that falls short is 续交/补足.
describe('shareShortfall (补足 when a 分户账 cannot carry its share)', () => {
  it('is nothing when the balance covers the share, and the difference when it does not', () => {
    expect(shareShortfall(50_00, 50_00)).toBe(0);
    expect(shareShortfall(50_00, 80_00)).toBe(0);
    expect(shareShortfall(50_00, 30_00)).toBe(20_00);
  });

  it('counts a balance already negative as nothing available, not as a credit', () => {
    expect(shareShortfall(50_00, -10_00)).toBe(50_00);
    expect(shareShortfall(0, -10_00)).toBe(0);
  });
});

describe('payment tranches', () => {
  const terms = NATIONAL_DEFAULT_POLICY.maintenanceFund.payment;

  it('pays 30% on the contract, keeps 5% of the settled amount, and the rest after settlement', () => {
    const onContract = percentOfFen(100_000_01, terms.onContractPercent);
    expect(onContract).toBe(30_000_00);
    expect(settlementTranches(98_000_00, onContract, terms)).toEqual({
      settlementFen: 63_100_00,
      retentionFen: 4_900_00,
    });
  });

  it('has nothing to pay when the settled amount is under what was already paid plus retention', () => {
    expect(settlementTranches(30_000_00, 30_000_00, terms)).toBeNull();
  });
});

describe('emergency hazards: a policy list (165号令 art 24; 建办房〔2015〕52号)', () => {
  const codes = (list: readonly { code: string }[]) => list.map((h) => h.code);

  it('lists the six kinds of 建办房〔2015〕52号 nationally, (4) and (5) as rules.md quotes them', () => {
    expect(codes(NATIONAL_DEFAULT_POLICY.maintenanceFund.emergencyHazards!)).toEqual(codes(EMERGENCY_HAZARDS));
    expect(EMERGENCY_HAZARDS).toHaveLength(6);
    // (4) "≥ 1/5 of one façade at risk of falling"; (5) "common drainage collapse, blockage or burst".
    expect(emergencyHazardLabel(EMERGENCY_HAZARDS, 'facade_falling')).toBe('楼体单侧外立面五分之一以上有脱落危险');
    expect(emergencyHazardLabel(EMERGENCY_HAZARDS, 'drainage_failure')).toMatch(/^共用排水设施因坍塌、堵塞、爆裂/);
  });

  // Seed 004 §13 puts "消防、给排水等基础设施改造及电梯大修改造" into the 使用范围: planned 改造 and 大修, works of a
  // normal use (165号令 art 18: 维修和更新、改造), not emergencies that skip the owners' vote.
  it('漳平 (350881) keeps the six: its §13 additions are normal use, not emergencies', () => {
    expect(codes(policyFor('/35/350800/350881/350881001/').maintenanceFund.emergencyHazards!)).toEqual(
      codes(EMERGENCY_HAZARDS),
    );
  });

  it("accepts a locality's own addition and refuses what is not on its list, naming the local ones", () => {
    const typhoon = { code: 'typhoon_repair', label: '台风等灾害性天气引发的房屋急修' };
    const local = policyFor('/35/350500/', {
      '350500': { maintenanceFund: { emergencyHazards: [...EMERGENCY_HAZARDS, typhoon] } },
    }).maintenanceFund.emergencyHazards!;
    expect(emergencyHazardProblem(local, 'typhoon_repair')).toBeNull();
    expect(emergencyHazardProblem(local, 'lift_danger')).toBeNull();
    expect(emergencyHazardProblem(EMERGENCY_HAZARDS, 'typhoon_repair')).toBe(
      `应急情形“typhoon_repair”不在当地可应急使用维修资金的情形内，当地情形为：${EMERGENCY_HAZARDS.map((h) => h.label).join('；')}`,
    );
    expect(emergencyHazardProblem(local, 'flood')).toContain('台风等灾害性天气引发的房屋急修');
    expect(emergencyHazardProblem(local, undefined)).toContain('“undefined”');
    // A code an older list had but the current one lacks still shows its words.
    expect(emergencyHazardLabel([typhoon], 'roof_leak')).toBe('屋面防水损坏造成渗漏');
  });

  it("the owners' threshold of a use is the civil code unless a locality applies 165号令 art 22", () => {
    expect(NATIONAL_DEFAULT_POLICY.maintenanceFund.useThreshold).toBe('civil_code');
    expect(policyFor('/35/350800/350881/').maintenanceFund.useThreshold).toBe('civil_code');
    expect(
      policyFor('/35/350800/', { '350800': { maintenanceFund: { useThreshold: 'order_165' } } }).maintenanceFund
        .useThreshold,
    ).toBe('order_165');
  });
});
