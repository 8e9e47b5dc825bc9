import { describe, expect, it } from 'vitest';
import { createExchange } from '../venues/api/create-exchange';
import { cachedExchanges } from './exchange-cache';

describe('cachedExchanges', () => {
  it('reuses one instance per venue and credentials, and renews it after the maximum age', () => {
    let clock = 0;
    let opened = 0;
    const cache = cachedExchanges(
      (venue, credentials) => {
        opened += 1;
        return createExchange(venue, credentials, { enableRateLimit: false });
      },
      () => clock,
      1_000,
    );
    const open = cache.open.bind(cache);
    const key = { kind: 'apiKey' as const, apiKey: 'a', secret: 's' };
    const first = open('bybit', key);
    expect(open('bybit', { ...key })).toBe(first);
    expect(open('bybit', { ...key, apiKey: 'b' })).not.toBe(first);
    expect(open('okx', undefined)).not.toBe(first);
    expect(opened).toBe(3);
    clock = 1_000;
    const renewed = open('bybit', key);
    expect(renewed).not.toBe(first);
    expect(opened).toBe(4);
    cache.forget('bybit', key);
    expect(open('bybit', key)).not.toBe(renewed);
    cache.clear();
    expect(open('okx', undefined)).toBeDefined();
    expect(opened).toBe(6);
  });
});
