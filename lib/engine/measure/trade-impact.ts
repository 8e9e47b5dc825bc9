import type { AccountMargin, PositionMargin } from '../margin/margin-types';
import { accountMargin } from '../margin/venue-rules';
import { PortfolioError } from '../portfolio/portfolio-error';
import { instrumentName } from '../product/instrument-name';
import type { Position } from '../product/types';
import { applyOrder, type CandidateOrder } from './apply-order';
import type { RiskEvaluation } from './calculate-risk-report';
import { liquidationDistance } from './liquidation-distance';
import { orderEsChange } from './order-es-change';
import { orderLiquidationProbability } from './order-liquidation-probability';
import {
  TradeWarningKind,
  type AccountFigures,
  type PositionFigures,
  type TradeImpact,
  type TradeImpactRefusal,
  type TradeWarning,
} from './trade-impact-types';
import { orderWarnings, type NearestLiquidation } from './trade-warnings';
import { reportedMarginRatio } from './reported-margin-ratio';

export type * from './trade-impact-types';
export { TradeWarningKind } from './trade-impact-types';

export interface TradeImpactOptions {
  /**
   * Whether to simulate the account's liquidation probability before and after (the costly
   * part: paths × hours). A pre-trade check asks it once the order stops changing; default yes.
   */
  readonly liquidationProbability?: boolean;
}

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
 * - Warnings (trade-warnings.ts): liquidated at once (margin ratio ≥ 100% after the fill), the
 *   order's price beyond the position's new liquidation price, a limit or stop price the market
 *   reaches only after passing the current liquidation price, a move to another row of the
 *   venue's tier table (never said where the venue has none), the venue's tier kept where its
 *   table is not known, an order that does not fit, the account's nearest liquidation nearer,
 *   the position first on its underlying to die.
 * Units: account money in its settlement asset, ES in USD, prices in the quote currency.
 */
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
      symbol: order.symbol,
      problems: error.problems,
      message: `the venue's margin tiers for ${instrumentName(order.symbol)} at the new size are not known, so the tier it reports for the current size is kept`,
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
    ...orderWarnings({
      order,
      applied,
      held: applied.before === null ? undefined : resolved.account.positions[applied.before],
      before: accountBefore,
      after: accountAfter,
      settle: after.settle,
      positionBefore,
      positionAfter,
      fits,
      report: evaluation.report,
      nearestBefore: nearestLiquidation(before),
      nearestAfter: nearestLiquidation(after),
    }),
  );
  const notComputed: string[] = [];
  if (fits === null)
    notComputed.push(
      `whether the order fits: the leverage of a position in account "${order.accountId}" is unknown; give the order's leverage`,
    );
  const nearest = nearestLiquidation(after);
  const expectedShortfall = orderEsChange(evaluation, resolved, applied, notComputed);
  const liquidationProbability =
    options.liquidationProbability === false
      ? null
      : orderLiquidationProbability(evaluation, resolved, applied.account, notComputed);
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
    nearestLiquidationAfter: nearest && { symbol: nearest.symbol, price: nearest.price },
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
    ...reportedMarginRatio(margin.equity, margin.maintenanceMargin),
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
    liquidationDistancePct: liquidationDistance(margin),
    initialMargin: margin.initialMargin,
    maintenanceMargin: margin.maintenanceMargin,
    maintenanceMarginRate: margin.maintenanceMarginRate,
    tierOrigin: margin.tierOrigin,
  };
}

function nearestLiquidation(margin: AccountMargin): NearestLiquidation | null {
  let best: NearestLiquidation | null = null;
  for (const position of margin.positions) {
    const distance = liquidationDistance(position);
    if (position.liquidationPrice === null || distance === null) continue;
    if (best === null || distance < best.distance)
      best = { symbol: position.symbol, price: position.liquidationPrice, distance };
  }
  return best;
}
