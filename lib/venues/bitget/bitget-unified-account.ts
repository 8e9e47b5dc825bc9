import { NotSupported } from 'ccxt-src/base/errors.js';
import { venueErrorCode } from '../api/connection-problem';

/**
 * A Bitget Unified Trading Account (UTA) answers the classic v2 endpoints Margin Lens reads with
 * code 40085, "You are in Unified Account mode, and the Classic Account API is not supported at
 * this time" (as reported in ccxt/ccxt#26838, 2025-09-16): its positions and margin live behind the
 * v3 API, whose margin rules the engine does not hold. The code, not the text, tells it; the
 * account is then refused by name, as an account Margin Lens cannot compute yet.
 */
export const BITGET_UNIFIED_ACCOUNT_CODE = '40085';

/** `call`'s answer, or a NotSupported naming the Unified Trading Account when Bitget says so. */
export async function refusingUnifiedAccount<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (venueErrorCode(error) === BITGET_UNIFIED_ACCOUNT_CODE)
      throw new NotSupported(
        'bitget: this key belongs to a Unified Trading Account (Bitget code 40085: the classic API answers it no positions); Margin Lens reads Bitget classic-account USDT-M futures only. A classic sub-account with a read-only key can be connected instead.',
      );
    throw error;
  }
}
