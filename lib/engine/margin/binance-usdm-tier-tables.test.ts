import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { calculateRiskReport } from '../measure/calculate-risk-report';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import brackets from './binance-usdm-brackets-2024-10-24.json';
import {
  BINANCE_USDM_TIERS_AS_OF,
  BINANCE_USDM_TIERS_SOURCE,
  binanceUsdmEmbeddedMarkets,
  binanceUsdmEmbeddedTierTable,
  binanceUsdmEmbeddedTiers,
} from './binance-usdm-tier-tables';

/**
 * The embedded Binance USDⓈ-M brackets (binance-usdm-brackets-2024-10-24.json, written by
 * scripts/extract-binance-brackets.ts from freqtrade's record of `GET /fapi/v1/leverageBracket`
 * at commit 3d9514d2660c42dfdbde517f7b421d1a5cf4f196, 2024-10-24).
 */
const TABLES: Readonly<
  Record<
    string,
    readonly { notionalFloor: string; notionalCap: string; maintMarginRatio: string; cum: string }[]
  >
> = brackets.brackets;

// prettier-ignore
const HAND_CHOSEN = [
  'BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'XRPUSDT', 'DOGEUSDT', 'BNBUSDT', 'ADAUSDT', 'AVAXUSDT',
  'LINKUSDT', 'DOTUSDT', 'LTCUSDT', 'BCHUSDT', 'TRXUSDT', 'SUIUSDT', 'TONUSDT', 'NEARUSDT',
  'APTUSDT', 'ARBUSDT', 'OPUSDT', 'FILUSDT', 'ATOMUSDT', 'ETCUSDT', 'UNIUSDT', 'AAVEUSDT',
  'INJUSDT', 'SEIUSDT', 'TIAUSDT', 'WIFUSDT', '1000PEPEUSDT', 'HBARUSDT',
];

describe('embedded Binance USDⓈ-M brackets', () => {
  it('hold the 30 hand-chosen perpetuals, with the data file’s source and date', () => {
    expect(binanceUsdmEmbeddedMarkets()).toEqual(HAND_CHOSEN);
    expect(BINANCE_USDM_TIERS_AS_OF).toBe('2024-10-24');
    expect(BINANCE_USDM_TIERS_SOURCE).toBe(
      'Binance GET /fapi/v1/leverageBracket, as recorded in freqtrade/freqtrade binance_leverage_tiers.json at 3d9514d2660c42dfdbde517f7b421d1a5cf4f196 (2024-10-24)',
    );
  });

  it.each(HAND_CHOSEN)(
    '%s: every published cum follows the recursion, caps increase, floors continue',
    (market) => {
      const rows = TABLES[market] ?? [];
      const tiers = binanceUsdmEmbeddedTiers(market) ?? [];
      expect(tiers).toHaveLength(rows.length);
      // cum_1 = 0, cum_n = floor_n × (MMR_n − MMR_{n−1}) + cum_{n−1} (tiers.ts), exactly.
      let previousRate = new Decimal(0);
      let previousCum = new Decimal(0);
      let previousCap = new Decimal(0);
      for (const [index, row] of rows.entries()) {
        const floor = new Decimal(row.notionalFloor);
        const cap = new Decimal(row.notionalCap);
        const rate = new Decimal(row.maintMarginRatio);
        const cum = floor.mul(rate.minus(previousRate)).plus(previousCum);
        expect(cum.eq(row.cum), `${market} bracket ${index + 1} cum`).toBe(true);
        expect(tiers[index]?.maintenanceAmount.eq(row.cum)).toBe(true);
        expect(floor.eq(previousCap), `${market} bracket ${index + 1} floor`).toBe(true);
        expect(cap.gt(floor), `${market} bracket ${index + 1} cap`).toBe(true);
        expect(rate.gt(previousRate), `${market} bracket ${index + 1} rate`).toBe(true);
        previousRate = rate;
        previousCum = cum;
        previousCap = cap;
      }
    },
  );

  it('keeps the BTCUSDT and ETHUSDT brackets the worked examples use', () => {
    // Bracket 2 of both: 50,000–600,000 USDT at 0.5%, cum 50, 100x (test/portfolios/true-margin-books.ts).
    for (const market of ['BTCUSDT', 'ETHUSDT']) {
      const tier = binanceUsdmEmbeddedTiers(market)?.[1];
      expect(tier?.floor.toNumber()).toBe(50_000);
      expect(tier?.cap?.toNumber()).toBe(600_000);
      expect(tier?.maintenanceMarginRate.toNumber()).toBe(0.005);
      expect(tier?.maintenanceAmount.toNumber()).toBe(50);
      expect(tier?.maxLeverage).toBe(100);
    }
    expect(binanceUsdmEmbeddedTiers('BTCUSDT')?.at(-1)?.cap?.toNumber()).toBe(1_800_000_000);
  });

  it('has no table for a perpetual outside the list', () => {
    expect(binanceUsdmEmbeddedTierTable('MATICUSDT', 'MATIC/USDT:USDT')).toBeUndefined();
    expect(binanceUsdmEmbeddedTierTable('toString', 'X/USDT:USDT')).toBeUndefined();
  });
});

describe('a file position on a perpetual with embedded brackets and no tiers', () => {
  // 1,000 SOL long at 140, mark 150: notional 150,000 USDT, in SOLUSDT bracket 3 as embedded.
  it('is charged notional × MMR − cum of its bracket, and named as embedded', () => {
    expect(TABLES.SOLUSDT?.[2]).toEqual({
      notionalFloor: '100000',
      notionalCap: '800000',
      maintMarginRatio: '0.01',
      cum: '380.0',
      initialLeverage: '50',
    });
    const report = calculateRiskReport(
      parsePortfolio({
        version: 1,
        asOf: '2025-02-11T00:00:00Z',
        accounts: [
          {
            id: 'sol',
            venue: 'binanceusdm',
            marginMode: 'cross',
            balances: [{ asset: 'USDT', total: '20000' }],
            positions: [
              {
                symbol: 'SOL/USDT:USDT',
                side: 'long',
                contracts: '1000',
                entryPrice: '140',
                markPrice: '150',
              },
            ],
          },
        ],
      }),
    );
    expect(report.refusals).toEqual([]);
    const position = report.accounts[0]?.positions[0];
    // MM = 150,000 × 0.01 − 380 = 1,120 USDT.
    expect(position?.maintenanceMargin).toBeCloseTo(1_120, 9);
    expect(position).toMatchObject({
      maintenanceMarginRate: 0.01,
      maxLeverage: 50,
      tierOrigin: 'embedded',
      tierTable: { source: BINANCE_USDM_TIERS_SOURCE, asOf: '2024-10-24' },
    });
    // Binance's cross liquidation price (one position, no other margin): 20,000 + 1,000·(P − 140)
    // = 1,000·P·0.01 − 380, so P = (140,000 − 20,000 − 380) / 990 = 120.8283…; its notional
    // 120,828 stays in bracket 3.
    expect(position?.liquidationPrice).toBeCloseTo(119_620 / 990, 9);
  });
});
