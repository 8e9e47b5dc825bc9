import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import { bybitAccountMargin, bybitSilos } from './bybit';
import { binanceCoinmAccountMargin } from './binance-coinm';
import { marginContextOf } from './venue-context';
import { tieredMaintenanceMargin } from './tiers';
import Decimal from 'decimal.js';

/**
 * Inverse accounts with the venue's tier table from the file. The table is synthetic — a BTCUSD
 * ladder in coin shaped like Bybit's inverse risk limits (first tier 150 BTC at 0.5%, 100x, as in
 * Bybit's `GET /v5/market/risk-limit` documentation example; the higher rows are made up) — since
 * these tests check the engine's invariants, not Bybit's current figures.
 */
const SYNTHETIC_TABLE = {
  venue: 'bybit',
  symbol: 'BTC/USD:BTC',
  source: 'synthetic test ladder',
  asOf: '2026-11-24T12:00:00Z',
  tiers: [
    { floor: '0', cap: '150', maintenanceMarginRate: '0.005', maxLeverage: 100 },
    { floor: '150', cap: '250', maintenanceMarginRate: '0.01', maxLeverage: 50 },
    { floor: '250', cap: null, maintenanceMarginRate: '0.015', maxLeverage: 33 },
  ],
};

function inverseFile(
  side: 'long' | 'short',
  usd: string,
  wallet: string,
  options: {
    marginMode?: 'cross' | 'isolated';
    ownTier?: boolean;
    table?: boolean;
    venue?: string;
  } = {},
) {
  return parsePortfolio({
    version: 1,
    asOf: '2026-11-24T12:00:00Z',
    accounts: [
      {
        id: 'inverse',
        venue: options.venue ?? 'bybit',
        marginMode: options.marginMode ?? 'cross',
        balances: [{ asset: 'BTC', total: wallet }],
        positions: [
          {
            symbol: 'BTC/USD:BTC',
            side,
            contracts: usd,
            contractSize: '1',
            entryPrice: '50000',
            markPrice: '50000',
            leverage: 10,
            ...(options.ownTier && { maintenanceMarginRate: '0.02', maintenanceAmount: '0' }),
          },
        ],
      },
    ],
    ...(options.table !== false && {
      tierTables: [{ ...SYNTHETIC_TABLE, venue: options.venue ?? 'bybit' }],
    }),
  });
}

describe('inverse accounts with a tier table from the file', () => {
  it('takes the tier of the notional at mark for MM, and says where it came from', () => {
    const portfolio = inverseFile('long', '10000000', '50');
    const account = portfolio.accounts[0];
    if (!account) throw new Error('no account');
    const position = bybitAccountMargin(account, marginContextOf(portfolio)).positions[0];
    // 10,000,000 USD at 50,000 = 200 BTC: tier 2, MM = 200 × 1% − 150 × 0.5%.
    expect(position?.maintenanceMarginRate).toBe(0.01);
    expect(position?.maintenanceMargin).toBeCloseTo(200 * 0.01 - 0.75, 12);
    expect(position?.maxLeverage).toBe(50);
    expect(position?.tierOrigin).toBe('venue-table');
    expect(position?.tierTable).toEqual({
      source: 'synthetic test ladder',
      asOf: '2026-11-24T12:00:00Z',
    });
  });

  it("the position's own tier still comes first", () => {
    const portfolio = inverseFile('long', '10000000', '50', { ownTier: true });
    const account = portfolio.accounts[0];
    if (!account) throw new Error('no account');
    const position = bybitAccountMargin(account, marginContextOf(portfolio)).positions[0];
    expect(position?.tierOrigin).toBe('position');
    expect(position?.maintenanceMarginRate).toBe(0.02);
  });

  it('without a tier or a table, refuses with what to add', () => {
    const portfolio = inverseFile('long', '10000000', '50', {
      table: false,
      venue: 'binancecoinm',
    });
    const account = portfolio.accounts[0];
    if (!account) throw new Error('no account');
    expect(() => binanceCoinmAccountMargin(account, marginContextOf(portfolio))).toThrow(
      'account "inverse" position "BTC/USD:BTC": no embedded binancecoinm tier table and no tierTables entry for binancecoinm BTC/USD:BTC',
    );
  });

  it('cross and isolated: equity = MM at the liquidation price, with the tier of the notional there (property)', () => {
    const tiers =
      parsePortfolio({
        version: 1,
        asOf: '2026-11-24T12:00:00Z',
        accounts: [],
        tierTables: [SYNTHETIC_TABLE],
      }).tierTables?.[0]?.tiers ?? [];
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.constantFrom('cross' as const, 'isolated' as const),
        fc.constantFrom('bybit', 'binancecoinm'),
        fc.integer({ min: 100_000, max: 20_000_000 }),
        fc.double({ min: 0.03, max: 0.6, noNaN: true }),
        (long, marginMode, venue, usd, walletFraction) => {
          const notionalAtEntry = usd / 50_000;
          const wallet = (notionalAtEntry * walletFraction).toFixed(8);
          const portfolio = inverseFile(long ? 'long' : 'short', String(usd), wallet, {
            marginMode,
            venue,
          });
          const account = portfolio.accounts[0];
          if (!account) return false;
          const context = marginContextOf(portfolio);
          const margin =
            venue === 'bybit'
              ? bybitAccountMargin(account, context)
              : binanceCoinmAccountMargin(account, context);
          const price = margin.positions[0]?.liquidationPrice;
          if (price === null || price === undefined) return long === false;
          // Bybit's current isolated formula (bybit.ts) is the same equity = MM at the price.
          const isolatedWallet = marginMode === 'isolated' ? notionalAtEntry / 10 : Number(wallet);
          const notional = usd / price;
          const equity = isolatedWallet + (long ? 1 : -1) * usd * (1 / 50_000 - 1 / price);
          const maintenance = tieredMaintenanceMargin(tiers, new Decimal(notional)).toNumber();
          const surplusOk =
            venue !== 'bybit' ||
            Math.abs(bybitSilos(account, context)[0]?.nonlinear?.surplus([price]) ?? 1) <=
              1e-9 * notionalAtEntry;
          return Math.abs(equity - maintenance) <= 1e-9 * notionalAtEntry && surplusOk;
        },
      ),
      { seed: 20261124, numRuns: 300 },
    );
  });
});
