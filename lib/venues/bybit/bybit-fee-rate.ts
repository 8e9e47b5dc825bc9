import Decimal from 'decimal.js';
import { PayloadReader } from '../api/payload-reader';

/**
 * The key's taker fee rate on one Bybit perpetual or future, from `GET /v5/account/fee-rate`
 * (https://bybit-exchange.github.io/docs/v5/account/fee-rate), asked per `category` (`linear`,
 * `inverse`) and `symbol`: `result.list[]` of `{ symbol, takerFeeRate, makerFeeRate }`, rates as
 * decimal strings ("0.0006" is 0.06%). Bybit adds the estimated fee to close — this rate on the
 * position's value at its bankruptcy price — to each position's initial and maintenance margin
 * (lib/engine/margin/bybit-fee-to-close.ts), so the liquidation price needs it.
 *
 * ccxt's `fetchTradingFee` reads this endpoint but returns the rate as a float, so the endpoint is
 * read here directly and the rate passed on as Bybit's decimal string.
 *
 * The file's `takerFeeRate` is the fee charged, a fraction ≥ 0: a negative taker rate (a rebate,
 * which some market-maker schedules pay) is no charge, and the position carries the rate 0. An
 * answer without the symbol's row leaves the position without a rate: the engine then counts no
 * fee and the report says the rate is unknown (`feeToClose.takerFeeRate` null), rather than the
 * whole read failing for one figure.
 */
export const BYBIT_FEE_RATE_ENDPOINT = 'GET /v5/account/fee-rate';

export type BybitTakerFee =
  | { readonly charged: string }
  /** Bybit pays the key a rebate on taker trades: no fee is charged to close. */
  | { readonly rebate: string }
  /** The answer holds no row for the symbol. */
  | { readonly unknown: true };

/** The taker fee of `symbol` (Bybit's id, `BTCUSDT`) in `category` (`linear` or `inverse`). */
export function parseBybitTakerFee(
  response: unknown,
  category: string,
  symbol: string,
): BybitTakerFee {
  const reader = new PayloadReader(
    'bybit',
    `${BYBIT_FEE_RATE_ENDPOINT}?category=${category}&symbol=${symbol}`,
  );
  const result = reader.object(reader.object(response, 'response').result, 'result');
  const rows = reader
    .array(result.list, 'result.list')
    .map((raw, index) => reader.object(raw, `result.list[${index}]`))
    .filter((row) => row.symbol === symbol);
  if (rows.length === 0) return { unknown: true };
  if (rows.length > 1)
    reader.fail('result.list', `holds ${rows.length} fee rates for "${symbol}", expected 1`);
  const field = `result.list "${symbol}" takerFeeRate`;
  const rate = new Decimal(
    reader.decimal((rows[0] as Record<string, unknown>).takerFeeRate, field),
  );
  if (rate.abs().gt(0.01)) reader.fail(field, `is ${rate.toString()}, not a fee rate (at most 1%)`);
  return rate.lt(0) ? { rebate: rate.neg().toString() } : { charged: rate.toString() };
}
