import { describe, expect, it } from 'vitest';
import { accountName, durationText, positionName, sigmaMeaning } from './alert-names';

describe('alert names', () => {
  it('names an account by venue and the trader’s label, without repeating the venue', () => {
    expect(accountName('binanceusdm', 'Main')).toBe('Binance USDⓈ-M futures (Main)');
    expect(accountName('hyperliquid', 'hyperliquid')).toBe('Hyperliquid');
    expect(accountName('bybit', 'Bybit')).toBe('Bybit');
    expect(accountName('bybit', ' ')).toBe('Bybit');
    expect(accountName('binanceusdm', 'Main (USDT)')).toBe('Binance USDⓈ-M futures (Main, USDT)');
  });

  it('names a position by its plain instrument name, never a ccxt symbol', () => {
    expect(positionName('bybit', 'hedge', 'BTC/USDT:USDT', 'short')).toBe(
      'Bybit (hedge) BTC perp short',
    );
    expect(positionName('deribit', 'deribit', 'BTC/USD:BTC-261225', 'long')).toBe(
      'Deribit BTC 25 Dec 26 future long',
    );
  });

  it('explains σ for the report’s horizon', () => {
    expect(sigmaMeaning(24)).toBe("daily σ = a typical day's move of the price");
    expect(sigmaMeaning(8)).toBe('8 h σ = a typical 8-hour move of the price');
  });

  it('writes durations to the minute', () => {
    expect(durationText(1320)).toBe('22 min');
    expect(durationText(29)).toBe('0 min');
    expect(durationText(3 * 3600 + 300)).toBe('3 h 5 min');
    expect(durationText(3 * 86_400)).toBe('3 days');
  });
});
