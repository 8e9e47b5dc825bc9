import { describe, expect, it } from 'vitest';
import { createRng } from '../math/rng';
import { BookChangePnl } from './book-change-pnl';
import type { Exposure } from './exposure';
import { exposureAtPriceRatio } from './exposure-at-price-ratio';
import { monteCarloLogReturns } from './monte-carlo-log-returns';
import { GRID_MIN_SCENARIOS, ScenarioPnlKernel, type ScenarioSet } from './scenario-pnl-kernel';

const HORIZON_YEARS = 1 / 365;

/** Three assets (BTC, ETH, SOL): delta-ones on each (one paid off peg), options on BTC and ETH. */
const BOOK: readonly Exposure[] = Object.freeze(
  (
    [
      { kind: 'delta-one', assetIndex: 0, quantity: 0.8, price: 95_000, usdPerSettle: 1 },
      { kind: 'delta-one', assetIndex: 0, quantity: -1.1, price: 95_000, usdPerSettle: 1 },
      { kind: 'delta-one', assetIndex: 1, quantity: 20, price: 2_600, usdPerSettle: 1 },
      { kind: 'delta-one', assetIndex: 2, quantity: -300, price: 200, usdPerSettle: 1.0002 },
      { kind: 'delta-one', assetIndex: 0, quantity: 0.4, price: 95_000, usdPerSettle: 1 },
      ...[0.8, 0.95, 1.05, 1.2].map((moneyness, index) => ({
        kind: 'option' as const,
        assetIndex: 0,
        quantity: index % 2 === 0 ? 2 : -1.5,
        type: index < 2 ? ('put' as const) : ('call' as const),
        strike: 95_000 * moneyness,
        forward: 95_500,
        timeToExpiry: (10 + 20 * index) / 365,
        lognormalVol: 0.55,
      })),
      ...[0.9, 1.1].map((moneyness, index) => ({
        kind: 'option' as const,
        assetIndex: 1,
        quantity: index === 0 ? -30 : 25,
        type: 'call' as const,
        strike: 2_600 * moneyness,
        forward: 2_610,
        timeToExpiry: 45 / 365,
        lognormalVol: 0.7,
      })),
    ] satisfies Exposure[]
  ).map((exposure): Exposure => Object.freeze(exposure)),
);

function scenarioSet(count: number, volFactors?: Float64Array): ScenarioSet {
  const logReturns = monteCarloLogReturns(
    {
      assets: ['BTC', 'ETH', 'SOL'],
      annualVols: [0.6, 0.75, 0.9],
      correlationMatrix: Float64Array.from([1, 0.8, 0.7, 0.8, 1, 0.75, 0.7, 0.75, 1]),
      horizonHours: 24,
      scenarios: count,
      distribution: { type: 'normal' },
    },
    createRng(11),
  );
  return { assetCount: 3, count, logReturns, ...(volFactors && { volFactors }) };
}

/** The kernel's summed P&L of `exposures` per scenario: the plain revaluation. */
function totals(set: ScenarioSet, exposures: readonly Exposure[]): Float64Array {
  const out = new Float64Array(set.count);
  new ScenarioPnlKernel(set, exposures, HORIZON_YEARS).addTotals(
    set.logReturns,
    0,
    set.count,
    out,
    set.volFactors,
  );
  return out;
}

/** The gross P&L per scenario (sum of |cells|), the scale of the rounding of any sum of cells. */
function gross(set: ScenarioSet, exposures: readonly Exposure[]): Float64Array {
  const cells = new Float64Array(set.count * exposures.length);
  new ScenarioPnlKernel(set, exposures, HORIZON_YEARS).fillRows(
    set.logReturns,
    0,
    set.count,
    cells,
    0,
    set.volFactors,
  );
  const out = new Float64Array(set.count);
  cells.forEach((cell, index) => {
    const s = Math.floor(index / exposures.length);
    out[s] = (out[s] as number) + Math.abs(cell);
  });
  return out;
}

/**
 * A broken-hedge change: the columns `leg` out, the rest of the book on `asset` at the price
 * ratio `ratio`. Returns the removed columns, the added exposures and the changed book whole.
 */
function shiftedRest(leg: readonly number[], asset: number, ratio: number) {
  const removed: number[] = [];
  const added: Exposure[] = [];
  const after: Exposure[] = [];
  BOOK.forEach((exposure, column) => {
    if (leg.includes(column)) {
      removed.push(column);
      return;
    }
    if (exposure.assetIndex !== asset) {
      after.push(exposure);
      return;
    }
    const shifted = exposureAtPriceRatio(exposure, ratio);
    removed.push(column);
    added.push(shifted);
    after.push(shifted);
  });
  return { removed, added, after };
}

// Relative to the gross P&L: different summation orders of the same cells.
const TOLERANCE = 64 * Number.EPSILON;

describe('BookChangePnl', () => {
  const sets = {
    'on the grid': scenarioSet(GRID_MIN_SCENARIOS * 2),
    'in full': scenarioSet(1000),
    'with vol factors': scenarioSet(
      600,
      Float64Array.from({ length: 600 }, (_, s) => 0.8 + (s % 5) * 0.1),
    ),
  };

  for (const [name, set] of Object.entries(sets)) {
    describe(name, () => {
      const bookTotals = totals(set, BOOK);
      const change = new BookChangePnl(set, BOOK, HORIZON_YEARS);

      const cases = {
        'a leg out, the rest on BTC up 7% (all its options revalued)': shiftedRest(
          [0, 2, 9],
          0,
          1.07,
        ),
        'a leg with an option out, the rest on ETH down 12% (all its options)': shiftedRest(
          [3, 5],
          1,
          0.88,
        ),
        'a leg with some of BTC’s options out, nothing shifted': shiftedRest([1, 6, 7], 2, 1),
        'every column out': shiftedRest(
          BOOK.map((_, column) => column),
          0,
          1.3,
        ),
      };
      for (const [title, { removed, added, after }] of Object.entries(cases)) {
        it(`book + change = the changed book revalued: ${title}`, () => {
          const pnl = change.pnl(removed, added);
          const expected = after.length === 0 ? new Float64Array(set.count) : totals(set, after);
          const scale = gross(set, BOOK);
          const scaleAfter = after.length === 0 ? new Float64Array(set.count) : gross(set, after);
          for (let s = 0; s < set.count; s++) {
            const difference = Math.abs(
              (bookTotals[s] as number) + (pnl[s] as number) - (expected[s] as number),
            );
            expect(difference).toBeLessThanOrEqual(
              TOLERANCE * ((scale[s] as number) + (scaleAfter[s] as number)),
            );
          }
        });
      }

      it("removing one option gives that option's cells negated, to the bit", () => {
        const cells = new Float64Array(set.count * BOOK.length);
        new ScenarioPnlKernel(set, BOOK, HORIZON_YEARS).fillRows(
          set.logReturns,
          0,
          set.count,
          cells,
          0,
          set.volFactors,
        );
        const pnl = change.pnl([6], []);
        for (let s = 0; s < set.count; s++)
          expect(pnl[s]).toBe(-(cells[s * BOOK.length + 6] as number));
      });
    });
  }

  it('is zero for no change, writes into the array given and reuses what it kept', () => {
    const set = sets['in full'];
    const change = new BookChangePnl(set, BOOK, HORIZON_YEARS);
    const out = new Float64Array(set.count).fill(7);
    expect(change.pnl([], [], out)).toBe(out);
    expect(out.every((value) => value === 0)).toBe(true);
    const { removed, added } = shiftedRest([0], 0, 1.1);
    const first = Float64Array.from(change.pnl(removed, added));
    expect(change.pnl(removed, added)).toEqual(first);
  });

  it('rejects a column outside the book or listed twice, and an output of the wrong length', () => {
    const set = sets['in full'];
    const change = new BookChangePnl(set, BOOK, HORIZON_YEARS);
    expect(() => change.pnl([BOOK.length], [])).toThrow(/column 11 is outside the book's 11/);
    expect(() => change.pnl([2, 2], [])).toThrow(/column 2 is listed twice/);
    expect(() => change.pnl([], [], new Float64Array(3))).toThrow(
      /requires an output of 1000 scenarios, got 3/,
    );
    expect(() =>
      change.pnl(
        [],
        [{ kind: 'delta-one', assetIndex: 3, quantity: 1, price: 1, usdPerSettle: 1 }],
      ),
    ).toThrow(/asset index 3 is outside the 3 assets/);
  });
});
