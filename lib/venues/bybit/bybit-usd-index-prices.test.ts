import { describe, expect, it } from 'vitest';
import { bybitUsdtConversionRate, readBybitTickerPrice } from './bybit-usd-index-prices';

/** `GET /v5/market/tickers` answers (docs/v5/market/tickers), the fields the adapter reads. */
function tickers(category: string, list: readonly object[]) {
  return { retCode: 0, retMsg: 'OK', result: { category, list } };
}

describe('Bybit USD index prices', () => {
  it('reads a spot usdIndexPrice, and "" (a coin that is not collateral) as none', () => {
    const answer = tickers('spot', [
      { symbol: 'BTCUSDT', lastPrice: '92003.5', usdIndexPrice: '92009.2' },
      { symbol: 'PEPEUSDT', lastPrice: '0.00001', usdIndexPrice: '' },
    ]);
    expect(readBybitTickerPrice(answer, 'spot', 'BTCUSDT', 'usdIndexPrice')).toBe('92009.2');
    expect(readBybitTickerPrice(answer, 'spot', 'PEPEUSDT', 'usdIndexPrice')).toBeUndefined();
    expect(() => readBybitTickerPrice(answer, 'spot', 'ETHUSDT', 'usdIndexPrice')).toThrow(
      'bybit GET /v5/market/tickers?category=spot&symbol=ETHUSDT: result.list has no ticker for "ETHUSDT"',
    );
    expect(() =>
      readBybitTickerPrice(
        tickers('linear', [{ symbol: 'BTCUSDT', indexPrice: '-1' }]),
        'linear',
        'BTCUSDT',
        'indexPrice',
      ),
    ).toThrow('result.list "BTCUSDT" indexPrice');
  });

  it('gives USDT the conversion rate BTCUSD index / BTCUSDT index', () => {
    // 92,009.2 / 92,000 = 1.0001 exactly; 95,000 / 95,047.5 = 0.99950024987506… to 12 places.
    expect(bybitUsdtConversionRate('92009.2', '92000')).toBe('1.0001');
    expect(bybitUsdtConversionRate('95000', '95047.5')).toBe('0.999500249875');
  });
});
