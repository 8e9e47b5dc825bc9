import { beforeAll, describe, expect, it } from 'vitest';
import {
  itNamesAMalformedPositionList,
  problemOf,
  profileKeys,
  useFakeApi,
  withFakeApi,
} from '../../../test/fake-exchange/api/adapter-test-setup';
import {
  createGateFakeApi,
  gateFakeApi,
  type GateFakeApiOptions,
} from '../../../test/fake-exchange/api/gate-api';
import { GATE_USDT_CONTRACTS } from '../../../test/fake-exchange/api/fixtures/gate/gate-contracts';
import { calculateRiskReport, parsePortfolio } from '../../engine';
import { createExchange } from '../api/create-exchange';
import type {
  CcxtExchange,
  PortfolioFileAccount,
  VenueAccountsSnapshot,
} from '../api/venue-api-types';
import { VENUE_KEY_PASSPHRASE } from '../venue-descriptors';
import { gateAdapter } from './gate-adapter';

/**
 * The Gate adapter against the fake Gate API v4 (test/fake-exchange/api/gate-api.ts, whose
 * fixtures name the documentation they follow and how their figures were computed): ccxt's
 * `gate` talking HTTP to the fake, the snapshot through the engine, and the engine's figures
 * beside Gate's.
 */
const AS_OF = '2026-12-07T12:00:00Z';
const STATE = { profiles: profileKeys('gate-').profiles };

const fake = useFakeApi('gate', [gateFakeApi], STATE);
const open = (apiKey: string, baseUrl?: string): CcxtExchange =>
  fake.exchange({ kind: 'apiKey', apiKey, secret: 'fake-secret' }, baseUrl);
/** The read-only key's read of a fake Gate set up with `options`. */
const readWith = (options: GateFakeApiOptions): Promise<VenueAccountsSnapshot> =>
  withFakeApi([createGateFakeApi(options)], STATE, (running) =>
    gateAdapter.fetchAccounts(open('gate-readOnly', running.baseUrl), 'gate-main', AS_OF),
  );

const ACCOUNT: PortfolioFileAccount = {
  id: 'gate-main',
  venue: 'gate',
  marginMode: 'cross',
  positionMode: 'oneway',
  balances: [{ asset: 'USDT', total: '10000' }],
  positions: [
    {
      symbol: 'BTC/USDT:USDT',
      side: 'long',
      contracts: '3000',
      contractSize: '0.0001',
      entryPrice: '90000',
      markPrice: '91500.2',
      leverage: 10,
      takerFeeRate: '0.0005',
      venueReported: { liquidationPrice: '58998.8', maintenanceMargin: '113.52527' },
    },
    {
      symbol: 'ETH/USDT:USDT',
      side: 'short',
      contracts: '200',
      contractSize: '0.01',
      entryPrice: '3100',
      markPrice: '3050.5',
      leverage: 10,
      marginMode: 'isolated',
      isolatedMargin: '620',
      takerFeeRate: '0.0005',
      venueReported: { liquidationPrice: '3391.35', maintenanceMargin: '30.505' },
    },
  ],
  venueReported: { maintenanceMargin: '144.03027' },
};

/** The contract's price tick (`order_price_round`): Gate shows prices rounded to it. */
const tickOf = (symbol: string): number => {
  const name = symbol.replace(/\/USDT:USDT$/, '_USDT');
  const contract = GATE_USDT_CONTRACTS.find((entry) => entry.name === name);
  if (contract === undefined) throw new Error(`no contract ${name}`);
  return Number(contract.order_price_round);
};

describe('gate adapter: a classic USDT futures account, one cross and one isolated position', () => {
  let snapshot: VenueAccountsSnapshot;
  let requests: string[];
  beforeAll(async () => {
    ({ result: snapshot, requests } = await fake.recording(() =>
      gateAdapter.fetchAccounts(open('gate-readOnly'), 'gate-main', AS_OF),
    ));
  });

  it('is one account with the positions, the key’s taker fee and Gate’s own figures', () => {
    expect(snapshot.accounts).toEqual<PortfolioFileAccount[]>([ACCOUNT]);
    expect(snapshot.tierTables.map((table) => [table.symbol, table.tiers.length])).toEqual([
      ['BTC/USDT:USDT', 8],
      ['ETH/USDT:USDT', 4],
    ]);
    expect(snapshot.tierTables[0]?.tiers[1]).toEqual({
      floor: '20000',
      cap: '50000',
      maintenanceMarginRate: '0.0045',
      maintenanceAmount: '10',
      maxLeverage: 111,
    });
  });

  it('reads only the USDT perpetuals’ contracts and the endpoints it needs, each once', () => {
    const count = (path: string) => requests.filter((line) => line === `GET ${path}`).length;
    expect(count('/api/v4/futures/usdt/contracts')).toBe(1);
    expect(count('/api/v4/futures/btc/contracts')).toBe(0); // markets limited to settle usdt
    expect(count('/api/v4/delivery/usdt/contracts')).toBe(0);
    expect(count('/api/v4/spot/currencies')).toBe(0); // currencies are not loaded
    expect(count('/api/v4/account/detail')).toBe(1); // ccxt's own probe is off
    expect(count('/api/v4/futures/usdt/accounts')).toBe(1);
    expect(count('/api/v4/futures/usdt/positions')).toBe(1);
    expect(count('/api/v4/futures/btc/positions')).toBe(1);
    expect(count('/api/v4/delivery/usdt/positions')).toBe(1);
    expect(count('/api/v4/futures/usdt/risk_limit_tiers')).toBe(2); // BTC_USDT, ETH_USDT
    expect(count('/api/v4/futures/usdt/fee')).toBe(2);
    expect(requests.every((line) => line.startsWith('GET '))).toBe(true);
  });

  // Consistency, not a check against Gate: the fixture's "Gate" figures were computed with the
  // engine's own formula (fixtures/gate/gate-accounts.ts). The figures Gate itself published are
  // checked in lib/engine/margin/gate.test.ts.
  it('consistency: the engine’s figures equal the fixture’s (computed by the same formula), liquidation prices to the tick', () => {
    const report = calculateRiskReport(
      parsePortfolio({
        version: 1,
        asOf: AS_OF,
        accounts: snapshot.accounts,
        tierTables: snapshot.tierTables,
        model: { scenarios: 100, liquidationPaths: 100 },
      }),
    );
    const account = report.accounts[0];
    const reported = account?.venueReported;
    expect(reported?.maintenanceMargin?.venue).toBe(144.03027);
    expect(Math.abs(reported?.maintenanceMargin?.difference ?? 1)).toBeLessThan(1e-9);
    account?.positions.forEach((position, index) => {
      const venue = ACCOUNT.positions[index]?.venueReported;
      expect(position.maintenanceMargin).toBeCloseTo(Number(venue?.maintenanceMargin), 9);
      expect(position.liquidationPrice).not.toBeNull();
      const tick = tickOf(position.symbol);
      expect(
        Math.abs((position.liquidationPrice as number) - Number(venue?.liquidationPrice)),
      ).toBeLessThanOrEqual(tick / 2 + 1e-9);
    });
  });
});

describe('gate adapter: an empty account', () => {
  it('has no account to report: no positions, no balance', async () => {
    expect(await gateAdapter.fetchAccounts(open('gate-empty'), 'gate-main', AS_OF)).toEqual({
      accounts: [],
      tierTables: [],
    });
  });
});

describe('gate adapter: accounts its rules do not compute are refused by name', () => {
  it.each([
    [{ keyMode: 2 } as const, 'legacy) unified account'],
    [{ marginMode: 1 } as const, 'cross-currency margin'],
    [{ marginMode: 2 } as const, 'combined (portfolio) margin'],
    [{ marginMode: 3 } as const, 'single-currency margin'],
    [{ inverseHeld: true } as const, 'BTC-settled (inverse) perpetual position (BTC_USD)'],
  ])('%o', async (options, words) => {
    const { error, problem } = await problemOf('gate', readWith(options));
    expect(problem.kind).toBe('unsupportedAccount');
    expect(error.message).toContain(words);
  });
});

describe('gate adapter: the BTC-settled and delivery books', () => {
  it('reads USER_NOT_FOUND there (no futures account in that currency) as nothing held', async () => {
    const snapshot = await readWith({ otherBooks: 'userNotFound' });
    expect(snapshot.accounts).toEqual([ACCOUNT]);
  });

  it('refuses a key that may not read them (FORBIDDEN), naming the book and the permission', async () => {
    const { error, problem } = await problemOf('gate', readWith({ otherBooks: 'forbidden' }));
    expect(problem.kind).toBe('permissionDenied');
    expect(error.message).toContain('GET /api/v4/delivery/usdt/positions (Gate FORBIDDEN)');
    expect(problem.message).toContain('give the key the Delivery permission, read only');
  });
});

describe('gate adapter: a key with a taker rebate', () => {
  it('says the position is charged no fee ("0"), rather than leaving the rate out', async () => {
    const snapshot = await readWith({ takerFee: '-0.0001' });
    expect(snapshot.accounts[0]?.positions.map((position) => position.takerFeeRate)).toEqual([
      '0',
      '0',
    ]);
  });
});

describe('gate adapter: errors a trader understands', () => {
  it.each([
    ['gate-ipNotAllowed', 'ipNotAllowed', 'IP_FORBIDDEN'],
    // Gate has no expired-key label: a key it no longer knows answers INVALID_KEY.
    ['gate-expired', 'wrongKey', 'INVALID_KEY'],
    ['gate-clockSkew', 'clockSkew', 'REQUEST_EXPIRED'],
    ['gate-rateLimited', 'rateLimited', 'TOO_MANY_REQUESTS'],
    ['gate-venueDown', 'venueDown', 'TOO_BUSY'],
    ['a-key-gate-never-issued', 'wrongKey', 'INVALID_KEY'],
  ])('%s → %s (Gate label %s)', async (apiKey, kind, label) => {
    const { problem } = await problemOf(
      'gate',
      gateAdapter.fetchAccounts(open(apiKey), 'gate-x', AS_OF),
    );
    expect(problem).toMatchObject({ kind, venueCode: label });
    expect(problem.message).not.toContain('fake-secret');
  });

  itNamesAMalformedPositionList(
    'gate',
    () => gateAdapter.fetchAccounts(open('gate-malformed'), 'gate-x', AS_OF),
    'gate GET /api/v4/futures/usdt/positions: [0] "BTC_USDT" entry_price must be a decimal number, got ""',
  );
});

describe('gate adapter: key permissions and hosts', () => {
  const check = (apiKey: string, options: GateFakeApiOptions = {}) =>
    withFakeApi([createGateFakeApi(options)], STATE, async (running) => {
      const permissions = gateAdapter.checkKeyPermissions?.(open(apiKey, running.baseUrl));
      if (permissions === undefined) throw new Error('gate has no permission check');
      return permissions;
    });

  it('confirms a read-only key from the main account’s key list', async () => {
    expect(await check('gate-readOnly')).toEqual({
      readOnly: true,
      capabilities: [],
      checkedWith: 'GET /api/v4/account/main_keys',
    });
  });

  it.each([
    ['gate-tradeEnabled', 'trade perpetual futures'],
    ['gate-withdrawEnabled', 'move funds or withdraw (wallet)'],
  ])('refuses %s, naming what it can do', async (apiKey, words) => {
    const permissions = await check(apiKey);
    expect(permissions.readOnly).toBe(false);
    expect(permissions.notChecked).toBeUndefined();
    expect(permissions.capabilities).toContain(words);
  });

  it.each([
    ['notListed', 'not among them'],
    ['forbidden', 'FORBIDDEN'],
  ] as const)('does not confirm a key when the list is %s, saying why', async (keyList, words) => {
    const permissions = await check('gate-tradeEnabled', { keyList });
    expect(permissions).toMatchObject({ readOnly: false, capabilities: [] });
    expect(permissions.notChecked).toContain(words);
  });

  it('asks for no passphrase: the venue descriptor says Gate keys have none', () => {
    expect(gateAdapter.needsPassword).toBe(VENUE_KEY_PASSPHRASE.gate);
    expect(gateAdapter.needsPassword).toBe(false);
  });

  it('names the API host ccxt calls for futures and the account as its host permission', () => {
    const exchange = createExchange('gate', undefined) as unknown as {
      urls: { api: { public: Record<string, string>; private: Record<string, string> } };
    };
    const { public: publicUrls, private: privateUrls } = exchange.urls.api;
    const used = [
      publicUrls.futures,
      privateUrls.futures,
      privateUrls.delivery,
      privateUrls.account,
    ].map((url) => `${new URL(url ?? '').origin}/*`);
    expect([...new Set(used)]).toEqual(gateAdapter.hostPermissions);
  });
});
