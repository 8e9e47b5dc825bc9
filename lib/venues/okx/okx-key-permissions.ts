import type { KeyPermissionCheck } from '../api/venue-api-types';
import { OKX_CONFIG_ENDPOINT, parseOkxAccountConfig } from './okx-account-config';

/**
 * What an OKX API key may do: the `perm` field of `GET /api/v5/account/config`
 * ("The permission of the current requesting API key: read_only, trade, withdraw", e.g.
 * "read_only,withdraw,trade"; https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-
 * account-configuration). Read-only exactly when `read_only` is the only permission; any other
 * permission — including one OKX may add later — is a capability, so such a key is refused.
 */
const WORDS: Readonly<Record<string, string>> = { trade: 'trade', withdraw: 'withdraw' };

export function parseOkxKeyPermissions(response: unknown): KeyPermissionCheck {
  const { permissions } = parseOkxAccountConfig(response);
  const capabilities = permissions
    .filter((permission) => permission !== 'read_only')
    .map((permission) => WORDS[permission] ?? `use the "${permission}" permission`);
  return { readOnly: capabilities.length === 0, capabilities, checkedWith: OKX_CONFIG_ENDPOINT };
}
