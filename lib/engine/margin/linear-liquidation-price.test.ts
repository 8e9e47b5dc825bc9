import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import golden from '../../../test/golden/binance-usdm.json';
import { Side } from '../product/types';
import { binanceUsdmEmbeddedTiers } from './binance-usdm-tier-tables';
import { linearLiquidationPrice, type LiquidationLeg } from './linear-liquidation-price';
import { tieredMaintenanceMargin, type MaintenanceTier } from './tiers';

const zero = new Decimal(0);

function fixedTier(rate: string, amount: string): MaintenanceTier[] {
  return [
    {
      floor: zero,
      cap: null,
      maintenanceMarginRate: new Decimal(rate),
      maintenanceAmount: new Decimal(amount),
      maxLeverage: 1,
    },
  ];
}

/** One leg with the venue's tier in force, from a golden vector's strings. */
function goldenLeg(vector: {
  side: string;
  quantity: string;
  entryPrice: string;
  maintenanceMarginRate: string;
  maintenanceAmount: string;
}): LiquidationLeg {
  return {
    side: vector.side as Side,
    quantity: new Decimal(vector.quantity),
    entryPrice: new Decimal(vector.entryPrice),
    tiers: fixedTier(vector.maintenanceMarginRate, vector.maintenanceAmount),
  };
}

function isolated(walletBalance: Decimal) {
  return { walletBalance, otherMaintenanceMargin: zero, otherUnrealizedPnl: zero };
}

describe('linearLiquidationPrice: Binance FAQ worked examples', () => {
  const priceOf = (result: { price: Decimal | null }) => result.price?.toNumber() ?? Number.NaN;

  it.each(golden.crossOneWay)('$id $label', (vector) => {
    const result = linearLiquidationPrice([goldenLeg(vector)], {
      walletBalance: new Decimal(vector.walletBalance),
      otherMaintenanceMargin: new Decimal(vector.otherMaintenanceMargin),
      otherUnrealizedPnl: new Decimal(vector.otherUnrealizedPnl),
    });
    expect(result.method).toBe('closed-form');
    expect(Math.abs(priceOf(result) - vector.liquidationPrice)).toBeLessThanOrEqual(
      vector.tolerance,
    );
  });

  it.each(golden.isolated)('$id $label', (vector) => {
    const result = linearLiquidationPrice(
      [goldenLeg(vector)],
      isolated(new Decimal(vector.walletBalance)),
    );
    expect(Math.abs(priceOf(result) - vector.liquidationPrice)).toBeLessThanOrEqual(
      vector.tolerance,
    );
  });

  const synthetic = golden.synthetic;
  it.each(synthetic.cases)(
    'freqtrade synthetic: $side at $entryPrice, leverage $leverage → $liquidationPrice',
    (vector) => {
      const leg = goldenLeg({
        ...vector,
        quantity: '1',
        maintenanceMarginRate: synthetic.maintenanceMarginRate,
        maintenanceAmount: synthetic.maintenanceAmount,
      });
      const result = linearLiquidationPrice([leg], isolated(leg.entryPrice.div(vector.leverage)));
      expect(Math.abs(priceOf(result) - vector.liquidationPrice)).toBeLessThanOrEqual(
        synthetic.tolerance,
      );
    },
  );

  it('B11 hedge mode: long and short legs of one symbol share one liquidation price', () => {
    const vector = golden.hedgeB11;
    const tiers = fixedTier(vector.maintenanceMarginRate, '0');
    const result = linearLiquidationPrice(
      [
        {
          side: Side.long,
          quantity: new Decimal(vector.long.quantity),
          entryPrice: new Decimal(vector.long.entryPrice),
          tiers,
        },
        {
          side: Side.short,
          quantity: new Decimal(vector.short.quantity),
          entryPrice: new Decimal(vector.short.entryPrice),
          tiers,
        },
      ],
      {
        walletBalance: new Decimal(vector.walletBalance),
        otherMaintenanceMargin: zero,
        otherUnrealizedPnl: zero,
      },
    );
    expect(
      Math.abs((result.price?.toNumber() ?? Number.NaN) - vector.liquidationPrice),
    ).toBeLessThanOrEqual(vector.tolerance);
  });
});

describe('linearLiquidationPrice: edge cases', () => {
  const btcTiers = binanceUsdmEmbeddedTiers('BTCUSDT') ?? [];

  it('is null for a long whose collateral covers a fall to zero (Binance shows "--")', () => {
    const result = linearLiquidationPrice(
      [
        {
          side: Side.long,
          quantity: new Decimal(1),
          entryPrice: new Decimal(50_000),
          tiers: btcTiers,
        },
      ],
      {
        walletBalance: new Decimal(60_000),
        otherMaintenanceMargin: zero,
        otherUnrealizedPnl: zero,
      },
    );
    expect(result.price).toBeNull();
  });

  it('is null for a perfectly hedged symbol with nothing to lose', () => {
    const legs: LiquidationLeg[] = [
      {
        side: Side.long,
        quantity: new Decimal(1),
        entryPrice: new Decimal(50_000),
        tiers: fixedTier('0', '0'),
      },
      {
        side: Side.short,
        quantity: new Decimal(1),
        entryPrice: new Decimal(50_000),
        tiers: fixedTier('0', '0'),
      },
    ];
    expect(
      linearLiquidationPrice(legs, {
        walletBalance: new Decimal(100),
        otherMaintenanceMargin: zero,
        otherUnrealizedPnl: zero,
      }).price,
    ).toBeNull();
  });

  it('picks the tier at the liquidation price, not at entry (FAQ multi-tier rule)', () => {
    // A 10 BTC short: 600k notional at entry (tier 2), but liquidated around 66k where the
    // notional (~660k) sits in tier 3.
    const result = linearLiquidationPrice(
      [
        {
          side: Side.short,
          quantity: new Decimal(10),
          entryPrice: new Decimal(60_000),
          tiers: btcTiers,
        },
      ],
      {
        walletBalance: new Decimal(65_000),
        otherMaintenanceMargin: zero,
        otherUnrealizedPnl: zero,
      },
    );
    const price = result.price ?? zero;
    expect(price.mul(10).gt(600_000)).toBe(true);
    const surplus = new Decimal(65_000)
      .minus(price.minus(60_000).mul(10))
      .minus(tieredMaintenanceMargin(btcTiers, price.mul(10)));
    expect(surplus.abs().toNumber()).toBeLessThan(1e-8);
  });

  it('rejects an empty set of legs', () => {
    expect(() =>
      linearLiquidationPrice([], {
        walletBalance: zero,
        otherMaintenanceMargin: zero,
        otherUnrealizedPnl: zero,
      }),
    ).toThrow('linearLiquidationPrice requires at least one leg');
  });
});

describe('linearLiquidationPrice: properties', () => {
  const btcTiers = binanceUsdmEmbeddedTiers('BTCUSDT') ?? [];
  const leg = fc.record({
    long: fc.boolean(),
    quantity: fc.double({ min: 0.001, max: 5_000, noNaN: true }),
    entryPrice: fc.double({ min: 1_000, max: 200_000, noNaN: true }),
    leverage: fc.double({ min: 1.5, max: 100, noNaN: true }),
  });

  it('at the computed price, equity equals maintenance margin (tiered, isolated)', () => {
    fc.assert(
      fc.property(leg, ({ long, quantity, entryPrice, leverage }) => {
        const q = new Decimal(quantity);
        const entry = new Decimal(entryPrice);
        const wallet = q.mul(entry).div(leverage);
        const side = long ? Side.long : Side.short;
        const { price } = linearLiquidationPrice(
          [{ side, quantity: q, entryPrice: entry, tiers: btcTiers }],
          {
            walletBalance: wallet,
            otherMaintenanceMargin: zero,
            otherUnrealizedPnl: zero,
          },
        );
        if (price === null) return long; // only a long can be safe all the way to zero
        const pnl = price
          .minus(entry)
          .mul(q)
          .mul(long ? 1 : -1);
        const gap = wallet.plus(pnl).minus(tieredMaintenanceMargin(btcTiers, q.mul(price)));
        return gap.abs().lte(q.mul(entry).mul(1e-12).plus(1e-9));
      }),
      { seed: 42, numRuns: 400 },
    );
  });

  it("a long's liquidation price rises as its margin falls", () => {
    fc.assert(
      fc.property(
        leg,
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        ({ quantity, entryPrice, leverage }, fraction) => {
          const q = new Decimal(quantity);
          const entry = new Decimal(entryPrice);
          const wallet = q.mul(entry).div(leverage);
          const run = (balance: Decimal) =>
            linearLiquidationPrice(
              [{ side: Side.long, quantity: q, entryPrice: entry, tiers: btcTiers }],
              {
                walletBalance: balance,
                otherMaintenanceMargin: zero,
                otherUnrealizedPnl: zero,
              },
            ).price;
          const more = run(wallet);
          const less = run(wallet.mul(fraction));
          return less !== null && (more === null || less.gt(more));
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });
});
