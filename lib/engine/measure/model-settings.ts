import { DEFAULT_MARKET } from '../market/default-market';
import type { Distribution, ModelInput } from '../portfolio/portfolio-types';

/**
 * The model settings of a run: the portfolio file's `model` section, with a stated default
 * for each absent field (recorded with origin `default` in the report's inputs).
 * Defaults: Monte Carlo, Student-t with the calibrated tail index, 99% confidence, 24 hours,
 * 20,000 scenarios, seed 1.
 */
export interface ModelSettings {
  readonly method: 'montecarlo';
  readonly distribution: Distribution;
  readonly confidence: number;
  readonly horizonHours: number;
  readonly scenarios: number;
  readonly seed: number;
}

export const DEFAULT_MODEL: ModelSettings = {
  method: 'montecarlo',
  distribution: { type: 'student-t', nu: DEFAULT_MARKET.studentTNu },
  confidence: 0.99,
  horizonHours: 24,
  scenarios: 20_000,
  seed: 1,
};

export function resolveModelSettings(input: ModelInput): {
  settings: ModelSettings;
  origins: Record<string, { value: unknown; origin: 'file' | 'default' }>;
} {
  const settings: ModelSettings = {
    method: 'montecarlo',
    distribution: input.distribution ?? DEFAULT_MODEL.distribution,
    confidence: input.confidence ?? DEFAULT_MODEL.confidence,
    horizonHours: input.horizonHours ?? DEFAULT_MODEL.horizonHours,
    scenarios: input.scenarios ?? DEFAULT_MODEL.scenarios,
    seed: input.seed ?? DEFAULT_MODEL.seed,
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
