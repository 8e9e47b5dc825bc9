import { BadResponse } from 'ccxt-src/base/errors.js';
import { describe, expect, it } from 'vitest';
import klinesFixture from '../../test/fake-exchange/api/fixtures/market/binance-klines-1d.json';
import premiumFixture from '../../test/fake-exchange/api/fixtures/market/binance-premium-index.json';
import { parseDailyKlines } from './binance-daily-klines';
import { parsePremiumIndex } from './binance-premium-index';
import {
  deribitCurrencyOf,
  deribitOptionSymbol,
  parseOptionBookSummary,
} from './deribit-option-marks';

const NOW = Date.parse('2025-02-11T12:00:00Z');

describe('parsePremiumIndex', () => {
  it('reads the rows asked for and ignores others, e.g. a delivery contract with no funding rate', () => {
    const quotes = parsePremiumIndex(premiumFixture.response, new Set(['BTCUSDT', 'XYZUSDT']));
    expect([...quotes.keys()]).toEqual(['BTCUSDT']);
    expect(quotes.get('BTCUSDT')?.indexPrice.toString()).toBe('95057.5390625');
    expect(() => parsePremiumIndex(premiumFixture.response, new Set(['BTCUSDT_250328']))).toThrow(
      '[3] BTCUSDT_250328.lastFundingRate must be a decimal string, got ""',
    );
  });

  it('refuses a payload that is not a list, or a row without a symbol', () => {
    expect(() => parsePremiumIndex({ code: -1121 }, new Set())).toThrow(BadResponse);
    expect(() => parsePremiumIndex([{ markPrice: '1' }], new Set())).toThrow(
      'binanceusdm GET /fapi/v1/premiumIndex: [0].symbol must be a string, got nothing',
    );
  });
});

describe('parseDailyKlines', () => {
  it('keeps the complete days only, dated by their UTC day', () => {
    const candles = parseDailyKlines('BTCUSDT', klinesFixture.klines.BTCUSDT, NOW);
    expect(candles).toHaveLength(249);
    expect(candles[0]?.date).toBe('2024-06-07');
    expect(candles.at(-1)?.date).toBe('2025-02-10');
    expect(candles.at(-1)?.close.toString()).toBe('97437.5546875');
    // At 00:00 UTC the day before has closed: 250 days.
    expect(
      parseDailyKlines('BTCUSDT', klinesFixture.klines.BTCUSDT, Date.parse('2025-02-12')),
    ).toHaveLength(250);
  });

  it('refuses candles that are not daily UTC candles, or out of order', () => {
    const rows = klinesFixture.klines.BTCUSDT.slice(0, 3);
    const shifted = rows.map((row, index) =>
      index === 1 ? [(row[0] as number) + 3_600_000, ...row.slice(1)] : row,
    );
    expect(() => parseDailyKlines('BTCUSDT', shifted, NOW)).toThrow(
      'binanceusdm GET /fapi/v1/klines BTCUSDT: [1][0] (openTime) must open a daily candle (at 00:00 UTC',
    );
    expect(() => parseDailyKlines('BTCUSDT', [rows[1], rows[0]], NOW)).toThrow(
      "binanceusdm GET /fapi/v1/klines BTCUSDT: [1][0] (openTime) must come after the previous candle's: candles are in increasing time order",
    );
  });
});

describe('Deribit option names', () => {
  it.each([
    ['BTC-27DEC24-100000-C', 'BTC/USD:BTC-241227-100000-C', 'BTC'],
    ['ETH-5AUG16-580-P', 'ETH/USD:ETH-160805-580-P', 'ETH'],
    ['SOL_USDC-28MAR25-200-C', 'SOL/USDC:USDC-250328-200-C', 'USDC'],
    ['XRP_USDC-30JUN23-0d625-C', 'XRP/USDC:USDC-230630-0.625-C', 'USDC'],
  ])('%s ↔ %s (currency %s)', (name, symbol, currency) => {
    expect(deribitOptionSymbol(name)).toBe(symbol);
    expect(deribitCurrencyOf(symbol)).toBe(currency);
  });

  it('leaves other instruments and symbols alone', () => {
    expect(deribitOptionSymbol('BTC-PERPETUAL')).toBeUndefined();
    expect(deribitOptionSymbol('BTC-27DEC24')).toBeUndefined();
    expect(deribitOptionSymbol('BTC-27XYZ24-100000-C')).toBeUndefined();
    expect(deribitCurrencyOf('BTC/USDT:USDT')).toBeUndefined();
    expect(deribitCurrencyOf('BTC/USDT:USDT-250328-90000-C')).toBe('USDT');
  });

  it('names a bad mark_iv', () => {
    const payload = {
      jsonrpc: '2.0',
      result: [
        {
          instrument_name: 'BTC-28MAR25-90000-P',
          mark_iv: 0,
          mark_price: 0.05,
          underlying_price: 95000,
        },
      ],
    };
    expect(() =>
      parseOptionBookSummary('BTC', payload, new Set(['BTC/USD:BTC-250328-90000-P'])),
    ).toThrow(
      'deribit GET /api/v2/public/get_book_summary_by_currency BTC: result[0] BTC-28MAR25-90000-P.mark_iv must be positive, got 0',
    );
  });
});
