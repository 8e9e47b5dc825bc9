import type { AccountMargin, PositionMargin } from '../margin/margin-types';
import { accountMargin, accountSilos } from '../margin/venue-rules';
import { createRng } from '../math/rng';
import { PortfolioError } from '../portfolio/portfolio-error';
import type { Account, Position } from '../product/types';
import { deltaOnePnlTotal } from '../risk/delta-one-pnl-total';
import type { ScenarioSet } from '../risk/scenario-pnl-matrix';
import type { DeltaOneExposure } from '../risk/exposure';
import { incrementalExpectedShortfall } from '../risk/incremental-es';
import { liquidationPathProbabilities, type Estimate } from '../risk/liquidation-paths';
import { siloIsExposed, type MarginSilo } from '../risk/margin-silo';
import { applyOrder, OrderType, type AppliedOrder, type CandidateOrder } from './apply-order';
import type { RiskEvaluation } from './calculate-risk-report';
import { deltaOneExposure } from './portfolio-exposures';
import type { ResolvedAccount } from './resolve-inputs';

/**
 * Trade impact (the pre-trade check): what a candidate order changes, measured on the current
 * risk state without recomputing the book (DESIGN.md §6, "Trade impact").
 *
 * - The account after the fill (apply-order.ts) goes through the venue's own margin rules: its
 *   initial and maintenance margin, margin ratio, the traded position's new liquidation price
 *   and the account's nearest one. Cost: one account's margin, O(positions of the account).
 * - Fits: the venue's available balance after the order, margin balance − initial margin
 *   (Binance USDⓈ-M "Available Balance"; Bybit UTA "available balance"), must stay ≥ 0; an
 *   order that only reduces always fits.
 * - ES change: the order's P&L column on the state's own scenarios, against the state's
 *   portfolio losses (incremental-es.ts, Tasche 2007): exact on those scenarios, O(N).
 * - P(liquidation within the horizon) of the account before and after, on the report's own
 *   simulated paths: "before" is the report's figure, and the difference has no sampling noise
 *   between the two states. Cost: the report's path simulation, O(paths·hours·assets²).
 * - Warnings: liquidated at once (margin ratio ≥ 100% after the fill), the order's price beyond
 *   the position's new liquidation price, a limit or stop price the market reaches only after
 *   passing the current liquidation price, a tier change, the venue's tier kept where its table
 *   is not known, an order that does not fit.
 * Units: account money in its settlement asset, ES in USD, prices in the quote currency.
 */
export interface AccountFigures {
  readonly equity: number;
  readonly initialMargin: number | null;
  readonly maintenanceMargin: number;
  readonly marginRatio: number;
  /** Margin balance − initial margin; null when a leverage is unknown. */
  readonly available: number | null;
}

export interface PositionFigures {
  readonly side: 'long' | 'short';
  readonly contracts: number;
  readonly entryPrice: number;
  readonly liquidationPrice: number | null;
  /** Distance from the reference price to the liquidation price, as a fraction; null when none. */
  readonly liquidationDistancePct: number | null;
  readonly initialMargin: number | null;
  readonly maintenanceMargin: number;
  readonly maintenanceMarginRate: number;
}

export const TradeWarningKind = {
  liquidatedAtOnce: 'liquidated-at-once',
  beyondLiquidation: 'beyond-liquidation',
  liquidatedBeforeFill: 'liquidated-before-fill',
  doesNotFit: 'does-not-fit',
  tierChanges: 'tier-changes',
  tierAssumed: 'tier-assumed',
} as const;
export type TradeWarningKind = (typeof TradeWarningKind)[keyof typeof TradeWarningKind];

export interface TradeWarning {
  readonly kind: TradeWarningKind;
  readonly message: string;
}

export interface TradeImpact {
  readonly accountId: string;
  readonly venue: string;
  readonly settle: string;
  readonly symbol: string;
  readonly fillPrice: number;
  /** Contracts the order trades (a reduce-only order is capped at its position). */
  readonly filledContracts: number;
  readonly realizedPnl: number;
  readonly reducesOnly: boolean;
  readonly account: { readonly before: AccountFigures; readonly after: AccountFigures };
  readonly position: {
    readonly before: PositionFigures | null;
    readonly after: PositionFigures | null;
  };
  /** The account's nearest liquidation price after the order (any position), null when none. */
  readonly nearestLiquidationAfter: { readonly symbol: string; readonly price: number } | null;
  readonly fits: boolean | null;
  /** Portfolio ES in USD before and after, on the state's scenarios; null with `notComputed`. */
  readonly expectedShortfall: {
    readonly confidence: number;
    readonly before: number;
    readonly after: number;
    readonly change: number;
  } | null;
  /** Null when not asked for (options) or not computable (`notComputed` says why). */
  readonly liquidationProbability: {
    readonly horizonHours: number;
    readonly paths: number;
    readonly before: Estimate;
    readonly after: Estimate;
  } | null;
  readonly warnings: readonly TradeWarning[];
  /** Figures not computed, each with why. */
  readonly notComputed: readonly string[];
}

export interface TradeImpactRefusal {
  readonly refused: { readonly field: string; readonly message: string };
}

export interface TradeImpactOptions {
  /**
   * Whether to simulate the account's liquidation probability before and after (the costly
   * part: paths × hours). A pre-trade check asks it once the order stops changing; default yes.
   */
  readonly liquidationProbability?: boolean;
}

export function tradeImpact(
  evaluation: RiskEvaluation,
  order: CandidateOrder,
  options: TradeImpactOptions = {},
): TradeImpact | TradeImpactRefusal {
  const { inputs } = evaluation;
  const resolved = inputs.accounts.find((entry) => entry.account.id === order.accountId);
  if (!resolved) {
    const refusal = inputs.refusals.find((entry) => entry.account === order.accountId);
    return {
      refused: {
        field: 'accountId',
        message: refusal
          ? `account "${order.accountId}" is left out of the figures: ${refusal.message}`
          : `no account "${order.accountId}" in the portfolio`,
      },
    };
  }
  const bookPosition = (venue: string, symbol: string): Position | undefined => {
    for (const entry of inputs.accounts) {
      if (entry.account.venue !== venue) continue;
      const found = entry.account.positions.find((position) => position.symbol === symbol);
      if (found) return found;
    }
    return undefined;
  };

  // The account after the fill, through the venue's rules; where the venue's table for the new
  // size is unknown, the tier it reported is kept and said so.
  const warnings: TradeWarning[] = [];
  let applied = applyOrder(resolved.account, order, bookPosition);
  if ('field' in applied) return { refused: applied };
  let after: AccountMargin;
  try {
    after = accountMargin(applied.account, inputs.context);
  } catch (error) {
    if (!(error instanceof PortfolioError)) throw error;
    const kept = applyOrder(resolved.account, order, bookPosition, { keepReportedTier: true });
    if ('field' in kept) return { refused: kept };
    try {
      after = accountMargin(kept.account, inputs.context);
    } catch (retryError) {
      if (!(retryError instanceof PortfolioError)) throw retryError;
      return { refused: { field: 'symbol', message: retryError.problems.join('; ') } };
    }
    applied = kept;
    warnings.push({
      kind: TradeWarningKind.tierAssumed,
      message: `the venue's tier table for ${order.symbol} is not known, so the tier it reported for the current size is kept: ${error.problems.join('; ')}`,
    });
  }

  const before = resolved.margin;
  const positionBefore =
    applied.before === null
      ? null
      : positionFigures(
          before.positions[applied.before],
          resolved.account.positions[applied.before],
        );
  const positionAfter =
    applied.after === null
      ? null
      : positionFigures(after.positions[applied.after], applied.account.positions[applied.after]);
  const accountBefore = accountFigures(before);
  const accountAfter = accountFigures(after);
  const fits = applied.reducesOnly
    ? true
    : accountAfter.available === null
      ? null
      : accountAfter.available >= 0;

  warnings.push(
    ...orderWarnings(
      order,
      applied,
      applied.before === null ? undefined : resolved.account.positions[applied.before],
      accountBefore,
      accountAfter,
      after.settle,
      positionBefore,
      positionAfter,
      fits,
    ),
  );
  const notComputed: string[] = [];
  if (fits === null)
    notComputed.push(
      `whether the order fits: the leverage of a position in account "${order.accountId}" is unknown; give the order's leverage`,
    );
  const nearest = nearestLiquidation(after);
  const expectedShortfall = esChange(evaluation, resolved, applied, notComputed);
  const liquidationProbability =
    options.liquidationProbability === false
      ? null
      : probabilityChange(evaluation, resolved, applied.account, notComputed);
  return {
    accountId: resolved.account.id,
    venue: resolved.account.venue,
    settle: after.settle,
    symbol: order.symbol,
    fillPrice: applied.fillPrice.toNumber(),
    filledContracts: applied.filledContracts.toNumber(),
    realizedPnl: applied.realizedPnl.toNumber(),
    reducesOnly: applied.reducesOnly,
    account: { before: accountBefore, after: accountAfter },
    position: { before: positionBefore, after: positionAfter },
    nearestLiquidationAfter: nearest,
    fits,
    expectedShortfall,
    liquidationProbability,
    warnings,
    notComputed,
  };
}

function accountFigures(margin: AccountMargin): AccountFigures {
  return {
    equity: margin.equity,
    initialMargin: margin.initialMargin,
    maintenanceMargin: margin.maintenanceMargin,
    marginRatio: margin.marginRatio,
    available: margin.initialMargin === null ? null : margin.equity - margin.initialMargin,
  };
}

function positionFigures(
  margin: PositionMargin | undefined,
  position: Position | undefined,
): PositionFigures | null {
  if (!margin || !position) return null;
  return {
    side: margin.side,
    contracts: position.contracts.toNumber(),
    entryPrice: position.entryPrice.toNumber(),
    liquidationPrice: margin.liquidationPrice,
    liquidationDistancePct:
      margin.liquidationPrice === null
        ? null
        : Math.abs(margin.liquidationPrice - margin.referencePrice) / margin.referencePrice,
    initialMargin: margin.initialMargin,
    maintenanceMargin: margin.maintenanceMargin,
    maintenanceMarginRate: margin.maintenanceMarginRate,
  };
}

function nearestLiquidation(margin: AccountMargin): { symbol: string; price: number } | null {
  let best: { symbol: string; price: number; distance: number } | null = null;
  for (const position of margin.positions) {
    if (position.liquidationPrice === null) continue;
    const distance =
      Math.abs(position.liquidationPrice - position.referencePrice) / position.referencePrice;
    if (best === null || distance < best.distance)
      best = { symbol: position.symbol, price: position.liquidationPrice, distance };
  }
  return best && { symbol: best.symbol, price: best.price };
}

function orderWarnings(
  order: CandidateOrder,
  applied: AppliedOrder,
  held: Position | undefined,
  before: AccountFigures,
  after: AccountFigures,
  settle: string,
  positionBefore: PositionFigures | null,
  positionAfter: PositionFigures | null,
  fits: boolean | null,
): TradeWarning[] {
  const warnings: TradeWarning[] = [];
  const fill = applied.fillPrice.toNumber();
  if (after.marginRatio >= 1 && !applied.reducesOnly)
    warnings.push({
      kind: TradeWarningKind.liquidatedAtOnce,
      message: `after this order the account's maintenance margin is ${formatRatio(after.marginRatio)} of its equity: it would be liquidated at once`,
    });
  const liquidation = positionAfter?.liquidationPrice ?? null;
  if (
    positionAfter !== null &&
    liquidation !== null &&
    (positionAfter.side === 'long' ? fill <= liquidation : fill >= liquidation)
  )
    warnings.push({
      kind: TradeWarningKind.beyondLiquidation,
      message: `the order fills at ${fill}, beyond the position's new liquidation price ${liquidation}`,
    });
  const current = positionBefore?.liquidationPrice ?? null;
  // The mark now: of the position before the order (a stop that closes it leaves none after).
  const mark = (applied.account.positions[applied.after ?? -1] ?? held)?.markPrice.toNumber();
  if (order.type !== OrderType.market && current !== null && mark !== undefined) {
    const low = Math.min(fill, mark);
    const high = Math.max(fill, mark);
    if (current > low && current < high)
      warnings.push({
        kind: TradeWarningKind.liquidatedBeforeFill,
        message: `the market passes the current liquidation price ${current} before it reaches the order's price ${fill}`,
      });
  }
  if (fits === false)
    warnings.push({
      kind: TradeWarningKind.doesNotFit,
      message: `the order needs more margin than is available: available after it ${after.available?.toFixed(2) ?? 'unknown'} ${settle} (before ${before.available?.toFixed(2) ?? 'unknown'})`,
    });
  if (
    positionBefore !== null &&
    positionAfter !== null &&
    positionBefore.maintenanceMarginRate !== positionAfter.maintenanceMarginRate
  )
    warnings.push({
      kind: TradeWarningKind.tierChanges,
      message: `the position moves to another margin tier: maintenance margin rate ${formatRatio(positionBefore.maintenanceMarginRate)} → ${formatRatio(positionAfter.maintenanceMarginRate)}`,
    });
  return warnings;
}

function formatRatio(value: number): string {
  return Number.isFinite(value) ? `${(value * 100).toFixed(2)}%` : 'more than all';
}

const WORK_ARRAYS = new WeakMap<
  ScenarioSet,
  { readonly pnl: Float64Array; readonly losses: Float64Array }
>();

/** The order's change in portfolio ES on the state's scenarios, or null with the reason. */
function esChange(
  evaluation: RiskEvaluation,
  resolved: ResolvedAccount,
  applied: AppliedOrder,
  notComputed: string[],
): TradeImpact['expectedShortfall'] {
  const { inputs, scenario } = evaluation;
  const { market, settings } = inputs;
  if (!scenario.scenarioSet || !scenario.tail) {
    notComputed.push(
      `the change in ES: the ${settings.method} method keeps no scenarios to measure an order on`,
    );
    return null;
  }
  if (!resolved.inScenarios || resolved.usdPerSettle === null) {
    notComputed.push(
      `the change in ES: account "${resolved.account.id}" is not in the scenario measures (see the report's refusals)`,
    );
    return null;
  }
  const traded = applied.account.positions[applied.after ?? -1];
  const held = resolved.account.positions[applied.before ?? -1];
  const base = (traded ?? held)?.instrument.base ?? '';
  const assetIndex = market.assets.indexOf(base);
  if (assetIndex < 0) {
    notComputed.push(
      `the change in ES: ${base} is not among the book's scenario assets (${market.assets.join(', ') || 'none'}); it is measured once a position in it is part of the book`,
    );
    return null;
  }
  const usdPerSettle = resolved.usdPerSettle.value;
  const columns: DeltaOneExposure[] = [];
  const deltaOne = (position: Position) => {
    const exposure = deltaOneExposure(position, assetIndex, usdPerSettle);
    if (exposure.kind !== 'delta-one')
      throw new RangeError(`trade impact requires a perpetual or future, got ${position.symbol}`);
    return exposure;
  };
  if (traded) columns.push(deltaOne(traded));
  if (held) {
    const old = deltaOne(held);
    columns.push({ ...old, quantity: -old.quantity });
  }
  // Realised coin P&L changes a coin-settled wallet, itself an exposure to the coin.
  const settleIndex = market.assets.indexOf(resolved.margin.settle);
  if (settleIndex >= 0 && !applied.realizedPnl.isZero())
    columns.push({
      kind: 'delta-one',
      assetIndex: settleIndex,
      quantity: applied.realizedPnl.toNumber(),
      price: usdPerSettle,
      usdPerSettle: 1,
    });
  // Two scenario-length work arrays per evaluation, reused by every check on it (a fresh
  // 160 kB array per keystroke costs more than the arithmetic).
  let buffers = WORK_ARRAYS.get(scenario.scenarioSet);
  if (buffers === undefined) {
    buffers = {
      pnl: new Float64Array(scenario.scenarioSet.count),
      losses: new Float64Array(scenario.scenarioSet.count),
    };
    WORK_ARRAYS.set(scenario.scenarioSet, buffers);
  }
  const tradePnl = deltaOnePnlTotal(scenario.scenarioSet, columns, buffers.pnl);
  const result = incrementalExpectedShortfall(
    scenario.tail.losses,
    scenario.tail.tailIndices,
    tradePnl,
    settings.confidence,
    buffers.losses,
  );
  return {
    confidence: settings.confidence,
    before: result.before,
    after: result.after,
    change: result.incremental,
  };
}

/**
 * The account's probability of liquidation within the horizon before and after the order, on
 * the same simulated paths of the account's own underlyings (common random numbers).
 */
function probabilityChange(
  evaluation: RiskEvaluation,
  resolved: ResolvedAccount,
  after: Account,
  notComputed: string[],
): TradeImpact['liquidationProbability'] {
  const { market, settings, context } = evaluation.inputs;
  if (!resolved.inScenarios) {
    notComputed.push(
      `the change in the liquidation probability: account "${resolved.account.id}" is not in the scenario measures (see the report's refusals)`,
    );
    return null;
  }
  // The two states as two "accounts" of one simulation on the report's own paths (all of the
  // book's assets, the report's seed): "before" is the report's figure exactly, and the
  // difference carries no sampling noise between the two.
  const relabel = (silos: readonly MarginSilo[], state: 'before' | 'after') =>
    silos.filter(siloIsExposed).map((silo) => ({ ...silo, accountId: state }));
  const silos = [
    ...relabel(resolved.silos, 'before'),
    ...relabel(accountSilos(after, context), 'after'),
  ];
  const missing = [
    ...new Set(
      silos.flatMap((silo) => [
        ...silo.positions.map((position) => position.asset),
        ...(silo.nonlinear?.assets ?? []),
      ]),
    ),
  ].filter((asset) => !market.assets.includes(asset));
  if (missing.length > 0) {
    notComputed.push(
      `the change in the liquidation probability: ${missing.join(', ')} is not among the book's scenario assets`,
    );
    return null;
  }
  if (silos.length === 0) {
    const zero = { value: 0, standardError: 0 };
    return { horizonHours: settings.horizonHours, paths: 0, before: zero, after: zero };
  }
  const result = liquidationPathProbabilities(
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
  const zero = { value: 0, standardError: 0 };
  return {
    horizonHours: settings.horizonHours,
    paths: result.paths,
    before: result.accounts.before ?? zero,
    after: result.accounts.after ?? zero,
  };
}
