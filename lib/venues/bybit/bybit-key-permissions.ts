import { PayloadReader } from '../api/payload-reader';
import type { KeyPermissionCheck } from '../api/venue-api-types';

/**
 * What a Bybit API key may do, from `GET /v5/user/query-api`
 * (https://bybit-exchange.github.io/docs/v5/user/apikey-info; "any permission can access this
 * endpoint"): `readOnly` is 1 for a read-only key and 0 for "Read and Write"; `permissions` lists,
 * per product group, the scopes ticked when the key was made.
 *
 * A key is read-only exactly when Bybit says so (`readOnly: 1`): the permission lists then name
 * what the key may read (Bybit's own read-only example lists `ContractTrade: ["Order",
 * "Position"]`). A read-and-write key is refused, and its capabilities are the ticked scopes in
 * plain words; should a read-write key tick nothing, it still counts as able to trade.
 *
 * Nothing odd passes: `readOnly` must be 0 or 1, and `permissions` a map of lists of scope
 * names for every key, read-only ones included (a malformed map is a malformed response, not
 * a read-only key).
 */
export const BYBIT_KEY_INFO_ENDPOINT = 'GET /v5/user/query-api';

/** Plain words for Bybit's documented scopes, in the order they are listed. */
const SCOPES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  ContractTrade: { Order: 'trade contracts', Position: 'change contract positions' },
  Spot: { SpotTrade: 'trade spot' },
  Wallet: {
    AccountTransfer: 'transfer between accounts',
    SubMemberTransfer: 'transfer to sub-accounts',
    SubMemberTransferList: 'transfer to sub-accounts',
    Withdraw: 'withdraw',
  },
  Options: { OptionsTrade: 'trade options and USDC contracts' },
  Derivatives: { DerivativesTrade: 'trade derivatives' },
  Exchange: { ExchangeHistory: 'convert coins' },
  Earn: { Earn: 'move funds into Earn products' },
  FiatP2P: { FiatP2POrder: 'place P2P orders', Advertising: 'post P2P adverts' },
  FiatBitPay: { FaitPayOrder: 'pay with Bybit Pay' },
  FiatConvertBroker: { FiatConvertBrokerOrder: 'convert fiat' },
  BitCard: { BitCard: 'use the Bybit card' },
  BlockTrade: { BlockTrade: 'block trade' },
  CopyTrading: { CopyTrading: 'copy trade' },
};

export function parseBybitKeyPermissions(response: unknown): KeyPermissionCheck {
  const reader = new PayloadReader('bybit', BYBIT_KEY_INFO_ENDPOINT);
  const result = reader.object(reader.object(response, 'response').result, 'result');
  const readOnly = reader.oneOf(result.readOnly, ['0', '1'] as const, 'result.readOnly') === '1';
  const permissions = reader.object(result.permissions, 'result.permissions');
  const capabilities: string[] = [];
  for (const [group, rawScopes] of Object.entries(permissions)) {
    const scopes = reader.array(rawScopes, `result.permissions.${group}`);
    scopes.forEach((rawScope, index) => {
      const scope = reader.text(rawScope, `result.permissions.${group}[${index}]`);
      const words = SCOPES[group]?.[scope] ?? `use "${group}: ${scope}"`;
      if (!capabilities.includes(words)) capabilities.push(words);
    });
  }
  if (readOnly) return { readOnly: true, capabilities: [], checkedWith: BYBIT_KEY_INFO_ENDPOINT };
  return {
    readOnly: false,
    capabilities:
      capabilities.length > 0 ? capabilities : ['read and write (Bybit "Read and Write" key)'],
    checkedWith: BYBIT_KEY_INFO_ENDPOINT,
  };
}
