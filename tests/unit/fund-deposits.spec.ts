import fc from 'fast-check';
import {
  CostSharingError,
  FIRST_DEPOSIT_PLACEHOLDER,
  NATIONAL_DEFAULT_POLICY,
  allocateYield,
  firstDepositOwedFen,
  requiredFirstDepositFen,
} from '../../libs/domain/src';

describe('首期交存 (165号令 art 7: 5%–8% of the local construction cost per m², set locally)', () => {
  it('charges the placeholder 5% of 2000 元/m²: 100 元/m², what the development data deposits', () => {
    expect(NATIONAL_DEFAULT_POLICY.maintenanceFund.firstDeposit).toEqual(FIRST_DEPOSIT_PLACEHOLDER);
    expect(requiredFirstDepositFen('89.36', FIRST_DEPOSIT_PLACEHOLDER)).toBe(893_600);
    // The placeholder is within art 7's range.
    expect(FIRST_DEPOSIT_PLACEHOLDER).toMatchObject({ basis: 'construction_cost' });
    const { percent } = FIRST_DEPOSIT_PLACEHOLDER as { percent: number };
    expect(percent).toBeGreaterThanOrEqual(5);
    expect(percent).toBeLessThanOrEqual(8);
  });

  it('takes a per-m² amount as it is, rounding the fen half up', () => {
    expect(requiredFirstDepositFen('100.00', { basis: 'per_square_metre', fenPerSquareMetre: 12_345 })).toBe(1_234_500);
    // 0.05 m² × 150 fen = 7.5 fen → 8; 0.01 m² × 149 fen = 1.49 fen → 1.
    expect(requiredFirstDepositFen('0.05', { basis: 'per_square_metre', fenPerSquareMetre: 150 })).toBe(8);
    expect(requiredFirstDepositFen('0.01', { basis: 'per_square_metre', fenPerSquareMetre: 149 })).toBe(1);
    // 6% of 2150.50 元/m² is 12903 fen/m²; over 88.88 m² 1146818.64 fen → 1146819.
    expect(
      requiredFirstDepositFen('88.88', {
        basis: 'construction_cost',
        constructionCostFenPerSquareMetre: 215_050,
        percent: 6,
      }),
    ).toBe(1_146_819);
  });

  it('owes the difference (补交) until the policy amount is deposited, never less than nothing (art 13)', () => {
    expect(firstDepositOwedFen('89.36', 0, FIRST_DEPOSIT_PLACEHOLDER)).toBe(893_600);
    expect(firstDepositOwedFen('89.36', 800_000, FIRST_DEPOSIT_PLACEHOLDER)).toBe(93_600);
    expect(firstDepositOwedFen('89.36', 893_600, FIRST_DEPOSIT_PLACEHOLDER)).toBe(0);
    expect(firstDepositOwedFen('89.36', 900_000, FIRST_DEPOSIT_PLACEHOLDER)).toBe(0);
  });
});

describe('增值收益 allocated to the unit accounts (165号令 art 26), by balance', () => {
  it('shares in proportion to balance, the leftover fen to the largest remainders, then larger balance, then id', () => {
    // 100 fen over 1:1:1 → 33 each and one fen to the smallest id on a full tie.
    expect(
      allocateYield(100, [
        { unitId: 'c', balanceFen: '500' },
        { unitId: 'a', balanceFen: '500' },
        { unitId: 'b', balanceFen: '500' },
      ]),
    ).toEqual([
      { unitId: 'c', amountFen: 33 },
      { unitId: 'a', amountFen: 34 },
      { unitId: 'b', amountFen: 33 },
    ]);
    // 10 fen over 100:200:0 → 3.33, 6.66: the larger remainder takes the fen; the empty account gets nothing.
    expect(
      allocateYield(10, [
        { unitId: 'a', balanceFen: '100' },
        { unitId: 'b', balanceFen: '200' },
        { unitId: 'z', balanceFen: '0' },
      ]),
    ).toEqual([
      { unitId: 'a', amountFen: 3 },
      { unitId: 'b', amountFen: 7 },
    ]);
  });

  it('always sums to the amount and does not depend on the order of the accounts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000_000 }),
        fc.uniqueArray(fc.record({ unitId: fc.uuid(), balance: fc.bigInt({ min: 0n, max: 10n ** 12n }) }), {
          minLength: 1,
          maxLength: 40,
          selector: (a) => a.unitId,
        }),
        (total, raw) => {
          fc.pre(raw.some((a) => a.balance > 0n));
          const accounts = raw.map((a) => ({ unitId: a.unitId, balanceFen: String(a.balance) }));
          const shares = allocateYield(total, accounts);
          expect(shares.reduce((s, a) => s + a.amountFen, 0)).toBe(total);
          const byId = (list: Array<{ unitId: string; amountFen: number }>) =>
            Object.fromEntries(list.map((s) => [s.unitId, s.amountFen]));
          expect(byId(allocateYield(total, [...accounts].reverse()))).toEqual(byId(shares));
        },
      ),
    );
  });

  it('refuses a non-positive amount and an estate with no positive balance', () => {
    expect(() => allocateYield(0, [{ unitId: 'a', balanceFen: '1' }])).toThrow(CostSharingError);
    expect(() => allocateYield(5, [{ unitId: 'a', balanceFen: '0' }])).toThrow(CostSharingError);
  });
});
