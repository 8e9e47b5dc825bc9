/**
 * The one-day models compared by the VaR/ES backtest (scripts/backtest/var-es-backtest.ts), and
 * each day's scenario set of a model. Each model names the vol and correlation forecast it is fed
 * (lib/engine/market/vol-forecast.ts), from returns up to the day before.
 *
 * - default: the product's default, end to end: the forecast of the embedded market
 *   (lib/engine/market/default-market.json `volForecast`: the vol decay λ_v and correlation decay
 *   λ_c fitted by maximum likelihood by `npm run calibrate`) and the engine's default day,
 *   s·σ·T_ν with T_ν a unit-variance Student-t whose χ² mixing draw is shared by the assets
 *   (lib/engine/risk/monte-carlo-log-returns.ts), with ν and the forecast vol scale s of the
 *   embedded market (`studentTNu` and `forecastVolScale`, fitted by calibrate to the daily
 *   highs/lows in that forecast's σ). s is applied by multiplying the forecast vols, the same law.
 * - riskmetrics-t: the default before the decays were fitted: RiskMetrics λ = 0.94 for vols and
 *   correlations, ν = 3.31 and s = 1.12 (fitted then to the highs/lows in that forecast's σ).
 * - previous: the default before the daily-extremes calibration, Student-t ν = 4 (s = 1) on the
 *   RiskMetrics forecast.
 * - normal: multivariate normal on the RiskMetrics forecast.
 * - filtered-historical: every earlier day's RiskMetrics-devolatilised returns rescaled to
 *   today's vol (lib/engine/market/filtered-historical.ts; Barone-Adesi, Giannopoulos & Vosper 1999).
 * - single-decay: the default with its fitted vol decay for the correlations too (λ_c = λ_v), to
 *   show what the slower correlation decay does. Last in the list, so that adding it changed no
 *   other model's Monte Carlo seed.
 *
 * Units: vols annualised over 365 days; scenarios are one-day log-returns, row-major
 * scenarios × assets.
 */
import { DEFAULT_MARKET } from '../../lib/engine/market/default-market';
import {
  RISKMETRICS_FORECAST,
  volForecastLabel,
  type VolForecast,
} from '../../lib/engine/market/vol-forecast';
import {
  filteredHistoricalScenarios,
  type ResidualHistory,
} from '../../lib/engine/market/filtered-historical';
import type { Rng } from '../../lib/engine/math/rng';
import { monteCarloLogReturns } from '../../lib/engine/risk/monte-carlo-log-returns';
import type { ScenarioSet } from '../../lib/engine/risk/scenario-pnl-matrix';

export const BacktestModelName = {
  default: 'default',
  riskmetricsT: 'riskmetrics-t',
  previous: 'previous',
  normal: 'normal',
  filteredHistorical: 'filtered-historical',
  singleDecay: 'single-decay',
} as const;
export type BacktestModelName = (typeof BacktestModelName)[keyof typeof BacktestModelName];

export type BacktestModel =
  | {
      readonly name: BacktestModelName;
      readonly kind: 'monte-carlo';
      readonly forecast: VolForecast;
      readonly distribution:
        { readonly type: 'normal' } | { readonly type: 'student-t'; readonly nu: number };
      /** s: the multiple of the EWMA vols the model draws with. */
      readonly volScale: number;
      readonly description: string;
    }
  | {
      readonly name: BacktestModelName;
      readonly kind: 'filtered-historical';
      readonly forecast: VolForecast;
      readonly description: string;
    };

/** The tail index of the default before the daily-extremes calibration (default-market.json). */
const PREVIOUS_STUDENT_T_NU = 4;
/** ν and s of the default before its forecast decays were fitted (default-market.json, then). */
const RISKMETRICS_T_NU = 3.31;
const RISKMETRICS_T_VOL_SCALE = 1.12;

export const BACKTEST_MODELS: readonly BacktestModel[] = [
  {
    name: BacktestModelName.default,
    kind: 'monte-carlo',
    forecast: DEFAULT_MARKET.volForecast,
    distribution: { type: 'student-t', nu: DEFAULT_MARKET.studentTNu },
    volScale: DEFAULT_MARKET.forecastVolScale,
    description: `${volForecastLabel(DEFAULT_MARKET.volForecast)} (fitted by maximum likelihood before 2021); Monte Carlo s·σ·T_ν, unit-variance Student-t with one shared χ² draw, ν = ${DEFAULT_MARKET.studentTNu}, s = ${DEFAULT_MARKET.forecastVolScale} (default-market.json)`,
  },
  {
    name: BacktestModelName.riskmetricsT,
    kind: 'monte-carlo',
    forecast: RISKMETRICS_FORECAST,
    distribution: { type: 'student-t', nu: RISKMETRICS_T_NU },
    volScale: RISKMETRICS_T_VOL_SCALE,
    description: `${volForecastLabel(RISKMETRICS_FORECAST)}; Monte Carlo s·σ·T_ν as the default, ν = ${RISKMETRICS_T_NU}, s = ${RISKMETRICS_T_VOL_SCALE} (the default before the decays were fitted)`,
  },
  {
    name: BacktestModelName.previous,
    kind: 'monte-carlo',
    forecast: RISKMETRICS_FORECAST,
    distribution: { type: 'student-t', nu: PREVIOUS_STUDENT_T_NU },
    volScale: 1,
    description: `${volForecastLabel(RISKMETRICS_FORECAST)}; Monte Carlo σ·T_ν, unit-variance Student-t with one shared χ² draw, ν = ${PREVIOUS_STUDENT_T_NU}, s = 1 (the default before issue 14)`,
  },
  {
    name: BacktestModelName.normal,
    kind: 'monte-carlo',
    forecast: RISKMETRICS_FORECAST,
    distribution: { type: 'normal' },
    volScale: 1,
    description: `${volForecastLabel(RISKMETRICS_FORECAST)}; Monte Carlo multivariate normal on its vols and correlations`,
  },
  {
    name: BacktestModelName.filteredHistorical,
    kind: 'filtered-historical',
    forecast: RISKMETRICS_FORECAST,
    description: `${volForecastLabel(RISKMETRICS_FORECAST)}; filtered historical simulation: each earlier day's devolatilised returns times today's vols`,
  },
  {
    name: BacktestModelName.singleDecay,
    kind: 'monte-carlo',
    forecast: {
      volLambda: DEFAULT_MARKET.volForecast.volLambda,
      correlationLambda: DEFAULT_MARKET.volForecast.volLambda,
    },
    distribution: { type: 'student-t', nu: DEFAULT_MARKET.studentTNu },
    volScale: DEFAULT_MARKET.forecastVolScale,
    description: `${volForecastLabel({ volLambda: DEFAULT_MARKET.volForecast.volLambda, correlationLambda: DEFAULT_MARKET.volForecast.volLambda })}; the default's day (ν = ${DEFAULT_MARKET.studentTNu}, s = ${DEFAULT_MARKET.forecastVolScale}) with the vol decay for the correlations too`,
  },
];

/**
 * A Monte Carlo model's scenarios for one day: `scenarios` joint draws with its forecast's annual
 * vols times the model's s and its forecast's correlations, over 24 hours.
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
