import { describe, expect, it } from 'vitest';
import { calculateRiskReport, parsePortfolio } from '../../engine';
import { useFakeApi } from '../../../test/fake-exchange/api/adapter-test-setup';
import {
  HYPERLIQUID_UNIFIED_ADDRESS,
  HYPERLIQUID_UNIFIED_CASH_ADDRESS,
  HYPERLIQUID_UNIFIED_CLEARINGHOUSE_STATES,
  HYPERLIQUID_UNIFIED_SPOT_STATE,
} from '../../../test/fake-exchange/api/fixtures/hyperliquid/hyperliquid-unified-account';
import { HIP3_REPORT_MARKET } from '../../../test/fake-exchange/api/fixtures/hyperliquid/hyperliquid-hip3-clearinghouse';
import { HYPERLIQUID_FLX_META_AND_ASSET_CTXS } from '../../../test/fake-exchange/api/fixtures/hyperliquid/hyperliquid-hip3-meta';
import { hyperliquidApi } from '../../../test/fake-exchange/api/hyperliquid-api';
import { PayloadReader } from '../api/payload-reader';
import type { CcxtExchange, PortfolioFileAccount } from '../api/venue-api-types';
import { hyperliquidAdapter } from './hyperliquid-adapter';
import { readHyperliquidMeta } from './hyperliquid-meta';
import { readHyperliquidUnifiedAccount } from './hyperliquid-unified-account';

/**
 * A Hyperliquid account in unified account mode through the adapter and ccxt, against the fake
 * info endpoint (test/fake-exchange/api/hyperliquid-api.ts): positions on the first dex and `xyz`
 * (USDC) and on `flx` (USDH), the balances in the spot state. Its venue figures are derived in
 * fixtures/hyperliquid/hyperliquid-unified-account.ts from Hyperliquid's published "Unified
 * Account Ratio" (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/account-abstraction-modes).
 */
const AS_OF = '2026-11-24T12:00:00Z';

const fake = useFakeApi('hyperliquid', [hyperliquidApi], { profiles: {} });
const exchangeFor = (address: string) => fake.exchange({ kind: 'address', address });

/** The bodies the adapter sends to the info endpoint, in order. */
function recordInfoBodies(exchange: CcxtExchange): object[] {
  const target = exchange as unknown as { publicPostInfo: (body: object) => Promise<unknown> };
  const send = target.publicPostInfo.bind(exchange);
  const bodies: object[] = [];
  target.publicPostInfo = (body) => {
    bodies.push(body);
    return send(body);
  };
  return bodies;
}

const infoReader = (type: string) =>
  new PayloadReader('hyperliquid', `POST /info {"type":"${type}"}`);

/** Half a unit of the 8th decimal: Hyperliquid's liquidation prices are written to 8 decimals. */
const VENUE_ROUNDING = 5e-9;

interface DexState {
  readonly crossMaintenanceMarginUsed: string;
  readonly assetPositions: readonly {
    readonly position: {
      readonly leverage: { readonly type: string };
      readonly marginUsed: string;
    };
  }[];
}

/**
 * Hyperliquid's published Unified Account Ratio of one collateral token, from the venue's answers
 * (account-abstraction-modes): Σ crossMaintenanceMarginUsed / (spot total − Σ isolated
 * marginUsed) over the token's dexes; undefined where the docs skip the token (available ≤ 0).
 */
function publishedRatio(dexes: readonly string[], token: number): number | undefined {
  const states = dexes.map((dex) => HYPERLIQUID_UNIFIED_CLEARINGHOUSE_STATES[dex] as DexState);
  const cross = states.reduce((sum, state) => sum + Number(state.crossMaintenanceMarginUsed), 0);
  const isolated = states
    .flatMap((state) => state.assetPositions)
    .filter((entry) => entry.position.leverage.type === 'isolated')
    .reduce((sum, entry) => sum + Number(entry.position.marginUsed), 0);
  const total = HYPERLIQUID_UNIFIED_SPOT_STATE.balances.find((line) => line.token === token);
  const available = Number(total?.total ?? 0) - isolated;
  return available > 0 ? cross / available : undefined;
}

describe('Hyperliquid adapter: unified account mode', () => {
  it('reads one account per collateral token across the dexes, on the spot balance', async () => {
    const exchange = exchangeFor(HYPERLIQUID_UNIFIED_ADDRESS);
    const bodies = recordInfoBodies(exchange);
    const snapshot = await hyperliquidAdapter.fetchAccounts(exchange, 'hl', AS_OF);
    const user = HYPERLIQUID_UNIFIED_ADDRESS;
    expect(bodies).toEqual([
      { type: 'userAbstraction', user },
      { type: 'perpDexs' },
      { type: 'clearinghouseState', user },
      { type: 'clearinghouseState', user, dex: 'xyz' },
      { type: 'clearinghouseState', user, dex: 'flx' },
      // Right after the dexes' states: the spot total holds the P&L at its own time, so the two
      // are read together, before spotMeta and the metas.
      { type: 'spotClearinghouseState', user },
      { type: 'spotMeta' },
      { type: 'metaAndAssetCtxs' },
      { type: 'metaAndAssetCtxs', dex: 'xyz' },
      { type: 'metaAndAssetCtxs', dex: 'flx' },
    ]);
    const usdc: PortfolioFileAccount = {
      id: 'hl',
      venue: 'hyperliquid',
      marginMode: 'cross',
      positionMode: 'oneway',
      // The spot total 12,000 less the unrealized P&L 2,500 + 2,000 + 500; not a dex's summary.
      balances: [{ asset: 'USDC', total: '7000' }],
      positions: [
        {
          symbol: 'BTC/USDC:USDC',
          side: 'long',
          contracts: '0.5',
          entryPrice: '95000.0',
          markPrice: '100000.0',
          leverage: 10,
          maxLeverage: 40,
          venueReported: { liquidationPrice: '83949.36708861', initialMargin: '5000.0' },
        },
        {
          symbol: 'XYZ-NVDA/USDC:USDC',
          side: 'long',
          contracts: '100.0',
          entryPrice: '180.0',
          markPrice: '200.0',
          leverage: 5,
          maxLeverage: 10,
          venueReported: { liquidationPrice: '116.57894737', initialMargin: '4000.0' },
        },
        {
          symbol: 'XYZ-GOLD/USDC:USDC',
          side: 'short',
          contracts: '5.0',
          entryPrice: '4000.0',
          markPrice: '3900.0',
          leverage: 10,
          marginMode: 'isolated',
          // marginUsed 2,450 less the P&L 500.
          isolatedMargin: '1950',
          maxLeverage: 20,
          venueReported: { liquidationPrice: '4282.92682927' },
        },
      ],
      // An isolated position: the venue's ratio leaves its margin out, so only the equity compares.
      venueReported: { equity: '12000.0' },
    };
    const usdh: PortfolioFileAccount = {
      id: 'hl:USDH',
      venue: 'hyperliquid',
      marginMode: 'cross',
      positionMode: 'oneway',
      balances: [{ asset: 'USDH', total: '1300' }],
      positions: [
        {
          symbol: 'FLX-TSLA/USDH:USDH',
          side: 'short',
          contracts: '10.0',
          entryPrice: '400.0',
          markPrice: '380.0',
          leverage: 4,
          maxLeverage: 10,
          venueReported: { liquidationPrice: '504.76190476', initialMargin: '950.0' },
        },
      ],
      // 190 / 1,500: the published ratio of USDH.
      venueReported: {
        equity: '1500.0',
        maintenanceMargin: '190',
        marginRatio: '0.12666666666666666667',
      },
    };
    expect(snapshot).toEqual({ accounts: [usdc, usdh], tierTables: [], unifiedAccount: true });
    expect(Number(usdh.venueReported?.marginRatio)).toBeCloseTo(
      publishedRatio(['flx'], 360) ?? Number.NaN,
      15,
    );
  });

  it('gives accounts the engine computes to the venue’s figures and published ratio', async () => {
    const { accounts, tierTables } = await hyperliquidAdapter.fetchAccounts(
      exchangeFor(HYPERLIQUID_UNIFIED_ADDRESS),
      'hl',
      AS_OF,
    );
    // The HIP-3 accounts' market data (HIP3_REPORT_MARKET), with BTC's correlations to them.
    const portfolio = parsePortfolio({
      version: 1,
      asOf: AS_OF,
      accounts,
      tierTables,
      market: {
        ...HIP3_REPORT_MARKET,
        correlations: {
          ...HIP3_REPORT_MARKET.correlations,
          'BTC/XYZ-NVDA': 0.3,
          'BTC/XYZ-GOLD': 0.1,
          'BTC/FLX-TSLA': 0.3,
        },
      },
      model: { method: 'parametric' },
    });
    const report = calculateRiskReport(portfolio);
    const byId = new Map(report.accounts.map((account) => [account.id, account]));
    const usdc = byId.get('hl');
    const usdh = byId.get('hl:USDH');
    expect(usdc?.settle).toBe('USDC');
    expect(usdc?.venueReported?.equity).toEqual({ ours: 12000, venue: 12000, difference: 0 });
    expect(usdh?.settle).toBe('USDH');
    expect(usdh?.venueReported?.equity).toEqual({ ours: 1500, venue: 1500, difference: 0 });
    expect(usdh?.venueReported?.maintenanceMargin).toEqual({
      ours: 190,
      venue: 190,
      difference: 0,
    });
    expect(usdh?.venueReported?.marginRatio?.difference).toBeCloseTo(0, 15);

    // USDC: the published ratio, cross maintenance margin over the equity less the isolated
    // position's margin (its wallet 1,950 and P&L 500), from the engine's own figures.
    const positions = usdc?.positions ?? [];
    const cross = positions.filter((position) => position.marginMode === 'cross');
    const isolated = positions.filter((position) => position.marginMode === 'isolated');
    const crossMaintenance = cross.reduce((sum, position) => sum + position.maintenanceMargin, 0);
    const wallets = accounts[0]?.positions.map((position) => Number(position.isolatedMargin ?? 0));
    const isolatedMargin = isolated.reduce(
      (sum, position) =>
        sum + (wallets?.[positions.indexOf(position)] ?? 0) + position.unrealizedPnl,
      0,
    );
    expect(isolatedMargin).toBeCloseTo(2450, 9);
    expect(crossMaintenance).toBeCloseTo(625 + 1000, 9);
    expect(crossMaintenance / ((usdc?.equity ?? 0) - isolatedMargin)).toBeCloseTo(
      publishedRatio(['', 'xyz'], 0) ?? Number.NaN,
      12,
    );

    // Each position's liquidationPx, written by the venue to 8 decimals.
    const all = [...positions, ...(usdh?.positions ?? [])];
    expect(all.map((position) => position.symbol)).toEqual([
      'BTC/USDC:USDC',
      'XYZ-NVDA/USDC:USDC',
      'XYZ-GOLD/USDC:USDC',
      'FLX-TSLA/USDH:USDH',
    ]);
    for (const position of all) {
      const liquidation = position.venueReported?.liquidationPrice;
      expect(liquidation?.venue, position.symbol).toBeTypeOf('number');
      expect(Math.abs(liquidation?.difference ?? Number.NaN), position.symbol).toBeLessThanOrEqual(
        VENUE_ROUNDING,
      );
    }
  });

  it('reads a USDC balance without positions as the USDC account: no dex meta needed', async () => {
    const exchange = exchangeFor(HYPERLIQUID_UNIFIED_CASH_ADDRESS);
    const bodies = recordInfoBodies(exchange);
    const { accounts } = await hyperliquidAdapter.fetchAccounts(exchange, 'hl', AS_OF);
    expect(bodies.map((body) => (body as { type: string }).type)).toEqual([
      'userAbstraction',
      'perpDexs',
      'clearinghouseState',
      'clearinghouseState',
      'clearinghouseState',
      'spotClearinghouseState',
    ]);
    expect(accounts).toEqual([
      {
        id: 'hl',
        venue: 'hyperliquid',
        marginMode: 'cross',
        positionMode: 'oneway',
        balances: [{ asset: 'USDC', total: '2500' }],
        positions: [],
        venueReported: { equity: '2500.0', maintenanceMargin: '0', marginRatio: '0' },
      },
    ]);
  });
});

describe('readHyperliquidUnifiedAccount', () => {
  const flx = (spotTotal: string | undefined) =>
    readHyperliquidUnifiedAccount(
      {
        accountId: 'hl:USDH',
        collateral: 'USDH',
        spotTotal,
        dexes: [
          {
            dex: 'flx',
            state: HYPERLIQUID_UNIFIED_CLEARINGHOUSE_STATES.flx,
            assets: readHyperliquidMeta(
              HYPERLIQUID_FLX_META_AND_ASSET_CTXS,
              infoReader('metaAndAssetCtxs'),
            ),
            reader: infoReader('clearinghouseState'),
          },
        ],
      },
      infoReader('spotClearinghouseState'),
    );

  it('gives no venue ratio where the published function skips the token (available ≤ 0)', () => {
    const account = flx('-10.0');
    // −10 less the P&L +200.
    expect(account.balances).toEqual([{ asset: 'USDH', total: '-210' }]);
    expect(account.venueReported).toEqual({ equity: '-10.0', maintenanceMargin: '190' });
  });

  it('reads a token without a spot line as a balance of 0, as the published function does', () => {
    const account = flx(undefined);
    expect(account.balances).toEqual([{ asset: 'USDH', total: '-200' }]);
    expect(account.venueReported).toEqual({ equity: '0', maintenanceMargin: '190' });
  });
});
