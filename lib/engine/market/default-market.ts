import defaultMarket from './default-market.json';
import type { VolForecast } from './vol-forecast';

/**
 * The embedded default market snapshot, derived by `npm run calibrate` from daily history
 * (see default-market.json `description` and `method`). Used offline and wherever a portfolio
 * file or a live source gives no figure; every use is reported as origin `embedded-default`.
 */
export interface DefaultMarket {
  readonly asOf: string;
  readonly assets: readonly string[];
  readonly prices: Readonly<Record<string, number>>;
  readonly annualVols: Readonly<Record<string, number>>;
  readonly correlations: Readonly<Record<string, number>>;
  /** The EWMA decays of the vols and correlations above (vol-forecast.ts), fitted by calibrate. */
  readonly volForecast: VolForecast;
  /** The tail of a day's moves: s·σ·T_ν (risk/day-variance-mixture.ts), fitted by calibrate. */
  readonly studentTNu: number;
  readonly forecastVolScale: number;
  readonly dailyVolumeUsd: Readonly<Record<string, number>>;
  readonly stressDays: readonly {
    readonly date: string;
    readonly logReturns: Readonly<Record<string, number | null>>;
  }[];
}

export const DEFAULT_MARKET: DefaultMarket = defaultMarket;
