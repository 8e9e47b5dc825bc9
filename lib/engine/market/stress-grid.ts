import type { ScenarioSet } from '../risk/scenario-pnl-matrix';

/**
 * The deterministic stress grid: scenarios whose loss floors the true margin.
 *
 * After CME SPAN's 16 scenarios (methodology §5): each asset's scan range is `scanSigmas` (3)
 * horizon standard deviations, σ·√(h/8760), so the grid is vol-scaled.
 * - Joint moves: every asset moves by f × its scan range, f ∈ {−1, −⅔, −⅓, 0, ⅓, ⅔, 1}, each with
 *   option vols down (×0.75), unchanged and up (×1.5) (Deribit PM's BTC vol range, §4.4).
 * - Extreme joint moves: ±2 scan ranges, vols unchanged, at 35% weight (SPAN scenarios 15–16).
 * - Single-asset moves: each asset alone ±1 scan range (the others still), so that a hedge
 *   across assets is stressed when the correlation breaks.
 * - Dated historical days: each asset's log-return on the day, scaled from one day to the
 *   horizon by √(h/24); an asset that did not trade that day moves by BTC's standardised move
 *   times its own vol (a beta-one proxy, stated in the label).
 * A scenario's loss counts at its weight; the worst weighted loss is the stress loss.
 */
export interface StressGrid extends ScenarioSet {
  readonly weights: Float64Array;
  readonly labels: readonly string[];
}

export interface StressDay {
  readonly date: string;
  readonly logReturns: Readonly<Record<string, number | null>>;
}

export const SCAN_SIGMAS = 3;
const FRACTIONS = [-1, -2 / 3, -1 / 3, 0, 1 / 3, 2 / 3, 1] as const;
const VOL_STATES = [
  { factor: 0.75, label: 'vol down' },
  { factor: 1, label: 'vol same' },
  { factor: 1.5, label: 'vol up' },
] as const;
const EXTREME_WEIGHT = 0.35;

export function stressGrid(
  assets: readonly string[],
  annualVols: readonly number[],
  horizonHours: number,
  days: readonly StressDay[],
  btcDailyVol?: number,
): StressGrid {
  const size = assets.length;
  const horizonScale = Math.sqrt(horizonHours / 8760);
  const scan = annualVols.map((vol) => SCAN_SIGMAS * vol * horizonScale);
  const rows: { moves: number[]; vol: number; weight: number; label: string }[] = [];
  for (const fraction of FRACTIONS) {
    for (const state of VOL_STATES) {
      rows.push({
        moves: scan.map((range) => fraction * range),
        vol: state.factor,
        weight: 1,
        label: `all assets ${formatFraction(fraction)} scan range, ${state.label}`,
      });
    }
  }
  for (const sign of [-1, 1])
    rows.push({
      moves: scan.map((range) => sign * 2 * range),
      vol: 1,
      weight: EXTREME_WEIGHT,
      label: `all assets ${sign < 0 ? '−' : '+'}2 scan ranges (extreme, 35% weight)`,
    });
  assets.forEach((asset, index) => {
    for (const sign of [-1, 1]) {
      const moves = assets.map((_, other) => (other === index ? sign * (scan[index] ?? 0) : 0));
      rows.push({
        moves,
        vol: 1,
        weight: 1,
        label: `${asset} alone ${sign < 0 ? '−' : '+'}1 scan range`,
      });
    }
  });
  const dayScale = Math.sqrt(horizonHours / 24);
  for (const day of days) {
    const btc = day.logReturns.BTC;
    const proxied: string[] = [];
    const moves = assets.map((asset, index) => {
      const move = day.logReturns[asset];
      if (move !== null && move !== undefined) return move * dayScale;
      proxied.push(asset);
      const z = btc !== null && btc !== undefined && btcDailyVol ? btc / btcDailyVol : 0;
      return z * (annualVols[index] ?? 0) * Math.sqrt(horizonHours / 8760);
    });
    rows.push({
      moves,
      vol: 1,
      weight: 1,
      label: `historical ${day.date}${proxied.length > 0 ? ` (${proxied.join(', ')} by BTC's z-score)` : ''}`,
    });
  }
  const logReturns = new Float64Array(rows.length * size);
  rows.forEach((row, s) => row.moves.forEach((move, a) => (logReturns[s * size + a] = move)));
  return {
    assetCount: size,
    count: rows.length,
    logReturns,
    volFactors: Float64Array.from(rows, (row) => row.vol),
    weights: Float64Array.from(rows, (row) => row.weight),
    labels: rows.map((row) => row.label),
  };
}

/** The worst weighted loss over the grid, from a P&L matrix scenarios × positions. */
export function worstStressLoss(
  grid: StressGrid,
  pnlMatrix: Float64Array,
  positionCount: number,
): { readonly loss: number; readonly scenario: string } {
  let worst = 0;
  let label = 'no loss in any scenario';
  for (let s = 0; s < grid.count; s++) {
    let pnl = 0;
    for (let p = 0; p < positionCount; p++) pnl += pnlMatrix[s * positionCount + p] ?? 0;
    const loss = -pnl * (grid.weights[s] ?? 1);
    if (loss > worst) {
      worst = loss;
      label = grid.labels[s] ?? '';
    }
  }
  return { loss: worst, scenario: label };
}

function formatFraction(fraction: number): string {
  const thirds = Math.round(fraction * 3);
  if (thirds === 0) return '0';
  const sign = thirds < 0 ? '−' : '+';
  return Math.abs(thirds) === 3 ? `${sign}1` : `${sign}${Math.abs(thirds)}/3`;
}
