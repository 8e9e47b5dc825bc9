import { PayloadReader } from '../api/payload-reader';
import type { KeyPermissionCheck } from '../api/venue-api-types';

/**
 * What a Bitget API key may do: `authorities` of `GET /api/v2/spot/account/info` ("Get Account
 * Information", https://www.bitget.com/api-doc/spot/account/Get-Account-Info, as published on
 * 2025-09: the endpoint needs the key's spot read or read/write permission). Bitget lists each
 * permission by code:
 * - read only: coor futures orders, cpor futures holdings, stor spot trade, smor margin trade,
 *   ttor copy trading, wtor wallet transfer, taxr taxation, chor subaccount, p2pr P2P query,
 *   pllr pledge loan read;
 * - read and write: coow futures orders, cpow futures holdings, stow spot trade, smow margin
 *   trade, ttow copy trading, wtow wallet transfer, wwow wallet withdrawal, chow subaccount
 *   manage, p2pw P2P, pllw pledge loan write, taxw tax read and write;
 * and the page's example answers `["trade", "readonly"]`.
 *
 * The key is read-only exactly when every authority is a read-only one (`readonly` included).
 * Any other, including a code Bitget may add later, is a capability, so such a key is refused;
 * an empty list or a malformed entry is a malformed answer, never a harmless key.
 */
export const BITGET_KEY_INFO_ENDPOINT = 'GET /api/v2/spot/account/info';

const READ_ONLY = new Set([
  'readonly',
  'coor',
  'cpor',
  'stor',
  'smor',
  'ttor',
  'wtor',
  'taxr',
  'chor',
  'p2pr',
  'pllr',
]);

const WORDS: Readonly<Record<string, string>> = {
  trade: 'trade',
  coow: 'place futures orders',
  cpow: 'change futures positions',
  stow: 'trade spot',
  smow: 'trade on margin',
  ttow: 'copy trade',
  wtow: 'transfer between wallets',
  wwow: 'withdraw',
  chow: 'manage sub-accounts',
  p2p: 'trade P2P',
  p2pw: 'trade P2P',
  pllw: 'take pledge loans',
  taxw: 'write tax settings',
};

const AUTHORITY = /^[a-z0-9_]+$/;

export function parseBitgetKeyPermissions(response: unknown): KeyPermissionCheck {
  const reader = new PayloadReader('bitget', BITGET_KEY_INFO_ENDPOINT);
  const data = reader.object(reader.object(response, 'response').data, 'data');
  const authorities = reader
    .array(data.authorities, 'data.authorities')
    .map((raw, index) =>
      reader.matching(
        raw,
        AUTHORITY,
        'a permission code such as "cpor"',
        `data.authorities[${index}]`,
      ),
    );
  if (authorities.length === 0) reader.fail('data.authorities', 'lists no permission');
  const capabilities = [...new Set(authorities)]
    .filter((authority) => !READ_ONLY.has(authority))
    .map((authority) => WORDS[authority] ?? `use the "${authority}" permission`);
  return {
    readOnly: capabilities.length === 0,
    capabilities,
    checkedWith: BITGET_KEY_INFO_ENDPOINT,
  };
}
