import { beforeAll, describe, expect, it } from 'vitest';
import {
  overridingRoute,
  problemOf,
  profileKeys,
  useFakeApi,
  withFakeApi,
} from '../../../test/fake-exchange/api/adapter-test-setup';
import { binanceMultiAssetsApi } from '../../../test/fake-exchange/api/binance-api';
import type { FakeApiState } from '../../../test/fake-exchange/api/fake-api';
import { USDM_ASSET_INDEX } from '../../../test/fake-exchange/api/fixtures/binance/usdm-asset-index';
import {
  USDM_MULTI_ASSETS_ACCOUNT,
  USDM_MULTI_ASSETS_POSITION_RISK,
  USDM_MULTI_ASSETS_SYMBOL_CONFIG,
} from '../../../test/fake-exchange/api/fixtures/binance/usdm-multi-assets';
import { calculateRiskReport, parsePortfolio } from '../../engine';
import type { VenueAccountsSnapshot } from '../api/venue-api-types';
import { binanceUsdmAdapter } from './binance-usdm-adapter';

/**
 * The USDⓈ-M adapter on an account in Multi-Assets mode, against the fake Binance API serving
 * Binance's documented payloads (test/fake-exchange/api/fixtures/binance/usdm-multi-assets.ts,
 * usdm-asset-index.ts). The expected figures are worked here from Binance's published formulas
 * ("How to Calculate Margin Ratio in the Multi-Assets Mode", FAQ c983a9268cfa4e70a4916c276bb3b7bc:
 * Account Equity = Σ min(assetEquity·bidRate, assetEquity·askRate), Account MM = Σ MM·askRate,
 * margin ratio = MM / equity; GET /fapi/v1/assetIndex: bidRate = index·(1 − bidBuffer), askRate =
 * index·(1 + askBuffer)).
 */
const SECRET = 'fake-secret-never-shown';
const { keys: KEYS, profiles } = profileKeys('key-multi-');
const STATE: FakeApiState = { profiles };
const AS_OF = '2026-11-24T12:00:00.000Z';

const fake = useFakeApi('binanceusdm', [binanceMultiAssetsApi], STATE);
const exchange = (apiKey: string, baseUrl?: string) =>
  fake.exchange({ kind: 'apiKey', apiKey, secret: SECRET }, baseUrl);

// The fixture's inputs: wallets, legs (BTCUSDT long 0.5 @ 60000, BTCUSDC short 0.05 @ 61000,
// bracket 1 at 0.4 %), asset index.
const USDT = { index: 0.9999, bid: 0.0001, ask: 0.0001 };
const USDC = { index: 1, bid: 0.0001, ask: 0.0001 };
const BTC = { index: 62_010, bid: 0.05, ask: 0.05 };
const bidRate = (asset: typeof USDT) => asset.index * (1 - asset.bid);
const askRate = (asset: typeof USDT) => asset.index * (1 + asset.ask);
const value = (equity: number, asset: typeof USDT) =>
  Math.min(equity * bidRate(asset), equity * askRate(asset));

/** Account equity and MM in USD when BTC moves by `move` (1 = now): the FAQ's formulas. */
function byHand(move: number) {
  const btcUsdt = 62_000 * move;
  const btcUsdc = 61_990 * move;
  const usdtEquity = 3000 + 0.5 * (btcUsdt - 60_000);
  const usdcEquity = 1000 - 0.05 * (btcUsdc - 61_000);
  const btc = { ...BTC, index: BTC.index * move };
  return {
    equity: value(usdtEquity, USDT) + value(usdcEquity, USDC) + value(0.1, btc),
    maintenanceMargin:
      0.5 * btcUsdt * 0.004 * askRate(USDT) + 0.05 * btcUsdc * 0.004 * askRate(USDC),
  };
}

let snapshot: VenueAccountsSnapshot;
let requests: string[];

beforeAll(async () => {
  const recorded = await fake.recording(() =>
    binanceUsdmAdapter.fetchAccounts(exchange(KEYS.readOnly), 'main', AS_OF),
  );
  snapshot = recorded.result;
  requests = recorded.requests;
});

describe('binanceUsdmAdapter: an account in Multi-Assets mode', () => {
  it('is one cross account over its margin assets, with their asset index', () => {
    expect(snapshot.accounts).toEqual([
      {
        id: 'main:multi-assets',
        venue: 'binanceusdm',
        marginMode: 'cross',
        positionMode: 'oneway',
        balances: [
          { asset: 'USDT', total: '3000.00000000' },
          { asset: 'USDC', total: '1000.00000000' },
          { asset: 'BTC', total: '0.10000000' },
        ],
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
            venueReported: { liquidationPrice: '42279.30042309' },
          },
          {
            symbol: 'BTC/USDC:USDC',
            side: 'short',
            contracts: '0.050',
            contractSize: '1',
            entryPrice: '61000.0',
            markPrice: '61990.00000000',
            leverage: 20,
            marginMode: 'cross',
            venueReported: { liquidationPrice: '42272.48118109' },
          },
        ],
        multiAssetsMargin: {
          source: 'GET /fapi/v1/assetIndex',
          asOf: AS_OF,
          assetIndex: [
            {
              asset: 'USDT',
              index: '0.99990000',
              bidBuffer: '0.00010000',
              askBuffer: '0.00010000',
            },
            {
              asset: 'USDC',
              index: '1.00000000',
              bidBuffer: '0.00010000',
              askBuffer: '0.00010000',
            },
            {
              asset: 'BTC',
              index: '62010.00000000',
              bidBuffer: '0.05000000',
              askBuffer: '0.05000000',
            },
          ],
        },
        venueReported: {
          marginRatio: '0.012582311393265668956',
          maintenanceMargin: '136.39923856',
          equity: '10840.55499000',
        },
      },
    ]);
    expect(snapshot.prices).toEqual({
      USDT: '0.99990000',
      USDC: '1.00000000',
      BTC: '62010.00000000',
    });
  });

  it('reads the public asset index besides the account endpoints', () => {
    expect([...requests].sort()).toEqual([
      'GET /fapi/v1/accountConfig',
      'GET /fapi/v1/assetIndex',
      'GET /fapi/v1/exchangeInfo',
      'GET /fapi/v1/leverageBracket',
      'GET /fapi/v1/symbolConfig',
      'GET /fapi/v3/account',
      'GET /fapi/v3/positionRisk',
    ]);
  });

  it("the fixture's totals are Binance's formulas on its own inputs", () => {
    const now = byHand(1);
    expect(Number(USDM_MULTI_ASSETS_ACCOUNT.totalMarginBalance)).toBeCloseTo(now.equity, 8);
    expect(Number(USDM_MULTI_ASSETS_ACCOUNT.totalMaintMargin)).toBeCloseTo(
      now.maintenanceMargin,
      8,
    );
    // The BTC move where equity = MM (the USDT equity is a loss there): the legs' liquidation price.
    const move =
      (27_000 * askRate(USDT) - 4050 * bidRate(USDC)) /
      (31_000 * askRate(USDT) -
        3099.5 * bidRate(USDC) +
        0.1 * bidRate(BTC) -
        (0.5 * 62_000 * 0.004 * askRate(USDT) + 0.05 * 61_990 * 0.004 * askRate(USDC)));
    const atLiquidation = byHand(move);
    expect(atLiquidation.equity - atLiquidation.maintenanceMargin).toBeCloseTo(0, 8);
    expect(Number(USDM_MULTI_ASSETS_POSITION_RISK[0]?.liquidationPrice)).toBeCloseTo(
      62_000 * move,
      7,
    );
    expect(Number(USDM_MULTI_ASSETS_POSITION_RISK[1]?.liquidationPrice)).toBeCloseTo(
      61_990 * move,
      7,
    );
  });

  it("the engine's equity, maintenance margin, margin ratio and liquidation prices are Binance's", () => {
    const report = calculateRiskReport(
      parsePortfolio({
        version: 1,
        asOf: AS_OF,
        accounts: snapshot.accounts,
        tierTables: snapshot.tierTables,
        market: { prices: snapshot.prices },
        model: { scenarios: 200, liquidationPaths: 100, seed: 1 },
      }),
    );
    const [account] = report.accounts;
    if (!account) throw new Error('no account in the report');
    const now = byHand(1);
    expect(account.settle).toBe('USD');
    expect(account.equity).toBeCloseTo(now.equity, 8);
    expect(account.maintenanceMargin).toBeCloseTo(now.maintenanceMargin, 8);
    // Beside Binance's own: equal within its 8 decimals.
    expect(account.venueReported?.equity?.difference).toBeCloseTo(0, 7);
    expect(account.venueReported?.maintenanceMargin?.difference).toBeCloseTo(0, 7);
    expect(account.venueReported?.marginRatio?.difference).toBeCloseTo(0, 10);
    // Liquidation prices: the engine solves numerically to 1e-10 of the mark
    // (solve-liquidation-price.ts); Binance rounds to 8 decimals (±5e-9).
    const venue = snapshot.accounts[0]?.positions ?? [];
    account.positions.forEach((position, index) => {
      const reported = Number(venue[index]?.venueReported?.liquidationPrice);
      expect(Math.abs((position.liquidationPrice ?? 0) - reported)).toBeLessThanOrEqual(
        1e-10 * position.markPrice + 5e-9,
      );
    });
  });
});

describe('binanceUsdmAdapter: Multi-Assets payloads it refuses', () => {
  it.each([
    [
      'an isolated symbol (Multi-Assets mode is cross only)',
      overridingRoute(
        '/fapi/v1/symbolConfig',
        USDM_MULTI_ASSETS_SYMBOL_CONFIG.map((entry) =>
          entry.symbol === 'BTCUSDC' ? { ...entry, marginType: 'ISOLATED' } : entry,
        ),
      ),
      'binanceusdm GET /fapi/v1/symbolConfig: "BTCUSDC" marginType is ISOLATED, which Multi-Assets mode does not allow (GET /fapi/v1/accountConfig multiAssetsMargin: true)',
    ],
    [
      'an asset index without a held asset',
      overridingRoute(
        '/fapi/v1/assetIndex',
        USDM_ASSET_INDEX.filter((pair) => pair.symbol !== 'BTCUSD'),
      ),
      'binanceusdm GET /fapi/v1/assetIndex: response has no "BTCUSD" pair for the margin asset BTC the account holds',
    ],
    [
      'a pair not quoted in USD',
      overridingRoute('/fapi/v1/assetIndex', [{ ...USDM_ASSET_INDEX[0], symbol: 'ADAUSDT' }]),
      'binanceusdm GET /fapi/v1/assetIndex: [0] "ADAUSDT" symbol must be an asset quoted in USD ("BTCUSD")',
    ],
    [
      'a totalMarginBalance that is no decimal',
      overridingRoute('/fapi/v3/account', { ...USDM_MULTI_ASSETS_ACCOUNT, totalMarginBalance: 1 }),
      'binanceusdm GET /fapi/v3/account: totalMarginBalance must be a decimal string, got 1',
    ],
  ])('%s', async (_case, override, message) => {
    const { error, problem } = await withFakeApi(
      [override, binanceMultiAssetsApi],
      STATE,
      (running) =>
        problemOf(
          'binanceusdm',
          binanceUsdmAdapter.fetchAccounts(exchange(KEYS.readOnly, running.baseUrl), 'main', AS_OF),
        ),
    );
    expect(error.message).toBe(message);
    expect(problem.kind).toBe('malformedResponse');
  });
});
