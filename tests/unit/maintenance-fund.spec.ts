import fc from 'fast-check';
import {
  CostSharingError,
  EMERGENCY_HAZARDS,
  NATIONAL_DEFAULT_POLICY,
  isEmergencyHazard,
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

describe('emergency hazards', () => {
  it('lists the six kinds of 建办房〔2015〕52号 with zh-CN labels', () => {
    expect(Object.keys(EMERGENCY_HAZARDS)).toHaveLength(6);
    expect(isEmergencyHazard('lift_danger')).toBe(true);
    expect(isEmergencyHazard('typhoon')).toBe(false);
  });
});
