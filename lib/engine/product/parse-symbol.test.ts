import { describe, expect, it } from 'vitest';
import { parseSymbol } from './parse-symbol';
import { InstrumentKind } from './types';

describe('parseSymbol', () => {
  it('reads the ccxt forms of spot, linear and inverse perpetuals', () => {
    expect(parseSymbol('BTC/USDT')).toEqual({
      symbol: 'BTC/USDT',
      kind: InstrumentKind.spot,
      base: 'BTC',
      quote: 'USDT',
      settle: 'USDT',
    });
    expect(parseSymbol('BTC/USDT:USDT')).toMatchObject({ kind: InstrumentKind.linearPerpetual });
    expect(parseSymbol('BTC/USD:BTC')).toMatchObject({ kind: InstrumentKind.inversePerpetual });
  });

  it.each([
    ['XYZ-AAPL/USDC:USDC', 'XYZ-AAPL', 'USDC'],
    ['XYZ-NVDA/USDC:USDC', 'XYZ-NVDA', 'USDC'],
    ['FLX-TSLA/USDH:USDH', 'FLX-TSLA', 'USDH'],
  ])(
    'reads the Hyperliquid HIP-3 perpetual %s (ccxt: dex and coin joined by a hyphen)',
    (symbol, base, settle) => {
      expect(parseSymbol(symbol)).toEqual({
        symbol,
        kind: InstrumentKind.linearPerpetual,
        base,
        quote: settle,
        settle,
      });
    },
  );

  it.each([
    // A HIP-3 base is only a perpetual's settled in its quote.
    'XYZ-NVDA/USDC',
    'XYZ-NVDA/USDC:USDC-261225',
    'XYZ-NVDA/USD:USDC',
  ])('refuses the HIP-3 base outside a linear perpetual: %s', (symbol) => {
    expect(parseSymbol(symbol)).toEqual({
      error: `"${symbol}" has a Hyperliquid HIP-3 base (dex-coin), which only a perpetual settled in its quote has, such as XYZ-NVDA/USDC:USDC`,
    });
  });

  it.each([
    'XYZ-/USDC:USDC',
    '-NVDA/USDC:USDC',
    'A-B-C/USDC:USDC',
    'xyz-NVDA/USDC:USDC',
    'XYZ:NVDA/USDC:USDC',
  ])('refuses %j as no ccxt symbol', (symbol) => {
    expect(parseSymbol(symbol)).toEqual({
      error: `"${symbol}" is not a ccxt unified symbol such as BTC/USDT:USDT`,
    });
  });
});
