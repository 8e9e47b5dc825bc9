import { describe, expect, it } from 'vitest';
import { calculateRiskReport, parsePortfolio } from '../engine';
import { SIX_VENUE_BOOK } from '../../test/portfolios/six-venue-book';
import type { ConnectionView } from '../connections/connection-types';
import { pageRiskView, type PageRiskSources } from './page-risk-view';
import { DangerLevel, dangerLevel } from '../overlay/danger-level';

const report = calculateRiskReport(parsePortfolio(SIX_VENUE_BOOK));

const bybitConnection: ConnectionView = {
  connection: {
    id: 'bybit-1',
    venue: 'bybit',
    label: 'Bybit hedge',
    credentialKind: 'apiKey',
    createdAt: '2025-02-10T00:00:00Z',
  },
  freshness: 'stale',
  staleReason: 'The last read failed: timeout.',
  dataAgeSeconds: 600,
  lastSuccessAt: null,
  problem: null,
  accountIds: ['bybit-hedge'],
  positionCount: 1,
};

const sources: PageRiskSources = {
  report,
  source: 'imported',
  computedAt: '2025-02-11T00:00:00.000Z',
  connections: [bybitConnection],
  accountConnections: { 'bybit-hedge': 'bybit-1' },
};

describe('pageRiskView', () => {
  const binance = pageRiskView(sources, {
    venue: 'binanceusdm',
    symbol: 'BTC/USDT:USDT',
    underlying: 'BTC',
  });

  it('shows every leg on the underlying across venues, nearest to liquidation first', () => {
    expect(binance.legs.map((leg) => leg.venue)).toEqual([
      'bybit',
      'okx',
      'hyperliquid',
      'binanceusdm',
      'deribit',
      'binancecoinm',
    ]);
    const sigmas = binance.legs.map((leg) => leg.distanceSigma ?? Infinity);
    expect([...sigmas].sort((a, b) => a - b)).toEqual(sigmas);
    expect(binance.legs.filter((leg) => leg.onThisPage).map((leg) => leg.accountId)).toEqual([
      'binance-main',
    ]);
  });

  it('takes each leg’s figures from its own position, signed by the side it dies on', () => {
    const bybit = binance.legs.find((leg) => leg.venue === 'bybit');
    const position = report.accounts.find((a) => a.id === 'bybit-hedge')?.positions[0];
    expect(bybit?.liquidationPrice).toBe(position?.liquidationPrice);
    expect(bybit?.signedDistancePct).toBeCloseTo(position?.liquidationDistancePct ?? NaN, 12);
    expect(bybit?.signedDistancePct).toBeGreaterThan(0);
    const main = binance.legs.find((leg) => leg.accountId === 'binance-main');
    expect(main?.signedDistancePct).toBeLessThan(0);
    // An isolated leg carries its own probability; a cross leg's is its account's, shown once.
    expect(bybit?.liquidationProbability?.value).toBe(position?.liquidationProbability?.value);
    expect(main?.liquidationProbability).toBeNull();
    // The short inverse leg against BTC collateral cannot be liquidated: said, not a zero price.
    expect(binance.legs.find((leg) => leg.venue === 'binancecoinm')?.liquidationPrice).toBeNull();
  });

  it('shows a leg already past its liquidation price as critical and first, at 0%', () => {
    // The Bybit short marked far above its liquidation price: the engine's signed figures.
    const past = {
      ...report,
      accounts: report.accounts.map((account) =>
        account.id !== 'bybit-hedge'
          ? account
          : {
              ...account,
              positions: account.positions.map((position) => ({
                ...position,
                referencePrice: (position.liquidationPrice ?? 0) * 1.0759,
                liquidationDistancePct: -0.0705,
                liquidationDistanceVolUnits: null,
                liquidationPassed: true as const,
              })),
            },
      ),
    };
    const legs = pageRiskView(
      { ...sources, report: past },
      {
        venue: 'binanceusdm',
        symbol: 'BTC/USDT:USDT',
        underlying: 'BTC',
      },
    ).legs;
    const bybit = legs.find((leg) => leg.venue === 'bybit');
    expect(bybit?.signedDistancePct).toBe(0);
    expect(
      dangerLevel({ sigma: bybit?.distanceSigma ?? null, pct: bybit?.signedDistancePct ?? null }),
    ).toBe(DangerLevel.critical);
    expect(legs[0]?.venue).toBe('bybit');
  });

  it('names the leg that dies first when it is not on this page', () => {
    expect(binance.firstToDie?.legKey).toBe('other-1|BTC/USDT:USDT|short');
    // The Bybit connection's last read failed ten minutes ago: said beside the price.
    expect(binance.firstToDie?.message).toBe(
      'Your Bybit BTC perp (USDT) short is liquidated first, at 99,326.00 (+4.5%) (figures from 10 min ago).',
    );
    const bybitPage = pageRiskView(sources, {
      venue: 'bybit',
      symbol: 'BTC/USDT:USDT',
      underlying: 'BTC',
    });
    expect(bybitPage.firstToDie).toBeNull();
  });

  it('labels accounts with the names the trader gave the connections, with their freshness', () => {
    const bybit = binance.accounts.find((account) => account.venue === 'bybit');
    expect(bybit?.accountLabel).toBe('Bybit hedge');
    expect(bybit?.freshness).toBe('stale');
    expect(binance.accounts.find((account) => account.venue === 'okx')?.accountLabel).toBe(
      'okx-swap',
    );
  });

  it('gives a page no other venue’s account identifiers, only the names the trader gave them', () => {
    // The Bybit account is read through a connection: neither its id nor the connection's
    // reaches the page. (A file's accounts are named by their ids: those are shown as names.)
    const json = JSON.stringify(binance);
    for (const id of ['bybit-hedge', 'bybit-1']) expect(json.includes(id), id).toBe(false);
    expect(binance.legs.map((leg) => leg.accountId).sort()).toEqual([
      'binance-main',
      'other-1',
      'other-2',
      'other-3',
      'other-4',
      'other-5',
    ]);
    // The trader's name for the Bybit account is shown; a file account's name is its id (shown).
    expect(binance.accounts.find((account) => account.venue === 'bybit')?.accountLabel).toBe(
      'Bybit hedge',
    );
  });

  it('shows the legs of the page instrument’s own underlying, whatever the request names', () => {
    const asked = pageRiskView(sources, {
      venue: 'binanceusdm',
      symbol: 'BTC/USDT:USDT',
      underlying: 'ETH',
    });
    expect(asked.underlying).toBe('BTC');
    expect(asked.legs).toHaveLength(6);
    // An option chain page sees an underlying only if its own venue's accounts hold it.
    const walk = pageRiskView(sources, { venue: 'deribit', symbol: null, underlying: 'SOL' });
    expect(walk.legs).toEqual([]);
  });

  it('tells apart legs that would read alike, and marks stale ones', () => {
    const names = new Set(binance.legs.map((leg) => `${leg.venue} ${leg.instrumentName}`));
    expect(names).toEqual(
      new Set([
        'binanceusdm BTC perp (USDT)',
        'bybit BTC perp (USDT)',
        'okx BTC perp (USDT)',
        'binancecoinm BTC perp (inverse)',
        'deribit BTC perp (inverse)',
        'hyperliquid BTC perp (USDC)',
      ]),
    );
    const bybit = binance.legs.find((leg) => leg.venue === 'bybit');
    expect([bybit?.freshness, bybit?.dataAgeSeconds, bybit?.staleReason]).toEqual([
      'stale',
      600,
      'The last read failed: timeout.',
    ]);
  });

  it('offers only this venue’s accounts for the pre-trade check', () => {
    expect(binance.orderAccounts).toEqual([
      { accountId: 'binance-main', accountLabel: 'binance-main' },
    ]);
  });

  it('shows an option chain page its underlying’s legs and no order accounts beyond its venue', () => {
    const chain = pageRiskView(sources, { venue: 'deribit', symbol: null, underlying: 'BTC' });
    expect(chain.instrumentName).toBe('BTC options');
    expect(chain.legs.some((leg) => leg.onThisPage)).toBe(false);
    expect(chain.orderAccounts.map((account) => account.accountId)).toEqual(['deribit-btc']);
  });
});
