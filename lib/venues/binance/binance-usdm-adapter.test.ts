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
import type { FakeApiState } from '../../../test/fake-exchange/api/fake-api';
import { calculateRiskReport, parsePortfolio } from '../../engine';
import { createExchange } from '../api/create-exchange';
import type { PortfolioFileAccount, VenueAccountsSnapshot } from '../api/venue-api-types';
import { binanceUsdmAdapter } from './binance-usdm-adapter';
import { expectEngineAgreesWithBinance } from '../../../test/fake-exchange/api/fixtures/binance/expect-engine-agrees';
import { withTierInForce } from '../../../test/fake-exchange/api/fixtures/binance/with-tier-in-force';

/**
 * The USDⓈ-M adapter against the fake Binance API (test/fake-exchange/api/binance-api.ts), which
 * serves Binance's documented payloads (fixtures/binance/, each naming its documentation page).
 */
const SECRET = 'fake-secret-never-shown';
const { keys: KEYS, profiles } = profileKeys('key-usdm-');
const STATE: FakeApiState = { profiles };
const AS_OF = '2026-11-24T12:00:00.000Z';

const fake = useFakeApi('binanceusdm', [binanceApi], STATE);
const exchange = (apiKey: string, baseUrl?: string) =>
  fake.exchange({ kind: 'apiKey', apiKey, secret: SECRET }, baseUrl);

const READ_ONLY_ACCOUNTS: PortfolioFileAccount[] = [
  {
    id: 'main:USDT',
    venue: 'binanceusdm',
    marginMode: 'cross',
    positionMode: 'hedge',
    balances: [{ asset: 'USDT', total: '8000.00000000' }],
    positions: [
      {
        symbol: 'BTC/USDT:USDT',
        side: 'long',
        contracts: '0.500',
        contractSize: '1',
        entryPrice: '60000.0',
        markPrice: '62000.00000000',
        leverage: 20,
        marginMode: 'cross',
        positionSide: 'long',
        venueReported: {
          liquidationPrice: '41470.39030956',
          maintenanceMargin: '124.00000000',
          initialMargin: '1550.00000000',
        },
      },
      {
        symbol: 'BTC/USDT:USDT',
        side: 'short',
        contracts: '0.200',
        contractSize: '1',
        entryPrice: '63000.0',
        markPrice: '62000.00000000',
        leverage: 20,
        marginMode: 'cross',
        positionSide: 'short',
        venueReported: {
          liquidationPrice: '41470.39030956',
          maintenanceMargin: '49.60000000',
          initialMargin: '620.00000000',
        },
      },
      {
        symbol: 'BTC/USDT:USDT-261225',
        side: 'short',
        contracts: '0.100',
        contractSize: '1',
        entryPrice: '63500.0',
        markPrice: '62500.00000000',
        leverage: 10,
        marginMode: 'cross',
        positionSide: 'short',
        venueReported: {
          liquidationPrice: '123270.91633466',
          maintenanceMargin: '25.00000000',
          initialMargin: '625.00000000',
        },
      },
      {
        symbol: 'ETH/USDT:USDT',
        side: 'long',
        contracts: '10.000',
        contractSize: '1',
        entryPrice: '3000.00',
        markPrice: '2900.00000000',
        leverage: 10,
        marginMode: 'isolated',
        isolatedMargin: '3000.00000000',
        positionSide: 'long',
        venueReported: {
          liquidationPrice: '2710.84337349',
          maintenanceMargin: '116.00000000',
          initialMargin: '2900.00000000',
        },
      },
    ],
    venueReported: {
      marginRatio: '0.037903614457831325301',
      maintenanceMargin: '314.60000000',
      equity: '8300.00000000',
    },
  },
  {
    id: 'main:USDC',
    venue: 'binanceusdm',
    marginMode: 'cross',
    positionMode: 'hedge',
    balances: [{ asset: 'USDC', total: '4000.00000000' }],
    positions: [
      {
        symbol: 'BTC/USDC:USDC',
        side: 'long',
        contracts: '0.050',
        contractSize: '1',
        entryPrice: '61000.0',
        markPrice: '61990.00000000',
        leverage: 20,
        marginMode: 'cross',
        positionSide: 'long',
        // Binance's liquidationPrice "0": no price reported, so none is passed on (unknown).
        venueReported: { maintenanceMargin: '12.39800000', initialMargin: '154.97500000' },
      },
    ],
    venueReported: {
      marginRatio: '0.0030616125447586121743',
      maintenanceMargin: '12.39800000',
      equity: '4049.50000000',
    },
  },
];

describe('binanceUsdmAdapter.fetchAccounts', () => {
  let snapshot: VenueAccountsSnapshot;
  let requests: string[];
  beforeAll(async () => {
    ({ result: snapshot, requests } = await fake.recording(() =>
      binanceUsdmAdapter.fetchAccounts(exchange(KEYS.readOnly), 'main', AS_OF),
    ));
  });

  it('normalises perpetuals, quarterlies, USDT and USDC silos, cross and isolated, hedge legs', () => {
    expect(snapshot.accounts).toEqual(READ_ONLY_ACCOUNTS);
  });

  it('emits the account brackets of every held symbol as tier tables', () => {
    expect(snapshot.tierTables.map((table) => table.symbol)).toEqual([
      'BTC/USDT:USDT',
      'BTC/USDT:USDT-261225',
      'ETH/USDT:USDT',
      'BTC/USDC:USDC',
    ]);
    const btc = snapshot.tierTables[0];
    expect(btc).toMatchObject({
      venue: 'binanceusdm',
      source: 'GET /fapi/v1/leverageBracket',
      asOf: AS_OF,
    });
    expect(btc?.tiers).toHaveLength(12);
    expect(btc?.tiers.slice(0, 3)).toEqual([
      {
        floor: '0',
        cap: '50000',
        maintenanceMarginRate: '0.004',
        maintenanceAmount: '0',
        maxLeverage: 125,
      },
      {
        floor: '50000',
        cap: '600000',
        maintenanceMarginRate: '0.005',
        maintenanceAmount: '50',
        maxLeverage: 100,
      },
      {
        floor: '600000',
        cap: '3000000',
        maintenanceMarginRate: '0.0065',
        maintenanceAmount: '950',
        maxLeverage: 75,
      },
    ]);
    expect(btc?.tiers[11]).toEqual({
      floor: '1200000000',
      cap: '1800000000',
      maintenanceMarginRate: '0.5',
      maintenanceAmount: '421481450',
      maxLeverage: 1,
    });
  });

  it('reads each endpoint once, with GET only, and never the key-permission endpoint', () => {
    expect([...requests].sort()).toEqual([
      'GET /fapi/v1/accountConfig',
      'GET /fapi/v1/exchangeInfo',
      'GET /fapi/v1/leverageBracket',
      'GET /fapi/v1/symbolConfig',
      'GET /fapi/v3/account',
      'GET /fapi/v3/positionRisk',
    ]);
  });

  it('is a valid portfolio file for the engine', () => {
    // tierTables are not parsed by lib/engine yet (another change adds them): accounts only.
    const portfolio = parsePortfolio({ version: 1, asOf: AS_OF, accounts: snapshot.accounts });
    expect(portfolio.accounts.map((account) => account.id)).toEqual(['main:USDT', 'main:USDC']);
  });

  it("agrees with the engine: Binance's liquidation prices and maintenance margins are the formula's", () => {
    const report = calculateRiskReport(
      parsePortfolio({
        version: 1,
        asOf: AS_OF,
        accounts: withTierInForce(snapshot),
        model: { scenarios: 200, liquidationPaths: 100, seed: 1 },
      }),
    );
    // Binance rounds liquidation prices to 8 decimals.
    expectEngineAgreesWithBinance(snapshot.accounts, report, {
      maintenanceMargin: 9,
      liquidationPrice: 7,
      equity: 9,
      marginRatio: 12,
    });
  });
});

describe('binanceUsdmAdapter: venue errors a trader understands', () => {
  it('an internal error (-1001, HTTP 500) is the venue being down', async () => {
    const internalError = overridingRoute(
      '/fapi/v3/positionRisk',
      { code: -1001, msg: 'Internal error; unable to process your request. Please try again.' },
      500,
    );
    const { problem } = await withFakeApi([internalError, binanceApi], STATE, (running) =>
      problemOf(
        'binanceusdm',
        binanceUsdmAdapter.fetchAccounts(exchange(KEYS.readOnly, running.baseUrl), 'main', AS_OF),
      ),
    );
    expect(problem).toMatchObject({ kind: 'venueDown', venueCode: '-1001', retryable: true });
  });

  it('an unknown key is a wrong key (-2015)', async () => {
    const { problem } = await problemOf('binanceusdm', () =>
      binanceUsdmAdapter.fetchAccounts(exchange('key-nobody-knows'), 'main', AS_OF),
    );
    expect(problem).toMatchObject({
      kind: 'wrongKey',
      venueCode: '-2015',
    });
  });

  it('a malformed position payload is a malformed response naming the endpoint and field', async () => {
    const { error, problem } = await problemOf('binanceusdm', () =>
      binanceUsdmAdapter.fetchAccounts(exchange(KEYS.malformed), 'main', AS_OF),
    );
    expect(problem.kind).toBe('malformedResponse');
    expect(error.message).toBe(
      'binanceusdm GET /fapi/v3/positionRisk: [0] "BTCUSDT" LONG positionAmt must be a decimal string, got nothing',
    );
  });
});

describe('binanceUsdmAdapter: payloads it refuses', () => {
  it.each([
    [
      'an HTML page instead of JSON',
      overridingRoute('/fapi/v3/account', '<html>gateway</html>'),
      'binanceusdm GET /fapi/v3/account: response must be an object, got "<html>gateway</html>"',
      'malformedResponse',
    ],
    [
      'a position mode the legs contradict',
      overridingRoute('/fapi/v1/accountConfig', {
        dualSidePosition: false,
        multiAssetsMargin: false,
      }),
      'binanceusdm GET /fapi/v3/positionRisk: "BTCUSDT" LONG positionSide contradicts the position mode (GET /fapi/v1/accountConfig dualSidePosition: false)',
      'malformedResponse',
    ],
    [
      'a bracket table with a gap',
      overridingRoute('/fapi/v1/leverageBracket', [
        {
          symbol: 'BTCUSDT',
          brackets: [
            {
              bracket: 1,
              initialLeverage: 125,
              notionalCap: 50000,
              notionalFloor: 0,
              maintMarginRatio: 0.004,
              cum: 0,
            },
            {
              bracket: 2,
              initialLeverage: 100,
              notionalCap: 600000,
              notionalFloor: 60000,
              maintMarginRatio: 0.005,
              cum: 50,
            },
          ],
        },
      ]),
      'binanceusdm GET /fapi/v1/leverageBracket: [0] "BTCUSDT" brackets[1] notionalFloor must continue the previous bracket at 50000, got 60000',
      'malformedResponse',
    ],
    [
      'a held symbol without a symbol configuration',
      overridingRoute('/fapi/v1/symbolConfig', []),
      'binanceusdm GET /fapi/v1/symbolConfig: response has no entry for the held symbol "BTCUSDT"',
      'malformedResponse',
    ],
  ])('%s', async (_case, override, message, kind) => {
    const { error, problem } = await withFakeApi([override, binanceApi], STATE, (running) =>
      problemOf(
        'binanceusdm',
        binanceUsdmAdapter.fetchAccounts(exchange(KEYS.readOnly, running.baseUrl), 'main', AS_OF),
      ),
    );
    expect(error.message).toBe(message);
    expect(problem.kind).toBe(kind);
  });
});

describe('binanceUsdmAdapter.checkKeyPermissions', () => {
  const check = (key: string) => {
    const checkKeyPermissions = binanceUsdmAdapter.checkKeyPermissions;
    if (!checkKeyPermissions) throw new Error('binanceUsdmAdapter must check key permissions');
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

  it('refuses a trading key, saying what it can do', async () => {
    expect(await check(KEYS.tradeEnabled)).toEqual({
      readOnly: false,
      capabilities: ['trade futures', 'trade spot and margin'],
      checkedWith: 'GET /sapi/v1/account/apiRestrictions',
    });
  });

  it('refuses a key that can withdraw', async () => {
    expect(await check(KEYS.withdrawEnabled)).toMatchObject({
      readOnly: false,
      capabilities: ['withdraw'],
    });
  });

  it('an unknown key is a wrong key', async () => {
    const { problem } = await problemOf('binanceusdm', () => check('key-nobody-knows'));
    expect(problem.kind).toBe('wrongKey');
  });
});

describe('binanceUsdmAdapter.checkKeyPermissions: answers it reads strictly', () => {
  const readOnly = {
    ipRestrict: false,
    createTime: 1790000000000,
    enableReading: true,
    enableWithdrawals: false,
    enableInternalTransfer: false,
    enableMargin: false,
    enableFutures: false,
    permitsUniversalTransfer: false,
    enableSpotAndMarginTrading: false,
  };
  const checkAgainst = (body: unknown) =>
    withFakeApi(
      [overridingRoute('/sapi/v1/account/apiRestrictions', body), binanceApi],
      STATE,
      (running) => {
        const checkKeyPermissions = binanceUsdmAdapter.checkKeyPermissions;
        if (!checkKeyPermissions) throw new Error('binanceUsdmAdapter must check key permissions');
        return checkKeyPermissions(exchange(KEYS.readOnly, running.baseUrl));
      },
    );

  it('lists a permission Binance adds later, rather than assuming it harmless', async () => {
    expect(await checkAgainst({ ...readOnly, enableCopyTrading: true })).toMatchObject({
      readOnly: false,
      capabilities: ['use "enableCopyTrading"'],
    });
  });

  it('a key that cannot read is refused as lacking permission', async () => {
    const { problem } = await problemOf('binanceusdm', () =>
      checkAgainst({ ...readOnly, enableReading: false }),
    );
    expect(problem.kind).toBe('permissionDenied');
  });

  it('a missing withdrawal flag is a malformed response, not a read-only key', async () => {
    const withoutFlag = Object.fromEntries(
      Object.entries(readOnly).filter(([flag]) => flag !== 'enableWithdrawals'),
    );
    const { error, problem } = await problemOf('binanceusdm', () => checkAgainst(withoutFlag));
    expect(error.message).toBe(
      'binanceusdm GET /sapi/v1/account/apiRestrictions: enableWithdrawals must be true or false, got nothing',
    );
    expect(problem.kind).toBe('malformedResponse');
  });
});

describe('binanceUsdmAdapter.hostPermissions', () => {
  it("cover the hosts of ccxt's URLs for the endpoints the adapter calls", () => {
    const urls = createExchange('binanceusdm', undefined).urls.api as Record<string, string>;
    const hosts = ['fapiPublic', 'fapiPrivate', 'fapiPrivateV3', 'papi', 'sapi'].map(
      (api) => `https://${new URL(urls[api] ?? '').host}/*`,
    );
    expect([...new Set(hosts)].sort()).toEqual([...binanceUsdmAdapter.hostPermissions].sort());
  });
});

describe('the fake Binance API itself', () => {
  it('answers a signed endpoint without X-MBX-APIKEY with -2014, as Binance does', async () => {
    const response = await fetch(`${fake.api.baseUrl}/fapi/v3/account?timestamp=1&signature=x`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ code: -2014, msg: 'API-key format invalid.' });
  });

  it('requires the signature parameter', async () => {
    const response = await fetch(`${fake.api.baseUrl}/fapi/v3/account?timestamp=1`, {
      headers: { 'X-MBX-APIKEY': KEYS.readOnly },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: -1102 });
  });
});

describeBinanceAdapterCases({
  venue: 'binanceusdm',
  adapter: binanceUsdmAdapter,
  positionRequest: 'GET /fapi/v3/positionRisk',
  fake,
  exchange: (apiKey) => exchange(apiKey),
  keys: KEYS,
  secret: SECRET,
  asOf: AS_OF,
  readOnlyAccounts: () => READ_ONLY_ACCOUNTS,
});
