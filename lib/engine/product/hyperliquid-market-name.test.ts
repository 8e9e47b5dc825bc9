import { describe, expect, it } from 'vitest';
import {
  hip3MarketOfBase,
  hyperliquidBase,
  hyperliquidMarketName,
  hyperliquidSymbol,
} from './hyperliquid-market-name';
import { parseSymbol } from './parse-symbol';

describe('Hyperliquid market names', () => {
  it.each([
    ['BTC', 'USDC', 'BTC/USDC:USDC', 'BTC'],
    ['kPEPE', 'USDC', 'KPEPE/USDC:USDC', 'KPEPE'],
    ['xyz:NVDA', 'USDC', 'XYZ-NVDA/USDC:USDC', 'xyz:NVDA'],
    ['flx:TSLA', 'USDH', 'FLX-TSLA/USDH:USDH', 'flx:TSLA'],
  ])('%s settled in %s is ccxt’s %s, shown as %s', (coin, collateral, symbol, shown) => {
    expect(hyperliquidSymbol(coin, collateral)).toBe(symbol);
    // The symbol the adapter writes is one the parser reads back, to the same base.
    const parsed = parseSymbol(symbol);
    expect('error' in parsed ? parsed.error : parsed.base).toBe(hyperliquidBase(coin));
    expect(hyperliquidMarketName(hyperliquidBase(coin))).toBe(shown);
  });

  it('splits a HIP-3 base into its dex (lower-case, as the venue writes it) and asset', () => {
    expect(hip3MarketOfBase('XYZ-NVDA')).toEqual({ dex: 'xyz', asset: 'NVDA' });
    expect(hip3MarketOfBase('BTC')).toBeUndefined();
    expect(hip3MarketOfBase('A-B-C')).toBeUndefined();
  });
});
