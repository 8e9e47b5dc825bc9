import { describe, expect, it } from 'vitest';
import {
  accountRatios,
  BUCKET_MS,
  EMPTY_MARGIN_HISTORY,
  HISTORY_MS,
  recordMarginRatios,
  type MarginHistory,
} from './margin-history';

const T0 = Date.parse('2026-11-24T12:00:00.000Z');
const account = (id: string, marginRatio: number, equity = 1000) => ({ id, marginRatio, equity });

describe('recordMarginRatios', () => {
  it('keeps one sample per 5-minute bucket: the latest ratio and the highest in it', () => {
    let history = recordMarginRatios(EMPTY_MARGIN_HISTORY, T0 + 10_000, [account('a', 0.2)]);
    history = recordMarginRatios(history, T0 + 60_000, [account('a', 0.5)]);
    history = recordMarginRatios(history, T0 + 120_000, [account('a', 0.3)]);
    expect(history.samples).toEqual([{ at: T0, accounts: { a: { last: 0.3, high: 0.5 } } }]);
    history = recordMarginRatios(history, T0 + BUCKET_MS, [account('a', 0.25)]);
    expect(accountRatios(history, 'a')).toEqual([
      { at: T0, reading: { last: 0.3, high: 0.5 } },
      { at: T0 + BUCKET_MS, reading: { last: 0.25, high: 0.25 } },
    ]);
  });

  it('keeps the last 24 hours only, at most 288 buckets', () => {
    let history: MarginHistory = EMPTY_MARGIN_HISTORY;
    for (let minute = 0; minute <= 48 * 60; minute += 5)
      history = recordMarginRatios(history, T0 + minute * 60_000, [account('a', minute / 10_000)]);
    expect(history.samples).toHaveLength(HISTORY_MS / BUCKET_MS);
    const first = history.samples[0]?.at ?? 0;
    const last = history.samples.at(-1)?.at ?? 0;
    expect(last - first).toBeLessThan(HISTORY_MS);
    expect(last).toBe(T0 + 48 * 3_600_000);
  });

  it('writes an account with no equity left as null, above any number', () => {
    let history = recordMarginRatios(EMPTY_MARGIN_HISTORY, T0, [account('a', 0.9)]);
    history = recordMarginRatios(history, T0 + 1000, [account('a', Number.POSITIVE_INFINITY, -5)]);
    history = recordMarginRatios(history, T0 + 2000, [account('a', 0.95)]);
    expect(history.samples[0]?.accounts.a).toEqual({ last: 0.95, high: null });
    expect(JSON.parse(JSON.stringify(history))).toEqual(history);
  });

  it('ignores a state from before the newest bucket (a clock set back) and never mutates its input', () => {
    const history = Object.freeze({
      samples: Object.freeze([{ at: T0, accounts: { a: { last: 0.1, high: 0.1 } } }]),
    });
    expect(recordMarginRatios(history, T0 - BUCKET_MS, [account('a', 0.9)])).toBe(history);
    expect(recordMarginRatios(history, Number.NaN, [account('a', 0.9)])).toBe(history);
    const next = recordMarginRatios(history, T0 + BUCKET_MS, [account('b', 0.4)]);
    expect(history.samples).toHaveLength(1);
    expect(accountRatios(next, 'a')).toHaveLength(1);
    expect(accountRatios(next, 'b')).toEqual([
      { at: T0 + BUCKET_MS, reading: { last: 0.4, high: 0.4 } },
    ]);
  });
});
