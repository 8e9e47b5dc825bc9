import { createRng } from '../math/rng';
import { barrierTouchProbability } from '../risk/barrier-touch-probability';
import {
  liquidationPathProbabilities,
  type LiquidationPathResult,
} from '../risk/liquidation-paths';
import { siloIsExposed, type MarginSilo } from '../risk/margin-silo';
import { HOURS_PER_YEAR } from '../risk/monte-carlo-log-returns';
import type { ResolvedInputs } from './resolve-inputs';
import type { AccountLiquidation, PositionReport, Probability } from './risk-report-types';

/**
 * Each account's liquidation risk: the nearest liquidation price and its distance (in % and in
 * horizon σ), the path-simulated probability that the account (any of its silos) is liquidated
 * within the horizon, the closed-form touch probability as a check for single-underlying
 * accounts, and the probability that any account at all is liquidated. The simulation uses its
 * own random stream (seed + 1), so it does not shift the ES scenarios. Only the scenario accounts
 * (those with every market figure) are simulated; the others keep their distance in % with no
 * probability and no distance in σ (a refusal names why).
 */
export interface LiquidationRisk {
  readonly accounts: readonly AccountLiquidation[];
  readonly any: Probability | null;
  readonly silos: readonly MarginSilo[];
}

export function liquidationRisk(
  inputs: ResolvedInputs,
  positions: readonly (readonly PositionReport[])[],
): LiquidationRisk {
  const { market, settings } = inputs;
  const silos = inputs.accounts
    .filter((entry) => entry.inScenarios)
    .flatMap((entry) => entry.silos);
  const exposed = silos.filter(siloIsExposed);
  const simulation = exposed.length === 0 ? null : simulateLiquidations(inputs, exposed);
  const probability = (
    estimate: { value: number; standardError: number } | undefined,
  ): Probability | null =>
    estimate && simulation
      ? {
          horizonHours: settings.horizonHours,
          value: estimate.value,
          standardError: estimate.standardError,
          method: 'path-simulation',
          paths: simulation.paths,
          stepHours: simulation.stepHours,
        }
      : null;

  const perAccount = inputs.accounts.map(({ account }, index): AccountLiquidation => {
    const reports = positions[index] ?? [];
    const candidates = reports.filter(
      (position) => position.liquidationPrice !== null && position.liquidationDistancePct !== null,
    );
    const nearest = candidates.reduce<PositionReport | undefined>(
      (best, position) =>
        best === undefined ||
        (position.liquidationDistancePct ?? 1) < (best.liquidationDistancePct ?? 1)
          ? position
          : best,
      undefined,
    );
    const accountProbability = probability(simulation?.accounts[account.id]);
    if (!nearest || nearest.liquidationPrice === null) {
      return {
        nearestSymbol: null,
        direction: null,
        distancePct: null,
        distanceVolUnits: null,
        probability: accountProbability,
        closedFormProbability: null,
      };
    }
    const base =
      account.positions.find((position) => position.symbol === nearest.symbol)?.instrument.base ??
      '';
    const assetIndex = market.assets.indexOf(base);
    const annualVol = assetIndex < 0 ? 0 : (market.annualVols[assetIndex] ?? 0);
    const horizonVol = annualVol * Math.sqrt(settings.horizonHours / HOURS_PER_YEAR);
    const direction = nearest.liquidationPrice < nearest.referencePrice ? 'down' : 'up';
    const singleUnderlying =
      new Set(account.positions.map((position) => position.instrument.base)).size === 1;
    return {
      nearestSymbol: nearest.symbol,
      direction,
      distancePct: nearest.liquidationDistancePct,
      distanceVolUnits:
        horizonVol > 0
          ? Math.abs(Math.log(nearest.liquidationPrice / nearest.referencePrice)) / horizonVol
          : null,
      probability: accountProbability,
      closedFormProbability:
        singleUnderlying && annualVol > 0
          ? barrierTouchProbability({
              spot: nearest.referencePrice,
              barrier: nearest.liquidationPrice,
              annualVol,
              horizonYears: settings.horizonHours / HOURS_PER_YEAR,
              direction,
            })
          : null,
    };
  });
  return { accounts: perAccount, any: probability(simulation?.any), silos };
}

/**
 * The report's path simulation of `silos` over the book's scenario assets: the same paths for
 * every caller (the seed after the ES scenarios' one, so the two streams do not overlap), so the
 * pre-trade check measures an order on the very paths behind the report's probabilities.
 */
export function simulateLiquidations(
  inputs: ResolvedInputs,
  silos: readonly MarginSilo[],
): LiquidationPathResult {
  const { market, settings } = inputs;
  return liquidationPathProbabilities(
    silos,
    {
      assets: market.assets,
      annualVols: market.annualVols,
      correlationMatrix: market.correlationMatrix,
      horizonHours: settings.horizonHours,
      paths: settings.liquidationPaths,
      distribution: settings.distribution,
    },
    createRng((settings.seed + 1) >>> 0),
  );
}
