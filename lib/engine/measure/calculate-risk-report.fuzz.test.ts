import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nonFiniteNumbers, portfolioFile } from '../../../test/fuzz/portfolio-files';
import { RESIDUAL_HISTORY } from '../market/residual-history';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import { calculateRiskReport } from './calculate-risk-report';
import type { Probability } from './risk-report-types';

/**
 * The whole risk report under fuzzing (issue 13 finding 5): 4,000 portfolio files with seed 13,
 * shaped like real ones, with figures from ordinary to the edges of the file's bounds
 * (test/fuzz/portfolio-files.ts), every scenario method, and 100 scenarios and 100 liquidation
 * paths (the fewest the file allows) to keep the run short. Every report is computed without a
 * throw, every number in it is finite (JSON would turn ±Infinity and NaN into null, which a view
 * reads as "unknown"), every probability and its interval lie within [0, 1], and an account at
 * or past its liquidation line is flagged underwater, never left with a blank ratio.
 */
const RUNS = { numRuns: 4_000, seed: 13 } as const;
/** A run takes 10–30 s (more on a loaded machine). */
const TIMEOUT_MS = 180_000;

/** Every simulated probability in the report (liquidation chances of positions, accounts, hedges). */
function probabilitiesOf(value: unknown): Probability[] {
  if (Array.isArray(value)) return value.flatMap(probabilitiesOf);
  if (typeof value !== 'object' || value === null) return [];
  if ((value as { method?: unknown }).method === 'path-simulation') return [value as Probability];
  return Object.values(value).flatMap(probabilitiesOf);
}

const model = fc.record({
  method: fc.constantFrom('montecarlo', 'historical', 'parametric'),
  scenarios: fc.constant(100),
  liquidationPaths: fc.constant(100),
  seed: fc.integer({ min: 0, max: 0xffffffff }),
});

describe('calculateRiskReport under fuzzing (4,000 files, seed 13)', () => {
  it(
    'gives finite numbers only, and an underwater account flagged',
    { timeout: TIMEOUT_MS },
    () => {
      let reports = 0;
      let underwater = 0;
      fc.assert(
        fc.property(portfolioFile({ hostile: false, model }), (file) => {
          const report = calculateRiskReport(parsePortfolio(file), {
            residualHistory: RESIDUAL_HISTORY,
          });
          reports += 1;
          expect(nonFiniteNumbers(report)).toEqual([]);
          for (const chance of probabilitiesOf(report)) {
            expect(chance.low).toBeGreaterThanOrEqual(0);
            expect(chance.value).toBeGreaterThanOrEqual(chance.low);
            expect(chance.high).toBeGreaterThanOrEqual(chance.value);
            expect(chance.high).toBeLessThanOrEqual(1);
          }
          for (const account of report.accounts) {
            const { equity, maintenanceMargin, marginRatio } = account;
            // Underwater: the ratio at or past 1, or none (no equity left while margin is held).
            expect(account.underwater === true).toBe(marginRatio === null || marginRatio >= 1);
            if (maintenanceMargin > 0 && equity <= maintenanceMargin)
              expect(account.underwater).toBe(true);
            if (equity < 0) expect(account.underwater).toBe(true);
            if (marginRatio !== null) expect(marginRatio).toBeGreaterThanOrEqual(0);
            if (account.underwater === true) underwater += 1;
          }
        }),
        RUNS,
      );
      expect(reports).toBe(RUNS.numRuns);
      expect(underwater).toBeGreaterThan(100);
      console.info(
        `calculateRiskReport fuzz: ${reports} reports, ${underwater} underwater accounts`,
      );
    },
  );
});
