import { describe, expect, it } from 'vitest';
import {
  dropUnconfirmedHyperliquidReads,
  MAX_PAGE_ACCOUNTS_BYTES,
  MAX_PAGE_ENTRIES_PER_VENUE,
  pageAccountsBytes,
  samePageContent,
  withPageAccountsEntry,
  type PageAccountsEntry,
} from './page-accounts-item';

const entry = (
  venue: 'deribit' | 'hyperliquid',
  identity: string | null,
  minute: number,
): PageAccountsEntry => ({
  venue,
  identity,
  readAt: new Date(Date.UTC(2026, 10, 24, 12, minute)).toISOString(),
  accounts: [],
  pending: [],
  prices: {},
});

describe('withPageAccountsEntry', () => {
  it('replaces the same venue account’s read, and an earlier unnamed read of that venue', () => {
    const entries = [
      entry('deribit', null, 1),
      entry('deribit', '7', 2),
      entry('hyperliquid', '0xa', 3),
    ];
    expect(withPageAccountsEntry(entries, entry('deribit', '7', 4))).toEqual([
      entry('deribit', '7', 4),
      entry('hyperliquid', '0xa', 3),
    ]);
    // An unnamed read does not push a named one out.
    expect(withPageAccountsEntry([entry('deribit', '7', 2)], entry('deribit', null, 5))).toEqual([
      entry('deribit', null, 5),
      entry('deribit', '7', 2),
    ]);
  });

  it('keeps one Hyperliquid read: the page’s own address replaces every other address', () => {
    let entries: PageAccountsEntry[] = [entry('deribit', '7', 0)];
    for (let minute = 1; minute < 6; minute += 1)
      entries = withPageAccountsEntry(entries, entry('hyperliquid', `0x${minute}`, minute));
    expect(entries).toEqual([entry('hyperliquid', '0x5', 5), entry('deribit', '7', 0)]);
  });

  it('keeps at most a few reads per venue, the newest', () => {
    let entries: PageAccountsEntry[] = [entry('hyperliquid', '0xa', 0)];
    for (let minute = 1; minute < 20; minute += 1)
      entries = withPageAccountsEntry(entries, entry('deribit', `${minute}`, minute));
    expect(entries.map((item) => item.identity)).toEqual(['19', '18', '17', '0xa']);
    expect(MAX_PAGE_ENTRIES_PER_VENUE).toBe(3);
  });

  it('orders by the last time the page sent a read, its confirmations included', () => {
    const entries = [entry('deribit', '1', 1), entry('deribit', '2', 2), entry('deribit', '3', 3)];
    // Read 1 was sent again, unchanged, at minute 9: read 2 is the oldest.
    const confirmedAt = { 'deribit:1': new Date(Date.UTC(2026, 10, 24, 12, 9)).toISOString() };
    expect(
      withPageAccountsEntry(entries, entry('deribit', '4', 4), confirmedAt).map(
        (item) => item.identity,
      ),
    ).toEqual(['1', '4', '3']);
  });

  it('keeps the whole within the byte budget, the oldest going first', () => {
    // Reads of 0.9 MB each: a note of 450,000 "é", two bytes each in UTF-8 (as storage counts).
    const large = (identity: string, minute: number): PageAccountsEntry => ({
      ...entry('deribit', identity, minute),
      pending: ['é'.repeat(450_000)],
    });
    const first = withPageAccountsEntry([], large('1', 1));
    const second = withPageAccountsEntry(first, large('2', 2));
    expect(second.map((item) => item.identity)).toEqual(['2', '1']);
    const third = withPageAccountsEntry(second, large('3', 3));
    expect(third.map((item) => item.identity)).toEqual(['3', '2']);
    expect(pageAccountsBytes(third)).toBeLessThanOrEqual(MAX_PAGE_ACCOUNTS_BYTES);
    // One read over the budget by itself is refused.
    expect(() =>
      withPageAccountsEntry([], { ...entry('deribit', '4', 4), pending: ['x'.repeat(2_000_001)] }),
    ).toThrow("refused: the deribit page's read is larger than 2000000 bytes");
  });
});

describe('samePageContent', () => {
  it('compares the content whatever the order of keys (Chromium’s storage sorts them), times aside', () => {
    const written = {
      ...entry('deribit', '7', 1),
      prices: { BTC: '100000', ETH: '3400' },
      accounts: [
        {
          id: 'deribit-page-7:BTC',
          venue: 'deribit' as const,
          marginMode: 'cross' as const,
          balances: [{ asset: 'BTC', total: '1' }],
          positions: [],
        },
      ],
    };
    const readBack = JSON.parse(
      JSON.stringify({
        venue: 'deribit',
        accounts: [
          {
            balances: [{ total: '1', asset: 'BTC' }],
            id: 'deribit-page-7:BTC',
            marginMode: 'cross',
            positions: [],
            venue: 'deribit',
          },
        ],
        identity: '7',
        pending: [],
        prices: { ETH: '3400', BTC: '100000' },
        readAt: entry('deribit', '7', 9).readAt,
      }),
    ) as PageAccountsEntry;
    expect(samePageContent(written, readBack)).toBe(true);
    expect(samePageContent(written, { ...readBack, prices: { BTC: '100001', ETH: '3400' } })).toBe(
      false,
    );
  });
});

describe('pageAccounts version 2', () => {
  it('drops the Hyperliquid reads of version 1, which may be other people’s addresses', () => {
    expect(
      dropUnconfirmedHyperliquidReads([
        entry('hyperliquid', '0xa', 1),
        entry('deribit', '7', 2),
        entry('hyperliquid', '0xb', 3),
      ]),
    ).toEqual([entry('deribit', '7', 2)]);
    expect(dropUnconfirmedHyperliquidReads(null)).toEqual([]);
  });
});
