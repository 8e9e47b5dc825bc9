import Decimal from 'decimal.js';
import { PayloadReader } from '../api/payload-reader';

/**
 * The key's taker fee rate on one USDT-margined contract, from
 * `GET /api/v4/futures/usdt/fee?contract=…`
 * (Gate API v4, https://www.gate.com/docs/developers/apiv4/; ccxt 4.5.84 lists the path as
 * `futures/{settle}/fee`): a map from contract name to `taker_fee` and `maker_fee` (the
 * `FuturesFee` model of Gate's SDK, gateio/gateapi-python docs at commit 744afea, 2025-07-31). Gate's liquidation price charges the taker fee to close
 * (lib/engine/margin/gate.ts), so the price needs the key's own rate — not the contract list's
 * `taker_fee_rate`, the base rate before the key's VIP tier.
 *
 * The file's `takerFeeRate` is a charge, a fraction ≥ 0: a negative rate (a rebate) is no charge,
 * and the position then carries `takerFeeRate` "0" (gate-adapter.ts) — said in the snapshot, not
 * left out. Charging 0 rather than the rebate puts the liquidation price a little nearer the mark,
 * never further.
 */
export const GATE_TRADE_FEE_ENDPOINT = 'GET /api/v4/futures/usdt/fee';

export type GateTakerFee = { readonly charged: string } | { readonly rebate: string };

export function parseGateTakerFee(response: unknown, contract: string): GateTakerFee {
  const reader = new PayloadReader('gate', `${GATE_TRADE_FEE_ENDPOINT}?contract=${contract}`);
  const fees = reader.object(reader.object(response, 'response')[contract], `"${contract}"`);
  const rate = new Decimal(reader.decimal(fees.taker_fee, `"${contract}" taker_fee`));
  if (rate.abs().gt(0.01))
    reader.fail(`"${contract}" taker_fee`, `is ${rate.toString()}, not a fee rate (at most 1%)`);
  return rate.lt(0) ? { rebate: rate.neg().toString() } : { charged: rate.toString() };
}
