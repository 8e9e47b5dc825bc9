import { describe, expect, it } from 'vitest';
import { draftFromForm, impactRequests } from './order-draft';
import type { OrderFormReading } from './page-descriptor';

describe('order drafts', () => {
  const read = <T>(value: T) => ({ read: true as const, value });
  const unread = (reason: string) => ({ read: false as const, reason });
  const reading: OrderFormReading = {
    side: read(null),
    type: read('limit'),
    size: read({ value: 12, unit: 'contracts' }),
    price: read(71_441.7),
    leverage: unread('not shown'),
    marginMode: read('isolated'),
    reduceOnly: read(false),
    contractSize: read(0.01),
  };

  it('takes the page’s order as read, naming what it did not read', () => {
    const draft = draftFromForm(reading);
    expect(draft).toEqual({
      side: null,
      orderType: 'limit',
      size: { value: 12, unit: 'contracts' },
      price: 71_441.7,
      leverage: null,
      reduceOnly: false,
      contractSize: 0.01,
      notRead: ['leverage: not shown'],
    });
    if ('missing' in draft) throw new Error('no draft');
    const requests = impactRequests(
      draft,
      { venue: 'okx', symbol: 'BTC/USDT:USDT', accountId: 'okx-swap' },
      false,
    );
    expect(requests.map((request) => request.side)).toEqual(['buy', 'sell']);
  });

  it('has no draft without a form, a size, a type, or a limit price', () => {
    expect(draftFromForm(null)).toEqual({ missing: 'no order form found on this page' });
    expect(draftFromForm({ ...reading, size: unread('empty') })).toEqual({
      missing: 'size: empty',
    });
    expect(draftFromForm({ ...reading, price: unread('no price field') })).toEqual({
      missing: 'price: no price field',
    });
  });
});
