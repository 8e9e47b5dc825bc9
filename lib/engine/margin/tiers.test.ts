import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import golden from '../../../test/golden/binance-usdm.json';
import { binanceUsdmEmbeddedMarkets, binanceUsdmEmbeddedTiers } from './binance-usdm-tier-tables';
import {
  buildTiers,
  TierForm,
  tierForNotional,
  tieredMaintenanceMargin,
  tierRowProblems,
} from './tiers';

describe('buildTiers', () => {
  it('computes maintenance amounts by the recursion (Binance FAQ level 3 = 1,300 USDT)', () => {
    const { rows, expectedAmounts } = golden.maintenanceAmountRecursion;
    const tiers = buildTiers(rows, 'faq');
    expect(tiers.map((tier) => tier.maintenanceAmount.toString())).toEqual(expectedAmounts);
  });

  it('rejects a published maintenance amount that disagrees with the recursion', () => {
    expect(() =>
      buildTiers(
        [
          { floor: '0', cap: '100', maintenanceMarginRate: '0.01', maxLeverage: 50 },
          {
            floor: '100',
            cap: null,
            maintenanceMarginRate: '0.02',
            maxLeverage: 25,
            maintenanceAmount: '2',
          },
        ],
        'bad',
      ),
    ).toThrow('bad tier 2: published maintenance amount 2 disagrees with the recursion (1)');
  });

  it('rejects tiers that are not contiguous', () => {
    expect(() =>
      buildTiers(
        [
          { floor: '0', cap: '100', maintenanceMarginRate: '0.01', maxLeverage: 50 },
          { floor: '150', cap: null, maintenanceMarginRate: '0.02', maxLeverage: 25 },
        ],
        'gap',
      ),
    ).toThrow('gap tier 2: floor 150 does not continue the previous cap');
  });
});

describe('embedded Binance tier tables', () => {
  it.each(binanceUsdmEmbeddedMarkets())(
    '%s agrees with its published maintenance amounts',
    (market) => {
      expect(binanceUsdmEmbeddedTiers(market)?.length).toBeGreaterThan(5);
    },
  );
});

describe('tieredMaintenanceMargin', () => {
  const tiers = binanceUsdmEmbeddedTiers('BTCUSDT') ?? [];

  it('picks the tier whose (floor, cap] holds the notional', () => {
    expect(tierForNotional(tiers, new Decimal(50_000)).maintenanceMarginRate.toString()).toBe(
      '0.004',
    );
    expect(tierForNotional(tiers, new Decimal(50_000.01)).maintenanceMarginRate.toString()).toBe(
      '0.005',
    );
    expect(tierForNotional(tiers, new Decimal(0)).maintenanceMarginRate.toString()).toBe('0.004');
    expect(tierForNotional(tiers, new Decimal('1e12')).maintenanceMarginRate.toString()).toBe(
      '0.5',
    );
  });

  it('is continuous at every tier boundary', () => {
    for (const tier of tiers.slice(1)) {
      const below = tieredMaintenanceMargin(tiers, tier.floor);
      const above = tieredMaintenanceMargin(tiers, tier.floor.plus('1e-9'));
      expect(above.minus(below).abs().toNumber()).toBeLessThan(1e-6);
    }
  });

  it('is monotone in notional (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 2e9, noNaN: true }),
        fc.double({ min: 0, max: 2e9, noNaN: true }),
        (a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          return tieredMaintenanceMargin(tiers, new Decimal(low)).lte(
            tieredMaintenanceMargin(tiers, new Decimal(high)),
          );
        },
      ),
      { seed: 20261124, numRuns: 500 },
    );
  });
});

describe('tierRowProblems', () => {
  const row = (floor: string, cap: string | null, rate: string, amount?: string) => ({
    floor,
    cap,
    maintenanceMarginRate: rate,
    maxLeverage: 10,
    ...(amount !== undefined && { maintenanceAmount: amount }),
  });

  it('lists every problem with its row and field', () => {
    expect(
      tierRowProblems(
        [
          row('0', '100', '0.01'),
          row('150', '120', '1.5'),
          row('120', null, '0.02', '7'),
          row('200', '300', '0.03'),
        ],
        TierForm.deduction,
      ).map((problem) => [problem.index, problem.field]),
    ).toEqual([
      [1, 'floor'],
      [1, 'cap'],
      [1, 'maintenanceMarginRate'],
      [2, 'maintenanceAmount'],
      [3, 'floor'],
    ]);
  });

  it('accepts the Y6 illustration with its derived deductions (methodology §2.3)', () => {
    const rows = ['0.02', '0.025', '0.03', '0.035', '0.04'].map((rate, index) =>
      row(
        String(index * 1000),
        String((index + 1) * 1000),
        rate,
        ['0', '5', '15', '30', '50'][index],
      ),
    );
    expect(tierRowProblems(rows, TierForm.deduction)).toEqual([]);
  });

  it('flat tiers (OKX) carry no maintenance amount', () => {
    const rows = [row('0', '300', '0.004', '0'), row('300', '600', '0.005', '0.3')];
    expect(tierRowProblems(rows, TierForm.flat)).toEqual([
      {
        index: 1,
        field: 'maintenanceAmount',
        message: 'must be 0: these tiers have no maintenance amount (MM = notional × MMR), got 0.3',
      },
    ]);
    const tiers = buildTiers(
      [row('0', '300', '0.004'), row('300', null, '0.005')],
      'okx',
      TierForm.flat,
    );
    expect(tiers.map((tier) => tier.maintenanceAmount.toNumber())).toEqual([0, 0]);
  });

  it('buildTiers refuses an empty table', () => {
    expect(() => buildTiers([], 'empty')).toThrow('empty: a tier table needs at least one tier');
  });
});
