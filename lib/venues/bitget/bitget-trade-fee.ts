import Decimal from 'decimal.js';
import { PayloadReader } from '../api/payload-reader';

/**
 * The key's taker fee rate on one USDT-M contract, from `GET /api/v2/common/trade-rate?symbol=…&
 * businessType=mix` ("Get Trade Rate", https://www.bitget.com/api-doc/common/public/Get-Trade-Rate,
 * docs copy of 2025-03-11): `data.takerFeeRate`, a fraction ("0.0006" is 0.06%). Bitget's
 * maintenance margin and liquidation price charge it (lib/engine/margin/bitget.ts: "TakerFeeRatio:
 * the fee rate applied when placing taker orders").
 *
 * The file's `takerFeeRate` is a fee charged, a fraction from 0 to 1%: a negative rate (a rebate)
 * is no charge, and the position then carries none (0 in the engine).
 */
export const BITGET_TRADE_FEE_ENDPOINT = 'GET /api/v2/common/trade-rate';

/** The rate charged, or undefined for a rebate. */
export function parseBitgetTakerFee(response: unknown, marketId: string): string | undefined {
  const reader = new PayloadReader(
    'bitget',
    `${BITGET_TRADE_FEE_ENDPOINT}?symbol=${marketId}&businessType=mix`,
  );
  const data = reader.object(reader.object(response, 'response').data, 'data');
  const text = reader.decimal(data.takerFeeRate, 'data takerFeeRate');
  const rate = new Decimal(text);
  if (rate.abs().gt(0.01))
    reader.fail('data takerFeeRate', `is ${text}, not a fee rate (at most 1%)`);
  return rate.gt(0) ? text : undefined;
}
