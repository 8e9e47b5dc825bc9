import { DEFAULT_MARKET } from '../market/default-market';
import { PortfolioError } from '../portfolio/portfolio-error';
import type { Distribution, ModelInput, ScenarioMethod } from '../portfolio/portfolio-types';

/**
 * The model settings of a run: the portfolio file's `model` section, with a stated default
 * for each absent field (recorded with origin `default` in the report's inputs).
 * Defaults: Monte Carlo, the calibrated heavy-tailed day (Student-t index and vol scale fitted to
 * the daily lows and highs; normal for the parametric method, which is normal only), 99% confidence, 24 hours, 20,000 scenarios, seed 1, 4,000
 * liquidation paths.
 */
export interface ModelSettings {
  readonly method: ScenarioMethod;
  readonly distribution: Distribution;
  readonly confidence: number;
  readonly horizonHours: number;
  readonly scenarios: number;
  readonly seed: number;
  readonly liquidationPaths: number;
}

export const DEFAULT_MODEL: ModelSettings = {
  method: 'montecarlo',
  distribution: {
    type: 'student-t',
    nu: DEFAULT_MARKET.studentTNu,
    volScale: DEFAULT_MARKET.forecastVolScale,
  },
  confidence: 0.99,
  horizonHours: 24,
  scenarios: 20_000,
  seed: 1,
  liquidationPaths: 4_000,
};

export function resolveModelSettings(input: ModelInput): {
  settings: ModelSettings;
  origins: Record<string, { value: unknown; origin: 'file' | 'default' }>;
} {
  const method = input.method ?? DEFAULT_MODEL.method;
  if (method === 'parametric' && input.distribution?.type === 'student-t') {
    throw new PortfolioError([
      'model distribution: the parametric method is normal only; use "montecarlo" for Student-t',
    ]);
  }
  const settings: ModelSettings = {
    method,
    distribution:
      input.distribution ??
      (method === 'parametric' ? { type: 'normal' } : DEFAULT_MODEL.distribution),
    confidence: input.confidence ?? DEFAULT_MODEL.confidence,
    horizonHours: input.horizonHours ?? DEFAULT_MODEL.horizonHours,
    scenarios: input.scenarios ?? DEFAULT_MODEL.scenarios,
    seed: input.seed ?? DEFAULT_MODEL.seed,
    liquidationPaths: input.liquidationPaths ?? DEFAULT_MODEL.liquidationPaths,
  };
  const origins = Object.fromEntries(
    (Object.keys(settings) as (keyof ModelSettings)[]).map((key) => [
      key,
      {
        value: settings[key],
        origin: input[key] === undefined ? ('default' as const) : ('file' as const),
      },
    ]),
  );
  return { settings, origins };
}
