import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import { bybitAccountMargin } from './bybit';
import {
  bybitAbsentMarkets,
  bybitEmbeddedMarkets,
  bybitEmbeddedTierTable,
} from './bybit-tier-tables';
import { TierOrigin } from './tier-table';
import { buildTiers, tieredMaintenanceMargin } from './tiers';
import type { MarginContext } from './venue-context';

const NO_TABLES: MarginContext = { asOf: '2026-11-24T00:00:00Z', underlyingPrice: () => undefined };

/**
 * The MM deductions exactly as Bybit's Margin Parameters page prints them for BTCUSDT
 * (bybitx.global/pt-PT/announcement-info/margin-parameters, tiers 1–20), in USDT.
 */
const PUBLISHED_BTCUSDT_DEDUCTIONS = [
  0, 1_200, 3_020, 4_300, 5_820, 8_460, 15_460, 20_500, 46_000, 66_000, 80_000, 160_000, 300_000,
  452_000, 502_000, 777_000, 837_000, 967_000, 1_107_000, 1_482_000,
];

/**
 * The `mmDeduction` of every BTCUSDT row as the recorded `GET /v5/market/risk-limit` answer gives
 * it (erikubingf-del/tradingtest user_data/data/bybit/futures/leverage_tiers_USDT.json at
 * 30f37205, read 2025-12-29, the same 35 rows as a recording of 2024-12-25; the first row's empty
 * deduction is 0), in USDT: rows 1–20 are the page's.
 */
const RECORDED_BTCUSDT_DEDUCTIONS = [
  ...PUBLISHED_BTCUSDT_DEDUCTIONS,
  1_882_000,
  2_307_000,
  2_757_000,
  3_232_000,
  3_732_000,
  5_307_000,
  6_407_000,
  6_982_000,
  9_382_000,
  12_382_000,
  20_382_000,
  50_382_000,
  98_382_000,
  146_382_000,
  226_382_000,
];

/** The 30 hand-chosen perpetuals (the Binance list), all in the 2025-12-29 recording, in its order. */
// prettier-ignore
const RECORDED = [
  'BTC', 'ETH', 'SOL', 'XRP', 'DOGE', 'BNB', 'ADA', 'AVAX', 'LINK', 'DOT',
  'LTC', 'BCH', 'TRX', 'SUI', 'TON', 'NEAR', 'APT', 'ARB', 'OP', 'FIL',
  'ATOM', 'ETC', 'UNI', 'AAVE', 'INJ', 'SEI', 'TIA', 'WIF', '1000PEPE', 'HBAR',
].map((base) => `${base}USDT`);

function bybitAccount(
  side: 'long' | 'short',
  contracts: string,
  entry: string,
  mark: string,
  wallet: string,
) {
  const account = parsePortfolio({
    version: 1,
    asOf: '2026-11-24T00:00:00Z',
    accounts: [
      {
        id: 'bybit',
        venue: 'bybit',
        marginMode: 'cross',
        balances: [{ asset: 'USDT', total: wallet }],
        positions: [
          { symbol: 'BTC/USDT:USDT', side, contracts, entryPrice: entry, markPrice: mark },
        ],
      },
    ],
  }).accounts[0];
  if (!account) throw new Error('no account');
  return account;
}

describe('embedded Bybit risk limits (bybit-tier-tables.ts)', () => {
  it("BTCUSDT: the recursion reproduces every recorded MM deduction, rows 1–20 the page's (golden)", () => {
    const table = bybitEmbeddedTierTable('BTCUSDT');
    const amounts = table?.tiers.map((tier) => tier.maintenanceAmount.toNumber());
    expect(amounts).toEqual(RECORDED_BTCUSDT_DEDUCTIONS);
    expect(amounts?.slice(0, 20)).toEqual(PUBLISHED_BTCUSDT_DEDUCTIONS);
    // Built without the published amounts, the recursion alone gives the same figures.
    const rows = (table?.tiers ?? []).map((tier) => ({
      floor: tier.floor.toString(),
      cap: tier.cap?.toString() ?? null,
      maintenanceMarginRate: tier.maintenanceMarginRate.toString(),
      maxLeverage: tier.maxLeverage,
    }));
    expect(buildTiers(rows, 'recursion').map((tier) => tier.maintenanceAmount.toNumber())).toEqual(
      RECORDED_BTCUSDT_DEDUCTIONS,
    );
  });

  it('BTCUSDT: recorded rates, 100x up to 2,000,000 USDT, all 35 rows to 1,200,000,000 (complete)', () => {
    const table = bybitEmbeddedTierTable('BTCUSDT');
    expect(table?.tiers[0]?.maintenanceMarginRate.toString()).toBe('0.005');
    expect(table?.tiers[1]?.maintenanceMarginRate.toString()).toBe('0.0056');
    expect(table?.tiers[0]?.maxLeverage).toBe(100);
    expect(table?.tiers.length).toBe(35);
    expect(table?.tiers.at(-1)?.cap?.toString()).toBe('1200000000');
    expect(table?.tiers.at(-1)?.maintenanceMarginRate.toString()).toBe('0.6');
    expect(table?.complete).toBe(true);
    expect(table?.asOf).toBe('2025-12-29');
    expect(table?.source).toContain('erikubingf-del/tradingtest');
    expect(table?.source).toContain('30f372055f2e4695ecd9d75d0d2cd39319579ce1');
  });

  it('all 30 hand-chosen perpetuals, none absent; another market has no table', () => {
    expect(bybitEmbeddedMarkets()).toEqual(RECORDED);
    expect(bybitAbsentMarkets()).toEqual([]);
    expect(bybitEmbeddedTierTable('ENAUSDT')).toBeUndefined();
    expect(bybitEmbeddedTierTable('toString')).toBeUndefined();
  });

  it.each(RECORDED)(
    '%s: every recorded deduction is the recursion of its rows; caps rise, rates never fall, leverage never rises',
    (id) => {
      // Building the table checks every deduction against the recursion (tiers.ts).
      const table = bybitEmbeddedTierTable(id);
      expect(table?.symbol).toBe(`${id.replace(/USDT$/, '')}/USDT:USDT`);
      const tiers = table?.tiers ?? [];
      expect(tiers.length).toBeGreaterThan(1);
      tiers.forEach((tier, index) => {
        const where = `${id} row ${index + 1}`;
        // Rate × max leverage below 1: the MM is less than the IM at the tier's max leverage.
        expect(tier.maintenanceMarginRate.mul(tier.maxLeverage).lt(1), where).toBe(true);
        const previous = tiers[index - 1];
        if (previous === undefined) return;
        expect(tier.cap?.gt(previous.cap ?? Infinity), where).toBe(true);
        expect(tier.maintenanceMarginRate.gte(previous.maintenanceMarginRate), where).toBe(true);
        expect(tier.maxLeverage, where).toBeLessThanOrEqual(previous.maxLeverage);
      });
    },
  );

  it('spot checks against the recorded answer (ETHUSDT, DOGEUSDT, SOLUSDT, 1000PEPEUSDT)', () => {
    const eth = bybitEmbeddedTierTable('ETHUSDT')?.tiers ?? [];
    // {"riskLimitValue":"900000","maintenanceMargin":"0.005","maxLeverage":"100.00","mmDeduction":""}
    expect([eth[0]?.cap?.toNumber(), eth[0]?.maintenanceMarginRate.toNumber()]).toEqual([
      900_000, 0.005,
    ]);
    // {"riskLimitValue":"1500000","maintenanceMargin":"0.0063","maxLeverage":"80.00","mmDeduction":"1380"}
    expect(eth[2]?.cap?.toNumber()).toBe(1_500_000);
    expect(eth[2]?.maxLeverage).toBe(80);
    expect(eth[2]?.maintenanceAmount.toNumber()).toBe(1_380);
    // Last row: {"riskLimitValue":"1000000000","maintenanceMargin":"0.6","mmDeduction":"138018220"}
    expect(eth.length).toBe(35);
    expect(eth.at(-1)?.maintenanceAmount.toNumber()).toBe(138_018_220);
    const doge = bybitEmbeddedTierTable('DOGEUSDT')?.tiers ?? [];
    // {"riskLimitValue":"750000","maintenanceMargin":"0.015","maxLeverage":"33.33","mmDeduction":"3125"}
    expect(doge[2]?.maxLeverage).toBe(33.33);
    expect(doge[2]?.maintenanceAmount.toNumber()).toBe(3_125);
    expect(doge.at(-1)?.maintenanceAmount.toNumber()).toBe(36_074_375);
    const sol = bybitEmbeddedTierTable('SOLUSDT')?.tiers ?? [];
    // {"id":281,"symbol":"SOLUSDT","riskLimitValue":"50000","maintenanceMargin":"0.005","maxLeverage":"100.00","mmDeduction":""}
    expect([sol[0]?.cap?.toNumber(), sol[0]?.maintenanceMarginRate.toNumber()]).toEqual([
      50_000, 0.005,
    ]);
    expect(sol[0]?.maxLeverage).toBe(100);
    expect(sol.length).toBe(35);
    const pepe = bybitEmbeddedTierTable('1000PEPEUSDT')?.tiers ?? [];
    // {"riskLimitValue":"15000000","maintenanceMargin":"0.4002","maxLeverage":"1.50","mmDeduction":"2670780"}
    expect(pepe.at(-1)?.maintenanceMarginRate.toNumber()).toBe(0.4002);
    expect(pepe.at(-1)?.maintenanceAmount.toNumber()).toBe(2_670_780);
  });

  it('the margin article example: 2,600,000 USDT of BTCUSDT is in the 0.56% tier, MM = 2,600,000 × 0.56% − 1,200', () => {
    const tiers = bybitEmbeddedTierTable('BTCUSDT')?.tiers ?? [];
    expect(tieredMaintenanceMargin(tiers, new Decimal(2_600_000)).toNumber()).toBe(13_360);
  });

  it('a BTCUSDT position without its own tier takes the embedded table, and the report says so', () => {
    const margin = bybitAccountMargin(
      bybitAccount('long', '2', '92000', '95000', '20000'),
      NO_TABLES,
    );
    const position = margin.positions[0];
    expect(position?.tierOrigin).toBe(TierOrigin.embedded);
    expect(position?.tierTable?.source).toContain('GET /v5/market/risk-limit');
    expect(position?.tierTable?.asOf).toBe('2025-12-29');
    expect(position?.maintenanceMargin).toBe(950);
    // Cross: 20,000 + 2·(P − 92,000) = 0.005·2·P → P = 164,000 / 1.99.
    expect(position?.liquidationPrice).toBeCloseTo(164_000 / 1.99, 6);
  });

  it('equity = MM at the liquidation price, with the tier of the notional there (property)', () => {
    const tiers = bybitEmbeddedTierTable('BTCUSDT')?.tiers ?? [];
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.double({ min: 0.01, max: 700, noNaN: true }),
        fc.double({ min: 0.02, max: 0.5, noNaN: true }),
        (long, quantity, marginFraction) => {
          const entry = 100_000;
          const contracts = quantity.toFixed(3);
          const wallet = (Number(contracts) * entry * marginFraction).toFixed(2);
          const margin = bybitAccountMargin(
            bybitAccount(long ? 'long' : 'short', contracts, String(entry), String(entry), wallet),
            NO_TABLES,
          );
          const price = margin.positions[0]?.liquidationPrice;
          if (price === null || price === undefined) return long;
          const q = new Decimal(contracts);
          const p = new Decimal(price);
          const equity = new Decimal(wallet).plus(q.mul(p.minus(entry)).mul(long ? 1 : -1));
          const maintenance = tieredMaintenanceMargin(tiers, q.mul(p));
          return equity.minus(maintenance).abs().lte(q.mul(entry).mul(1e-9));
        },
      ),
      { seed: 20261124, numRuns: 300 },
    );
  });

  it("a position above the page's 20 rows is priced on the recorded rows (90,000,000 USDT: 5.5% − 2,307,000)", () => {
    const margin = bybitAccountMargin(
      bybitAccount('long', '1000', '90000', '90000', '9000000'),
      NO_TABLES,
    );
    expect(margin.positions[0]?.maintenanceMargin).toBe(90_000_000 * 0.055 - 2_307_000);
  });

  it('ENAUSDT has no embedded table (not one of the 30): the refusal says what to add', () => {
    const account = parsePortfolio({
      version: 1,
      asOf: '2026-11-24T00:00:00Z',
      accounts: [
        {
          id: 'bybit',
          venue: 'bybit',
          marginMode: 'cross',
          balances: [{ asset: 'USDT', total: '1000' }],
          positions: [
            {
              symbol: 'ENA/USDT:USDT',
              side: 'long',
              contracts: '1',
              entryPrice: '0.5',
              markPrice: '0.5',
            },
          ],
        },
      ],
    }).accounts[0];
    if (!account) throw new Error('no account');
    expect(() => bybitAccountMargin(account, NO_TABLES)).toThrow(
      'account "bybit" position "ENA/USDT:USDT": no embedded Bybit tier table for ENAUSDT and no tierTables entry for bybit ENA/USDT:USDT; add maintenanceMarginRate and maintenanceAmount (the tier in force) to the position, or the venue\'s table (public GET /v5/market/risk-limit',
    );
  });

  it('SOLUSDT, absent from the old recording, is priced by its own recorded rows', () => {
    const tiers = bybitEmbeddedTierTable('SOLUSDT')?.tiers ?? [];
    // Row 2: {"riskLimitValue":"100000","maintenanceMargin":"0.0056","maxLeverage":"90.00","mmDeduction":"30"}:
    // 400 SOL at 200 = 80,000 USDT, MM = 80,000 × 0.56% − 30 = 418 USDT.
    expect(tieredMaintenanceMargin(tiers, new Decimal(80_000)).toNumber()).toBeCloseTo(418, 9);
    expect(tiers[1]?.maxLeverage).toBe(90);
  });
});
