import { deltaOnePnlTotal } from '../risk/delta-one-pnl-total';
import type { DeltaOneExposure } from '../risk/exposure';
import { incrementalExpectedShortfall } from '../risk/incremental-es';
import type { ScenarioSet } from '../risk/scenario-pnl-matrix';
import type { Position } from '../product/types';
import type { AppliedOrder } from './apply-order';
import type { RiskEvaluation } from './calculate-risk-report';
import { deltaOneExposure } from './portfolio-exposures';
import type { ResolvedAccount } from './resolve-inputs';
import type { OrderEsChange } from './trade-impact-types';

const WORK_ARRAYS = new WeakMap<
  ScenarioSet,
  { readonly pnl: Float64Array; readonly losses: Float64Array }
>();

/**
 * The change in portfolio ES an order makes, on the risk state's own scenarios: the order's P&L
 * column (the new position's exposure less the old one's, and a coin-settled wallet's realised
 * P&L) against the kept portfolio losses (incremental-es.ts, Tasche 2007), exact on those
 * scenarios. Cost O(N) with two work arrays reused per evaluation. Null, with the reason added
 * to `notComputed`, where the state keeps no scenarios or the account or asset is not in them.
 */
export function orderEsChange(
  evaluation: RiskEvaluation,
  resolved: ResolvedAccount,
  applied: AppliedOrder,
  notComputed: string[],
): OrderEsChange | null {
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
