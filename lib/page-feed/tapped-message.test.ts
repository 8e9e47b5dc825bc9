import { describe, expect, it } from 'vitest';
import { pageFeedVenueOf, PAGE_FEED_MATCHES } from './page-feed-sites';
import { parseTappedMessage } from './tapped-message';

describe('parseTappedMessage: only the tap’s exact shapes, for this page’s venue', () => {
  it('takes each shape', () => {
    expect(
      parseTappedMessage({ site: 'deribit', kind: 'notification', text: '{}' }, 'deribit'),
    ).toEqual({ site: 'deribit', kind: 'notification', text: '{}' });
    const response = {
      site: 'deribit',
      kind: 'response',
      method: 'private/get_positions',
      currency: 'BTC',
      instrumentKind: null,
      text: '{}',
    };
    expect(parseTappedMessage(response, 'deribit')).toEqual(response);
    const info = {
      site: 'hyperliquid',
      kind: 'info',
      user: '0x5E9EE1089755C3435139848E47E6635505D5A13A',
      dex: '',
      text: '{}',
    };
    expect(parseTappedMessage(info, 'hyperliquid')).toEqual({
      ...info,
      user: '0x5e9ee1089755c3435139848e47e6635505d5a13a',
    });
  });

  it('refuses another venue’s, extra keys, unknown methods, long or odd fields', () => {
    const notification = { site: 'deribit', kind: 'notification', text: '{}' };
    expect(parseTappedMessage(notification, 'hyperliquid')).toBeUndefined();
    expect(parseTappedMessage({ ...notification, extra: 1 }, 'deribit')).toBeUndefined();
    expect(parseTappedMessage({ ...notification, text: 7 }, 'deribit')).toBeUndefined();
    expect(parseTappedMessage('{}', 'deribit')).toBeUndefined();
    expect(parseTappedMessage(null, 'deribit')).toBeUndefined();
    expect(
      parseTappedMessage(Object.create({ site: 'deribit' }) as object, 'deribit'),
    ).toBeUndefined();
    const response = {
      site: 'deribit',
      kind: 'response',
      method: 'private/buy',
      currency: null,
      instrumentKind: null,
      text: '{}',
    };
    expect(parseTappedMessage(response, 'deribit')).toBeUndefined();
    expect(
      parseTappedMessage(
        { ...response, method: 'private/get_positions', currency: 'x'.repeat(41) },
        'deribit',
      ),
    ).toBeUndefined();
    expect(
      parseTappedMessage(
        { site: 'hyperliquid', kind: 'info', user: 'alice', dex: '', text: '{}' },
        'hyperliquid',
      ),
    ).toBeUndefined();
  });
});

describe('page-feed sites', () => {
  it('maps each trading page’s origin to its venue and nothing else', () => {
    expect(pageFeedVenueOf('https://www.deribit.com')).toBe('deribit');
    expect(pageFeedVenueOf('https://app.hyperliquid.xyz')).toBe('hyperliquid');
    expect(pageFeedVenueOf('https://www.deribit.co')).toBeUndefined();
    expect(pageFeedVenueOf('https://www.deribit.com.example')).toBeUndefined();
    expect(pageFeedVenueOf('https://www.binance.com')).toBeUndefined();
    expect(pageFeedVenueOf(undefined)).toBeUndefined();
    for (const pattern of PAGE_FEED_MATCHES)
      expect(pageFeedVenueOf(new URL(pattern.replace('*', '')).origin)).toBeDefined();
  });
});
