import type { ScenarioSet } from '../risk/scenario-pnl-matrix';

/**
 * The deterministic stress grid: scenarios whose loss floors the true margin.
 *
 * After CME SPAN's 16 scenarios (CME Group, "CME SPAN: Standard Portfolio Analysis of Risk",
 * scanning risk and the 16 risk scenarios): each asset's scan range is `scanSigmas` horizon
 * standard deviations, σ·√(h/8760), so the grid is vol-scaled; the caller sets `scanSigmas` to the
 * model's move at the coverage target (risk/day-variance-mixture.ts coverageSigmas), as a CCP
 * sets its scan range to cover a confidence level over the liquidation period.
 * - Joint moves: every asset moves by f × its scan range, f ∈ {−1, −⅔, −⅓, 0, ⅓, ⅔, 1}, each with
 *   option vols down (×0.75), unchanged and up (×1.5) (Deribit PM's BTC vol range, §4.4).
 * - Extreme joint moves: ±2 scan ranges, vols unchanged, at 35% weight (SPAN scenarios 15–16).
 * - Single-asset moves: each asset alone ±1 scan range (the others still), so that a hedge
 *   across assets is stressed when the correlation breaks.
 * - Dated historical days: each asset's log-return on the day, scaled from one day to the
 *   horizon by √(h/24); an asset that did not trade that day moves by BTC's standardised move
 *   times its own vol (a beta-one proxy, stated in the label).
 * A scenario's loss counts at its weight. The margin scan is the worst weighted loss of the joint,
 * extreme and single-asset scenarios (`inMarginScan`); the dated days are a stress test shown on
 * their own, not a margin (a 2020-03-12 at full weight would ask a plain long for a 37% crash).
 */
export interface StressGrid extends ScenarioSet {
  readonly weights: Float64Array;
  readonly labels: readonly string[];
  /** What each scenario is, as data (`labels` says the same in words). */
  readonly kinds: readonly StressScenario[];
  /**
   * The joint block's shape: its rows come first, price-move major — row
   * `f · volFactors.length + v` moves every asset by `scanFractions[f]` of its scan range with
   * option vols times `volFactors[v]` — so a view can lay them out as price move × vol move.
   */
  readonly joint: {
    readonly scanFractions: readonly number[];
    readonly volFactors: readonly number[];
  };
  /** Each asset's scan range (`assets` order): the log-return of a move of one scan range. */
  readonly scanRanges: readonly number[];
  /** Horizon σ in one scan range. */
  readonly scanSigmas: number;
}

/** Whether a scenario is part of the margin scan (all but the dated historical days). */
export function inMarginScan(scenario: StressScenario): boolean {
  return scenario.kind !== 'historical';
}

/** A stress scenario as data: moves in scan ranges (`scanSigmas` horizon σ of each asset). */
export type StressScenario =
  | { readonly kind: 'joint'; readonly scanFraction: number; readonly volFactor: number }
  | { readonly kind: 'extreme'; readonly scanFraction: number }
  | { readonly kind: 'single-asset'; readonly asset: string; readonly scanFraction: number }
  | {
      readonly kind: 'historical';
      /** The day (YYYY-MM-DD) whose log-returns are replayed. */
      readonly date: string;
      /** Assets that did not trade that day, moved by BTC's z-score. */
      readonly proxied: readonly string[];
    };

export interface StressDay {
  readonly date: string;
  readonly logReturns: Readonly<Record<string, number | null>>;
}

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
  scanSigmas: number,
  btcDailyVol?: number,
): StressGrid {
  const size = assets.length;
  const horizonScale = Math.sqrt(horizonHours / 8760);
  const scan = annualVols.map((vol) => scanSigmas * vol * horizonScale);
  const rows: {
    moves: number[];
    vol: number;
    weight: number;
    label: string;
    kind: StressScenario;
  }[] = [];
  for (const fraction of FRACTIONS) {
    for (const state of VOL_STATES) {
      rows.push({
        moves: scan.map((range) => fraction * range),
        vol: state.factor,
        weight: 1,
        label: `all assets ${formatFraction(fraction)} scan range, ${state.label}`,
        kind: { kind: 'joint', scanFraction: fraction, volFactor: state.factor },
      });
    }
  }
  for (const sign of [-1, 1])
    rows.push({
      moves: scan.map((range) => sign * 2 * range),
      vol: 1,
      weight: EXTREME_WEIGHT,
      label: `all assets ${sign < 0 ? '−' : '+'}2 scan ranges (extreme, 35% weight)`,
      kind: { kind: 'extreme', scanFraction: sign * 2 },
    });
  assets.forEach((asset, index) => {
    for (const sign of [-1, 1]) {
      const moves = assets.map((_, other) => (other === index ? sign * (scan[index] ?? 0) : 0));
      rows.push({
        moves,
        vol: 1,
        weight: 1,
        label: `${asset} alone ${sign < 0 ? '−' : '+'}1 scan range`,
        kind: { kind: 'single-asset', asset, scanFraction: sign },
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
      kind: { kind: 'historical', date: day.date, proxied },
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
    kinds: rows.map((row) => row.kind),
    joint: { scanFractions: FRACTIONS, volFactors: VOL_STATES.map((state) => state.factor) },
    scanRanges: scan,
    scanSigmas,
  };
}

/**
 * The worst weighted loss over the grid's scenarios that `counts` keeps (all by default), from a
 * P&L matrix scenarios × positions, and its row (−1: none loses).
 */
export function worstStressLoss(
  grid: StressGrid,
  pnlMatrix: Float64Array,
  positionCount: number,
  counts: (scenario: StressScenario) => boolean = () => true,
): { readonly loss: number; readonly scenario: string; readonly index: number } {
  let worst = 0;
  let label = 'no loss in any scenario';
  let index = -1;
  for (let s = 0; s < grid.count; s++) {
    const kind = grid.kinds[s];
    if (kind === undefined || !counts(kind)) continue;
    let pnl = 0;
    for (let p = 0; p < positionCount; p++) pnl += pnlMatrix[s * positionCount + p] ?? 0;
    const loss = -pnl * (grid.weights[s] ?? 1);
    if (loss > worst) {
      worst = loss;
      label = grid.labels[s] ?? '';
      index = s;
    }
  }
  return { loss: worst, scenario: label, index };
}

function formatFraction(fraction: number): string {
  const thirds = Math.round(fraction * 3);
  if (thirds === 0) return '0';
  const sign = thirds < 0 ? '−' : '+';
  return Math.abs(thirds) === 3 ? `${sign}1` : `${sign}${Math.abs(thirds)}/3`;
}
