import { beforeAll, describe, expect, it } from 'vitest';
import { describeBinanceAdapterCases } from '../../../test/fake-exchange/api/binance-adapter-cases';
import {
  problemOf,
  overridingRoute,
  profileKeys,
  useFakeApi,
  withFakeApi,
} from '../../../test/fake-exchange/api/adapter-test-setup';
import { binanceApi } from '../../../test/fake-exchange/api/binance-api';
import { expectEngineAgreesWithBinance } from '../../../test/fake-exchange/api/fixtures/binance/expect-engine-agrees';
import type { FakeApiState } from '../../../test/fake-exchange/api/fake-api';
import { calculateRiskReport, parsePortfolio } from '../../engine';
import { createExchange } from '../api/create-exchange';
import type { PortfolioFileAccount, VenueAccountsSnapshot } from '../api/venue-api-types';
import { binanceCoinmAdapter } from './binance-coinm-adapter';

/**
 * The COIN-M adapter against the fake Binance API (test/fake-exchange/api/binance-api.ts), which
 * serves Binance's documented payloads (fixtures/binance/, each naming its documentation page).
 */
const SECRET = 'fake-secret-never-shown';
const { keys: KEYS, profiles } = profileKeys('key-coinm-');
const STATE: FakeApiState = { profiles };
const AS_OF = '2026-11-24T12:00:00.000Z';

const fake = useFakeApi('binancecoinm', [binanceApi], STATE);
const exchange = (apiKey: string, baseUrl?: string) =>
  fake.exchange({ kind: 'apiKey', apiKey, secret: SECRET }, baseUrl);

const READ_ONLY_ACCOUNTS: PortfolioFileAccount[] = [
  {
    id: 'main:BTC',
    venue: 'binancecoinm',
    marginMode: 'cross',
    positionMode: 'oneway',
    balances: [{ asset: 'BTC', total: '0.50000000' }],
    positions: [
      {
        symbol: 'BTC/USD:BTC',
        side: 'long',
        contracts: '200',
        contractSize: '100',
        entryPrice: '60000.00000000',
        markPrice: '62000.00000000',
        leverage: 20,
        marginMode: 'cross',
        maintenanceMarginRate: '0.004',
        maintenanceAmount: '0',
        maxLeverage: 125,
        venueReported: {
          liquidationPrice: '24086.89744676',
          maintenanceMargin: '0.00129032',
          initialMargin: '0.01612903',
        },
      },
      {
        symbol: 'BTC/USD:BTC-261225',
        side: 'short',
        contracts: '50',
        contractSize: '100',
        entryPrice: '63000.00000000',
        markPrice: '62500.00000000',
        leverage: 10,
        marginMode: 'cross',
        maintenanceMarginRate: '0.004',
        maintenanceAmount: '0',
        maxLeverage: 125,
        // Binance's liquidationPrice "0" (a coin-margined short this small cannot be liquidated).
        venueReported: { maintenanceMargin: '0.00032000', initialMargin: '0.00800000' },
      },
    ],
    venueReported: {
      marginRatio: '0.0031489225951328777793',
      maintenanceMargin: '0.00161032',
      equity: '0.51138761',
    },
  },
  {
    id: 'main:ETH',
    venue: 'binancecoinm',
    marginMode: 'cross',
    positionMode: 'oneway',
    balances: [{ asset: 'ETH', total: '5.00000000' }],
    positions: [
      {
        symbol: 'ETH/USD:ETH',
        side: 'short',
        contracts: '1000',
        contractSize: '10',
        entryPrice: '3000.00000000',
        markPrice: '2900.00000000',
        leverage: 20,
        marginMode: 'isolated',
        isolatedMargin: '0.16666667',
        maintenanceMarginRate: '0.005',
        maintenanceAmount: '0',
        maxLeverage: 75,
        venueReported: {
          liquidationPrice: '3142.10526647',
          maintenanceMargin: '0.01724138',
          initialMargin: '0.17241379',
        },
      },
    ],
    venueReported: {
      marginRatio: '0.0033707866508521650975',
      maintenanceMargin: '0.01724138',
      equity: '5.11494253',
    },
  },
];

describe('binanceCoinmAdapter.fetchAccounts', () => {
  let snapshot: VenueAccountsSnapshot;
  let requests: string[];
  beforeAll(async () => {
    ({ result: snapshot, requests } = await fake.recording(() =>
      binanceCoinmAdapter.fetchAccounts(exchange(KEYS.readOnly), 'main', AS_OF),
    ));
  });

  it('normalises inverse perpetuals and quarterlies per margin coin, cross and isolated', () => {
    expect(snapshot.accounts).toEqual(READ_ONLY_ACCOUNTS);
  });

  it('emits the brackets of every held symbol as tier tables, bounded in coin', () => {
    expect(snapshot.tierTables.map((table) => table.symbol)).toEqual([
      'BTC/USD:BTC',
      'BTC/USD:BTC-261225',
      'ETH/USD:ETH',
    ]);
    expect(snapshot.tierTables[0]).toEqual({
      venue: 'binancecoinm',
      symbol: 'BTC/USD:BTC',
      source: 'GET /dapi/v2/leverageBracket',
      asOf: AS_OF,
      tiers: [
        {
          floor: '0',
          cap: '50',
          maintenanceMarginRate: '0.004',
          maintenanceAmount: '0',
          maxLeverage: 125,
        },
        {
          floor: '50',
          cap: '250',
          maintenanceMarginRate: '0.005',
          maintenanceAmount: '0.05',
          maxLeverage: 100,
        },
        {
          floor: '250',
          cap: '1000',
          maintenanceMarginRate: '0.01',
          maintenanceAmount: '1.3',
          maxLeverage: 50,
        },
      ],
    });
  });

  it('reads each endpoint once, with GET only, and never the key-permission endpoint', () => {
    expect([...requests].sort()).toEqual([
      'GET /dapi/v1/account',
      'GET /dapi/v1/exchangeInfo',
      'GET /dapi/v1/positionRisk',
      'GET /dapi/v1/positionSide/dual',
      'GET /dapi/v2/leverageBracket',
    ]);
  });

  it('is a valid portfolio file for the engine', () => {
    // tierTables are not parsed by lib/engine yet (another change adds them): accounts only.
    const portfolio = parsePortfolio({ version: 1, asOf: AS_OF, accounts: snapshot.accounts });
    expect(portfolio.accounts.map((account) => account.id)).toEqual(['main:BTC', 'main:ETH']);
  });

  it("agrees with the engine: Binance's liquidation prices and maintenance margins are the formula's", () => {
    const report = calculateRiskReport(
      parsePortfolio({
        version: 1,
        asOf: AS_OF,
        accounts: snapshot.accounts,
        model: { scenarios: 200, liquidationPaths: 100, seed: 1 },
      }),
    );
    expectEngineAgreesWithBinance(snapshot.accounts, report, {
      // Binance rounds coin amounts to 8 decimals.
      maintenanceMargin: 8,
      liquidationPrice: 6,
      equity: 8,
      // Binance's per-leg maintenance margins are each rounded to 8 decimals (≤ 5e-9 coin), so
      // the ratio can differ by up to 2 × 5e-9 / 0.511 ≈ 2e-8 on the BTC wallet.
      marginRatio: 7,
    });
  });
});

describe('binanceCoinmAdapter: venue errors a trader understands', () => {
  it('a malformed position payload is a malformed response naming the endpoint and field', async () => {
    const { error, problem } = await problemOf('binancecoinm', () =>
      binanceCoinmAdapter.fetchAccounts(exchange(KEYS.malformed), 'main', AS_OF),
    );
    expect(problem.kind).toBe('malformedResponse');
    expect(error.message).toBe(
      'binancecoinm GET /dapi/v1/positionRisk: [2] "ETHUSD_PERP" BOTH markPrice must be a decimal string, got "NaN"',
    );
  });
});

describe('binanceCoinmAdapter: payloads it refuses', () => {
  it.each([
    [
      'a leg the account endpoint does not list',
      overridingRoute('/dapi/v1/account', { assets: [], positions: [] }),
      'binancecoinm GET /dapi/v1/account: positions has no open "BTCUSD_PERP" BOTH leg, which positionRisk lists',
    ],
    [
      'a position mode that is not a boolean',
      overridingRoute('/dapi/v1/positionSide/dual', { dualSidePosition: 'false' }),
      'binancecoinm GET /dapi/v1/positionSide/dual: dualSidePosition must be true or false, got "false"',
    ],
    [
      'a symbol missing from exchangeInfo',
      overridingRoute('/dapi/v1/exchangeInfo', {
        timezone: 'UTC',
        serverTime: 0,
        rateLimits: [],
        exchangeFilters: [],
        symbols: [],
      }),
      'binancecoinm GET /dapi/v1/positionRisk: "BTCUSD_PERP" BOTH is not a COIN-M contract of GET /dapi/v1/exchangeInfo',
    ],
  ])('%s', async (_case, override, message) => {
    const { error, problem } = await withFakeApi([override, binanceApi], STATE, (running) =>
      problemOf(
        'binancecoinm',
        binanceCoinmAdapter.fetchAccounts(exchange(KEYS.readOnly, running.baseUrl), 'main', AS_OF),
      ),
    );
    expect(error.message).toBe(message);
    expect(problem.kind).toBe('malformedResponse');
  });
});

describe('binanceCoinmAdapter.checkKeyPermissions', () => {
  const check = (key: string) => {
    const checkKeyPermissions = binanceCoinmAdapter.checkKeyPermissions;
    if (!checkKeyPermissions) throw new Error('binanceCoinmAdapter must check key permissions');
    return checkKeyPermissions(exchange(key));
  };

  it('accepts a read-only key, asking only the permission endpoint', async () => {
    const { result, requests } = await fake.recording(() => check(KEYS.readOnly));
    expect(result).toEqual({
      readOnly: true,
      capabilities: [],
      checkedWith: 'GET /sapi/v1/account/apiRestrictions',
    });
    expect(requests).toEqual(['GET /sapi/v1/account/apiRestrictions']);
  });

  it('refuses keys that can trade or withdraw', async () => {
    expect(await check(KEYS.tradeEnabled)).toMatchObject({
      readOnly: false,
      capabilities: ['trade futures', 'trade spot and margin'],
    });
    expect(await check(KEYS.withdrawEnabled)).toMatchObject({
      readOnly: false,
      capabilities: ['withdraw'],
    });
  });
});

describe('binanceCoinmAdapter.hostPermissions', () => {
  it("cover the hosts of ccxt's URLs for the endpoints the adapter calls", () => {
    const urls = createExchange('binancecoinm', undefined).urls.api as Record<string, string>;
    const hosts = ['dapiPublic', 'dapiPrivate', 'dapiPrivateV2', 'sapi'].map(
      (api) => `https://${new URL(urls[api] ?? '').host}/*`,
    );
    expect([...new Set(hosts)].sort()).toEqual([...binanceCoinmAdapter.hostPermissions].sort());
  });
});

describeBinanceAdapterCases({
  venue: 'binancecoinm',
  adapter: binanceCoinmAdapter,
  positionRequest: 'GET /dapi/v1/positionRisk',
  fake,
  exchange: (apiKey) => exchange(apiKey),
  keys: KEYS,
  secret: SECRET,
  asOf: AS_OF,
  readOnlyAccounts: () => READ_ONLY_ACCOUNTS,
});
