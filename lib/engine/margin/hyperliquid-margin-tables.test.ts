import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import { hyperliquidAccountMargin } from './hyperliquid';
import {
  hyperliquidEmbeddedCoins,
  hyperliquidEmbeddedMaxLeverage,
  hyperliquidEmbeddedTierTable,
  hyperliquidMarginTiers,
} from './hyperliquid-margin-tables';
import { TierOrigin } from './tier-table';
import { tieredMaintenanceMargin } from './tiers';
import type { MarginContext } from './venue-context';

const NO_TABLES: MarginContext = { asOf: '2026-11-24T00:00:00Z', underlyingPrice: () => undefined };

/**
 * The 30 listed perpetuals with the largest `dayNtlVlm` in the recorded `metaAndAssetCtxs` answer
 * (SwellNetwork/hyperliquid-go-sdk perp.go at 8a8a7e98, 2025-11-11), largest first.
 */
// prettier-ignore
const BY_VOLUME = [
  'BTC', 'ETH', 'SOL', 'ZEC', 'HYPE', 'LTC', 'XRP', 'XPL', 'PUMP', 'NEAR',
  'FARTCOIN', 'DOGE', 'ASTER', 'STRK', 'BNB', 'FIL', 'TRUMP', 'WLFI', 'ENA', 'ICP',
  'VIRTUAL', 'UNI', 'LINK', 'TAO', 'APT', 'SUI', 'TIA', 'ADA', 'AVAX', 'ZK',
];

/**
 * Figures as the recorded answer gives them: the universe entry (`maxLeverage`, `marginTableId`)
 * and its table's `marginTiers` as [lowerBound, maxLeverage]; ids below 50 have no entry in
 * `marginTables` (one tier at the id, per the margin-tiers documentation).
 */
const RECORDED: Record<string, [number, number, [string, number][]]> = {
  BTC: [
    40,
    56,
    [
      ['0.0', 40],
      ['150000000.0', 20],
    ],
  ],
  ETH: [
    25,
    55,
    [
      ['0.0', 25],
      ['100000000.0', 15],
    ],
  ],
  SOL: [
    20,
    54,
    [
      ['0.0', 20],
      ['70000000.0', 10],
    ],
  ],
  XRP: [
    20,
    53,
    [
      ['0.0', 20],
      ['40000000.0', 10],
    ],
  ],
  DOGE: [
    10,
    52,
    [
      ['0.0', 10],
      ['20000000.0', 5],
    ],
  ],
  BNB: [
    10,
    51,
    [
      ['0.0', 10],
      ['3000000.0', 5],
    ],
  ],
  ASTER: [5, 5, [['0', 5]]],
};

function account(symbol: string, contracts: string, price: string, margin: string) {
  const portfolio = parsePortfolio({
    version: 1,
    asOf: '2026-11-24T00:00:00Z',
    accounts: [
      {
        id: 'hl',
        venue: 'hyperliquid',
        marginMode: 'isolated',
        balances: [{ asset: 'USDC', total: margin }],
        positions: [
          {
            symbol,
            side: 'long',
            contracts,
            entryPrice: price,
            markPrice: price,
            isolatedMargin: margin,
          },
        ],
      },
    ],
  });
  const first = portfolio.accounts[0];
  if (!first) throw new Error('no account');
  return first;
}

describe('embedded Hyperliquid margin tables (hyperliquid-margin-tables.ts)', () => {
  it('the 30 most traded perpetuals of the recorded day, dated and named', () => {
    expect(hyperliquidEmbeddedCoins()).toEqual(BY_VOLUME);
    const table = hyperliquidEmbeddedTierTable('BTC', 'BTC/USDC:USDC');
    expect(table?.asOf).toBe('2025-11-11');
    expect(table?.source).toContain('SwellNetwork/hyperliquid-go-sdk');
    expect(table?.source).toContain('8a8a7e986267cc60822498d45463a89794eff7a6');
    expect(table?.complete).toBe(true);
    expect(hyperliquidEmbeddedTierTable('ATOM', 'ATOM/USDC:USDC')).toBeUndefined();
  });

  it.each(Object.entries(RECORDED))(
    '%s: max leverage, table id and tiers as recorded',
    (coin, [maxLeverage, tableId, tiers]) => {
      expect(hyperliquidEmbeddedMaxLeverage(coin)).toBe(maxLeverage);
      expect(
        hyperliquidMarginTiers(tableId)?.map((tier) => [tier.lowerBound, tier.maxLeverage]),
      ).toEqual(tiers);
      const table = hyperliquidEmbeddedTierTable(coin, `${coin}/USDC:USDC`);
      expect(table?.tiers.map((tier) => tier.maxLeverage)).toEqual(tiers.map(([, lev]) => lev));
      expect(table?.tiers.map((tier) => tier.floor.toNumber())).toEqual(
        tiers.map(([bound]) => Number(bound)),
      );
      expect(table?.tiers.at(-1)?.cap).toBeNull();
    },
  );

  it.each(BY_VOLUME)('%s: the first tier is the asset’s own max leverage', (coin) => {
    const table = hyperliquidEmbeddedTierTable(coin, `${coin}/USDC:USDC`);
    expect(table?.tiers[0]?.maxLeverage).toBe(hyperliquidEmbeddedMaxLeverage(coin));
  });

  it('BTC: 1.25% to 150,000,000 USDC, then 2.5% less 150,000,000 × 1.25% (continuous)', () => {
    const tiers = hyperliquidEmbeddedTierTable('BTC', 'BTC/USDC:USDC')?.tiers ?? [];
    expect(tiers[0]?.maintenanceMarginRate.toString()).toBe('0.0125');
    expect(tiers[1]?.maintenanceMarginRate.toString()).toBe('0.025');
    expect(tiers[1]?.maintenanceAmount.toNumber()).toBe(1_875_000);
    const at = (notional: number) =>
      tieredMaintenanceMargin(tiers, new Decimal(notional)).toNumber();
    expect(at(150_000_000)).toBe(1_875_000);
    expect(at(200_000_000)).toBe(200_000_000 * 0.025 - 1_875_000);
  });

  it('ETH: 1/30 above 100,000,000 USDC, written to 20 digits, deduction from the written rates', () => {
    const tiers = hyperliquidEmbeddedTierTable('ETH', 'ETH/USDC:USDC')?.tiers ?? [];
    expect(tiers[1]?.maintenanceMarginRate.toString()).toBe('0.033333333333333333333');
    expect(tiers[1]?.maintenanceAmount.toString()).toBe(
      new Decimal('100000000').mul(new Decimal('0.033333333333333333333').minus('0.02')).toString(),
    );
  });

  it('a BTC position without max leverage takes the embedded table, and the report says so', () => {
    // 2 BTC at 100,000: 200,000 USDC notional, first tier: MM = 200,000 / 80 = 2,500.
    const margin = hyperliquidAccountMargin(
      account('BTC/USDC:USDC', '2', '100000', '10000'),
      NO_TABLES,
    );
    const position = margin.positions[0];
    expect(position?.tierOrigin).toBe(TierOrigin.embedded);
    expect(position?.tierSource).toContain('embedded Hyperliquid margin table BTC');
    expect(position?.tierTable?.asOf).toBe('2025-11-11');
    expect(position?.maintenanceMargin).toBe(2_500);
    // The documented isolated long: liq = P − margin_available / size / (1 − l), l = 1/80,
    // margin_available = 10,000 − 2,500.
    expect(position?.liquidationPrice).toBeCloseTo(100_000 - 7_500 / 2 / (1 - 1 / 80), 6);
  });

  it('a position with its own max leverage keeps it (the venue’s answer comes first)', () => {
    const file = account('BTC/USDC:USDC', '2', '100000', '10000');
    const withLeverage = {
      ...file,
      positions: file.positions.map((position) => ({ ...position, maxLeverage: 20 })),
    };
    const position = hyperliquidAccountMargin(withLeverage, NO_TABLES).positions[0];
    expect(position?.tierOrigin).toBe(TierOrigin.venueRule);
    expect(position?.maintenanceMargin).toBe(5_000);
  });
});
