import type { MarginSilo } from '../risk/margin-silo';
import { scenarioPnlMatrix, type ScenarioSet } from '../risk/scenario-pnl-matrix';
import { liquidatedBy, MAX_MOVE, silosOnMove, type SiloOnMove } from './move-liquidations';
import type { ResolvedInputs } from './resolve-inputs';
import type { MoveLiquidation, PnlByMove, PositionReport } from './risk-report-types';

/**
 * The whole book's P&L against one move of its main underlying, and where on that axis each
 * account is liquidated: the picture a trader draws by hand ("if BTC falls 30%…").
 *
 * - The axis: the main underlying (the asset with the largest gross USD notional, coin balances
 *   included; ties to the first in the market's order) moves by m, a simple return from −50% to
 *   +50% in steps of 1% (`moves`), so its price is P·(1 + m) with P the price of its largest
 *   position (mark; the forward for an option).
 * - The other assets move with it by their correlation beta on log-returns,
 *   r_j = β_j·ln(1 + m), β_j = ρ_ij·σ_j / σ_i (σ annual vols, ρ the report's correlations): the
 *   expected move of each asset given the main one's under the report's own joint model. Holding
 *   them still instead would show a BTC long against an ETH short as a naked BTC long, which is
 *   not what a day of −30% in BTC has looked like (docs/pnl-by-move.md). |β_j| is at most
 *   {@link MAX_BETA}: a main underlying whose vol is near zero beside a volatile one (a file's
 *   annualVols of 0.01 and 20) would send the other's price to e^(β·ln 1.5) = +Infinity; real
 *   betas (an altcoin's to BTC: 1–3) are far below it. A main vol of 0 gives β = 0.
 * - The move is instant: options keep their time to expiry and their vols; every position is
 *   revalued in full by the engine's own P&L kernel (scenario-pnl-matrix.ts: linear, inverse and
 *   option payoffs), never by delta.
 * - Two curves. `pnl`: every position held, as if nothing were liquidated. `pnlLiquidated`: each
 *   margin silo liquidated on the way from 0 to m (move-liquidations.ts) is closed and its whole
 *   equity now lost, the rest held: what a move does to a hedge whose legs sit in separate silos.
 *   A coin balance belongs to its account's cross silo only, never to an isolated one; an
 *   isolated silo's margin leaves the balance when that silo is closed (its equity now is lost).
 * - Points: per account and direction, the nearest of its silos' liquidations, with the book's
 *   P&L just before it on the `pnlLiquidated` curve (that silo still open, those liquidated
 *   nearer to 0 closed) and the equity it loses. Its price is the position's own liquidation
 *   price for a silo on the main coin only (the figure the tables show), else P·(1 + move).
 *
 * Units: USD for P&L, fractions for moves, the underlying's quote currency for prices. Only the
 * scenario accounts (those with every market figure; refusals name the others) are in the curve
 * and the points. Null without positions. Cost: one P&L matrix of (101 + points) scenarios ×
 * exposures, and per silo ≤ 500 surplus evaluations.
 */
export function pnlByMove(
  inputs: ResolvedInputs,
  scenarioSilos: readonly MarginSilo[],
  /** The report's positions by account (`inputs.accounts` order), with their liquidation prices. */
  positionReports: readonly (readonly PositionReport[])[],
): PnlByMove | null {
  const { market, exposures } = inputs;
  const main = mainUnderlying(inputs);
  if (main === null) return null;
  const size = market.assets.length;
  const mainVol = market.annualVols[main.index] ?? 0;
  const betas = market.assets.map((_, j) =>
    j === main.index
      ? 1
      : mainVol > 0
        ? clampBeta(
            ((market.correlationMatrix[main.index * size + j] ?? 0) * (market.annualVols[j] ?? 0)) /
              mainVol,
          )
        : 0,
  );
  const logReturnOf = (asset: string, move: number) => {
    const index = market.assets.indexOf(asset);
    return index < 0 ? 0 : (betas[index] ?? 0) * Math.log1p(move);
  };

  const moves = Array.from({ length: 2 * STEPS_PER_SIDE + 1 }, (_, i) =>
    roundMove(((i - STEPS_PER_SIDE) / STEPS_PER_SIDE) * MAX_MOVE),
  );
  const silos = silosOnMove(inputs, scenarioSilos, positionReports, main.asset, logReturnOf);
  const points = nearestPerAccount(silos);
  const allMoves = [...moves, ...points.map((point) => point.move)];
  const logReturns = new Float64Array(allMoves.length * size);
  allMoves.forEach((move, s) => {
    for (let j = 0; j < size; j++) logReturns[s * size + j] = (betas[j] ?? 0) * Math.log1p(move);
  });
  const set: ScenarioSet = { assetCount: size, count: allMoves.length, logReturns };
  const matrix = scenarioPnlMatrix(set, exposures.exposures, 0);
  const width = exposures.exposures.length;
  const siloOf = exposureSilos(inputs, silos);
  const balanceOf = new Map<string, number>();
  inputs.exposures.owners.forEach((owner, p) => {
    if (owner.positionIndex === null) balanceOf.set(owner.account, p);
  });

  /** The book's P&L in row s: silos liquidated by then (but `open`) closed and their equity lost. */
  const total = (s: number, withLiquidations: boolean, open?: SiloOnMove) => {
    const move = allMoves[s] ?? 0;
    const closed = new Set(
      withLiquidations
        ? silos.filter(
            (silo) => silo !== open && Number.isFinite(silo.equityUsd) && liquidatedBy(silo, move),
          )
        : [],
    );
    let sum = 0;
    for (let p = 0; p < width; p++) {
      const silo = siloOf[p];
      if (silo === undefined || !closed.has(silo)) sum += matrix[s * width + p] ?? 0;
    }
    for (const silo of closed) {
      sum -= silo.equityUsd;
      // A closed isolated silo's margin was part of its account's coin balance: lost at its
      // value now (equityUsd), so the balance (while its cross side is open) no longer carries
      // that part through the move.
      const balance = silo.position === null ? undefined : balanceOf.get(silo.account);
      if (balance === undefined) continue;
      const holder = siloOf[balance];
      const exposure = exposures.exposures[balance];
      if (holder !== undefined && closed.has(holder)) continue;
      if (exposure?.kind === 'delta-one' && exposure.quantity !== 0)
        sum -= ((matrix[s * width + balance] ?? 0) * silo.silo.wallet) / exposure.quantity;
    }
    return sum;
  };
  return {
    asset: main.asset,
    price: main.price,
    betas: Object.fromEntries(market.assets.map((asset, j) => [asset, betas[j] ?? 0])),
    moves,
    pnl: moves.map((_, s) => total(s, false)),
    pnlLiquidated: moves.map((_, s) => total(s, true)),
    liquidations: points.map((point, k): MoveLiquidation => ({
      account: point.silo.account,
      position: point.silo.position,
      direction: point.direction,
      move: point.move,
      price:
        (point.direction === 'down'
          ? point.silo.downPrice
          : point.direction === 'up'
            ? point.silo.upPrice
            : null) ?? main.price * (1 + point.move),
      pnl: total(moves.length + k, true, point.silo),
      equityLost: point.silo.equityUsd,
    })),
  };
}

const STEPS_PER_SIDE = 50;

/** The largest |β| an asset moves by against the main underlying (see pnlByMove). */
export const MAX_BETA = 100;

function clampBeta(beta: number): number {
  return Math.min(MAX_BETA, Math.max(-MAX_BETA, beta));
}

/** 1% steps written exactly (−0.5, −0.49, …), not as accumulated binary fractions. */
function roundMove(move: number): number {
  return Math.round(move * 100) / 100;
}

/** The asset with the largest gross USD notional, and the price of its largest position. */
function mainUnderlying(
  inputs: ResolvedInputs,
): { asset: string; index: number; price: number } | null {
  const { exposures, owners } = inputs.exposures;
  const { assets } = inputs.market;
  const gross = new Float64Array(assets.length);
  const largest: ({ notional: number; price: number } | undefined)[] = [];
  exposures.forEach((exposure, p) => {
    const index = exposure.assetIndex;
    if (index < 0 || index >= assets.length) return;
    const notional = owners[p]?.notionalUsd ?? 0;
    gross[index] = (gross[index] ?? 0) + notional;
    const top = largest[index];
    if (top === undefined || notional > top.notional)
      largest[index] = {
        notional,
        // An option's own price is its forward; the chart's moves are of the index.
        price:
          exposure.kind === 'option'
            ? (inputs.context.underlyingPrice(assets[index] ?? '') ?? exposure.forward)
            : exposure.price,
      };
  });
  let best = -1;
  gross.forEach((value, index) => {
    if (largest[index] !== undefined && (best < 0 || value > (gross[best] ?? 0))) best = index;
  });
  const asset = assets[best];
  const price = largest[best]?.price;
  return asset === undefined || price === undefined ? null : { asset, index: best, price };
}

/** Per account and direction, its silo liquidated nearest to 0 (one point at 0 if any is already). */
function nearestPerAccount(
  silos: readonly SiloOnMove[],
): { silo: SiloOnMove; direction: MoveLiquidation['direction']; move: number }[] {
  const points: { silo: SiloOnMove; direction: MoveLiquidation['direction']; move: number }[] = [];
  for (const account of new Set(silos.map((silo) => silo.account))) {
    const own = silos.filter((silo) => silo.account === account);
    const now = own.find((silo) => silo.liquidatedNow);
    if (now !== undefined) {
      points.push({ silo: now, direction: 'now', move: 0 });
      continue;
    }
    for (const direction of ['down', 'up'] as const) {
      let nearest: { silo: SiloOnMove; move: number } | null = null;
      for (const silo of own) {
        const move = silo[direction];
        if (move !== null && (nearest === null || Math.abs(move) < Math.abs(nearest.move)))
          nearest = { silo, move };
      }
      if (nearest !== null) points.push({ ...nearest, direction });
    }
  }
  return points;
}

/**
 * The silo each exposure belongs to (`exposures.owners` order): a position's silo holds its
 * index; a coin balance goes with its account's cross silo only (none when the cross silo holds
 * no position): it is never closed with an isolated position.
 */
function exposureSilos(
  inputs: ResolvedInputs,
  silos: readonly SiloOnMove[],
): (SiloOnMove | undefined)[] {
  return inputs.exposures.owners.map((owner) => {
    const own = silos.filter((silo) => silo.account === owner.account);
    if (owner.positionIndex !== null) {
      const index = owner.positionIndex;
      return own.find((silo) => silo.silo.positionIndices.includes(index));
    }
    return own.find((silo) => silo.position === null);
  });
}
