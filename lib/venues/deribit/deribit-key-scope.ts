import { PermissionDenied } from 'ccxt-src/base/errors.js';
import { PayloadReader } from '../api/payload-reader';
import type { KeyPermissionCheck } from '../api/venue-api-types';

/**
 * What a Deribit key may do, from the `scope` of the token `public/auth` grants it.
 *
 * Deribit scopes (https://docs.deribit.com/articles/access-scope) are space-separated entries:
 * `area:level` pairs with level `read`, `read_write` or `none`, and the entries that bind the
 * token rather than grant rights: `connection`, `session:name`, `mainaccount` (set by the server
 * for a main account's key), `expires:seconds` and `ip:address`. A token requested without a
 * scope carries the key's maximal scope (the docs' `public/auth` example answers
 * "connection mainaccount" for a key with no rights).
 *
 * The good answer is required, not assumed:
 * - every entry must be of one of those forms; anything else (`trade:readwrite`, `trade`,
 *   `withdraw`, an empty entry from doubled spaces) is a malformed response quoting the entry;
 * - any area at `read_write` is a capability and the key is refused: `trade:read_write` places
 *   orders, `wallet:read_write` withdraws and transfers, `account:read_write` manages
 *   sub-accounts and API keys (so it could create a key with more rights), and the block-trade,
 *   block-RFQ and custody areas move positions or funds; an area Deribit adds later is named;
 * - account, trade and wallet must each be at `read` or absent (`none`), and at least one of them
 *   at `read`: a scope that reads none of the three (`connection`, `connection mainaccount`)
 *   cannot read an account at all, so it is refused as lacking permission (PermissionDenied),
 *   quoting the scope. (Reading positions takes `trade:read` and the summary `account:read`; a
 *   key with one of the three but not those is refused by Deribit itself at the first read.)
 */
const CAPABILITIES: Readonly<Record<string, string>> = {
  trade: 'trade (place and cancel orders)',
  wallet: 'withdraw and transfer funds',
  account: 'change account settings, sub-accounts and API keys',
  block_trade: 'execute block trades',
  block_rfq: 'trade through block RFQs',
  custody: 'move funds to and from custody',
};

const ACCOUNT_READING_AREAS = ['account', 'trade', 'wallet'] as const;

const SCOPE_ENTRY =
  /^(?:[a-z_]+:(?:read|read_write|none)|connection|mainaccount|session:\S+|expires:\d+|ip:\S+)$/;

const SCOPE_ENTRY_WORDS =
  'a Deribit scope ("area:read", "area:read_write", "area:none", "connection", "mainaccount", "session:…", "expires:…" or "ip:…")';

const AUTH_ENDPOINT = 'GET /api/v2/public/auth';

export const DERIBIT_PERMISSION_ENDPOINT = `${AUTH_ENDPOINT} (grant_type client_signature): the token scope`;

export function deribitKeyPermissions(scope: string): KeyPermissionCheck {
  const reader = new PayloadReader('deribit', AUTH_ENDPOINT);
  const levels = new Map<string, Set<string>>();
  for (const entry of scope.split(' ')) {
    reader.matching(entry, SCOPE_ENTRY, SCOPE_ENTRY_WORDS, 'result scope entry');
    const [area, level] = entry.split(':') as [string, string | undefined];
    if (level === 'read' || level === 'read_write' || level === 'none')
      levels.set(area, (levels.get(area) ?? new Set()).add(level));
  }
  const capabilities = [...levels]
    .filter(([, areaLevels]) => areaLevels.has('read_write'))
    .map(([area]) => CAPABILITIES[area] ?? `write access to "${area}"`);
  if (capabilities.length > 0)
    return { readOnly: false, capabilities, checkedWith: DERIBIT_PERMISSION_ENDPOINT };
  if (!ACCOUNT_READING_AREAS.some((area) => levels.get(area)?.has('read')))
    throw new PermissionDenied(
      `deribit ${AUTH_ENDPOINT}: the token scope ${JSON.stringify(scope)} reads none of account, trade and wallet; Margin Lens needs a key with account:read and trade:read (and nothing at read_write)`,
    );
  return { readOnly: true, capabilities: [], checkedWith: DERIBIT_PERMISSION_ENDPOINT };
}
