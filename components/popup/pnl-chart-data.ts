import type { MoveLiquidation, PnlByMove } from '../../lib/engine';
import { formatMoney, formatPercent, formatPrice } from '../../lib/format/format-figures';
import { signedMoney } from '../../lib/overlay/overlay-words';

/**
 * The P&L picture's data from the report's `pnlByMove` (the engine's measure; nothing is
 * computed here but the layout): the x axis in % of the main underlying's move, the book's P&L at
 * each move with liquidations taken (the solid curve) and as if every position stayed open (the
 * dashed one), and each account's liquidation point as its own series (a dot at its move, on
 * the solid curve), with a plain sentence for each and for the ends of the curve.
 */
export interface PnlChartPoint {
  readonly accountId: string;
  readonly colour: string;
  /** "Binance USDⓈ-M (hedge) BTC perp short, if BTC rises 4.5% to 99,365.67: book −1,555.81 USD". */
  readonly words: string;
}

export interface PnlChartData {
  readonly asset: string;
  /** x: the move in % (−50 … +50), the liquidation moves merged in, ascending. */
  readonly xs: readonly number[];
  /** The book's P&L (USD) at each x, liquidated silos closed and their equity lost. */
  readonly pnl: readonly number[];
  /** The same with every position held (null at a liquidation point's own x). */
  readonly held: readonly (number | null)[];
  /** Whether the two curves differ anywhere (else only one is drawn). */
  readonly liquidationsMatter: boolean;
  /** Per liquidation point, its y at its own x and null elsewhere (drawn as a dot). */
  readonly pointSeries: readonly (readonly (number | null)[])[];
  readonly points: readonly PnlChartPoint[];
  /** "If BTC falls 50%: +16,600.12 USD. If it rises 50%: −17,509.33 USD." */
  readonly ends: string;
  /**
   * How the other assets move, and why the tables' liquidation prices (other coins unchanged)
   * can differ: "Other coins move with BTC by their usual ratio (ETH 1.10× BTC's move) …".
   */
  readonly others: string | null;
}

/** Dot colours for the accounts' liquidation points, distinct from the curve's amber. */
export const POINT_COLOURS = ['#f6465d', '#3db9ff', '#c77dff', '#ff8a3d', '#2ee6d6', '#f5f5f5'];

export function pnlChartData(
  curve: PnlByMove,
  /** Which leg or account a point is: "Binance USDⓈ-M (hedge) BTC perp short". */
  whose: (point: MoveLiquidation) => string,
): PnlChartData {
  const xs = [...curve.moves.map((move) => move * 100)];
  const pnl = [...curve.pnlLiquidated];
  const held: (number | null)[] = [...curve.pnl];
  const order = curve.liquidations.map((point, index) => ({ point, index }));
  // Each point's x is inserted where it belongs, the book's P&L there from the engine.
  const atX = new Map<number, number>();
  for (const { point, index } of order) {
    const x = point.move * 100;
    let at = xs.findIndex((value) => value >= x);
    if (at < 0) at = xs.length;
    if (xs[at] !== x) {
      xs.splice(at, 0, x);
      pnl.splice(at, 0, point.pnl);
      held.splice(at, 0, null);
    }
    atX.set(index, x);
  }
  const pointSeries = order.map(({ point, index }) =>
    xs.map((x) => (x === atX.get(index) ? point.pnl : null)),
  );
  const points = order.map(({ point, index }) => ({
    accountId: point.account,
    colour: POINT_COLOURS[index % POINT_COLOURS.length] ?? '#f5f5f5',
    words: pointWords(curve.asset, point, whose(point)),
  }));
  const first = curve.pnlLiquidated[0];
  const last = curve.pnlLiquidated.at(-1);
  const liquidationsMatter = curve.pnl.some(
    (value, index) =>
      Math.abs(value - (curve.pnlLiquidated[index] ?? value)) > 0.005 * (1 + Math.abs(value)),
  );
  const lowest = curve.moves[0] ?? -0.5;
  const highest = curve.moves.at(-1) ?? 0.5;
  const ends =
    first === undefined || last === undefined
      ? ''
      : `If ${curve.asset} falls ${formatPercent(-lowest, 0)}: ${signedMoney(first)} USD. If it rises ${formatPercent(highest, 0)}: ${signedMoney(last)} USD.`;
  const moving = Object.entries(curve.betas).filter(([asset]) => asset !== curve.asset);
  const others =
    moving.length === 0
      ? null
      : `Other coins move with ${curve.asset} by their usual ratio (${moving
          .map(([asset, beta]) => `${asset} ${beta.toFixed(2)}× ${curve.asset}'s move`)
          .join(
            ', ',
          )}), so an account can be liquidated at another ${curve.asset} price here than in the tables, which hold the other coins unchanged.`;
  return {
    asset: curve.asset,
    xs,
    pnl,
    held,
    liquidationsMatter,
    pointSeries,
    points,
    ends,
    others,
  };
}

function pointWords(asset: string, point: MoveLiquidation, who: string): string {
  if (point.direction === 'now') return `${who}: at its liquidation level already.`;
  const way = point.move < 0 ? 'falls' : 'rises';
  return `${who}: liquidated if ${asset} ${way} ${formatPercent(Math.abs(point.move), 1)}, to ${formatPrice(point.price)}, losing ${formatMoney(point.equityLost, 'USD')} of equity, lost for good even if the price comes back.`;
}

/** Money on an axis: "−17k", "+3.4k", "950", "0". */
export function compactMoney(value: number): string {
  const size = Math.abs(value);
  const sign = value < 0 ? '−' : value > 0 ? '+' : '';
  if (size >= 1_000_000) return `${sign}${trim(size / 1_000_000)}M`;
  if (size >= 1000) return `${sign}${trim(size / 1000)}k`;
  return `${sign}${Math.round(size)}`;
}

function trim(value: number): string {
  return value >= 10 ? value.toFixed(0) : value.toFixed(1).replace(/\.0$/, '');
}
