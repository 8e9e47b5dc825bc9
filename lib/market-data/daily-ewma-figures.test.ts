import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import klinesFixture from '../../test/fake-exchange/api/fixtures/market/binance-klines-1d.json';
import type { DailyCandle } from './binance-daily-klines';
import { dailyEwmaFigures } from './daily-ewma-figures';
import { DEFAULT_MARKET } from '../engine/market/default-market';
import { volForecastLabel } from '../engine/market/vol-forecast';

const FORECAST_LABEL = volForecastLabel(DEFAULT_MARKET.volForecast);

const NOW = Date.parse('2025-02-11T12:00:00Z');
const DAY_MS = 86_400_000;

/** The fixture's complete daily candles of one contract (2024-06-07 … 2025-02-10). */
function candles(contract: 'BTCUSDT' | 'ETHUSDT' | 'SOLUSDT'): DailyCandle[] {
  return (klinesFixture.klines[contract] as unknown[][])
    .filter((row) => (row[6] as number) < NOW)
    .map((row) => ({
      date: new Date(row[0] as number).toISOString().slice(0, 10),
      close: new Decimal(row[4] as string),
      closeTime: (row[0] as number) + DAY_MS - 1,
    }));
}

describe('dailyEwmaFigures', () => {
  it('names one venue when all candles are its own, and no window when every history is as long', () => {
    const figures = dailyEwmaFigures(
      {
        BTC: { candles: candles('BTCUSDT'), venue: 'Binance USDⓈ-M' },
        ETH: { candles: candles('ETHUSDT'), venue: 'Binance USDⓈ-M' },
      },
      NOW,
    );
    expect(figures.method).toBe(
      `${FORECAST_LABEL} of 248 daily log-returns to 2025-02-10 (Binance USDⓈ-M daily candles)`,
    );
    expect(figures.asOf).toBe('2025-02-10T23:59:59.999Z');
    expect(Object.keys(figures.correlations)).toEqual(['BTC/ETH']);
  });

  it('says on which days correlations are estimated when a younger market shortens them', () => {
    const figures = dailyEwmaFigures(
      {
        BTC: { candles: candles('BTCUSDT'), venue: 'Binance USDⓈ-M' },
        SOL: { candles: candles('SOLUSDT').slice(-100), venue: 'Hyperliquid' },
      },
      NOW,
    );
    expect(figures.method).toBe(
      `${FORECAST_LABEL} of 99–248 daily log-returns to 2025-02-10 (daily candles: Binance USDⓈ-M for BTC; Hyperliquid for SOL); correlations on the 99 days all have in common, 2024-11-04 to 2025-02-10`,
    );
    // The correlation is that of the common days only: the same as from BTC's last 100 closes.
    const common = dailyEwmaFigures(
      {
        BTC: { candles: candles('BTCUSDT').slice(-100), venue: 'Binance USDⓈ-M' },
        SOL: { candles: candles('SOLUSDT').slice(-100), venue: 'Hyperliquid' },
      },
      NOW,
    );
    expect(figures.correlations['BTC/SOL']).toBe(common.correlations['BTC/SOL']);
    expect(figures.annualVols.BTC).not.toBe(common.annualVols.BTC);
  });

  it('says when no asset had enough history', () => {
    expect(dailyEwmaFigures({}, NOW)).toEqual({
      asOf: '2025-02-11T12:00:00.000Z',
      method: `${FORECAST_LABEL}: no asset with enough daily history`,
      forecast: DEFAULT_MARKET.volForecast,
      annualVols: {},
      correlations: {},
    });
  });
});
