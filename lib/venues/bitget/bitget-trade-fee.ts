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
 * is no charge, written "0". The field is always written, so that a position read from Bitget is
 * never taken for one whose fee is unknown (the report's `feeToClose.takerFeeRate` null).
 */
export const BITGET_TRADE_FEE_ENDPOINT = 'GET /api/v2/common/trade-rate';

/** The rate charged: "0" for none or a rebate. */
export function parseBitgetTakerFee(response: unknown, marketId: string): string {
  const reader = new PayloadReader(
    'bitget',
    `${BITGET_TRADE_FEE_ENDPOINT}?symbol=${marketId}&businessType=mix`,
  );
  const data = reader.object(reader.object(response, 'response').data, 'data');
  const text = reader.decimal(data.takerFeeRate, 'data takerFeeRate');
  const rate = new Decimal(text);
  if (rate.abs().gt(0.01))
    reader.fail('data takerFeeRate', `is ${text}, not a fee rate (at most 1%)`);
  return rate.gt(0) ? text : '0';
}
