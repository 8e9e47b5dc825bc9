import { describe, expect, it } from 'vitest';
import { HYPERLIQUID_PAGE_ADDRESS } from '../../test/fake-exchange/page-feed/page-feed-messages';
import { parseRequest } from './parse-request';

/** A page-read Hyperliquid account, as the page-feed content script sends it. */
const ACCOUNT = {
  id: `hyperliquid-page-${HYPERLIQUID_PAGE_ADDRESS}`,
  venue: 'hyperliquid',
  marginMode: 'cross',
  positionMode: 'oneway',
  balances: [{ asset: 'USDC', total: '22000' }],
  positions: [
    {
      symbol: 'BTC/USDC:USDC',
      side: 'long',
      contracts: '0.5',
      entryPrice: '95000.0',
      markPrice: '100000.0',
      leverage: 10,
      maxLeverage: 40,
    },
  ],
};
const REQUEST = {
  type: 'savePageAccounts',
  identity: HYPERLIQUID_PAGE_ADDRESS,
  accounts: [ACCOUNT],
  pending: [],
  prices: {},
};

describe('parseRequest for savePageAccounts (from an untrusted content script)', () => {
  it('accepts a snapshot whose accounts follow the portfolio file’s schema', () => {
    expect(parseRequest(REQUEST)).toEqual({ request: REQUEST });
  });

  it('refuses extra keys, among them a venue (the background derives it from the origin)', () => {
    expect(parseRequest({ ...REQUEST, venue: 'hyperliquid' })).toEqual({
      error: 'savePageAccounts: unexpected field "venue"',
    });
  });

  it('names the account field the schema refuses', () => {
    const bad = {
      ...REQUEST,
      accounts: [{ ...ACCOUNT, positions: [{ ...ACCOUNT.positions[0], contracts: 'half' }] }],
    };
    expect(parseRequest(bad)).toEqual({
      error: `savePageAccounts: accounts[0] "hyperliquid-page-${HYPERLIQUID_PAGE_ADDRESS}" positions[0] "BTC/USDC:USDC" contracts: must be a positive decimal (a string such as "1.5"), got "half"`,
    });
  });

  it('bounds identities, lists, notes and prices', () => {
    const refused = (patch: Record<string, unknown>) => {
      const answer = parseRequest({ ...REQUEST, ...patch });
      return 'error' in answer ? answer.error : 'accepted';
    };
    expect(refused({ identity: 'Robert"); DROP' })).toMatch(/"identity" must be null/);
    expect(
      refused({ identity: HYPERLIQUID_PAGE_ADDRESS.toUpperCase().replace('0X', '0x') }),
    ).toMatch(/"identity"/);
    expect(refused({ identity: null })).toBe('accepted');
    expect(refused({ accounts: Array.from({ length: 17 }, () => ACCOUNT) })).toMatch(
      /at most 16 accounts/,
    );
    expect(refused({ pending: ['x'.repeat(501)] })).toMatch(/"pending"/);
    expect(refused({ pending: Array.from({ length: 21 }, () => 'x') })).toMatch(/"pending"/);
    expect(refused({ prices: { BTC: '1e9' } })).toBe(
      'savePageAccounts: "prices" BTC must be a plain decimal string',
    );
    expect(refused({ prices: JSON.parse('{"__proto__":"1"}') as object })).toBe(
      'savePageAccounts: "prices" has a key that is not an asset code',
    );
    expect(refused({ prices: [] })).toMatch(/"prices" must be an object/);
    const positions = (length: number) => Array.from({ length }, () => ACCOUNT.positions[0]);
    expect(refused({ accounts: [{ ...ACCOUNT, positions: positions(1001) }] })).toBe(
      'savePageAccounts: accounts[0] holds more than 1000 positions',
    );
    expect(
      refused({
        accounts: Array.from({ length: 16 }, () => ({ ...ACCOUNT, positions: positions(1000) })),
      }),
    ).toMatch(/larger than 1000000 characters/);
  });
});
