import { filteredHistoricalScenarios, type ResidualHistory } from '../market/filtered-historical';
import { createRng } from '../math/rng';
import { black76Greeks } from '../pricer/black76';
import type { ExpectedShortfallResult } from '../risk/expected-shortfall';
import { scenarioExpectedShortfall } from '../risk/scenario-expected-shortfall';
import type { Exposure } from '../risk/exposure';
import { HOURS_PER_YEAR, monteCarloLogReturns } from '../risk/monte-carlo-log-returns';
import type { ScenarioSet } from '../risk/scenario-pnl-matrix';
import type { ModelSettings } from './model-settings';
import { parametricExpectedShortfall } from './parametric-es';
import type { RiskLevel } from './risk-report-types';

/**
 * VaR and ES at the standard levels (97.5%, 99%) and the chosen confidence, with Euler
 * contributions at the chosen one, by the chosen method: Monte Carlo or filtered historical
 * scenarios revalued in full (the scenario P&L matrix is kept for incremental ES), or the
 * parametric normal closed form.
 */
export const STANDARD_LEVELS = [0.975, 0.99] as const;

export interface ScenarioMeasures {
  readonly levels: readonly RiskLevel[];
  readonly valueAtRisk: number;
  readonly expectedShortfall: number;
  readonly contributions: Float64Array;
  readonly scenarios: number;
  /** The chosen level's scenario result (losses and tail), absent for the parametric method. */
  readonly tail?: ExpectedShortfallResult;
  /** The scenarios the P&L was revalued on, kept for trade impact; absent for the parametric method. */
  readonly scenarioSet?: ScenarioSet;
}

export interface MarketInputs {
  readonly assets: readonly string[];
  readonly annualVols: readonly number[];
  readonly correlationMatrix: Float64Array;
  readonly residualHistory: ResidualHistory;
}

export function scenarioMeasures(
  exposures: readonly Exposure[],
  market: MarketInputs,
  settings: ModelSettings,
): ScenarioMeasures {
  const confidences = [...new Set([...STANDARD_LEVELS, settings.confidence])].sort();
  if (exposures.length === 0) {
    return {
      levels: confidences.map((confidence) => ({ confidence, var: 0, es: 0 })),
      valueAtRisk: 0,
      expectedShortfall: 0,
      contributions: new Float64Array(0),
      scenarios: 0,
    };
  }
  if (settings.method === 'parametric') return parametric(exposures, market, settings, confidences);
  const scenarios: ScenarioSet =
    settings.method === 'historical'
      ? filteredHistoricalScenarios(
          market.residualHistory,
          market.assets,
          market.annualVols,
          settings.horizonHours,
        )
      : {
          assetCount: market.assets.length,
          count: settings.scenarios,
          logReturns: monteCarloLogReturns(
            {
              assets: market.assets,
              annualVols: market.annualVols,
              correlationMatrix: market.correlationMatrix,
              horizonHours: settings.horizonHours,
              scenarios: settings.scenarios,
              distribution: settings.distribution,
            },
            createRng(settings.seed),
          ),
        };
  // ES, VaR and Euler straight from the scenarios, without the scenario × position matrix.
  const results = scenarioExpectedShortfall(
    scenarios,
    exposures,
    settings.horizonHours / HOURS_PER_YEAR,
    confidences,
  );
  const chosen = results[confidences.indexOf(settings.confidence)] as ExpectedShortfallResult;
  return {
    levels: results.map((result) => ({
      confidence: result.confidence,
      var: result.valueAtRisk,
      es: result.expectedShortfall,
    })),
    valueAtRisk: chosen.valueAtRisk,
    expectedShortfall: chosen.expectedShortfall,
    contributions: chosen.contributions,
    scenarios: scenarios.count,
    tail: chosen,
    scenarioSet: scenarios,
  };
}

function parametric(
  exposures: readonly Exposure[],
  market: MarketInputs,
  settings: ModelSettings,
  confidences: readonly number[],
): ScenarioMeasures {
  const size = market.assets.length;
  const scale = settings.horizonHours / HOURS_PER_YEAR;
  const covariance = new Float64Array(size * size);
  for (let i = 0; i < size; i++)
    for (let j = 0; j < size; j++)
      covariance[i * size + j] =
        (market.annualVols[i] ?? 0) *
        (market.annualVols[j] ?? 0) *
        (market.correlationMatrix[i * size + j] ?? 0) *
        scale;
  const deltas = exposures.map((exposure) => ({
    assetIndex: exposure.assetIndex,
    deltaUsd:
      exposure.kind === 'delta-one'
        ? exposure.quantity * exposure.price * exposure.usdPerSettle
        : exposure.quantity *
          exposure.forward *
          black76Greeks({
            type: exposure.type,
            forward: exposure.forward,
            strike: exposure.strike,
            timeToExpiry: exposure.timeToExpiry,
            lognormalVol: exposure.lognormalVol,
          }).delta,
  }));
  const results = confidences.map((confidence) => ({
    confidence,
    ...parametricExpectedShortfall({ covariance, assetCount: size, deltas, confidence }),
  }));
  const chosen = results[confidences.indexOf(settings.confidence)] ?? results[0];
  return {
    levels: results.map((result) => ({
      confidence: result.confidence,
      var: result.valueAtRisk,
      es: result.expectedShortfall,
    })),
    valueAtRisk: chosen?.valueAtRisk ?? 0,
    expectedShortfall: chosen?.expectedShortfall ?? 0,
    contributions: chosen?.contributions ?? new Float64Array(0),
    scenarios: 0,
  };
}
