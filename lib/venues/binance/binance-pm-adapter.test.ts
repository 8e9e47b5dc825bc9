import { beforeAll, describe, expect, it } from 'vitest';
import {
  overridingRoute,
  problemOf,
  profileKeys,
  useFakeApi,
  withFakeApi,
} from '../../../test/fake-exchange/api/adapter-test-setup';
import { binancePortfolioMarginApi } from '../../../test/fake-exchange/api/binance-api';
import type { FakeApiState } from '../../../test/fake-exchange/api/fake-api';
import {
  PM_ACCOUNT,
  PM_BALANCE,
  PM_CM_POSITION_RISK,
} from '../../../test/fake-exchange/api/fixtures/binance/portfolio-margin';
import { calculateRiskReport, parsePortfolio } from '../../engine';
import type { VenueAccountsSnapshot } from '../api/venue-api-types';
import { binanceUsdmAdapter } from './binance-usdm-adapter';

/**
 * The USDⓈ-M adapter on a Portfolio Margin key, against the fake Binance API serving Binance's
 * documented papi payloads (test/fake-exchange/api/fixtures/binance/portfolio-margin.ts). The
 * expected figures are worked here from Binance's uniMMR formula (uniMMR FAQ
 * 4868b2f1aa6c4d08af973328462bb0bd: uniMMR = Σ adjusted equity / Σ MM, adjusted equity =
 * Σ min(x·price·collateral rate, x·price)) and the fixture's brackets.
 */
const SECRET = 'fake-secret-never-shown';
const { keys: KEYS, profiles } = profileKeys('key-pm-');
const STATE: FakeApiState = { profiles };
const AS_OF = '2026-11-24T12:00:00.000Z';

const fake = useFakeApi('binanceusdm', [binancePortfolioMarginApi], STATE);
const exchange = (apiKey: string, baseUrl?: string) =>
  fake.exchange({ kind: 'apiKey', apiKey, secret: SECRET }, baseUrl);

// By hand: MM = BTCUSDT 62000·0.005 − 50 + ETHUSDT 29000·0.004 (USDT at its index 1); USDT
// x = 10000 + 2000 + 1000 at index 1 and collateral rate 0.9999, USDC 2000 at index 0.9999 and
// rate 1.
const MAINTENANCE = (62_000 * 0.005 - 50 + 29_000 * 0.004) * 1;
const ADJUSTED_EQUITY = (10_000 + 2000 + 1000) * 1 * 0.9999 + 2000 * 0.9999 * 1;

let snapshot: VenueAccountsSnapshot;
let requests: string[];

beforeAll(async () => {
  const recorded = await fake.recording(() =>
    binanceUsdmAdapter.fetchAccounts(exchange(KEYS.readOnly), 'main', AS_OF),
  );
  snapshot = recorded.result;
  requests = recorded.requests;
});

describe('binanceUsdmAdapter: a Portfolio Margin key (papi)', () => {
  it('is one portfolio-margin account with its collateral rates and brackets', () => {
    expect(snapshot.accounts).toEqual([
      {
        id: 'main:portfolio-margin',
        venue: 'binanceusdm',
        marginMode: 'portfolio',
        positionMode: 'oneway',
        balances: [
          { asset: 'USDT', total: '10000.00000000' },
          { asset: 'USDC', total: '2000.00000000' },
        ],
        positions: [
          {
            symbol: 'BTC/USDT:USDT',
            side: 'long',
            contracts: '1.000',
            contractSize: '1',
            entryPrice: '60000.0',
            markPrice: '62000.00000000',
            leverage: 10,
            venueReported: { liquidationPrice: '47320.74713798' },
          },
          {
            symbol: 'ETH/USDT:USDT',
            side: 'short',
            contracts: '10.000',
            contractSize: '1',
            entryPrice: '3000.0',
            markPrice: '2900.00000000',
            leverage: 10,
            venueReported: { liquidationPrice: '4354.39155547' },
          },
        ],
        venueReported: {
          marginRatio: '0.025069173583757637912',
          maintenanceMargin: '376.00000000',
          equity: '14998.50000000',
        },
      },
    ]);
    expect(snapshot.collateralTables).toEqual([
      {
        venue: 'binanceusdm',
        asset: 'USDT',
        source: 'GET /sapi/v1/portfolio/collateralRate',
        asOf: AS_OF,
        tiers: [{ floor: '0', cap: null, collateralRate: '0.9999' }],
      },
      {
        venue: 'binanceusdm',
        asset: 'USDC',
        source: 'GET /sapi/v1/portfolio/collateralRate',
        asOf: AS_OF,
        tiers: [{ floor: '0', cap: null, collateralRate: '1.0000' }],
      },
    ]);
    expect(snapshot.prices).toEqual({ USDT: '1.00000000', USDC: '0.99990000' });
    expect(snapshot.tierTables.map((table) => [table.symbol, table.source])).toEqual([
      ['BTC/USDT:USDT', 'GET /papi/v1/um/leverageBracket'],
      ['ETH/USDT:USDT', 'GET /papi/v1/um/leverageBracket'],
    ]);
  });

  it('tells the account by papi answering after fapi refused the key with -2015', () => {
    expect(
      requests.filter((request) => request.includes('/papi/') || request.includes('/sapi/')).sort(),
    ).toEqual([
      'GET /papi/v1/account',
      'GET /papi/v1/balance',
      'GET /papi/v1/cm/positionRisk',
      'GET /papi/v1/um/leverageBracket',
      'GET /papi/v1/um/positionRisk',
      'GET /papi/v1/um/positionSide/dual',
      'GET /sapi/v1/portfolio/asset-index-price',
      'GET /sapi/v1/portfolio/collateralRate',
    ]);
  });

  it("the fixture's uniMMR and equity are Binance's formula on its own inputs", () => {
    expect(Number(PM_ACCOUNT.accountMaintMargin)).toBe(MAINTENANCE);
    expect(Number(PM_ACCOUNT.accountEquity)).toBeCloseTo(ADJUSTED_EQUITY, 8);
    expect(Number(PM_ACCOUNT.uniMMR)).toBeCloseTo(ADJUSTED_EQUITY / MAINTENANCE, 8);
  });

  it("the engine's uniMMR, equity, MM and liquidation prices beside Binance's", () => {
    const report = calculateRiskReport(
      parsePortfolio({
        version: 1,
        asOf: AS_OF,
        accounts: snapshot.accounts,
        tierTables: snapshot.tierTables,
        collateralTables: snapshot.collateralTables,
        market: { prices: snapshot.prices },
        model: { scenarios: 200, liquidationPaths: 100, seed: 1 },
      }),
    );
    const [account] = report.accounts;
    if (!account) throw new Error('no account in the report');
    expect(account.equity).toBeCloseTo(ADJUSTED_EQUITY, 8);
    expect(account.maintenanceMargin).toBeCloseTo(MAINTENANCE, 8);
    // The report's margin ratio is 1 / uniMMR.
    expect(account.marginRatio).toBeCloseTo(MAINTENANCE / ADJUSTED_EQUITY, 12);
    // Beside Binance's own: uniMMR is sent with 8 decimals, its inverse agrees to 1e-10.
    expect(account.venueReported?.equity?.difference).toBeCloseTo(0, 8);
    expect(account.venueReported?.maintenanceMargin?.difference).toBeCloseTo(0, 8);
    expect(account.venueReported?.marginRatio?.difference).toBeCloseTo(0, 10);
    // Liquidation prices: solved numerically to 1e-10 of the mark; Binance rounds to 8 decimals.
    const venue = snapshot.accounts[0]?.positions ?? [];
    account.positions.forEach((position, index) => {
      const reported = Number(venue[index]?.venueReported?.liquidationPrice);
      expect(Math.abs((position.liquidationPrice ?? 0) - reported)).toBeLessThanOrEqual(
        1e-10 * position.markPrice + 5e-9,
      );
    });
  });
});

describe('binanceUsdmAdapter: Portfolio Margin accounts it refuses by name', () => {
  it.each([
    [
      'COIN-M positions',
      overridingRoute('/papi/v1/cm/positionRisk', [
        { ...PM_CM_POSITION_RISK[0], positionAmt: '3' },
      ]),
      'binanceusdm: this Portfolio Margin account holds COIN-M positions (BTCUSD_PERP; GET /papi/v1/cm/positionRisk); Margin Lens computes Portfolio Margin accounts with USDⓈ-M positions only so far',
    ],
    [
      'coin collateral',
      overridingRoute('/papi/v1/balance', [
        ...PM_BALANCE.slice(0, 2),
        { ...PM_BALANCE[2], asset: 'BTC', totalWalletBalance: '0.50000000' },
      ]),
      'binanceusdm: this Portfolio Margin account holds BTC as collateral (GET /papi/v1/balance); Margin Lens computes Portfolio Margin accounts with USDT and USDC collateral only so far',
    ],
    [
      'a margin loan',
      overridingRoute('/papi/v1/balance', [
        { ...PM_BALANCE[0], crossMarginBorrowed: '500.00000000' },
        ...PM_BALANCE.slice(1),
      ]),
      'binanceusdm: this Portfolio Margin account owes 500 USDT (a margin loan, interest or negative balance, GET /papi/v1/balance); Margin Lens does not model Portfolio Margin loans yet',
    ],
  ])('%s', async (_case, override, message) => {
    const { error, problem } = await withFakeApi(
      [override, binancePortfolioMarginApi],
      STATE,
      (running) =>
        problemOf(
          'binanceusdm',
          binanceUsdmAdapter.fetchAccounts(exchange(KEYS.readOnly, running.baseUrl), 'main', AS_OF),
        ),
    );
    expect(error.message).toBe(message);
    expect(problem.kind).toBe('unsupportedAccount');
  });

  it('a key papi refuses too stays a wrong key', async () => {
    const { problem } = await withFakeApi(
      [
        overridingRoute(
          '/papi/v1/account',
          { code: -2015, msg: 'Invalid API-key, IP, or permissions for action' },
          401,
        ),
        binancePortfolioMarginApi,
      ],
      STATE,
      (running) =>
        problemOf(
          'binanceusdm',
          binanceUsdmAdapter.fetchAccounts(exchange(KEYS.readOnly, running.baseUrl), 'main', AS_OF),
        ),
    );
    expect(problem).toMatchObject({ kind: 'wrongKey', venueCode: '-2015' });
  });
});
