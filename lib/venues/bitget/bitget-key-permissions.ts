import { PermissionDenied } from 'ccxt-src/base/errors.js';
import { venueErrorCode } from '../api/connection-problem';
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

/**
 * Bitget's refusal of a key without the endpoint's permission: code 40014, "Incorrect
 * permissions, need spot order read or spot order write permissions" for a futures-only key on a
 * spot endpoint (the body quoted in GuntharDeNiro/GunbotAMA#169, 2025-08-30; ccxt maps 40014 to
 * PermissionDenied).
 */
export const BITGET_PERMISSION_CODE = '40014';

/**
 * `call` (the key information request), or, when Bitget refuses it for the key's permissions, a
 * PermissionDenied saying what is missing: the endpoint needs Spot read, which a futures-only key
 * lacks. Without this the trader is told to grant futures read, which the key already has.
 */
export async function askingSpotRead<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (venueErrorCode(error) === BITGET_PERMISSION_CODE)
      throw new PermissionDenied(
        `bitget: the key may not read ${BITGET_KEY_INFO_ENDPOINT} (Bitget code ${BITGET_PERMISSION_CODE}), the only place Bitget lists a key's permissions, and that endpoint needs Spot read permission. Give the key Spot read as well as Futures read (both read only): Margin Lens uses Spot read only to read the key's permission list, and never reads or trades spot.`,
      );
    throw error;
  }
}

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
