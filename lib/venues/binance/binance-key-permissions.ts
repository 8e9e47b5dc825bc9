import { PermissionDenied } from 'ccxt-src/base/errors.js';
import type { CcxtExchange, KeyPermissionCheck } from '../api/venue-api-types';
import { BINANCE_ENDPOINTS, binanceGet } from './binance-request';
import { PayloadReader } from '../api/payload-reader';

/**
 * What a Binance API key may do, from `GET /sapi/v1/account/apiRestrictions` on api.binance.com
 * (https://developers.binance.com/docs/wallet/account/api-key-permission). One key serves spot,
 * USDⓈ-M and COIN-M, so both futures adapters ask the same endpoint.
 *
 * Read-only means `enableReading` and no permission that trades or moves money. Each flag below
 * that is true is listed in plain words; so is any other flag Binance adds later and sets true,
 * `enable…`/`permits…` or of any other name (an unknown permission is not assumed harmless).
 * `enableFixReadOnly` is reading too, and `ipRestrict` only narrows where the key works. A key
 * without `enableReading` cannot be used at all: PermissionDenied. The two fields the
 * documentation shows that are not permissions (`createTime`, `tradingAuthorityExpirationTime`,
 * times) are passed over; every other field decides, and must be a boolean: a missing or odd
 * one, of whatever name (`"allowOrders": "true"`, `"permissions": ["TRADE"]`), is a malformed
 * response naming it, never read as harmless (issue 13, review finding f).
 */
const MONEY_MOVING_FLAGS: Readonly<Record<string, string>> = {
  enableWithdrawals: 'withdraw',
  enableInternalTransfer: 'transfer between master and sub-accounts',
  permitsUniversalTransfer: 'transfer between wallets (universal transfer)',
  enableMargin: 'borrow, repay and transfer on margin',
  enableSpotAndMarginTrading: 'trade spot and margin',
  enableFutures: 'trade futures',
  enableVanillaOptions: 'trade options',
  enablePortfolioMarginTrading: 'trade with portfolio margin',
  enableFixApiTrade: 'trade through the FIX API',
};

/** Flags the documentation's response example shows for every key. */
const REQUIRED_FLAGS = [
  'enableReading',
  'enableWithdrawals',
  'enableInternalTransfer',
  'permitsUniversalTransfer',
  'enableMargin',
  'enableSpotAndMarginTrading',
  'enableFutures',
] as const;

/** Flags that, set true, let the key do nothing beyond reading. */
const HARMLESS_FLAGS = new Set(['enableReading', 'enableFixReadOnly', 'ipRestrict']);

/** The documented fields that are no permission (milliseconds since the epoch). */
const NOT_PERMISSIONS = new Set(['createTime', 'tradingAuthorityExpirationTime']);

export async function checkBinanceKeyPermissions(
  exchange: CcxtExchange,
): Promise<KeyPermissionCheck> {
  const target = BINANCE_ENDPOINTS.apiRestrictions;
  const reader = new PayloadReader(exchange.id, target.label);
  const restrictions = reader.object(await binanceGet(exchange, target), 'response');
  for (const flag of REQUIRED_FLAGS) reader.boolean(restrictions[flag], flag);
  if (restrictions.enableReading !== true) {
    throw new PermissionDenied(
      `${exchange.id} ${target.label}: the key does not have "Enable Reading"; Margin Lens needs a key with reading permission only`,
    );
  }
  const capabilities: string[] = [];
  for (const [field, value] of Object.entries(restrictions)) {
    if (NOT_PERMISSIONS.has(field)) continue;
    if (reader.boolean(value, field) && !HARMLESS_FLAGS.has(field))
      capabilities.push(MONEY_MOVING_FLAGS[field] ?? `use "${field}"`);
  }
  return { readOnly: capabilities.length === 0, capabilities, checkedWith: target.label };
}
