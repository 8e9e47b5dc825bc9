import { describe, expect, it } from 'vitest';
import { Freshness } from '../connections/connection-types';
import type { RiskReport } from '../engine';
import { DEFAULT_ALERT_RULES } from './alert-rules';
import { accountLabelOf } from './alert-input';
import { connection, hedgeInput, hedgeReport, withAccount, withPosition } from './alert-fixtures';
import { brokenHedgeEvents } from './broken-hedges';
import { hedgeLegs } from './hedge-legs';
import { liquidationKey } from './liquidation-checks';

const LONG_ALERT = liquidationKey('hyperliquid-main', 'BTC/USDC:USDC', 'long');

const legsOf = (report: RiskReport) => {
  const input = hedgeInput(report);
  return hedgeLegs(report, accountLabelOf(input), input.accountConnections);
};

/** The Hyperliquid long near liquidation at 94,000 (2.6% away). */
const nearLong = withPosition(hedgeReport(), 'hyperliquid-main', 'BTC/USDC:USDC', {
  liquidationPrice: 94_000,
  liquidationDistancePct: 0.0259,
  liquidationDirection: 'down',
});

function events(
  previous: RiskReport,
  current: RiskReport,
  active: readonly string[] = [],
  input = hedgeInput(current),
) {
  return brokenHedgeEvents({
    previous: legsOf(previous),
    current: legsOf(current),
    input,
    rules: DEFAULT_ALERT_RULES,
    wasActive: (key) => active.includes(key),
    nowMs: Date.parse('2026-11-24T12:05:00Z'),
  });
}

describe('hedgeLegs', () => {
  it('lists each future or perpetual leg with whether another account holds the other side', () => {
    expect(legsOf(hedgeReport())).toEqual([
      expect.objectContaining({
        key: 'bybit-hedge|BTC/USDT:USDT|short',
        connectionId: 'bybit-hedge',
        underlying: 'BTC',
        quantity: 0.2,
        name: 'Bybit (hedge) BTC perp short',
        hedged: true,
      }),
      expect.objectContaining({
        key: 'hyperliquid-main|BTC/USDC:USDC|long',
        name: 'Hyperliquid BTC perp long',
        liquidationPrice: expect.closeTo(70_886.08, 2) as number,
        hedged: true,
      }),
    ]);
  });

  it('is no hedge when both sides are in one account', () => {
    const oneAccount = withAccount(hedgeReport(), 'hyperliquid-main', () => null);
    expect(legsOf(oneAccount).map((leg) => leg.hedged)).toEqual([false]);
  });
});

describe('brokenHedgeEvents', () => {
  it('says a leg near liquidation that disappeared leaves the other alone', () => {
    const gone = withPosition(nearLong, 'hyperliquid-main', 'BTC/USDC:USDC', null);
    const [event] = events(nearLong, gone, [LONG_ALERT]);
    expect(event).toEqual({
      key: `broken-hedge|hyperliquid-main|BTC/USDC:USDC|long|${Date.parse('2026-11-24T12:05:00Z')}`,
      kind: 'broken-hedge',
      title: 'Hedge broken on BTC',
      message:
        'Hyperliquid BTC perp long is gone, probably liquidated (at the last read it was 2.6% from liquidation at 94,000.00); Bybit (hedge) BTC perp short (0.2 BTC) now stands alone.',
      context: 'Each leg of a hedge across accounts has its own margin and is liquidated alone.',
      target: { kind: 'page', url: 'https://www.bybit.com/trade/usdt/BTCUSDT' },
      covers: [LONG_ALERT],
    });
  });

  it('takes the price past the last liquidation price (ours or the venue’s) as a trace too', () => {
    const gone = withAccount(
      withPosition(nearLong, 'hyperliquid-main', 'BTC/USDC:USDC', null),
      'bybit-hedge',
      (account) => ({
        positions: account.positions.map((position) => ({ ...position, referencePrice: 93_500 })),
      }),
    );
    expect(events(nearLong, gone)[0]?.message).toContain(
      'probably liquidated (the price went past its liquidation price 94,000.00)',
    );
  });

  it('says nothing of a leg closed without a trace (the trader closed it)', () => {
    const gone = withPosition(nearLong, 'hyperliquid-main', 'BTC/USDC:USDC', null);
    expect(events(nearLong, gone)).toEqual([]);
  });

  it('says a leg that shrank by a fifth or more weakens the hedge', () => {
    const smaller = withPosition(nearLong, 'hyperliquid-main', 'BTC/USDC:USDC', { quantity: 0.08 });
    expect(events(nearLong, smaller, [LONG_ALERT])[0]).toMatchObject({
      title: 'Hedge weakened on BTC',
      message:
        'Hyperliquid BTC perp long fell from 0.2 BTC to 0.08 BTC, perhaps partly liquidated; Bybit (hedge) BTC perp short (0.2 BTC) is no longer fully hedged.',
    });
    const trimmed = withPosition(nearLong, 'hyperliquid-main', 'BTC/USDC:USDC', { quantity: 0.17 });
    expect(events(nearLong, trimmed, [LONG_ALERT])).toEqual([]);
  });

  it('says nothing when both legs of a matched hedge are halved alike (no imbalance grew)', () => {
    const halved = withPosition(
      withPosition(nearLong, 'hyperliquid-main', 'BTC/USDC:USDC', { quantity: 0.1 }),
      'bybit-hedge',
      'BTC/USDT:USDT',
      { quantity: 0.1 },
    );
    expect(events(nearLong, halved, [LONG_ALERT])).toEqual([]);
  });

  it('compares an inverse leg by its contracts, not its base quantity that moves with the mark', () => {
    // A Deribit-style inverse short of 19,300 USD face at 96,500 (0.2 BTC) against the long.
    const inverse = (report: RiskReport, mark: number) =>
      withAccount(report, 'bybit-hedge', (account) => ({
        positions: account.positions.map((position) => ({
          ...position,
          symbol: 'BTC/USD:BTC',
          quantity: 19_300 / mark,
          referencePrice: mark,
          markPrice: mark,
        })),
      }));
    // The mark rises 30%: the short's base quantity falls to 0.148 BTC, its contracts do not.
    expect(events(inverse(nearLong, 96_500), inverse(nearLong, 125_450), [LONG_ALERT])).toEqual([]);
  });

  it('weakens once per underlying, however many of its legs shrank', () => {
    const twoShorts = (quantity: number) =>
      withAccount(nearLong, 'bybit-hedge', (account) => ({
        positions: account.positions.flatMap((position) => [
          { ...position, quantity },
          { ...position, symbol: 'BTC/USDT:USDT-PERP2', quantity },
        ]),
      }));
    const found = events(twoShorts(0.1), twoShorts(0.02));
    expect(found.map((event) => event.title)).toEqual(['Hedge weakened on BTC']);
  });

  it('trusts a disappearance only from a connection read just now', () => {
    const gone = withPosition(nearLong, 'hyperliquid-main', 'BTC/USDC:USDC', null);
    const stale = hedgeInput(gone, {
      connections: [
        connection('bybit-hedge', 'bybit', 'hedge', ['bybit-hedge']),
        connection(
          'hyperliquid',
          'hyperliquid',
          'hyperliquid',
          ['hyperliquid-main'],
          Freshness.stale,
        ),
      ],
    });
    expect(events(nearLong, gone, [LONG_ALERT], stale)).toEqual([]);
  });

  it('counts a whole account gone from a fresh connection (a venue drops an empty account)', () => {
    const gone = withAccount(nearLong, 'hyperliquid-main', () => null);
    expect(events(nearLong, gone, [LONG_ALERT])[0]?.title).toBe('Hedge broken on BTC');
  });

  it('needs the other side still standing', () => {
    const bothGone = withAccount(
      withPosition(nearLong, 'hyperliquid-main', 'BTC/USDC:USDC', null),
      'bybit-hedge',
      () => null,
    );
    expect(events(nearLong, bothGone, [LONG_ALERT])).toEqual([]);
  });
});
