import type { Account } from '../product/types';
import { accountSilos } from '../margin/venue-rules';
import { siloIsExposed, type MarginSilo } from '../risk/margin-silo';
import type { RiskEvaluation } from './calculate-risk-report';
import { simulateLiquidations } from './liquidation-risk';
import type { ResolvedAccount } from './resolve-inputs';
import type { OrderLiquidationProbability } from './trade-impact-types';

/**
 * The account's probability of liquidation within the horizon before and after the order, on
 * the report's own simulated paths (every scenario asset, the report's seed; simulateLiquidations):
 * "before" is the report's figure for the account, and both states see the same paths. An
 * account with nothing that can be liquidated has probability 0 (the report shows none).
 * Cost: the report's path simulation, O(paths·hours·(assets² + positions)).
 */
export function orderLiquidationProbability(
  evaluation: RiskEvaluation,
  resolved: ResolvedAccount,
  after: Account,
  notComputed: string[],
): OrderLiquidationProbability | null {
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
  // Nothing that can be liquidated: exactly 0, not an estimate.
  const zero = { value: 0, standardError: 0, low: 0, high: 0, noPathHit: false };
  if (silos.length === 0) {
    return { horizonHours: settings.horizonHours, paths: 0, before: zero, after: zero };
  }
  const result = simulateLiquidations(evaluation.inputs, silos);
  return {
    horizonHours: settings.horizonHours,
    paths: result.paths,
    before: result.accounts.before ?? zero,
    after: result.accounts.after ?? zero,
  };
}
