import { PermissionDenied } from 'ccxt-src/base/errors.js';
import { venueErrorCode } from '../api/connection-problem';
import { PayloadReader } from '../api/payload-reader';
import type { KeyPermissionCheck } from '../api/venue-api-types';

/**
 * What a Gate API key may do, from `GET /api/v4/account/main_keys` ("Query All Main Account Key
 * Information", https://www.gate.com/docs/developers/apiv4/en/#query-all-main-account-key-information;
 * ccxt 4.5.84's gate.js lists it as `account` `main_keys`). Gate's example answer (its keys
 * created 2025-07-20 and 2025-07-30, updated 2025-08-27) is a list, one entry per key of the
 * main account: `key` masked (its first twelve characters, then `*****`), `state`, `mode`, and
 * `perms`, each `{ name, read_only }` with names wallet, spot, futures, delivery, earn, custody,
 * options, account, loan, margin, unified, copy, pilot, otc, alpha, crossx (the
 * `AccountKeyInfoPerms` model of Gate's SDK, gateio/gateapi-python docs at commit 151ac72).
 *
 * The key is the entry whose masked key, less its asterisks, begins the API key. It is read-only
 * exactly when every permission it has is `read_only: true`; any other names what it can do, so
 * such a key is refused. A permission name Gate may add later is a capability too.
 *
 * When Gate does not describe the key, it is not confirmed — never a silent pass: the check says
 * so (`notChecked`) and the trader is told to make sure the key is read-only. That happens for a
 * key the list does not hold (a sub-account's key: the list is the main account's keys), for
 * more than one entry matching, for an answer that is not a list (the SDK's schema table
 * describes a single object whose `key` is `{ mode }`, naming no key), and when Gate refuses the
 * call (label FORBIDDEN: the key may not read the account's key list).
 */
export const GATE_MAIN_KEYS_ENDPOINT = 'GET /api/v4/account/main_keys';

const WORDS: Readonly<Record<string, string>> = {
  wallet: 'move funds or withdraw (wallet)',
  spot: 'trade spot and margin',
  futures: 'trade perpetual futures',
  delivery: 'trade delivery futures',
  earn: 'use Earn',
  custody: 'use custody',
  options: 'trade options',
  account: 'change account settings',
  loan: 'borrow',
  margin: 'trade on margin',
  unified: 'change the unified account',
  copy: 'copy trade',
  pilot: 'trade Pilot tokens',
  otc: 'trade OTC',
  alpha: 'trade Alpha tokens',
  crossx: 'trade cross-exchange',
};

/** A masked key: the visible start (no asterisk, no blank), then asterisks. */
const MASK = /^([^*\s]+)\*+$/;

export function parseGateKeyPermissions(response: unknown, apiKey: string): KeyPermissionCheck {
  const reader = new PayloadReader('gate', GATE_MAIN_KEYS_ENDPOINT);
  const notChecked = (why: string): KeyPermissionCheck => ({
    readOnly: false,
    capabilities: [],
    checkedWith: GATE_MAIN_KEYS_ENDPOINT,
    notChecked: why,
  });
  if (!Array.isArray(response))
    return notChecked("Gate's answer names no key, so it does not say what this key may do");
  const matches = reader.array(response, 'response').flatMap((raw, index) => {
    const entry = reader.object(raw, `[${index}]`);
    if (typeof entry.key !== 'string') return [];
    const masked = reader.matching(
      entry.key,
      MASK,
      'a masked key such as "c5dcfbf1f3a7*****"',
      `[${index}] key`,
    );
    const visible = MASK.exec(masked)?.[1] ?? '';
    return apiKey.startsWith(visible) ? [{ entry, index }] : [];
  });
  if (matches.length === 0)
    return notChecked(
      "Gate lists only its main account's keys and this key is not among them (a sub-account's key?)",
    );
  if (matches.length > 1)
    return notChecked('more than one of the keys Gate lists begins like this key');
  const [{ entry, index }] = matches as [(typeof matches)[number]];
  const writable = reader.array(entry.perms, `[${index}] perms`).flatMap((raw, at) => {
    const perm = reader.object(raw, `[${index}] perms[${at}]`);
    const name = reader.matching(
      perm.name,
      /^[a-z_]+$/,
      'a permission name such as "futures"',
      `[${index}] perms[${at}] name`,
    );
    return reader.boolean(perm.read_only, `[${index}] perms[${at}] read_only`) ? [] : [name];
  });
  return {
    readOnly: writable.length === 0,
    capabilities: [...new Set(writable)].map(
      (name) => WORDS[name] ?? `use the "${name}" permission`,
    ),
    checkedWith: GATE_MAIN_KEYS_ENDPOINT,
  };
}

/** Gate's FORBIDDEN on the key list: the key is not checked, and the check says why. */
export function gateKeyListRefused(error: unknown): KeyPermissionCheck | undefined {
  if (!(error instanceof PermissionDenied) || venueErrorCode(error) !== 'FORBIDDEN')
    return undefined;
  return {
    readOnly: false,
    capabilities: [],
    checkedWith: GATE_MAIN_KEYS_ENDPOINT,
    notChecked: 'Gate refused to show the key list to this key (FORBIDDEN)',
  };
}
