/**
 * The one-day models compared by the VaR/ES backtest (scripts/backtest/var-es-backtest.ts), and
 * each day's scenario set of a model. Every model is fed the same EWMA forecast (RiskMetrics,
 * λ = 0.94; lib/engine/market/ewma-covariance.ts) from returns up to the day before.
 *
 * - default: the engine's default day, s·σ·T_ν with T_ν a unit-variance Student-t whose χ² mixing
 *   draw is shared by the assets (lib/engine/risk/monte-carlo-log-returns.ts), with ν and the
 *   forecast vol scale s of the embedded market (lib/engine/market/default-market.json,
 *   `studentTNu` and `forecastVolScale`, fitted by `npm run calibrate` to the daily highs/lows).
 *   s is applied by multiplying the EWMA vols, which is the same law.
 * - previous: the default before that calibration, Student-t ν = 4 on the EWMA vols (s = 1).
 * - normal: multivariate normal on the EWMA vols.
 * - filtered-historical: every earlier day's devolatilised returns rescaled to today's vol
 *   (lib/engine/market/filtered-historical.ts; Barone-Adesi, Giannopoulos & Vosper 1999).
 *
 * Units: vols annualised over 365 days; scenarios are one-day log-returns, row-major
 * scenarios × assets.
 */
import { DEFAULT_MARKET } from '../../lib/engine/market/default-market';
import {
  filteredHistoricalScenarios,
  type ResidualHistory,
} from '../../lib/engine/market/filtered-historical';
import type { Rng } from '../../lib/engine/math/rng';
import { monteCarloLogReturns } from '../../lib/engine/risk/monte-carlo-log-returns';
import type { ScenarioSet } from '../../lib/engine/risk/scenario-pnl-matrix';

export const BacktestModelName = {
  default: 'default',
  previous: 'previous',
  normal: 'normal',
  filteredHistorical: 'filtered-historical',
} as const;
export type BacktestModelName = (typeof BacktestModelName)[keyof typeof BacktestModelName];

export type BacktestModel =
  | {
      readonly name: BacktestModelName;
      readonly kind: 'monte-carlo';
      readonly distribution:
        { readonly type: 'normal' } | { readonly type: 'student-t'; readonly nu: number };
      /** s: the multiple of the EWMA vols the model draws with. */
      readonly volScale: number;
      readonly description: string;
    }
  | {
      readonly name: BacktestModelName;
      readonly kind: 'filtered-historical';
      readonly description: string;
    };

/** The tail index of the default before the daily-extremes calibration (default-market.json). */
const PREVIOUS_STUDENT_T_NU = 4;

export const BACKTEST_MODELS: readonly BacktestModel[] = [
  {
    name: BacktestModelName.default,
    kind: 'monte-carlo',
    distribution: { type: 'student-t', nu: DEFAULT_MARKET.studentTNu },
    volScale: DEFAULT_MARKET.forecastVolScale,
    description: `Monte Carlo s·σ·T_ν, unit-variance Student-t with one shared χ² draw, ν = ${DEFAULT_MARKET.studentTNu}, s = ${DEFAULT_MARKET.forecastVolScale} (default-market.json)`,
  },
  {
    name: BacktestModelName.previous,
    kind: 'monte-carlo',
    distribution: { type: 'student-t', nu: PREVIOUS_STUDENT_T_NU },
    volScale: 1,
    description: `Monte Carlo σ·T_ν, unit-variance Student-t with one shared χ² draw, ν = ${PREVIOUS_STUDENT_T_NU}, s = 1 (the default before issue 14)`,
  },
  {
    name: BacktestModelName.normal,
    kind: 'monte-carlo',
    distribution: { type: 'normal' },
    volScale: 1,
    description: 'Monte Carlo multivariate normal on the EWMA vols and correlations',
  },
  {
    name: BacktestModelName.filteredHistorical,
    kind: 'filtered-historical',
    description:
      "filtered historical simulation: each earlier day's EWMA-devolatilised returns times today's EWMA vols",
  },
];

/**
 * A Monte Carlo model's scenarios for one day: `scenarios` joint draws with the EWMA annual vols
 * times the model's s and the EWMA correlations, over 24 hours.
 */
export function monteCarloModelScenarios(
  model: Extract<BacktestModel, { kind: 'monte-carlo' }>,
  assets: readonly string[],
  annualVols: Float64Array,
  correlationMatrix: Float64Array,
  scenarios: number,
  rng: Rng,
): ScenarioSet {
  const logReturns = monteCarloLogReturns(
    {
      assets,
      annualVols: Array.from(annualVols, (vol) => vol * model.volScale),
      correlationMatrix,
      horizonHours: 24,
      scenarios,
      distribution: model.distribution,
    },
    rng,
  );
  return { assetCount: assets.length, count: scenarios, logReturns };
}

/** Filtered historical simulation for one day: the residual rows so far at today's vols. */
export function filteredHistoricalModelScenarios(
  history: ResidualHistory,
  annualVols: Float64Array,
): ScenarioSet {
  return filteredHistoricalScenarios(history, history.assets, Array.from(annualVols), 24);
}
