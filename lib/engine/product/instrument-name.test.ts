import { describe, expect, it } from 'vitest';
import { instrumentName, instrumentNames } from './instrument-name';

describe('instrumentName', () => {
  it.each([
    // Perpetuals: a USD or USD-stablecoin quote is left out, linear or inverse.
    ['BTC/USDT:USDT', 'BTC perp'],
    ['BTC/USDC:USDC', 'BTC perp'],
    ['BTC/USD:BTC', 'BTC perp'],
    ['1000PEPE/USDT:USDT', '1000PEPE perp'],
    // Any other quote is written: prices are in it.
    ['ETH/BTC:BTC', 'ETH/BTC perp'],
    // Futures and options: the expiry's date (08:00 UTC), the strike with separators.
    ['BTC/USD:BTC-261225', 'BTC 25 Dec 26 future'],
    ['BTC/USDT:USDT-260605', 'BTC 5 Jun 26 future'],
    ['ETH/USD:ETH-260327-3000-C', 'ETH 27 Mar 26 3,000 C'],
    ['BTC/USDC:USDC-261225-85000-P', 'BTC 25 Dec 26 85,000 P'],
    ['XRP/USDC:USDC-270129-0.5-C', 'XRP 29 Jan 27 0.5 C'],
    ['BTC/USD:BTC-300101-105000.5-P', 'BTC 1 Jan 30 105,000.5 P'],
    // Hyperliquid HIP-3: the dex as Hyperliquid writes it.
    ['XYZ-NVDA/USDC:USDC', 'xyz:NVDA perp'],
    ['FLX-TSLA/USDH:USDH', 'flx:TSLA/USDH perp'],
    // Spot.
    ['BTC/USDT', 'BTC spot'],
    ['ETH/BTC', 'ETH/BTC spot'],
  ])('%s → %s', (symbol, name) => {
    expect(instrumentName(symbol)).toBe(name);
  });

  it.each([
    '',
    'BTCUSDT',
    'btc/usdt:usdt',
    'BTC-PERPETUAL',
    'BTC/USDT:ETH',
    // Not calendar dates: the parser refuses them, the symbol comes back.
    'BTC/USD:BTC-261325',
    'BTC/USD:BTC-260230-3000-C',
    'BTC/USD:BTC-261225-3000-X',
    'XYZ-/USDC:USDC',
    'A-B-C/USDC:USDC',
  ])('returns %j as given (never throws)', (symbol) => {
    expect(instrumentName(symbol)).toBe(symbol);
  });
});

describe('instrumentNames', () => {
  it('adds the settlement only where two symbols in one view read the same', () => {
    const names = instrumentNames([
      'BTC/USDT:USDT',
      'BTC/USD:BTC',
      'BTC/USDC:USDC',
      'ETH/USDT:USDT',
      'BTC/USD:BTC-261225',
      'BTC/USDT:USDT',
    ]);
    expect([...names]).toEqual([
      ['BTC/USDT:USDT', 'BTC perp (USDT)'],
      ['BTC/USD:BTC', 'BTC perp (inverse)'],
      ['BTC/USDC:USDC', 'BTC perp (USDC)'],
      ['ETH/USDT:USDT', 'ETH perp'],
      ['BTC/USD:BTC-261225', 'BTC 25 Dec 26 future'],
    ]);
  });

  it('tells linear from inverse options of one series', () => {
    const names = instrumentNames(['BTC/USD:BTC-261225-100000-C', 'BTC/USDC:USDC-261225-100000-C']);
    expect(names.get('BTC/USD:BTC-261225-100000-C')).toBe('BTC 25 Dec 26 100,000 C (inverse)');
    expect(names.get('BTC/USDC:USDC-261225-100000-C')).toBe('BTC 25 Dec 26 100,000 C (USDC)');
  });

  it('names the quote of inverse contracts that differ by quote only', () => {
    const names = instrumentNames(['BTC/USD:BTC', 'BTC/USDT:BTC']);
    expect(names.get('BTC/USD:BTC')).toBe('BTC perp (USD inverse)');
    expect(names.get('BTC/USDT:BTC')).toBe('BTC perp (USDT inverse)');
  });

  it('keeps plain names when nothing collides, and unparseable symbols as given', () => {
    const names = instrumentNames(['XYZ-NVDA/USDC:USDC', 'NVDA/USDC:USDC', 'not a symbol']);
    expect([...names.values()]).toEqual(['xyz:NVDA perp', 'NVDA perp', 'not a symbol']);
    expect(instrumentNames([]).size).toBe(0);
  });
});
