import * as ccxtErrors from 'ccxt-src/base/errors.js';
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { calculateRiskReport, parsePortfolio } from '../../engine';
import {
  failureOf,
  problemOf,
  useFakeApi,
} from '../../../test/fake-exchange/api/adapter-test-setup';
import { FakeProfile } from '../../../test/fake-exchange/api/fake-api';
import {
  HYPERLIQUID_ADDRESS_WITH_POSITIONS,
  HYPERLIQUID_CLEARINGHOUSE_STATE,
  HYPERLIQUID_EMPTY_ADDRESS,
} from '../../../test/fake-exchange/api/fixtures/hyperliquid/hyperliquid-clearinghouse';
import { HYPERLIQUID_META_AND_ASSET_CTXS } from '../../../test/fake-exchange/api/fixtures/hyperliquid/hyperliquid-meta';
import { hyperliquidApi } from '../../../test/fake-exchange/api/hyperliquid-api';
import { PayloadReader } from '../api/payload-reader';
import { readHyperliquidAccount } from './hyperliquid-account';
import { hyperliquidAdapter } from './hyperliquid-adapter';
import { readHyperliquidMeta } from './hyperliquid-meta';

/**
 * The Hyperliquid adapter against the fake info endpoint (test/fake-exchange/api/hyperliquid-api.ts),
 * whose payloads follow Hyperliquid's info-endpoint docs and whose account is described in
 * fixtures/hyperliquid/hyperliquid-clearinghouse.ts.
 */
const AS_OF = '2026-11-24T12:00:00Z';
/** Address → profile; each address is 0x + 40 hex digits, the profile's index in the last ones. */
const ADDRESSES: Record<string, FakeProfile> = {
  [HYPERLIQUID_ADDRESS_WITH_POSITIONS]: FakeProfile.readOnly,
  [HYPERLIQUID_EMPTY_ADDRESS]: FakeProfile.empty,
  ...Object.fromEntries(
    [
      FakeProfile.malformed,
      FakeProfile.rateLimited,
      FakeProfile.venueDown,
      FakeProfile.paginated,
    ].map((profile, index) => [`0x${String(index + 2).padStart(40, '0')}`, profile]),
  ),
};
function addressOf(profile: FakeProfile): string {
  const entry = Object.entries(ADDRESSES).find(([, value]) => value === profile);
  if (!entry) throw new Error(`no address for ${profile}`);
  return entry[0];
}

const fake = useFakeApi('hyperliquid', [hyperliquidApi], { profiles: ADDRESSES });
const exchangeFor = (address: string) => fake.exchange({ kind: 'address', address });

describe('Hyperliquid adapter: an address read', () => {
  it('reads cross and isolated perpetuals with the venue figures and the held coins’ margin tables', async () => {
    const { result: snapshot, requests } = await fake.recording(() =>
      hyperliquidAdapter.fetchAccounts(
        exchangeFor(HYPERLIQUID_ADDRESS_WITH_POSITIONS),
        'hl',
        AS_OF,
      ),
    );
    expect(snapshot).toEqual({
      accounts: [
        {
          id: 'hl',
          venue: 'hyperliquid',
          marginMode: 'cross',
          positionMode: 'oneway',
          // accountValue 23950.0 less the unrealized P&L 2500 + 400 + 50 − 1000.
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
              venueReported: { liquidationPrice: '57492.65822785', initialMargin: '5000.0' },
            },
            {
              symbol: 'ETH/USDC:USDC',
              side: 'short',
              contracts: '4.0',
              entryPrice: '3500.0',
              markPrice: '3400.0',
              leverage: 5,
              maxLeverage: 25,
              venueReported: { liquidationPrice: '8544.11764706', initialMargin: '2720.0' },
            },
            {
              symbol: 'DYDX/USDC:USDC',
              side: 'long',
              contracts: '1000.0',
              entryPrice: '0.6',
              markPrice: '0.65',
              leverage: 5,
              maxLeverage: 5,
              // Hyperliquid says there is none: null, not unknown.
              venueReported: { liquidationPrice: null, initialMargin: '130.0' },
            },
            {
              symbol: 'SOL/USDC:USDC',
              side: 'long',
              contracts: '100.0',
              entryPrice: '150.0',
              markPrice: '140.0',
              leverage: 5,
              marginMode: 'isolated',
              // marginUsed 2000.0 less unrealizedPnl −1000.0.
              isolatedMargin: '3000',
              maxLeverage: 20,
              venueReported: { liquidationPrice: '123.07692308' },
            },
          ],
          // An isolated position is held: the cross maintenance margin would not compare.
          venueReported: { equity: '23950.0' },
        },
      ],
      // Hyperliquid's margin tables ride on the positions (tier in force), see the adapter.
      tierTables: [],
    });
    // Public info requests, Hyperliquid paginates none: the account mode, the perp dexes, the
    // state on each of the three dexes (the first, xyz, flx), the meta of the one that holds
    // anything (hyperliquid-hip3-adapter.test.ts names each body).
    expect(requests).toEqual(Array.from({ length: 6 }, () => 'POST /info'));
  });

  it('gives accounts the engine accepts and reads back to the venue’s figures', async () => {
    const { accounts, tierTables } = await hyperliquidAdapter.fetchAccounts(
      exchangeFor(HYPERLIQUID_ADDRESS_WITH_POSITIONS),
      'hl',
      AS_OF,
    );
    // DYDX has no embedded market data: the report needs some, which the margin figures ignore.
    const portfolio = parsePortfolio({
      version: 1,
      asOf: AS_OF,
      accounts,
      tierTables,
      market: {
        annualVols: { DYDX: 1 },
        dailyVolumeUsd: { DYDX: 20_000_000 },
        spreadsBps: { DYDX: 5 },
        correlations: { 'BTC/DYDX': 0.6, 'DYDX/ETH': 0.6, 'DYDX/SOL': 0.6 },
      },
      model: { method: 'parametric' },
    });
    const [account] = calculateRiskReport(portfolio).accounts;
    // Hyperliquid's rule, notional / (2 × max leverage): 625 + 272 + 65 cross, 350 isolated.
    expect(account?.maintenanceMargin).toBeCloseTo(1312, 6);
    expect(Number(account?.equity)).toBeCloseTo(23950, 6);
    const liquidation = Object.fromEntries(
      (account?.positions ?? []).map((position) => [position.symbol, position.liquidationPrice]),
    );
    expect(liquidation['BTC/USDC:USDC']).toBeCloseTo(57492.65822785, 6);
    expect(liquidation['ETH/USDC:USDC']).toBeCloseTo(8544.11764706, 6);
    expect(liquidation['SOL/USDC:USDC']).toBeCloseTo(123.07692308, 6);
    expect(liquidation['DYDX/USDC:USDC']).toBeNull();
  });

  it('reads an address that holds nothing, known or not, as no account', async () => {
    for (const address of [HYPERLIQUID_EMPTY_ADDRESS, `0x${'ab'.repeat(20)}`]) {
      expect(await hyperliquidAdapter.fetchAccounts(exchangeFor(address), 'hl', AS_OF)).toEqual({
        accounts: [],
        tierTables: [],
      });
    }
  });

  it('reads the same in one request whatever the profile: no pagination', async () => {
    const paginated = await hyperliquidAdapter.fetchAccounts(
      exchangeFor(addressOf(FakeProfile.paginated)),
      'hl',
      AS_OF,
    );
    const readOnly = await hyperliquidAdapter.fetchAccounts(
      exchangeFor(HYPERLIQUID_ADDRESS_WITH_POSITIONS),
      'hl',
      AS_OF,
    );
    expect(paginated).toEqual(readOnly);
  });

  it('has no key to check: an address connection', () => {
    expect(hyperliquidAdapter.credentialKind).toBe('address');
    expect(hyperliquidAdapter.checkKeyPermissions).toBeUndefined();
  });

  it('accepts a checksummed (mixed-case) address as the same account', async () => {
    const mixed = `0x${HYPERLIQUID_ADDRESS_WITH_POSITIONS.slice(2).toUpperCase()}`;
    const snapshot = await hyperliquidAdapter.fetchAccounts(exchangeFor(mixed), 'hl', AS_OF);
    expect(snapshot.accounts).toHaveLength(1);
  });
});

describe('Hyperliquid adapter: errors', () => {
  it.each(['0x123', `0x${'g'.repeat(40)}`, `${'a'.repeat(42)}`, ''])(
    'refuses %j before sending anything',
    async (address) => {
      const { result: error, requests } = await fake.recording(() =>
        failureOf(hyperliquidAdapter.fetchAccounts(exchangeFor(address), 'hl', AS_OF)),
      );
      expect(error).toBeInstanceOf(ccxtErrors.InvalidAddress);
      expect((error as Error).message).toMatch(
        address === ''
          ? /no wallet address given/
          : /is not a wallet address; expected 0x followed by 40 hexadecimal digits/,
      );
      expect(requests).toEqual([]);
    },
  );

  it.each([
    [FakeProfile.rateLimited, 'rateLimited'],
    [FakeProfile.venueDown, 'venueDown'],
  ] as const)('%s → %s', async (profile, kind) => {
    const { problem } = await problemOf(
      'hyperliquid',
      hyperliquidAdapter.fetchAccounts(exchangeFor(addressOf(profile)), 'hl', AS_OF),
    );
    expect(problem.kind).toBe(kind);
  });

  it('names the request and field of a malformed position', async () => {
    const { error, problem } = await problemOf(
      'hyperliquid',
      hyperliquidAdapter.fetchAccounts(exchangeFor(addressOf(FakeProfile.malformed)), 'hl', AS_OF),
    );
    expect(error.message).toBe(
      'hyperliquid POST /info {"type":"clearinghouseState"}: assetPositions[0] "BTC" szi must be a decimal string, got "half"',
    );
    expect(problem.kind).toBe('malformedResponse');
  });
});

describe('Hyperliquid account: tiers and figures', () => {
  const assets = readHyperliquidMeta(
    HYPERLIQUID_META_AND_ASSET_CTXS,
    new PayloadReader('hyperliquid', 'POST /info {"type":"metaAndAssetCtxs"}'),
  );
  const reader = new PayloadReader('hyperliquid', 'POST /info {"type":"clearinghouseState"}');

  it('turns the margin tables into tier rows: rate 1/(2 × max leverage), deduction by recursion', () => {
    expect(assets.get('BTC')?.tiers).toEqual([
      {
        floor: '0',
        cap: '150000000',
        maintenanceMarginRate: '0.0125',
        maintenanceAmount: '0',
        maxLeverage: 40,
      },
      // 150M × (2.5% − 1.25%).
      {
        floor: '150000000',
        cap: null,
        maintenanceMarginRate: '0.025',
        maintenanceAmount: '1875000',
        maxLeverage: 20,
      },
    ]);
    expect(assets.get('ETH')?.tiers).toEqual([
      {
        floor: '0',
        cap: '100000000',
        maintenanceMarginRate: '0.02',
        maintenanceAmount: '0',
        maxLeverage: 25,
      },
      {
        floor: '100000000',
        cap: null,
        maintenanceMarginRate: '0.033333333333333333333',
        maintenanceAmount: '1333333.3333333333333',
        maxLeverage: 15,
      },
    ]);
    // Table id 5: one tier at 5x.
    expect(assets.get('DYDX')?.tiers).toEqual([
      {
        floor: '0',
        cap: null,
        maintenanceMarginRate: '0.1',
        maintenanceAmount: '0',
        maxLeverage: 5,
      },
    ]);
    expect(assets.get('SOL')?.tiers[1]).toEqual({
      floor: '70000000',
      cap: null,
      maintenanceMarginRate: '0.05',
      maintenanceAmount: '1750000',
      maxLeverage: 10,
    });
    // The delisted entry keeps its place: SOL's mark is the sixth context's.
    expect(assets.get('SOL')?.markPrice).toBe('140.0');
  });

  it('gives a position past the first tier its tier in force', () => {
    // 2000 BTC at 100000: 200M of notional, in the 20x tier (maintenance 2.5% − 1875000).
    const state = {
      ...HYPERLIQUID_CLEARINGHOUSE_STATE,
      assetPositions: [
        {
          type: 'oneWay',
          position: {
            coin: 'BTC',
            szi: '2000.0',
            leverage: { type: 'cross', value: 5 },
            entryPx: '100000.0',
            positionValue: '200000000.0',
            unrealizedPnl: '0.0',
            liquidationPx: '80000.0',
            marginUsed: '40000000.0',
            maxLeverage: 40,
          },
        },
      ],
    };
    const account = readHyperliquidAccount({ accountId: 'hl', state, assets }, reader);
    expect(account?.positions[0]).toMatchObject({
      maxLeverage: 20,
      maintenanceMarginRate: '0.025',
      maintenanceAmount: '1875000',
    });
    // MM = 200M × 2.5% − 1.875M = 3.125M = the first tier's 150M × 1.25% + 50M × 2.5%.
    expect(new Decimal('200000000').mul('0.025').minus('1875000').toFixed()).toBe(
      new Decimal('150000000').mul('0.0125').plus(new Decimal('50000000').mul('0.025')).toFixed(),
    );
  });

  it('reports the cross maintenance margin and its ratio to equity when nothing is isolated', () => {
    const state = {
      ...HYPERLIQUID_CLEARINGHOUSE_STATE,
      assetPositions: HYPERLIQUID_CLEARINGHOUSE_STATE.assetPositions.slice(0, 3),
    };
    const account = readHyperliquidAccount({ accountId: 'hl', state, assets }, reader);
    expect(account?.venueReported).toEqual({
      equity: '23950.0',
      maintenanceMargin: '962.0',
      marginRatio: new Decimal('962').div('23950').toFixed(),
    });
  });

  it('names a coin missing from the market list (not supported) and a margin table missing from meta', () => {
    const state = {
      ...HYPERLIQUID_CLEARINGHOUSE_STATE,
      assetPositions: [{ type: 'oneWay', position: { coin: 'XYZ', szi: '1.0' } }],
    };
    const read = () => readHyperliquidAccount({ accountId: 'hl', state, assets }, reader);
    expect(read).toThrow(ccxtErrors.NotSupported);
    expect(read).toThrow(
      "hyperliquid: market XYZ (assetPositions[0]) is not in the venue's market list of the first perp dex (metaAndAssetCtxs), so Margin Lens has no mark price or max leverage for it",
    );
    const [meta, contexts] = HYPERLIQUID_META_AND_ASSET_CTXS;
    expect(() =>
      readHyperliquidMeta(
        [{ ...meta, marginTables: [] }, contexts],
        new PayloadReader('hyperliquid', 'POST /info {"type":"metaAndAssetCtxs"}'),
      ),
    ).toThrow('[0] universe[0] "BTC" marginTableId 56 is not among the margin tables');
  });
});
