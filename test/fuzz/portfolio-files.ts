import fc from 'fast-check';
import {
  venueAllowsPositionMarginMode,
  venueMarginModes,
  venueSupportsInstrument,
} from '../../lib/engine/margin/venue-rules';
import { isInverseContract } from '../../lib/engine/product/inverse-contract';
import { parseSymbol } from '../../lib/engine/product/parse-symbol';
import { PORTFOLIO_VENUE_IDS } from '../../lib/engine/portfolio/file-schema/venue-field';

/**
 * fast-check arbitraries of portfolio files (DESIGN.md §4) for the fuzz tests of the file reader
 * (lib/engine/portfolio/parse-portfolio.fuzz.test.ts) and of the whole report
 * (lib/engine/measure/calculate-risk-report.fuzz.test.ts), issue 13 finding 5.
 *
 * Files are shaped like real ones (every venue with symbols its rules trade, options near and
 * past expiry, isolated and cross legs, tier tables of one tier) and their figures range from
 * ordinary to the edges of the file's bounds (portfolio-limits.ts: 1e18 in size, 1e-18 for a
 * positive figure; the shared text bound of 40 digits and an exponent within ±30) and beyond
 * (`hostile`), so that a run reaches both the reader's refusals and the engine's extremes.
 */

const SYMBOLS = [
  'BTC/USDT:USDT',
  'ETH/USDT:USDT',
  'SOL/USDT:USDT',
  'BTC/USDC:USDC',
  'HYPE/USDC:USDC',
  'BTC/USD:BTC',
  'ETH/USD:ETH',
  'BTC/USDT:USDT-261225',
  'BTC/USD:BTC-261225',
  'BTC/USD:BTC-261225-100000-C',
  'BTC/USD:BTC-261225-85000-P',
  'BTC/USDC:USDC-261225-100000-C',
  'ETH/USDC:USDC-261225-3000-P',
] as const;

/**
 * Each venue's symbols its rules trade (venue-rules.ts), in books one account can hold: one
 * settlement asset, linear or inverse (venues margin each apart), so that most accounts get to
 * the engine's measures rather than to a refusal.
 */
interface Book {
  readonly venue: string;
  readonly settle: string;
  readonly symbols: readonly string[];
}

const BOOKS: readonly Book[] = PORTFOLIO_VENUE_IDS.flatMap((venue) => {
  const books = new Map<string, { settle: string; symbols: string[] }>();
  for (const symbol of SYMBOLS) {
    const instrument = parseSymbol(symbol);
    if ('error' in instrument || !venueSupportsInstrument(venue, instrument)) continue;
    const key = `${instrument.settle} ${isInverseContract(instrument) ? 'inverse' : 'linear'}`;
    const book = books.get(key) ?? { settle: instrument.settle, symbols: [] };
    book.symbols.push(symbol);
    books.set(key, book);
  }
  return [...books.values()].map((book) => ({ venue, ...book }));
});

/** The 08:00 UTC expiry of the options above, one second before it, and a day after it. */
export const AS_OF_TIMES = [
  '2026-11-24T12:00:00Z',
  '2026-12-25T07:59:59Z',
  '2026-12-25T08:00:00Z',
  '2026-12-26T08:00:00Z',
] as const;

/** Positive decimal texts at the file's bounds, and just within them. */
const EDGE_FIGURES = [
  '1e18',
  '1e-18',
  '9'.repeat(18),
  `0.${'0'.repeat(17)}1`,
  '0.00000001',
  '1000000000',
  '123456789012345678.9012345678901234567890',
] as const;

/** Decimal texts beyond the file's bounds (or beyond a positive field's). */
const BEYOND_FIGURES = [
  '0',
  '-1e18',
  '2e-19',
  '1.000000000000000001e18',
  '1e19',
  '1e-19',
  '9'.repeat(40),
  '9'.repeat(41),
  '1e30',
  '1e-30',
  '1e31',
  '1e9000000000000001',
  '-1e9000000000000001',
  '1e-20000000',
  '1e400000000',
] as const;

/** Ordinary figures: prices, sizes and balances a trader holds. */
const ordinaryFigure = fc.oneof(
  fc.double({ min: 1e-8, max: 1e7, noNaN: true, noDefaultInfinity: true }).map(String),
  fc.integer({ min: 1, max: 1_000_000 }).map(String),
  fc.constantFrom('95000', '2500', '100000', '150', '1', '0.5', '0.001'),
);

/** Texts near the grammar: signs, prefixes, separators, words, exponents. */
const nearDecimal = fc
  .tuple(
    fc.constantFrom('', '', '-', '+', ' ', '0x', '0b', '--', '.'),
    fc.stringMatching(/^[0-9]{0,45}$/),
    fc.constantFrom('', '', '.', '_', ',', '.5'),
    fc.stringMatching(/^[0-9]{0,6}$/),
    fc.constantFrom('', '', 'e', 'e+', 'e-', 'e18', 'e-18', 'e31', 'e-20000000', '%', 'Infinity'),
  )
  .map((parts) => parts.join(''));

/** What no file should hold in a figure: other types, non-finite numbers, long texts. */
export const hostileValue = fc.oneof(
  fc.double(),
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    5e-324,
    1e308,
    -0,
    'NaN',
    'Infinity',
    '',
    null,
    true,
  ),
  // 30,000 digits then a letter: what made the old decimal pattern backtrack (1.5 s).
  fc.constantFrom(`${'1'.repeat(30_000)}x`, `${'1'.repeat(30_000)}`, `1e${'9'.repeat(30_000)}`),
  fc.string({ maxLength: 20 }),
  fc.anything({ maxDepth: 1 }),
);

/**
 * A decimal figure: mostly ordinary, often at an edge of the bounds; `hostile` adds texts beyond
 * them, near the grammar, and values of any type.
 */
export const figure = (hostile: boolean): fc.Arbitrary<unknown> =>
  hostile
    ? fc.oneof(
        { weight: 12, arbitrary: ordinaryFigure },
        { weight: 3, arbitrary: fc.constantFrom(...EDGE_FIGURES) },
        { weight: 1, arbitrary: fc.constantFrom(...BEYOND_FIGURES) },
        { weight: 1, arbitrary: nearDecimal },
        { weight: 1, arbitrary: hostileValue },
      )
    : fc.oneof(
        { weight: 6, arbitrary: ordinaryFigure },
        { weight: 3, arbitrary: fc.constantFrom(...EDGE_FIGURES) },
      );

/** A JSON number field: in range mostly, then its edges, then anything. */
const numberValue = (values: readonly number[], hostile: boolean): fc.Arbitrary<unknown> =>
  hostile
    ? fc.oneof(
        { weight: 20, arbitrary: fc.constantFrom(...values) },
        { weight: 1, arbitrary: hostileValue },
      )
    : fc.constantFrom(...values);

function position(book: Book, hostile: boolean) {
  const { venue } = book;
  return fc.record(
    {
      symbol: fc.constantFrom(...book.symbols),
      side: fc.constantFrom('long', 'short'),
      contracts: figure(hostile),
      contractSize: fc.oneof(fc.constant('100'), fc.constant('1'), figure(hostile)),
      entryPrice: figure(hostile),
      markPrice: figure(hostile),
      leverage: numberValue([1, 10, 100, 1000, 1e-9], hostile),
      maxLeverage: numberValue([1, 20, 50, 1000], hostile),
      markIv: numberValue([0.5, 1e-9, 10, 5e-324], hostile),
      isolatedMargin: figure(hostile),
      marginMode: venueAllowsPositionMarginMode(venue, 'cross')
        ? fc.constantFrom('cross', 'isolated')
        : fc.constant(undefined),
      venueReported: fc.record(
        { liquidationPrice: fc.oneof(fc.constant(null), figure(hostile)) },
        { requiredKeys: [] },
      ),
    },
    // contractSize and markIv always, maxLeverage mostly: inverse contracts, options and
    // Hyperliquid need them.
    {
      requiredKeys: [
        'symbol',
        'side',
        'contracts',
        'entryPrice',
        'markPrice',
        'contractSize',
        'markIv',
      ],
    },
  );
}

function account(hostile: boolean) {
  return fc.constantFrom(...BOOKS).chain((book) =>
    fc.record(
      {
        id: fc.constantFrom('a', 'b', 'c'),
        venue: fc.constant(book.venue),
        marginMode: fc.constantFrom(...venueMarginModes(book.venue)),
        balances: fc.array(
          fc.record({
            // Mostly the book's settlement asset; now and then another (a refusal).
            asset: fc.oneof(
              { weight: 9, arbitrary: fc.constant(book.settle) },
              { weight: 1, arbitrary: fc.constantFrom('USDT', 'USDC', 'BTC', 'ETH') },
            ),
            total: fc.oneof(
              figure(hostile),
              figure(hostile).map((text) => `-${String(text)}`),
              fc.constantFrom('0', '2e-19', '-2e-19'),
            ),
          }),
          { maxLength: 2 },
        ),
        positions: fc.uniqueArray(position(book, hostile), {
          maxLength: 3,
          selector: (item) => item.symbol,
        }),
        venueReported: fc.record(
          { marginRatio: figure(hostile), equity: figure(hostile) },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: ['id', 'venue', 'marginMode', 'balances', 'positions'] },
    ),
  );
}

/** One tier table of one tier (cap null) for a venue with tables, or none. */
const tierTables = (hostile: boolean) =>
  fc.constantFrom('binanceusdm', 'bybit', 'okx').chain((venue) =>
    fc.record({
      venue: fc.constant(venue),
      symbol: fc.constant('BTC/USDT:USDT'),
      source: fc.constant('fuzz'),
      asOf: fc.constant('2026-11-24'),
      tiers: fc.tuple(
        fc.record({
          floor: fc.constant('0'),
          cap: fc.constant(null),
          maintenanceMarginRate: hostile
            ? fc.oneof(fc.constantFrom('0.004', '0', '0.5', '0.99'), figure(hostile))
            : fc.constantFrom('0.004', '0', '0.5', '0.99'),
          maxLeverage: numberValue([1, 125, 1000], hostile),
        }),
      ),
    }),
  );

/**
 * A portfolio file. `hostile`: figures may be of any type or text; otherwise they are decimal
 * texts, within or beyond the bounds. `model` draws the file's model section (the report fuzz
 * keeps scenarios and paths small).
 */
export function portfolioFile(options: {
  readonly hostile: boolean;
  readonly model: fc.Arbitrary<unknown>;
}) {
  const { hostile } = options;
  return fc.record(
    {
      version: fc.constant(1),
      asOf: fc.constantFrom(...AS_OF_TIMES),
      baseCurrency: fc.constant('USD'),
      accounts: fc.uniqueArray(account(hostile), {
        minLength: 1,
        maxLength: 3,
        selector: (item) => item.id,
      }),
      model: options.model,
      market: fc.record(
        {
          prices: fc.record({ BTC: figure(hostile), HYPE: figure(hostile) }, { requiredKeys: [] }),
          annualVols: fc.record(
            {
              BTC: numberValue([0, 0.5, 20, 5e-324], hostile),
              ETH: numberValue([0, 0.6, 20], hostile),
            },
            { requiredKeys: [] },
          ),
          dailyVolumeUsd: fc.record(
            { BTC: numberValue([1e-18, 1, 1e10, 1e300], hostile) },
            { requiredKeys: [] },
          ),
          spreadsBps: fc.record(
            { BTC: numberValue([0, 1, 10_000], hostile) },
            { requiredKeys: [] },
          ),
          correlations: fc.record(
            { 'BTC/ETH': numberValue([-1, 0, 0.8, 1], hostile) },
            { requiredKeys: [] },
          ),
        },
        { requiredKeys: [] },
      ),
      tierTables: fc.array(tierTables(hostile), { maxLength: 1 }),
    },
    { requiredKeys: ['version', 'asOf', 'baseCurrency', 'accounts', 'model'] },
  );
}

/** Where a value holds a number that is not finite (NaN, ±Infinity), as paths; none: []. */
export function nonFiniteNumbers(value: unknown, path = 'report'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path} = ${value}`];
  if (Array.isArray(value))
    return value.flatMap((item, index) => nonFiniteNumbers(item, `${path}[${index}]`));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([key, item]) => nonFiniteNumbers(item, `${path}.${key}`));
  return [];
}
