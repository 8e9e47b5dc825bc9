import * as ccxtErrors from 'ccxt-src/base/errors.js';
import { describe, expect, it } from 'vitest';
import { calculateRiskReport, parsePortfolio } from '../../engine';
import { problemOf, useFakeApi } from '../../../test/fake-exchange/api/adapter-test-setup';
import { FakeProfile } from '../../../test/fake-exchange/api/fake-api';
import { HYPERLIQUID_ADDRESS_WITH_POSITIONS } from '../../../test/fake-exchange/api/fixtures/hyperliquid/hyperliquid-clearinghouse';
import {
  HIP3_REPORT_MARKET,
  HYPERLIQUID_HIP3_ADDRESS,
  HYPERLIQUID_PORTFOLIO_MARGIN_ADDRESS,
  HYPERLIQUID_UNKNOWN_MARKET_ADDRESS,
} from '../../../test/fake-exchange/api/fixtures/hyperliquid/hyperliquid-hip3-clearinghouse';
import { hyperliquidApi } from '../../../test/fake-exchange/api/hyperliquid-api';
import type { CcxtExchange } from '../api/venue-api-types';
import { hyperliquidAdapter } from './hyperliquid-adapter';

/**
 * Hyperliquid's builder-deployed (HIP-3) dexes through the adapter, against the fake info
 * endpoint (test/fake-exchange/api/hyperliquid-api.ts): perpDexs lists `xyz` (USDC collateral)
 * and `flx` (USDH collateral); the HIP-3 account holds cross positions on both and nothing on the
 * first dex. Its venue-reported figures are derived by hand from Hyperliquid's documented rules in
 * fixtures/hyperliquid/hyperliquid-hip3-clearinghouse.ts.
 */
const AS_OF = '2026-11-24T12:00:00Z';

const fake = useFakeApi('hyperliquid', [hyperliquidApi], {
  profiles: { [HYPERLIQUID_ADDRESS_WITH_POSITIONS]: FakeProfile.readOnly },
});
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

/** Half a unit of the 8th decimal: Hyperliquid's liquidation prices are written to 8 decimals. */
const VENUE_ROUNDING = 5e-9;

describe('Hyperliquid adapter: HIP-3 dexes', () => {
  it('reads one account per dex, in the dex’s collateral, with ccxt’s symbols', async () => {
    const exchange = exchangeFor(HYPERLIQUID_HIP3_ADDRESS);
    const bodies = recordInfoBodies(exchange);
    const snapshot = await hyperliquidAdapter.fetchAccounts(exchange, 'hl', AS_OF);
    const user = HYPERLIQUID_HIP3_ADDRESS;
    expect(bodies).toEqual([
      { type: 'userAbstraction', user },
      { type: 'perpDexs' },
      { type: 'clearinghouseState', user },
      { type: 'clearinghouseState', user, dex: 'xyz' },
      { type: 'clearinghouseState', user, dex: 'flx' },
      // A HIP-3 dex holds something: its collateral token is named by spotMeta.
      { type: 'spotMeta' },
      { type: 'metaAndAssetCtxs', dex: 'xyz' },
      { type: 'metaAndAssetCtxs', dex: 'flx' },
    ]);
    expect(snapshot).toEqual({
      accounts: [
        {
          id: 'hl:xyz',
          venue: 'hyperliquid',
          marginMode: 'cross',
          positionMode: 'oneway',
          // accountValue 12500 less the unrealized P&L 2000 + 500.
          balances: [{ asset: 'USDC', total: '10000' }],
          positions: [
            {
              symbol: 'XYZ-NVDA/USDC:USDC',
              side: 'long',
              contracts: '100.0',
              entryPrice: '180.0',
              markPrice: '200.0',
              leverage: 5,
              maxLeverage: 10,
              venueReported: { liquidationPrice: '84.07894737', initialMargin: '4000.0' },
            },
            {
              symbol: 'XYZ-GOLD/USDC:USDC',
              side: 'short',
              contracts: '5.0',
              entryPrice: '4000.0',
              markPrice: '3900.0',
              leverage: 10,
              // The dex's own table 50, first tier (19,500 of notional is below 500,000).
              maxLeverage: 20,
              venueReported: { liquidationPrice: '6048.7804878', initialMargin: '1950.0' },
            },
          ],
          venueReported: { equity: '12500.0', maintenanceMargin: '1487.5', marginRatio: '0.119' },
        },
        {
          id: 'hl:flx',
          venue: 'hyperliquid',
          marginMode: 'cross',
          positionMode: 'oneway',
          // flx is collateralised in USDH (collateralToken 360 in spotMeta's tokens).
          balances: [{ asset: 'USDH', total: '1000' }],
          positions: [
            {
              symbol: 'FLX-TSLA/USDH:USDH',
              side: 'short',
              contracts: '10.0',
              entryPrice: '400.0',
              markPrice: '380.0',
              leverage: 4,
              maxLeverage: 10,
              venueReported: { liquidationPrice: '476.19047619', initialMargin: '950.0' },
            },
          ],
          venueReported: {
            equity: '1200.0',
            maintenanceMargin: '190.0',
            marginRatio: '0.15833333333333333333',
          },
        },
      ],
      tierTables: [],
    });
  });

  it('gives accounts the engine computes to the venue’s figures, within its rounding', async () => {
    const { accounts, tierTables } = await hyperliquidAdapter.fetchAccounts(
      exchangeFor(HYPERLIQUID_HIP3_ADDRESS),
      'hl',
      AS_OF,
    );
    const portfolio = parsePortfolio({
      version: 1,
      asOf: AS_OF,
      accounts,
      tierTables,
      market: HIP3_REPORT_MARKET,
      model: { method: 'parametric' },
    });
    const report = calculateRiskReport(portfolio);
    const byId = new Map(report.accounts.map((account) => [account.id, account]));
    const xyz = byId.get('hl:xyz');
    const flx = byId.get('hl:flx');
    // Each dex's crossMaintenanceMarginUsed and accountValue, by the rule notional / (2 × max
    // leverage): 20000 / 20 + 19500 / 40 on xyz, 3800 / 20 on flx (in USDH).
    expect(xyz?.settle).toBe('USDC');
    expect(xyz?.venueReported?.maintenanceMargin).toEqual({
      ours: 1487.5,
      venue: 1487.5,
      difference: 0,
    });
    expect(xyz?.venueReported?.equity).toEqual({ ours: 12500, venue: 12500, difference: 0 });
    expect(flx?.settle).toBe('USDH');
    expect(flx?.venueReported?.maintenanceMargin).toEqual({ ours: 190, venue: 190, difference: 0 });
    expect(flx?.venueReported?.equity).toEqual({ ours: 1200, venue: 1200, difference: 0 });
    // Each position's liquidationPx, written by the venue to 8 decimals.
    const positions = [...(xyz?.positions ?? []), ...(flx?.positions ?? [])];
    expect(positions.map((position) => position.symbol)).toEqual([
      'XYZ-NVDA/USDC:USDC',
      'XYZ-GOLD/USDC:USDC',
      'FLX-TSLA/USDH:USDH',
    ]);
    for (const position of positions) {
      const liquidation = position.venueReported?.liquidationPrice;
      expect(liquidation?.venue, position.symbol).toBeTypeOf('number');
      expect(Math.abs(liquidation?.difference ?? Number.NaN), position.symbol).toBeLessThanOrEqual(
        VENUE_ROUNDING,
      );
    }
  });

  it('refuses a position in a market the dex does not list, naming it, as not supported', async () => {
    const { error, problem } = await problemOf(
      'hyperliquid',
      hyperliquidAdapter.fetchAccounts(
        exchangeFor(HYPERLIQUID_UNKNOWN_MARKET_ADDRESS),
        'hl',
        AS_OF,
      ),
    );
    expect(error).toBeInstanceOf(ccxtErrors.NotSupported);
    expect(problem.kind).toBe('unsupportedAccount');
    expect(problem.message).toContain(
      "hyperliquid: market xyz:FOO (assetPositions[2]) is not in the venue's market list of dex xyz (metaAndAssetCtxs)",
    );
    // Not a malformed answer: trying again later would not mend it.
    expect(problem.retryable).toBe(false);
    expect(problem.whatToDo).not.toMatch(/try again/i);
  });

  it('refuses an account in portfolio margin mode by name, with the reason', async () => {
    const { result, requests } = await fake.recording(() =>
      problemOf(
        'hyperliquid',
        hyperliquidAdapter.fetchAccounts(
          exchangeFor(HYPERLIQUID_PORTFOLIO_MARGIN_ADDRESS),
          'hl',
          AS_OF,
        ),
      ),
    );
    expect(result.error).toBeInstanceOf(ccxtErrors.NotSupported);
    expect(result.problem.kind).toBe('unsupportedAccount');
    expect(result.problem.message).toContain(
      'the account is in portfolio margin mode, whose margin and liquidation rules Hyperliquid has not published',
    );
    // Refused on the mode alone: no state is read.
    expect(requests).toEqual(['POST /info']);
  });

  it('reads the first dex alone when no HIP-3 dex holds anything: no spotMeta', async () => {
    const exchange = exchangeFor(HYPERLIQUID_ADDRESS_WITH_POSITIONS);
    const bodies = recordInfoBodies(exchange);
    const { accounts } = await hyperliquidAdapter.fetchAccounts(exchange, 'hl', AS_OF);
    expect(accounts.map((account) => account.id)).toEqual(['hl']);
    expect(bodies.map((body) => JSON.stringify(body))).toEqual([
      `{"type":"userAbstraction","user":"${HYPERLIQUID_ADDRESS_WITH_POSITIONS}"}`,
      '{"type":"perpDexs"}',
      `{"type":"clearinghouseState","user":"${HYPERLIQUID_ADDRESS_WITH_POSITIONS}"}`,
      `{"type":"clearinghouseState","user":"${HYPERLIQUID_ADDRESS_WITH_POSITIONS}","dex":"xyz"}`,
      `{"type":"clearinghouseState","user":"${HYPERLIQUID_ADDRESS_WITH_POSITIONS}","dex":"flx"}`,
      '{"type":"metaAndAssetCtxs"}',
    ]);
  });
});
