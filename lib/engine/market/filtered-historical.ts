import { PortfolioError } from '../portfolio/portfolio-error';
import type { ScenarioSet } from '../risk/scenario-pnl-matrix';

/**
 * Filtered historical simulation (Barone-Adesi, Giannopoulos & Vosper 1999; methodology §6.3):
 * historical daily returns devolatilised by their EWMA vol at the time, z_t = r_t/σ_t, rescaled
 * to today's vol: r̃ = z_t·σ_now·√(h/24) per asset (per-factor scaling, which keeps each day's
 * cross-sectional dependence). One scenario per historical day, equally weighted.
 *
 * Input: residual rows (days × assets of the calibration), the portfolio's assets and their
 * annualised vols today. Throws naming an asset the residual history does not cover.
 */
export interface ResidualHistory {
  readonly assets: readonly string[];
  readonly dates: readonly string[];
  /** Row per day, one z-score per asset in `assets` order. */
  readonly residuals: readonly (readonly number[])[];
}

export function filteredHistoricalScenarios(
  history: ResidualHistory,
  assets: readonly string[],
  annualVols: readonly number[],
  horizonHours: number,
): ScenarioSet {
  const columns = assets.map((asset) => {
    const column = history.assets.indexOf(asset);
    if (column < 0)
      throw new PortfolioError([
        `model method: filtered historical simulation has no history for ${asset}; use "montecarlo"`,
      ]);
    return column;
  });
  const dailyScale = annualVols.map((vol) => vol * Math.sqrt(horizonHours / 8760));
  const count = history.residuals.length;
  const logReturns = new Float64Array(count * assets.length);
  history.residuals.forEach((row, day) => {
    columns.forEach((column, a) => {
      logReturns[day * assets.length + a] = (row[column] ?? 0) * (dailyScale[a] ?? 0);
    });
  });
  return { assetCount: assets.length, count, logReturns };
}
