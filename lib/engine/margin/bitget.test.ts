import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import { siloSurplus } from '../risk/margin-silo';
import { bitgetAccountMargin, bitgetSilos } from './bitget';
import { marginContextOf } from './venue-context';

/**
 * Bitget's published worked examples (sources in bitget.ts), run through the engine's Bitget
 * rules from a portfolio file, as a connected account reaches them.
 */
const AS_OF = '2026-11-24T12:00:00Z';

/** The announcement's BTCUSDT tiers: 0–200,000 USDT at 0.40% (125x), then 0.50% (100x). */
const ANNOUNCEMENT_TIERS = [
  { floor: '0', cap: '200000', maintenanceMarginRate: '0.004', maxLeverage: 125 },
  { floor: '200000', cap: '1000000', maintenanceMarginRate: '0.005', maxLeverage: 100 },
];

/** Illustrative ETHUSDT tiers, in the same form. */
const ETH_TIERS = [
  { floor: '0', cap: '100000', maintenanceMarginRate: '0.005', maxLeverage: 100 },
  { floor: '100000', cap: '500000', maintenanceMarginRate: '0.0065', maxLeverage: 75 },
];

function bitgetFile(
  positions: readonly Record<string, unknown>[],
  wallet: string,
  tiers: readonly Record<string, unknown>[] = ANNOUNCEMENT_TIERS,
  positionMode: 'oneway' | 'hedge' = 'oneway',
) {
  const portfolio = parsePortfolio({
    version: 1,
    asOf: AS_OF,
    accounts: [
      {
        id: 'bitget-main',
        venue: 'bitget',
        marginMode: 'cross',
        positionMode,
        balances: [{ asset: 'USDT', total: wallet }],
        positions,
      },
    ],
    tierTables: [
      {
        venue: 'bitget',
        symbol: 'BTC/USDT:USDT',
        source: 'GET /api/v2/mix/market/query-position-lever',
        asOf: AS_OF,
        tiers,
      },
      {
        venue: 'bitget',
        symbol: 'ETH/USDT:USDT',
        source: 'GET /api/v2/mix/market/query-position-lever',
        asOf: AS_OF,
        tiers: ETH_TIERS,
      },
    ],
  });
  const account = portfolio.accounts[0];
  if (!account) throw new Error('no account');
  return { account, context: marginContextOf(portfolio) };
}

describe('Bitget maintenance margin, tiered by slices with the taker fee (2025-11-10 rule)', () => {
  it('charges 3 BTC at 110,000 with a 0.06% fee 1,648 USDT (200,000 × 0.46% + 130,000 × 0.56%)', () => {
    const { account, context } = bitgetFile(
      [
        {
          symbol: 'BTC/USDT:USDT',
          side: 'long',
          contracts: '3',
          entryPrice: '110000',
          markPrice: '110000',
          takerFeeRate: '0.0006',
        },
      ],
      '100000',
    );
    const margin = bitgetAccountMargin(account, context);
    expect(margin.positions[0]?.maintenanceMargin).toBeCloseTo(1648, 9);
    // The tier's own rate is reported, without the fee.
    expect(margin.positions[0]?.maintenanceMarginRate).toBe(0.005);
    expect(margin.maintenanceMargin).toBeCloseTo(1648, 9);
    expect(margin.marginRatio).toBeCloseTo(1648 / 100000, 12);
    // The fee's part of it, 330,000 × 0.06%, at the rate charged.
    expect(margin.positions[0]?.feeToClose?.amount).toBeCloseTo(198, 9);
    expect(margin.positions[0]?.feeToClose?.takerFeeRate).toBe(0.0006);
  });

  it('charges no fee when the file gives no takerFeeRate, and says so (feeToClose.takerFeeRate null)', () => {
    const { account, context } = bitgetFile(
      [
        {
          symbol: 'BTC/USDT:USDT',
          side: 'long',
          contracts: '3',
          entryPrice: '110000',
          markPrice: '110000',
        },
      ],
      '100000',
    );
    // 200,000 × 0.40% + 130,000 × 0.50%: below Bitget's 1,648, which always holds the fee.
    const margin = bitgetAccountMargin(account, context);
    expect(margin.maintenanceMargin).toBeCloseTo(1450, 9);
    expect(margin.positions[0]?.feeToClose).toEqual({ amount: 0, takerFeeRate: null });
  });
});

describe('Bitget isolated liquidation price (the Get All Positions example)', () => {
  // https://www.bitget.com/api-doc/contract/position/get-all-position, response example: isolated
  // long 0.01 BTCUSDT at 25,000, mark 25,100, marginSize 9.6695050093373343, keepMarginRate 0.004,
  // liquidationPrice 24144.1124161806977798, marginRatio 0.1082149545822005 (both follow with a
  // 0.06% taker fee, Bitget's standard futures rate).
  const example = () =>
    bitgetFile(
      [
        {
          symbol: 'BTC/USDT:USDT',
          side: 'long',
          contracts: '0.01',
          entryPrice: '25000',
          markPrice: '25100',
          leverage: 20,
          marginMode: 'isolated',
          isolatedMargin: '9.6695050093373343',
          takerFeeRate: '0.0006',
        },
      ],
      '9.6695050093373343',
      [
        { floor: '0', cap: '50000', maintenanceMarginRate: '0.004', maxLeverage: 125 },
        { floor: '50000', cap: '200000', maintenanceMarginRate: '0.005', maxLeverage: 100 },
      ],
    );

  it('is 24,144.1124161806977798 and the margin ratio 0.1082149545822005, as Bitget reported', () => {
    const { account, context } = example();
    const margin = bitgetAccountMargin(account, context);
    const position = margin.positions[0];
    expect(position?.liquidationPrice).toBeCloseTo(Number('24144.1124161806977798'), 8);
    expect(position?.maintenanceMargin).toBeCloseTo(251 * 0.0046, 12);
    // Account = the one isolated position: MM / (margin + unrealised P&L).
    expect(margin.marginRatio).toBeCloseTo(0.1082149545822005, 14);
  });

  it('is the closed form (margin + offset − size × entry × dir) / (size × (MMR + taker − dir)) in tier 2, short', () => {
    // Short 4 BTC at 30,000 (value 120,000 at mark: tier 2, offset 50,000 × 0.001 = 50), margin 12,000.
    const { account, context } = bitgetFile(
      [
        {
          symbol: 'BTC/USDT:USDT',
          side: 'short',
          contracts: '4',
          entryPrice: '30000',
          markPrice: '30000',
          marginMode: 'isolated',
          isolatedMargin: '12000',
          takerFeeRate: '0.0006',
        },
      ],
      '20000',
      [
        { floor: '0', cap: '50000', maintenanceMarginRate: '0.004', maxLeverage: 125 },
        { floor: '50000', cap: '200000', maintenanceMarginRate: '0.005', maxLeverage: 100 },
      ],
    );
    const expected = new Decimal(12000)
      .plus(50)
      .plus(new Decimal(4).mul(30000))
      .div(new Decimal(4).mul(new Decimal(0.005).plus(0.0006).plus(1)));
    const position = bitgetAccountMargin(account, context).positions[0];
    expect(position?.liquidationPrice).toBeCloseTo(expected.toNumber(), 8);
    // The value there (4 × 32,648.6) is still in tier 2, as the closed form assumes.
    expect(expected.mul(4).toNumber()).toBeLessThan(200000);
  });
});

describe('Bitget cross margin', () => {
  it('liquidates where cross equity meets the cross MM, with the isolated margin set apart', () => {
    // Bitget's margin mode is per symbol (bitget.ts), so the isolated leg is another symbol's.
    const { account, context } = bitgetFile(
      [
        {
          symbol: 'BTC/USDT:USDT',
          side: 'long',
          contracts: '1',
          entryPrice: '100000',
          markPrice: '100000',
          positionSide: 'long',
          takerFeeRate: '0.0006',
        },
        {
          symbol: 'ETH/USDT:USDT',
          side: 'short',
          contracts: '10',
          entryPrice: '3000',
          markPrice: '3000',
          marginMode: 'isolated',
          isolatedMargin: '5000',
          positionSide: 'short',
          takerFeeRate: '0.0006',
        },
      ],
      '25000',
      ANNOUNCEMENT_TIERS,
      'hedge',
    );
    const margin = bitgetAccountMargin(account, context);
    const cross = margin.positions[0];
    // Cross wallet 20,000: 20,000 + (P − 100,000) = P × 0.0046 → P = 80,000 / 0.9954.
    expect(cross?.liquidationPrice).toBeCloseTo(80000 / 0.9954, 6);
    // The silos liquidate at the same prices.
    const silos = bitgetSilos(account, context);
    const crossSilo = silos.find((silo) => silo.label === 'cross');
    if (!crossSilo || cross?.liquidationPrice == null) throw new Error('no cross silo');
    expect(siloSurplus(crossSilo, [cross.liquidationPrice])).toBeCloseTo(0, 6);
  });

  it('refuses a symbol held long and short in cross, which Bitget charges on its larger leg', () => {
    const { account, context } = bitgetFile(
      ['long', 'short'].map((side) => ({
        symbol: 'BTC/USDT:USDT',
        side,
        positionSide: side,
        contracts: '1',
        entryPrice: '100000',
        markPrice: '100000',
      })),
      '25000',
      ANNOUNCEMENT_TIERS,
      'hedge',
    );
    expect(() => bitgetAccountMargin(account, context)).toThrow(
      'held long and short in cross margin; Bitget charges',
    );
    // Bitget has no per-side margin mode: the advice is what the trader can do there.
    expect(() => bitgetAccountMargin(account, context)).toThrow(
      'close one leg, or enter the account in a portfolio file without the smaller leg',
    );
    expect(() => bitgetAccountMargin(account, context)).not.toThrow('isolated margin or');
  });
});
