import { createRng } from '../math/rng';
import { modelTouchProbability } from '../risk/day-variance-mixture';
import {
  liquidationPathProbabilities,
  type Estimate,
  type LiquidationPathResult,
} from '../risk/liquidation-paths';
import { siloIsExposed, type MarginSilo } from '../risk/margin-silo';
import { MarginMode } from '../product/types';
import { liquidationAdverseDistance } from './liquidation-distance';
import type { ResolvedInputs } from './resolve-inputs';
import type { AccountLiquidation, PositionReport, Probability } from './risk-report-types';

/**
 * Each account's and each position's liquidation risk. Per position: its own distance to its
 * liquidation price (direction, and in horizon σ beside the report's %), and the path-simulated
 * probability that the silo holding it (margin-silo.ts: an isolated position's own margin, or
 * the account's shared cross margin) is liquidated within the horizon. Per account: the nearest
 * liquidation price and its distance (in % and in horizon σ), the probability that the account
 * (any of its silos) is liquidated, the model's closed-form touch probability as a check for
 * single-underlying accounts (day-variance-mixture.ts modelTouchProbability); and the probability that any account at all is liquidated. The
 * simulation uses its own random stream (seed + 1), so it does not shift the ES scenarios. Only
 * the scenario accounts (those with every market figure) are simulated; the others, and their
 * positions, have no probability (a refusal names why); a distance in σ needs the underlying's vol.
 */
export interface LiquidationRisk {
  readonly accounts: readonly AccountLiquidation[];
  /** The position reports given, by account, each completed with its own liquidation figures. */
  readonly positions: readonly (readonly PositionReport[])[];
  readonly any: Probability | null;
  readonly silos: readonly MarginSilo[];
}

/** A position's own liquidation figures, as the report's PositionReport carries them. */
export type PositionLiquidation = Pick<
  PositionReport,
  | 'liquidationDirection'
  | 'liquidationPassed'
  | 'liquidationDistanceVolUnits'
  | 'liquidationProbability'
  | 'liquidationSilo'
>;

/**
 * A position's report but for its liquidation figures, which liquidationRisk adds; its unsigned
 * `liquidationDistancePct` is replaced there by the signed one (same key order in the report).
 */
export type PositionReportBase = Omit<PositionReport, keyof PositionLiquidation>;

export function liquidationRisk(
  inputs: ResolvedInputs,
  positions: readonly (readonly PositionReportBase[])[],
): LiquidationRisk {
  const { market, settings } = inputs;
  const silos = inputs.accounts
    .filter((entry) => entry.inScenarios)
    .flatMap((entry) => entry.silos);
  const exposed = silos.filter(siloIsExposed);
  const simulation = exposed.length === 0 ? null : simulateLiquidations(inputs, exposed);
  // The importance-sampled estimate of a certain event is the mean of its paths' weights, about
  // but not exactly 1 (1.023 for an account already past liquidation; its interval's low end up
  // to 1.04): a probability and its interval are read within [0, 1], the interval holding it.
  const probability = (estimate: Estimate | undefined): Probability | null => {
    if (!estimate || !simulation) return null;
    const value = Math.min(1, Math.max(0, estimate.value));
    return {
      horizonHours: settings.horizonHours,
      value,
      standardError: estimate.standardError,
      low: Math.min(value, Math.max(0, estimate.low)),
      high: Math.max(value, Math.min(1, estimate.high)),
      ...(estimate.noPathHit && { noPathHit: true as const }),
      method: 'path-simulation',
      paths: simulation.paths,
      stepHours: simulation.stepHours,
    };
  };
  const annualVolOf = (base: string) => {
    const assetIndex = market.assets.indexOf(base);
    return assetIndex < 0 ? 0 : (market.annualVols[assetIndex] ?? 0);
  };

  const perPosition = inputs.accounts.map(
    ({ account, margin, silos: accountSilos, inScenarios }, index) =>
      (positions[index] ?? []).map((position, p): PositionReport => {
        // The silo holding the position; simulated silos are `exposed`, in simulation order.
        const silo = inScenarios
          ? accountSilos.find((candidate) => candidate.positionIndices.includes(p))
          : undefined;
        const simulated = silo === undefined ? -1 : exposed.indexOf(silo);
        // Adverse and signed (liquidation-distance.ts): a cross account at or past maintenance
        // (margin ratio ≥ 1) has passed every cross liquidation price.
        const distance = liquidationAdverseDistance(
          position,
          margin.marginRatio >= 1,
          annualVolOf(account.positions[p]?.instrument.base ?? ''),
          settings.horizonHours,
        );
        return {
          ...position,
          liquidationDistancePct: distance?.distancePct ?? null,
          liquidationDirection: distance?.direction ?? null,
          liquidationDistanceVolUnits: distance?.distanceVolUnits ?? null,
          ...(distance?.passed === true && { liquidationPassed: true as const }),
          liquidationProbability: probability(
            simulated < 0 ? undefined : simulation?.silos[simulated],
          ),
          liquidationSilo: position.marginMode === MarginMode.isolated ? 'isolated' : 'cross',
        };
      }),
  );

  const perAccount = inputs.accounts.map(({ account }, index): AccountLiquidation => {
    const legs = perPosition[index] ?? [];
    // The position nearest its liquidation price by distance in %, the first of equals.
    let nearest = -1;
    legs.forEach((leg, p) => {
      const distance = leg.liquidationDistancePct;
      if (leg.liquidationPrice === null || distance === null) return;
      const best = legs[nearest];
      if (best === undefined || distance < (best.liquidationDistancePct ?? 1)) nearest = p;
    });
    const accountProbability = probability(simulation?.accounts[account.id]);
    const leg = legs[nearest];
    if (leg === undefined || leg.liquidationPrice === null || leg.liquidationDirection === null) {
      return {
        nearestSymbol: null,
        direction: null,
        distancePct: null,
        distanceVolUnits: null,
        probability: accountProbability,
        closedFormProbability: null,
      };
    }
    const annualVol = annualVolOf(account.positions[nearest]?.instrument.base ?? '');
    const singleUnderlying =
      new Set(account.positions.map((held) => held.instrument.base)).size === 1;
    return {
      nearestSymbol: leg.symbol,
      direction: leg.liquidationDirection,
      distancePct: leg.liquidationDistancePct,
      distanceVolUnits: leg.liquidationDistanceVolUnits,
      ...(leg.liquidationPassed === true && { liquidationPassed: true as const }),
      probability: accountProbability,
      // Past the price, the touch has happened: probability 1.
      closedFormProbability:
        leg.liquidationPassed === true
          ? 1
          : singleUnderlying && annualVol > 0
            ? modelTouchProbability({
                spot: leg.referencePrice,
                barrier: leg.liquidationPrice,
                annualVol,
                horizonHours: settings.horizonHours,
                direction: leg.liquidationDirection,
                distribution: settings.distribution,
              })
            : null,
    };
  });
  return {
    accounts: perAccount,
    positions: perPosition,
    any: probability(simulation?.any),
    silos,
  };
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
