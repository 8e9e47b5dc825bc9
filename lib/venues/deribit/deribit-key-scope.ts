import type { KeyPermissionCheck } from '../api/venue-api-types';

/**
 * What a Deribit key may do, from the `scope` of the token `public/auth` grants it.
 *
 * Deribit scopes (https://docs.deribit.com/articles/access-scope) are `area:level` pairs with
 * level `read`, `read_write` or `none`; a token requested without a scope carries the key's
 * maximal scope, plus `connection`/`session:…`, `mainaccount` and the like, which say nothing
 * about rights. A key is read-only when no area is `read_write`: `trade:read_write` places
 * orders, `wallet:read_write` withdraws and transfers, `account:read_write` manages sub-accounts
 * and API keys (so it could create a key with more rights), and the block-trade, block-RFQ and
 * custody areas move positions or funds.
 */
const CAPABILITIES: Readonly<Record<string, string>> = {
  trade: 'trade (place and cancel orders)',
  wallet: 'withdraw and transfer funds',
  account: 'change account settings, sub-accounts and API keys',
  block_trade: 'execute block trades',
  block_rfq: 'trade through block RFQs',
  custody: 'move funds to and from custody',
};

export const DERIBIT_PERMISSION_ENDPOINT =
  'GET /api/v2/public/auth (grant_type client_signature): the token scope';

export function deribitKeyPermissions(scope: string): KeyPermissionCheck {
  const capabilities = scope
    .split(/\s+/)
    .filter((entry) => entry.endsWith(':read_write'))
    .map((entry) => {
      const area = entry.slice(0, -':read_write'.length);
      return CAPABILITIES[area] ?? `write access to "${area}"`;
    });
  return {
    readOnly: capabilities.length === 0,
    capabilities,
    checkedWith: DERIBIT_PERMISSION_ENDPOINT,
  };
}
