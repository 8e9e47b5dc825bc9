import Decimal from 'decimal.js';
import { expectedDeribitBtcAccount } from '../../test/fake-exchange/api/fixtures/deribit/deribit-btc-account';
import { describe, expect, it } from 'vitest';
import { calculateRiskReport, parsePortfolio } from '../engine';
import {
  DERIBIT_PAGE_ACCOUNT_ID,
  deribitAccountSummaryResult,
  deribitChangesNotification,
  deribitNotification,
  deribitOptionBook,
  deribitPortfolioNotification,
  deribitPositions,
  deribitResponse,
  deribitSummary,
} from '../../test/fake-exchange/page-feed/page-feed-messages';
import { createDeribitFeed } from './deribit-feed';
import type { PageFeed } from './page-feed-snapshot';
import type { TappedMessage } from './tapped-message';

/**
 * The Deribit page feed on messages in Deribit's documented formats (each builder in
 * test/fake-exchange/page-feed/page-feed-messages.ts names its page), for the same fake account
 * the key adapter reads (test/fake-exchange/api/fixtures/deribit/deribit-account.ts), so the
 * page's figures can be compared with the key's (deribit-adapter.test.ts).
 */
const AS_OF = '2026-11-24T12:00:00Z';

const notification = (text: string): TappedMessage => ({
  site: 'deribit',
  kind: 'notification',
  text,
});
const response = (
  method: Extract<TappedMessage, { kind: 'response' }>['method'],
  result: unknown,
  currency: string | null = null,
  instrumentKind: string | null = null,
): TappedMessage => ({
  site: 'deribit',
  kind: 'response',
  method,
  currency,
  instrumentKind,
  text: deribitResponse(7, result),
});

/** The page's load: its account summary, BTC portfolio, BTC positions and the BTC option chain. */
function loadedFeed(): PageFeed {
  const feed = createDeribitFeed();
  const messages = [
    response('private/get_account_summary', deribitAccountSummaryResult('BTC'), 'BTC'),
    notification(deribitPortfolioNotification('BTC')),
    response('private/get_positions', deribitPositions('BTC'), 'BTC'),
    response('public/get_book_summary_by_currency', deribitOptionBook('BTC'), 'BTC', 'option'),
  ];
  for (const message of messages) expect(feed.receive(message)).toEqual({ ok: true });
  return feed;
}

function inversePnl(sign: 1 | -1, usd: string, average: string, mark: string): Decimal {
  return new Decimal(usd)
    .mul(new Decimal(1).div(average).minus(new Decimal(1).div(mark)))
    .mul(sign);
}

describe('Deribit page feed: the BTC silo from the page’s own traffic', () => {
  it('reads the account as the key adapter does, each future as contracts of 1 USD', () => {
    const [snapshot, ...others] = loadedFeed().snapshots();
    expect(others).toEqual([]);
    const wallet = new Decimal('1.52204253')
      .minus('-0.00551945')
      .minus(inversePnl(1, '50000', '95000', '100020.5'))
      .minus(inversePnl(-1, '20000', '101000', '100420'));
    expect(snapshot).toEqual({
      identity: String(DERIBIT_PAGE_ACCOUNT_ID),
      pending: [],
      prices: { BTC: '100000' },
      accounts: [
        expectedDeribitBtcAccount({
          id: `deribit-page-${DERIBIT_PAGE_ACCOUNT_ID}:BTC`,
          wallet: wallet,
          usdPerContract: 1,
        }),
      ],
    });
  });

  it('gives the engine the same margin as the key read (contracts of 1 USD or of 10 USD alike)', () => {
    const [snapshot] = loadedFeed().snapshots();
    const page = snapshot?.accounts[0];
    if (page === undefined) throw new Error('no account');
    const asKey = {
      ...page,
      id: 'main:BTC',
      positions: page.positions.map((position) =>
        position.symbol.endsWith('-C') || position.symbol.endsWith('-P')
          ? position
          : {
              ...position,
              contracts: new Decimal(position.contracts).div(10).toFixed(),
              contractSize: '10',
            },
      ),
    };
    const report = (account: typeof page) =>
      calculateRiskReport(
        parsePortfolio({
          version: 1,
          asOf: AS_OF,
          accounts: [account],
          market: { prices: { BTC: '100000' } },
          model: { method: 'parametric', scenarios: 100, liquidationPaths: 100 },
        }),
      ).accounts[0];
    const fromPage = report(page);
    const fromKey = report(asKey);
    expect(Number(fromPage?.maintenanceMargin)).toBeCloseTo(0.18047709, 7);
    expect(fromPage?.maintenanceMargin).toBeCloseTo(Number(fromKey?.maintenanceMargin), 12);
    expect(fromPage?.equity).toBeCloseTo(Number(fromKey?.equity), 9);
  });

  it('applies user.changes: a closed position goes, a new one comes', () => {
    const feed = loadedFeed();
    const [perpetual] = deribitPositions('BTC');
    const closed = { ...perpetual, direction: 'zero', size: 0, size_currency: 0 };
    expect(
      feed.receive(notification(deribitChangesNotification('future', 'BTC', [closed]))),
    ).toEqual({ ok: true });
    const symbols = feed.snapshots()[0]?.accounts[0]?.positions.map((position) => position.symbol);
    expect(symbols).toEqual([
      'BTC/USD:BTC-261226',
      'BTC/USD:BTC-261226-120000-C',
      'BTC/USD:BTC-261226-85000-P',
    ]);
    expect(
      feed.receive(notification(deribitChangesNotification('future', 'BTC', [perpetual]))),
    ).toEqual({ ok: true });
    expect(feed.snapshots()[0]?.accounts[0]?.positions).toHaveLength(4);
  });

  it('takes option mark IVs from ticker notifications too', () => {
    const feed = createDeribitFeed();
    feed.receive(notification(deribitPortfolioNotification('BTC')));
    feed.receive(response('private/get_positions', deribitPositions('BTC'), 'BTC'));
    expect(feed.snapshots()[0]?.pending).toEqual([
      "BTC: option BTC-26DEC26-120000-C has no mark_iv in the page's traffic yet (its ticker or the option chain)",
    ]);
    for (const [name, iv] of [
      ['BTC-26DEC26-120000-C', 52.5],
      ['BTC-26DEC26-85000-P', 58],
    ] as const) {
      const ticker = deribitNotification(`ticker.${name}.100ms`, {
        instrument_name: name,
        mark_iv: iv,
        mark_price: 0.01,
      });
      expect(feed.receive(notification(ticker))).toEqual({ ok: true });
    }
    const [snapshot] = feed.snapshots();
    expect(snapshot?.pending).toEqual([]);
    expect(snapshot?.identity).toBeNull();
    expect(snapshot?.accounts[0]?.id).toBe('deribit-page-unknown:BTC');
  });
});

describe('Deribit page feed: nothing half-read is sent', () => {
  it('holds a currency back until its positions are loaded, naming what is missing', () => {
    const feed = createDeribitFeed();
    expect(feed.snapshots()).toEqual([]);
    feed.receive(notification(deribitPortfolioNotification('BTC')));
    expect(feed.snapshots()).toEqual([
      {
        identity: null,
        accounts: [],
        pending: [
          "BTC: the page has not loaded this currency's positions yet (private/get_positions)",
        ],
        prices: {},
      },
    ]);
    // Futures alone do not cover the options.
    feed.receive(
      response(
        'private/get_positions',
        deribitPositions('BTC').filter((position) => position.kind === 'future'),
        'BTC',
        'future',
      ),
    );
    expect(feed.snapshots()[0]?.accounts).toEqual([]);
  });

  it('takes a currency that holds nothing without a positions list', () => {
    const feed = createDeribitFeed();
    feed.receive(notification(deribitPortfolioNotification('USDC')));
    expect(feed.snapshots()).toEqual([{ identity: null, accounts: [], pending: [], prices: {} }]);
  });

  it('leaves a cross-collateral account holding several currencies out, by name', () => {
    const feed = createDeribitFeed();
    for (const currency of ['BTC', 'ETH'])
      feed.receive(
        notification(
          deribitNotification(`user.portfolio.${currency.toLowerCase()}`, {
            ...deribitSummary(currency),
            margin_model: 'cross_sm',
          }),
        ),
      );
    expect(feed.snapshots()[0]?.pending[0]).toMatch(
      /^the cross_sm margin model pools BTC, ETH as one collateral valued in USD; Deribit publishes that each position's standard margin is summed in USD across currencies, but not the maintenance margin it adds for a loan/,
    );
  });

  it('starts afresh when the page switches to another account', () => {
    const feed = loadedFeed();
    const other = { ...deribitAccountSummaryResult('BTC'), id: 99 };
    expect(feed.receive(response('private/get_account_summary', other, 'BTC'))).toEqual({
      ok: true,
    });
    expect(feed.snapshots()).toEqual([
      {
        identity: '99',
        accounts: [],
        pending: [
          "BTC: the page has not loaded this currency's positions yet (private/get_positions)",
        ],
        prices: {},
      },
    ]);
  });
});

describe('Deribit page feed: malformed or forged messages are refused, naming the field', () => {
  it('refuses a portfolio whose equity is not a number', () => {
    const feed = createDeribitFeed();
    const bad = deribitNotification('user.portfolio.btc', {
      ...deribitSummary('BTC'),
      equity: '1.5',
    });
    expect(feed.receive(notification(bad))).toEqual({
      ok: false,
      problem: 'deribit page user.portfolio.btc: data "BTC" equity must be a number, got "1.5"',
    });
    expect(feed.snapshots()).toEqual([]);
  });

  it('refuses a summary sent on another currency’s channel', () => {
    const feed = createDeribitFeed();
    const bad = deribitNotification('user.portfolio.eth', deribitSummary('BTC'));
    expect(feed.receive(notification(bad))).toEqual({
      ok: false,
      problem: 'deribit page user.portfolio.eth: data currency is BTC on the eth channel',
    });
  });

  it('refuses a positions list with a bad size and keeps its currency pending', () => {
    const feed = loadedFeed();
    const [perpetual, ...rest] = deribitPositions('BTC');
    const result = feed.receive(
      response('private/get_positions', [{ ...perpetual, size: 'two' }, ...rest], 'BTC'),
    );
    expect(result).toEqual({
      ok: false,
      problem:
        'deribit page private/get_positions: result[0] "BTC-PERPETUAL" size must be a number, got "two"',
    });
    expect(feed.snapshots()[0]?.pending).toEqual([
      'BTC: positions list refused: deribit page private/get_positions: result[0] "BTC-PERPETUAL" size must be a number, got "two"',
    ]);
    expect(feed.snapshots()[0]?.accounts).toEqual([]);
    // A list that reads clears it.
    feed.receive(response('private/get_positions', deribitPositions('BTC'), 'BTC'));
    expect(feed.snapshots()[0]?.accounts).toHaveLength(1);
  });

  it('refuses an answer whose positions are outside the request’s scope (a reused id)', () => {
    const feed = createDeribitFeed();
    const result = feed.receive(response('private/get_positions', deribitPositions('ETH'), 'BTC'));
    expect(result).toEqual({
      ok: false,
      problem:
        'deribit page private/get_positions: result[0] "ETH-PERPETUAL" is outside the request\'s scope (currency BTC, kind any)',
    });
  });

  it('refuses unknown instruments, channels, methods and text that is not JSON', () => {
    const feed = createDeribitFeed();
    const [perpetual] = deribitPositions('BTC');
    expect(
      feed.receive(
        response('private/get_positions', [
          { ...perpetual, instrument_name: 'BTC-FS-26DEC26_PERP' },
        ]),
      ),
    ).toEqual({
      ok: false,
      problem:
        'deribit page private/get_positions: result[0] "BTC-FS-26DEC26_PERP" instrument_name is not the name of a Deribit future, perpetual or option',
    });
    expect(
      feed.receive(notification(deribitNotification('user.orders.btc.raw', { orders: [] }))),
    ).toEqual({
      ok: false,
      problem:
        'deribit page notification: params channel "user.orders.btc.raw" is not a channel the page feed reads',
    });
    expect(
      feed.receive(
        notification(
          JSON.stringify({ jsonrpc: '2.0', method: 'heartbeat', params: { type: 'test' } }),
        ),
      ),
    ).toEqual({
      ok: false,
      problem: 'deribit page notification: method must be "subscription" (a notification)',
    });
    expect(feed.receive(notification('{"jsonrpc":'))).toEqual({
      ok: false,
      problem: 'deribit page notification: message is not JSON',
    });
    expect(
      feed.receive({ site: 'hyperliquid', kind: 'socket', text: '{}' } as TappedMessage),
    ).toEqual({ ok: false, problem: 'not a Deribit message' });
  });

  it('refuses an account id that is not a whole number, and a response without a result', () => {
    const feed = createDeribitFeed();
    const bad = { ...deribitAccountSummaryResult('BTC'), id: '58214; DROP' };
    expect(feed.receive(response('private/get_account_summary', bad, 'BTC'))).toEqual({
      ok: false,
      problem:
        'deribit page private/get_account_summary: result id must be a whole number ≥ 1, got "58214; DROP"',
    });
    expect(
      feed.receive({
        site: 'deribit',
        kind: 'response',
        method: 'private/get_positions',
        currency: 'BTC',
        instrumentKind: null,
        text: JSON.stringify({ jsonrpc: '2.0', id: 7, error: { code: 13009, message: 'x' } }),
      }),
    ).toEqual({
      ok: false,
      problem: 'deribit page private/get_positions: response has no "result"',
    });
  });

  it('keeps a prototype key in a message as data, never as the prototype', () => {
    const feed = createDeribitFeed();
    const text = deribitNotification('user.portfolio.btc', deribitSummary('BTC')).replace(
      '"currency":"BTC"',
      '"__proto__":{"polluted":true},"currency":"BTC"',
    );
    expect(feed.receive(notification(text))).toEqual({ ok: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
