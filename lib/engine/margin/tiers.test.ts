import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import golden from '../../../test/golden/binance-usdm.json';
import { binanceUsdmEmbeddedMarkets, binanceUsdmEmbeddedTiers } from './binance-usdm-tier-tables';
import { buildTiers, tierForNotional, tieredMaintenanceMargin } from './tiers';

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
