import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CANDLE_VENUES } from './candle-venues';
import { readOhlcvDailyCandles } from './ohlcv-daily-candles';

// The tests' clock: 2025-02-11 12:00 UTC; the 2025-02-11 candle is still trading.
const NOW = Date.parse('2025-02-11T12:00:00Z');
const DAY = (date: string) => Date.parse(`${date}T00:00:00Z`);
const hyperliquid = CANDLE_VENUES.hyperliquid;

/**
 * ccxt OHLCV rows `[timestamp, open, high, low, close, volume]`: the last four SOL candles of
 * fixtures/market/hyperliquid-candles-1d.json, prices to the cent and volume to the coin.
 */
const rows = (): unknown[][] => [
  [DAY('2025-02-08'), 192.2, 200.83, 190.13, 199.6, 11_961_555],
  [DAY('2025-02-09'), 199.59, 207.27, 194.24, 200.5, 16_862_415],
  [DAY('2025-02-10'), 200.5, 208.83, 196.38, 200.36, 20_495_365],
  [DAY('2025-02-11'), 200.39, 205.82, 195.34, 195.77, 19_631_577],
];

function refusal(venueRows: unknown, venue = hyperliquid) {
  const read = readOhlcvDailyCandles(venue, 'SOL/USDC:USDC', venueRows, NOW);
  if (read.status !== 'refused') throw new Error('expected a refusal');
  return { field: read.field, kind: read.problem.kind, message: read.problem.message };
}

describe('readOhlcvDailyCandles', () => {
  it('keeps the complete candles, dated by UTC day, closing 1 ms before the next', () => {
    const read = readOhlcvDailyCandles(hyperliquid, 'SOL/USDC:USDC', rows(), NOW);
    if (read.status !== 'read') throw new Error(read.problem.message);
    expect(read.candles.map((candle) => [candle.date, candle.close.toString()])).toEqual([
      ['2025-02-08', '199.6'],
      ['2025-02-09', '200.5'],
      ['2025-02-10', '200.36'],
    ]);
    expect(read.candles.at(-1)?.closeTime).toBe(Date.parse('2025-02-10T23:59:59.999Z'));
  });

  it('keeps a candle that closed exactly at the clock, and none of a day not yet over', () => {
    const atMidnight = readOhlcvDailyCandles(
      hyperliquid,
      'SOL/USDC:USDC',
      rows(),
      DAY('2025-02-11'),
    );
    expect(atMidnight.status === 'read' && atMidnight.candles.length).toBe(3);
    const empty = readOhlcvDailyCandles(hyperliquid, 'SOL/USDC:USDC', [], NOW);
    expect(empty).toEqual({ status: 'read', candles: [] });
  });

  it('refuses a close that is not a positive finite price, naming the candle, its day and the venue field', () => {
    for (const bad of [undefined, Number.NaN, 0, -1, Number.POSITIVE_INFINITY, '200.5']) {
      const broken = rows();
      (broken[1] as unknown[])[4] = bad;
      expect(refusal(broken)).toMatchObject({
        field: 'candle 1 (2025-02-09) close (c)',
        kind: 'malformedResponse',
      });
    }
    const broken = rows();
    (broken[1] as unknown[])[4] = undefined;
    expect(refusal(broken).message).toBe(
      'Hyperliquid sent a response Margin Lens could not read. hyperliquid POST /info candleSnapshot SOL/USDC:USDC: candle 1 (2025-02-09) close (c) must be a positive finite price, got undefined',
    );
  });

  it.each([
    [1, 'open (o)'],
    [2, 'high (h)'],
    [3, 'low (l)'],
  ])('refuses a bad price in column %i as %s', (column, field) => {
    const broken = rows();
    (broken[2] as unknown[])[column] = -5;
    expect(refusal(broken).field).toBe(`candle 2 (2025-02-10) ${field}`);
  });

  it('refuses a negative or missing volume', () => {
    const broken = rows();
    (broken[0] as unknown[])[5] = -1;
    expect(refusal(broken).field).toBe('candle 0 (2025-02-08) volume (v)');
    (broken[0] as unknown[])[5] = undefined;
    expect(refusal(broken).message).toContain(
      'must be a finite volume of at least 0, got undefined',
    );
  });

  it('refuses a time that is not whole ms, does not open a UTC day, or does not increase', () => {
    const unreadable = rows();
    (unreadable[3] as unknown[])[0] = undefined;
    expect(refusal(unreadable)).toMatchObject({ field: 'candle 3 timestamp (t)' });
    const hongKong = rows();
    (hongKong[3] as unknown[])[0] = DAY('2025-02-10') + 16 * 3_600_000;
    expect(refusal(hongKong).message).toContain(
      'candle 3 timestamp (t) must open a UTC day (00:00 UTC), got 2025-02-10T16:00:00.000Z',
    );
    const twice = rows();
    (twice[2] as unknown[])[0] = DAY('2025-02-09');
    expect(refusal(twice).message).toContain(
      "candle 2 timestamp (t) must come after the previous candle's (2025-02-09T00:00:00.000Z): one candle per day, in time order; got 2025-02-09T00:00:00.000Z",
    );
  });

  it('names the fields as each venue does', () => {
    const broken = rows();
    (broken[1] as unknown[])[4] = undefined;
    expect(refusal(broken, CANDLE_VENUES.bybit).field).toBe(
      'candle 1 (2025-02-09) close (closePrice)',
    );
    expect(refusal(broken, CANDLE_VENUES.okx).message).toContain(
      'okx GET /api/v5/market/candles SOL/USDC:USDC: candle 1 (2025-02-09) close (c)',
    );
  });

  it('refuses what is not a list of rows, without echoing objects', () => {
    expect(refusal({ candles: [] })).toMatchObject({
      field: '(candles)',
      message: expect.stringContaining('must be a list, got an object'),
    });
    expect(refusal([rows()[0], 'row']).field).toBe('candle 1');
    expect(refusal([[DAY('2025-02-08'), '{x}', 1, 1, 1, 1]]).message).toContain('got "?x?"');
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const read = readOhlcvDailyCandles(hyperliquid, 'SOL/USDC:USDC', value, NOW);
        expect(['read', 'refused']).toContain(read.status);
      }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.oneof(fc.double(), fc.integer(), fc.constant(undefined)))),
        (value) => {
          readOhlcvDailyCandles(hyperliquid, 'SOL/USDC:USDC', value, NOW);
        },
      ),
    );
  });

  it('does not change the rows it reads', () => {
    const given = rows();
    const copy = structuredClone(given);
    readOhlcvDailyCandles(hyperliquid, 'SOL/USDC:USDC', Object.freeze(given), NOW);
    expect(given).toEqual(copy);
  });
});
