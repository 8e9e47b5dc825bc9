import { describe, expect, it } from 'vitest';
import type { ExchangeStateStore } from '../storage/exchange-state-items';
import type { CcxtExchange } from '../venues/api/venue-api-types';
import { MAX_RESTORED_WAIT_MS, restoredRateLimiter } from './restored-rate-limiter';
import { withStoredState } from './stored-exchange-state';

const NOW = Date.UTC(2026, 10, 24, 12);
/** Binance USDⓈ-M in ccxt: rateLimit 50 ms, so 1/50 token per millisecond; capacity 1. */
const BUCKET = { tokens: 0, refillRate: 1 / 50, capacity: 1 };

describe('restoredRateLimiter', () => {
  it('refills a stored debt for the time since, never above the fresh level', () => {
    // −5 tokens stored 60 ms ago: 60 ms × 1/50 = 1.2 tokens back.
    expect(restoredRateLimiter({ tokens: -5, at: NOW - 60 }, BUCKET, NOW)).toEqual({
      ok: true,
      tokens: -5 + 60 / 50,
    });
    expect(restoredRateLimiter({ tokens: -5, at: NOW - 60_000 }, BUCKET, NOW)).toEqual({
      ok: true,
      tokens: 0,
    });
    // The most debt a minute pays off: 60,000 ms × 1/50 = 1,200 tokens.
    const mostDebt = -BUCKET.refillRate * MAX_RESTORED_WAIT_MS;
    expect(mostDebt).toBe(-1200);
    expect(restoredRateLimiter({ tokens: mostDebt, at: NOW }, BUCKET, NOW)).toEqual({
      ok: true,
      tokens: -1200,
    });
  });

  it.each([
    ['null', null, 'is not an object of tokens and time'],
    ['a number', 5, 'is not an object of tokens and time'],
    ['an array', [-1, NOW], 'is not an object of tokens and time'],
    ['tokens as text', { tokens: '-5', at: NOW }, 'tokens must be a finite number'],
    ['tokens NaN', { tokens: Number.NaN, at: NOW }, 'tokens must be a finite number'],
    ['tokens −∞', { tokens: -Infinity, at: NOW }, 'tokens must be a finite number'],
    [
      'a debt of a day',
      { tokens: -1_728_000, at: NOW },
      'tokens must be at least -1200 (a wait of 60 s), got -1728000',
    ],
    ['a debt of 1e9', { tokens: -1e9, at: NOW }, 'tokens must be at least -1200'],
    [
      'a level above capacity',
      { tokens: 1e300, at: NOW },
      'tokens must be at most the capacity 1, got 1e+300',
    ],
    ['no time', { tokens: -1 }, 'time must be milliseconds since the epoch'],
    ['a negative time', { tokens: -1, at: -1 }, 'time must be milliseconds since the epoch'],
    ['a time in the future', { tokens: -1, at: NOW + 1 }, 'time is in the future'],
  ])('refuses %s by name', (_, stored, words) => {
    const restored = restoredRateLimiter(stored, BUCKET, NOW);
    expect(restored.ok).toBe(false);
    const refusal = restored.ok ? '' : restored.refusal;
    expect(refusal.startsWith(`the stored rate limiter ${words}`)).toBe(true);
    expect(refusal.endsWith('; the limiter starts fresh')).toBe(true);
  });
});

describe('a restarted worker’s ccxt instance', () => {
  /** A ccxt instance's throttling parts: a fresh leaky bucket, requests counted. */
  function freshInstance() {
    const config = { ...BUCKET };
    const instance = {
      throttler: { config },
      fetchMarkets: async () => [],
      fetchCurrencies: async () => ({}),
      throttle: async () => {
        config.tokens -= 1;
      },
    };
    return { instance, config };
  }
  const storeHolding = (level: unknown): ExchangeStateStore & { saved: unknown[] } => {
    const saved: unknown[] = [];
    return {
      saved,
      readMarkets: async () => undefined,
      saveMarkets: async () => {},
      forgetMarkets: async () => {},
      readRateLimiter: async () => level,
      saveRateLimiter: async (_venue, stored) => {
        saved.push(stored);
      },
    };
  };

  it.each([
    ['a debt of 1e9 tokens', { tokens: -1e9, at: NOW }],
    ['a level of 1e300', { tokens: 1e300, at: NOW }],
    ['tokens as text', { tokens: 'many', at: NOW }],
    ['a time in the future', { tokens: -1000, at: NOW + 3_600_000 }],
  ])('starts fresh over %s, and stores its own level instead', async (_, level) => {
    const { instance, config } = freshInstance();
    const store = storeHolding(level);
    const exchange = withStoredState(instance as unknown as CcxtExchange, 'binanceusdm', store, {
      now: () => NOW,
      maxAgeMs: 3_600_000,
    });
    await (exchange as unknown as { throttle(): Promise<void> }).throttle();
    // Fresh (0), less the one request.
    expect(config.tokens).toBe(-1);
    expect(store.saved).toEqual([{ tokens: -1, at: NOW }]);
  });

  it('starts from a level in range, refilled', async () => {
    const { instance, config } = freshInstance();
    const exchange = withStoredState(
      instance as unknown as CcxtExchange,
      'binanceusdm',
      storeHolding({ tokens: -5, at: NOW - 100 }),
      { now: () => NOW, maxAgeMs: 3_600_000 },
    );
    await (exchange as unknown as { throttle(): Promise<void> }).throttle();
    // −5 + 100 ms × 1/50 − 1 request.
    expect(config.tokens).toBe(-5 + 2 - 1);
  });
});
