import Decimal from 'decimal.js';
import { PayloadReader } from '../api/payload-reader';

/**
 * The USD index price at which Bybit values each collateral coin of a Unified Trading Account
 * ("Understanding Collateral Value Ratios in Unified Trading Account",
 * https://www.bybit.com/en/help-center/article/Assets-Collateral-Value-Ratio-List-UTA):
 *   USD Index Price = USDT Perpetual Index Price × USDT Conversion Rate,
 *   USDT Conversion Rate = BTCUSD Index Price / BTCUSDT Index Price
 * read from the public `GET /v5/market/tickers` (https://bybit-exchange.github.io/docs/v5/market/
 * tickers): a coin's own figure is the spot ticker's `usdIndexPrice` ("USD index price, used to
 * calculate USD value of the assets in Unified account; non-collateral margin coin returns \"\"")
 * of `COINUSDT`; USDT's is the conversion rate itself, from the `indexPrice` of the inverse
 * `BTCUSD` and the linear `BTCUSDT` tickers. Prices are decimal strings in USD.
 */
export const BYBIT_TICKERS_ENDPOINT = 'GET /v5/market/tickers';

export type BybitTickerCategory = 'spot' | 'linear' | 'inverse';

/** One ticker's price field (`usdIndexPrice`, `indexPrice` or `lastPrice`); undefined when Bybit writes "". */
export function readBybitTickerPrice(
  response: unknown,
  category: BybitTickerCategory,
  symbol: string,
  field: 'usdIndexPrice' | 'indexPrice' | 'lastPrice',
): string | undefined {
  const reader = new PayloadReader(
    'bybit',
    `${BYBIT_TICKERS_ENDPOINT}?category=${category}&symbol=${symbol}`,
  );
  const result = reader.object(reader.object(response, 'response').result, 'result');
  const ticker = reader
    .array(result.list, 'result.list')
    .map((raw, index) => reader.object(raw, `result.list[${index}]`))
    .find((entry) => entry.symbol === symbol);
  if (ticker === undefined) return reader.fail('result.list', `has no ticker for "${symbol}"`);
  if (ticker[field] === '') return undefined;
  return reader.decimal(ticker[field], `result.list "${symbol}" ${field}`, 'positive');
}

/** USDT's USD index price: BTCUSD index / BTCUSDT index (decimal string, 12 decimals). */
export function bybitUsdtConversionRate(btcUsdIndex: string, btcUsdtIndex: string): string {
  return new Decimal(btcUsdIndex).div(btcUsdtIndex).toDecimalPlaces(12).toFixed();
}
