import { describe, expect, it } from 'vitest';
import type { PageAccountsEntry } from '../storage/page-accounts-item';
import type { PortfolioFileAccount } from '../venues/api/venue-api-types';
import { PortfolioOrigin, type AssembledPortfolio } from './assemble-portfolio';
import type { ConnectionStatus, ConnectionView, VenueConnection } from './connection-types';
import { withPageAccounts } from './with-page-accounts';

const NOW = Date.UTC(2026, 10, 24, 12);
const at = (secondsAgo: number) => new Date(NOW - secondsAgo * 1000).toISOString();
const ADDRESS = '0x5e9ee1089755c3435139848e47e6635505d5a13a';

function account(
  id: string,
  venue: 'deribit' | 'hyperliquid',
  asset: string,
): PortfolioFileAccount {
  return {
    id,
    venue,
    marginMode: 'cross',
    positionMode: 'oneway',
    balances: [{ asset, total: '1' }],
    positions: [
      {
        symbol: venue === 'deribit' ? 'BTC/USD:BTC' : 'BTC/USDC:USDC',
        side: 'long',
        contracts: '100',
        ...(venue === 'deribit' && { contractSize: '1' }),
        entryPrice: '95000',
        markPrice: '100000',
      },
    ],
  };
}

const deribitEntry = (identity: string | null, secondsAgo = 0): PageAccountsEntry => ({
  venue: 'deribit',
  identity,
  readAt: at(secondsAgo),
  accounts: [account(`deribit-page-${identity ?? 'unknown'}:BTC`, 'deribit', 'BTC')],
  pending: [],
  prices: { BTC: '100000' },
});
const hyperliquidEntry = (secondsAgo = 0): PageAccountsEntry => ({
  venue: 'hyperliquid',
  identity: ADDRESS,
  readAt: at(secondsAgo),
  accounts: [account(`hyperliquid-page-${ADDRESS}`, 'hyperliquid', 'USDC')],
  pending: [],
  prices: {},
});

const DEMO: AssembledPortfolio & { connections: readonly ConnectionView[] } = {
  origin: PortfolioOrigin.demo,
  file: { version: 1, asOf: at(99_999), accounts: [account('binance-main', 'deribit', 'BTC')] },
  accountConnections: {},
  venueIndexPrices: [],
  connections: [],
};

/** A portfolio with one key or address connection read `secondsAgo`. */
function connected(
  connection: VenueConnection,
  accounts: readonly PortfolioFileAccount[],
  secondsAgo: number,
  venueAccountId?: string,
  unifiedAccount?: true,
) {
  const status: ConnectionStatus = {
    connectionId: connection.id,
    snapshot: {
      accounts,
      tierTables: [],
      ...(venueAccountId !== undefined && { venueAccountId }),
      ...(unifiedAccount && { unifiedAccount }),
    },
    lastSuccessAt: at(secondsAgo),
    lastAttemptAt: at(secondsAgo),
    failures: 0,
    problem: null,
    retryNotBefore: null,
  };
  const view: ConnectionView = {
    connection,
    freshness: 'fresh',
    staleReason: null,
    dataAgeSeconds: secondsAgo,
    lastSuccessAt: status.lastSuccessAt,
    problem: null,
    accountIds: accounts.map((item) => item.id),
    positionCount: 1,
  };
  return {
    current: {
      origin: PortfolioOrigin.connected,
      file: { version: 1, baseCurrency: 'USD', asOf: at(secondsAgo), accounts },
      accountConnections: Object.fromEntries(accounts.map((item) => [item.id, connection.id])),
      venueIndexPrices: [
        { asset: 'BTC', price: '99000', connectionId: connection.id, readAt: at(secondsAgo) },
      ],
      connections: [view],
    },
    statuses: { [connection.id]: status },
  };
}

const DERIBIT_KEY: VenueConnection = {
  id: 'deribit-1',
  venue: 'deribit',
  label: 'Deribit main',
  credentialKind: 'apiKey',
  keyFingerprint: 'abcd…wxyz',
  createdAt: at(9_999),
};
const HYPERLIQUID_ADDRESS: VenueConnection = {
  id: 'hyperliquid-1',
  venue: 'hyperliquid',
  label: 'HL',
  credentialKind: 'address',
  address: ADDRESS,
  createdAt: at(9_999),
};

const ids = (file: unknown) =>
  ((file as { accounts: { id: string }[] }).accounts ?? []).map((item) => item.id);

describe('withPageAccounts', () => {
  it('puts page reads in place of the demo, marked as read from the page with their age', () => {
    const result = withPageAccounts(DEMO, {
      entries: [deribitEntry('58214', 30)],
      statuses: {},
      nowMs: NOW,
    });
    expect(result.origin).toBe('connected');
    expect(result.file).toEqual({
      version: 1,
      baseCurrency: 'USD',
      asOf: at(30),
      accounts: [deribitEntry('58214').accounts[0]],
    });
    expect(result.accountConnections).toEqual({ 'deribit-page-58214:BTC': 'page-deribit-58214' });
    expect(result.venueIndexPrices).toEqual([
      { asset: 'BTC', price: '100000', connectionId: 'page-deribit-58214', readAt: at(30) },
    ]);
    expect(result.connections).toEqual([
      {
        connection: {
          id: 'page-deribit-58214',
          venue: 'deribit',
          label: 'Deribit (read from the page)',
          credentialKind: 'page',
          createdAt: at(30),
        },
        freshness: 'fresh',
        staleReason: null,
        dataAgeSeconds: 30,
        lastSuccessAt: at(30),
        problem: null,
        accountIds: ['deribit-page-58214:BTC'],
        positionCount: 1,
      },
    ]);
  });

  it('marks an old read stale, leaves a day-old one out, and names what is pending', () => {
    const pending = { ...hyperliquidEntry(10), accounts: [], pending: ['dex "xyz": not read'] };
    const result = withPageAccounts(DEMO, {
      entries: [deribitEntry('1', 600), { ...deribitEntry('2', 90_000) }, pending],
      statuses: {},
      nowMs: NOW,
    });
    expect(ids(result.file)).toEqual(['deribit-page-1:BTC']);
    expect(result.connections.map((view) => [view.freshness, view.staleReason])).toEqual([
      ['stale', 'Read from the Deribit page 10 minutes ago: open the page to update it.'],
      [
        'stale',
        'Left out of the figures: read more than a day ago. Read from the Deribit page 1500 minutes ago: open the page to update it.',
      ],
      ['missing', 'Not read yet: dex "xyz": not read'],
    ]);
  });

  it('adds page reads beside an imported file', () => {
    const imported = {
      ...DEMO,
      origin: PortfolioOrigin.imported,
      file: { version: 1, asOf: at(99_999), accounts: [account('mine', 'deribit', 'BTC')] },
    };
    const result = withPageAccounts(imported, {
      entries: [hyperliquidEntry(5)],
      statuses: {},
      nowMs: NOW,
    });
    expect(result.origin).toBe('imported+connected');
    expect(ids(result.file)).toEqual(['mine', `hyperliquid-page-${ADDRESS}`]);
    expect((result.file as { asOf: string }).asOf).toBe(at(5));
  });

  describe('one venue account is one account', () => {
    it('Hyperliquid, same address: a newer page read takes the connection’s place, under its id', () => {
      const { current, statuses } = connected(
        HYPERLIQUID_ADDRESS,
        [account('hyperliquid-1', 'hyperliquid', 'USDC')],
        120,
      );
      const result = withPageAccounts(current, {
        entries: [hyperliquidEntry(3)],
        statuses,
        nowMs: NOW,
      });
      expect(ids(result.file)).toEqual(['hyperliquid-1']);
      expect(result.accountConnections).toEqual({
        'hyperliquid-1': `page-hyperliquid-${ADDRESS}`,
      });
      expect(result.connections.at(-1)?.connection.address).toBe(ADDRESS);
      expect(result.venueIndexPrices).toEqual([]);
    });

    it('Hyperliquid, same address: a newer page read that holds no account yet replaces nothing', () => {
      const { current, statuses } = connected(
        HYPERLIQUID_ADDRESS,
        [account('hyperliquid-1', 'hyperliquid', 'USDC')],
        120,
      );
      const waiting = {
        ...hyperliquidEntry(3),
        accounts: [],
        pending: ['the main dex clearinghouseState has not been seen yet'],
      };
      const result = withPageAccounts(current, { entries: [waiting], statuses, nowMs: NOW });
      expect(ids(result.file)).toEqual(['hyperliquid-1']);
      expect(result.accountConnections).toEqual({ 'hyperliquid-1': 'hyperliquid-1' });
    });

    it('Hyperliquid, same address read in unified mode: a newer page read replaces nothing, named', () => {
      // The address read one account per collateral token across the dexes (hl, hl:USDH); a page
      // that has not said the mode reads the first dex's own state as a standard account.
      const { current, statuses } = connected(
        HYPERLIQUID_ADDRESS,
        [
          account('hyperliquid-1', 'hyperliquid', 'USDC'),
          account('hyperliquid-1:USDH', 'hyperliquid', 'USDH'),
        ],
        120,
        undefined,
        true,
      );
      const result = withPageAccounts(current, {
        entries: [hyperliquidEntry(3)],
        statuses,
        nowMs: NOW,
      });
      expect(result.file).toBe(current.file);
      expect(result.accountConnections).toEqual({
        'hyperliquid-1': 'hyperliquid-1',
        'hyperliquid-1:USDH': 'hyperliquid-1',
      });
      expect(result.venueIndexPrices).toEqual(current.venueIndexPrices);
      const page = result.connections.at(-1);
      expect(page?.accountIds).toEqual([]);
      expect(page?.freshness).toBe('stale');
      expect(page?.staleReason).toBe(
        'Left out of the figures: "HL" was last read in unified account mode, which the page reader does not compute (each dex\'s own state does not show the account\'s balance); that read is used.',
      );
    });

    it('Hyperliquid, same address: an older page read is left out, named', () => {
      const { current, statuses } = connected(
        HYPERLIQUID_ADDRESS,
        [account('hyperliquid-1', 'hyperliquid', 'USDC')],
        3,
      );
      const result = withPageAccounts(current, {
        entries: [hyperliquidEntry(120)],
        statuses,
        nowMs: NOW,
      });
      expect(result.file).toBe(current.file);
      expect(result.connections.at(-1)?.staleReason).toBe(
        'The same account as "HL", whose read is newer: that one is used.',
      );
    });

    it('Deribit, same account id: the page read replaces the currencies it read, the key’s others stay', () => {
      const { current, statuses } = connected(
        DERIBIT_KEY,
        [account('deribit-1:BTC', 'deribit', 'BTC'), account('deribit-1:ETH', 'deribit', 'ETH')],
        120,
        '58214',
      );
      // A BTC page that has not loaded ETH: ETH is pending, not read.
      const btcPage = { ...deribitEntry('58214', 1), pending: ['ETH: not loaded yet'] };
      const result = withPageAccounts(current, { entries: [btcPage], statuses, nowMs: NOW });
      expect(ids(result.file)).toEqual(['deribit-1:ETH', 'deribit-1:BTC']);
      expect(result.accountConnections).toEqual({
        'deribit-1:ETH': 'deribit-1',
        'deribit-1:BTC': 'page-deribit-58214',
      });
      expect((result.file as { accounts: readonly PortfolioFileAccount[] }).accounts[0]).toEqual(
        account('deribit-1:ETH', 'deribit', 'ETH'),
      );
      // The key's index prices stay for its ETH account.
      expect(result.venueIndexPrices.map((price) => price.connectionId)).toEqual([
        'deribit-1',
        'page-deribit-58214',
      ]);
    });

    it('Deribit, same account id: a page read with nothing complete replaces nothing', () => {
      const { current, statuses } = connected(
        DERIBIT_KEY,
        [account('deribit-1:BTC', 'deribit', 'BTC')],
        120,
        '58214',
      );
      const loading = {
        ...deribitEntry('58214', 1),
        accounts: [],
        pending: ['BTC: the page has not loaded this currency’s positions yet'],
        prices: {},
      };
      const result = withPageAccounts(current, { entries: [loading], statuses, nowMs: NOW });
      expect(ids(result.file)).toEqual(['deribit-1:BTC']);
      expect(result.accountConnections).toEqual({ 'deribit-1:BTC': 'deribit-1' });
    });

    it('a replaced account keeps the trader’s name for the connection, marked as read from the page', () => {
      const { current, statuses } = connected(
        DERIBIT_KEY,
        [account('deribit-1:BTC', 'deribit', 'BTC')],
        120,
        '58214',
      );
      const result = withPageAccounts(current, {
        entries: [deribitEntry('58214', 1)],
        statuses,
        nowMs: NOW,
      });
      const pageView = result.connections.find(
        (view) => view.connection.id === result.accountConnections['deribit-1:BTC'],
      );
      expect(pageView?.connection).toMatchObject({
        label: 'Deribit main (read from the page)',
        credentialKind: 'page',
      });
      expect(pageView?.accountIds).toEqual(['deribit-1:BTC']);
    });

    it('Deribit, another account id: both are kept', () => {
      const { current, statuses } = connected(
        DERIBIT_KEY,
        [account('deribit-1:BTC', 'deribit', 'BTC')],
        120,
        '777',
      );
      const result = withPageAccounts(current, {
        entries: [deribitEntry('58214', 1)],
        statuses,
        nowMs: NOW,
      });
      expect(ids(result.file)).toEqual(['deribit-1:BTC', 'deribit-page-58214:BTC']);
    });

    it('Deribit, no identity from the page while a key is connected: left out, named', () => {
      const { current, statuses } = connected(
        DERIBIT_KEY,
        [account('deribit-1:BTC', 'deribit', 'BTC')],
        120,
        '58214',
      );
      const result = withPageAccounts(current, {
        entries: [deribitEntry(null, 1)],
        statuses,
        nowMs: NOW,
      });
      expect(ids(result.file)).toEqual(['deribit-1:BTC']);
      expect(result.connections.at(-1)).toMatchObject({
        freshness: 'stale',
        accountIds: [],
        staleReason: expect.stringMatching(/^Left out of the figures: a Deribit key is connected/),
      });
    });

    it('Deribit, a key read that did not say its account id: left out until it does', () => {
      const { current, statuses } = connected(
        DERIBIT_KEY,
        [account('deribit-1:BTC', 'deribit', 'BTC')],
        120,
      );
      const result = withPageAccounts(current, {
        entries: [deribitEntry('58214', 1)],
        statuses,
        nowMs: NOW,
      });
      expect(ids(result.file)).toEqual(['deribit-1:BTC']);
      expect(result.connections.at(-1)?.staleReason).toMatch(
        /"Deribit main" was last read without its account id/,
      );
    });
  });

  it('Deribit, no key: a read without identity beside a named one is left out, not counted twice', () => {
    const result = withPageAccounts(DEMO, {
      // The unnamed read arrived after the named one (another tab, or a reload).
      entries: [deribitEntry(null, 1), deribitEntry('58214', 20)],
      statuses: {},
      nowMs: NOW,
    });
    expect(ids(result.file)).toEqual(['deribit-page-58214:BTC']);
    expect(result.connections[0]).toMatchObject({
      connection: { id: 'page-deribit-unknown' },
      freshness: 'stale',
      accountIds: [],
      staleReason:
        'Left out of the figures: the Deribit page named its account (58214) and this read did not say which account it shows, so these may be the same positions.',
    });
    // Alone, it counts.
    const alone = withPageAccounts(DEMO, {
      entries: [deribitEntry(null, 1)],
      statuses: {},
      nowMs: NOW,
    });
    expect(ids(alone.file)).toEqual(['deribit-page-unknown:BTC']);
  });

  it('ages a read from the page’s last confirmation, while the figures keep its content’s time', () => {
    // Content received 10 minutes ago, sent again unchanged 30 s ago.
    const entry = deribitEntry('58214', 600);
    const input = { entries: [entry], statuses: {}, nowMs: NOW };
    const confirmed = withPageAccounts(DEMO, {
      ...input,
      confirmedAt: { 'deribit:58214': at(30) },
    });
    expect(confirmed.connections[0]).toMatchObject({
      freshness: 'fresh',
      staleReason: null,
      dataAgeSeconds: 30,
      lastSuccessAt: at(30),
    });
    const unconfirmed = withPageAccounts(DEMO, input);
    expect(unconfirmed.connections[0]).toMatchObject({ freshness: 'stale', dataAgeSeconds: 600 });
    // What the figures are computed from does not change with a confirmation.
    expect(confirmed.file).toEqual(unconfirmed.file);
    expect(confirmed.venueIndexPrices).toEqual(unconfirmed.venueIndexPrices);
    expect(confirmed.accountConnections).toEqual(unconfirmed.accountConnections);
  });

  it('keeps ids unique beside an imported account of the same id', () => {
    const imported = {
      ...DEMO,
      origin: PortfolioOrigin.imported,
      file: {
        version: 1,
        asOf: at(99_999),
        accounts: [account(`hyperliquid-page-${ADDRESS}`, 'hyperliquid', 'USDC')],
      },
    };
    const result = withPageAccounts(imported, {
      entries: [hyperliquidEntry(5)],
      statuses: {},
      nowMs: NOW,
    });
    expect(ids(result.file)).toEqual([
      `hyperliquid-page-${ADDRESS}`,
      `hyperliquid-page-${ADDRESS}~page`,
    ]);
  });

  it('changes nothing without page reads', () => {
    expect(withPageAccounts(DEMO, { entries: [], statuses: {}, nowMs: NOW })).toBe(DEMO);
  });
});
