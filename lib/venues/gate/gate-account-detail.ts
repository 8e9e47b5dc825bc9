import { NotSupported } from 'ccxt-src/base/errors.js';
import { PayloadReader } from '../api/payload-reader';

/**
 * The account behind the key, from `GET /api/v4/account/detail`
 * (https://www.gate.com/docs/developers/apiv4/#retrieve-user-account-information; Gate's SDK
 * models AccountDetail and AccountDetailKey, gateio/gateapi-python docs at commit 744afea, 2025-07-31): `key.mode`
 * "1 - Classic mode, 2 - Legacy unified mode". A legacy unified account margins its futures with
 * the unified account's collateral, which the engine does not compute: refused by name.
 *
 * This answer holds no permission of the key (user id, IP whitelist, trading-pair whitelist, key
 * mode, VIP tier, copy-trading role): the key's permissions come from the main account's key
 * list, `GET /api/v4/account/main_keys` (gate-key-permissions.ts).
 */
export const GATE_ACCOUNT_DETAIL_ENDPOINT = 'GET /api/v4/account/detail';

export function checkGateClassicAccount(response: unknown): void {
  const reader = new PayloadReader('gate', GATE_ACCOUNT_DETAIL_ENDPOINT);
  const detail = reader.object(response, 'response');
  const key = reader.object(detail.key, 'key');
  const mode = reader.oneOf(key.mode, ['1', '2'] as const, 'key.mode');
  if (mode === '2')
    throw new NotSupported(
      "gate: the account is a (legacy) unified account; Margin Lens computes Gate's classic futures account only",
    );
}
