import { describe, expect, it } from 'vitest';
import {
  MAX_PAGE_ACCOUNT_ENTRIES,
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

  it('keeps the newest reads only', () => {
    let entries: PageAccountsEntry[] = [];
    for (let minute = 0; minute < 20; minute += 1)
      entries = withPageAccountsEntry(entries, entry('hyperliquid', `0x${minute}`, minute));
    expect(entries).toHaveLength(MAX_PAGE_ACCOUNT_ENTRIES);
    expect(entries[0]?.identity).toBe('0x19');
  });
});
