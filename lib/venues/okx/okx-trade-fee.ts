import Decimal from 'decimal.js';
import { PayloadReader } from '../api/payload-reader';

/**
 * The key's taker fee rate on OKX swaps and futures, from `GET /api/v5/account/trade-fee`
 * (https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-fee-rates), asked per
 * `instType` and `instFamily`. OKX liquidates an isolated position when its equity reaches the
 * maintenance margin plus the fee to close it (lib/engine/margin/okx.ts), so the liquidation price
 * needs this rate.
 *
 * The response's rates by margin currency, for SWAP and FUTURES (that page):
 * - `takerU`: USDT-margined contracts;
 * - `takerUSDC`: USDC-margined contracts;
 * - `taker`: crypto-margined (inverse) contracts.
 * OKX writes a fee as a negative rate and a rebate as a positive one ("-0.0005" is a 0.05% fee).
 * ccxt's `fetchTradingFee` reads `taker` before `takerU`, the crypto-margined rate for a USDT
 * contract, so the endpoint is read here directly.
 *
 * The file's `takerFeeRate` is the fee charged, a fraction ≥ 0: a taker rebate (positive rate) is
 * no charge, and the position carries no rate (0 in the engine), said in the result.
 */
export const OKX_TRADE_FEE_ENDPOINT = 'GET /api/v5/account/trade-fee';

export type OkxTakerFee =
  | { readonly charged: string }
  /** OKX pays the key a rebate on taker trades: no fee is charged at liquidation. */
  | { readonly rebate: string };

/**
 * The taker fee of `instFamily`'s contracts margined in `marginCurrency` ("USDT", "USDC", or the
 * coin of an inverse contract).
 */
export function parseOkxTakerFee(
  response: unknown,
  instFamily: string,
  marginCurrency: string,
): OkxTakerFee {
  const reader = new PayloadReader('okx', `${OKX_TRADE_FEE_ENDPOINT}?instFamily=${instFamily}`);
  const rows = reader.array(reader.object(response, 'response').data, 'data');
  if (rows.length !== 1)
    reader.fail('data', `holds ${rows.length} fee schedules for ${instFamily}, expected 1`);
  const row = reader.object(rows[0], 'data[0]');
  const field =
    marginCurrency === 'USDT' ? 'takerU' : marginCurrency === 'USDC' ? 'takerUSDC' : 'taker';
  const rate = new Decimal(reader.decimal(row[field], `data[0] ${field}`));
  if (rate.abs().gt(0.01))
    reader.fail(`data[0] ${field}`, `is ${rate.toString()}, not a fee rate (at most 1%)`);
  return rate.gt(0) ? { rebate: rate.toString() } : { charged: rate.neg().toString() };
}
