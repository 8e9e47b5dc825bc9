import type { AccountReport, PositionReport } from '../engine';
import { connectionOf } from '../connections/account-names';
import { Freshness } from '../connections/connection-types';
import { formatPercent, formatPrice } from '../format/format-figures';
import { chanceText, sigmaText } from '../overlay/overlay-words';
import { AlertKind, type AlertCheck } from './alert-check';
import { accountLabelOf } from './alert-input';
import { durationText, positionName, sigmaMeaning } from './alert-names';
import { accountAlertRules } from './alert-rules';
import { positionTarget, type CheckContext } from './check-context';
import { beyondThreshold, type ThresholdCheck } from './hysteresis';

/**
 * Liquidation alerts, one per position: it holds when the position's liquidation price is
 * nearer its mark (the index for options) than the account's distance rule, in % or in horizon σ
 * (either one), or when the chance that its silo is liquidated within the report's horizon is
 * above the account's probability rule. The chance is the silo's: an isolated position's own; a
 * cross position shares its account's, which is counted once, on the cross position nearest to
 * liquidation (in σ, else %; the largest without any liquidation price), so one silo's chance is
 * one alert. Every position of a watched account gets a check (one without figures does not
 * hold): a warned position that is still open but no longer near clears with "back to safe".
 *
 * Words: "3.1% (1.2 daily σ) from liquidation at 99,525.00, if the price rises; 18.3% ± 0.8%
 * chance within 24 h." The σ is explained on the context line.
 */
export function liquidationKey(accountId: string, symbol: string, side: string): string {
  return `${AlertKind.liquidation}|${accountId}|${symbol}|${side}`;
}

export function liquidationChecks(context: CheckContext): AlertCheck[] {
  const { report, input } = context;
  const labelOf = accountLabelOf(input);
  const horizonHours = report.portfolio.horizonHours;
  const checks: AlertCheck[] = [];
  for (const account of report.accounts) {
    const rules = accountAlertRules(context.rules, account.id);
    if (rules === null) continue;
    const chanceHolder = crossChanceHolder(account);
    const view = connectionOf(input, account.id);
    const staleNote =
      view !== null && view.freshness !== Freshness.fresh && view.dataAgeSeconds !== null
        ? `Account figures from ${durationText(view.dataAgeSeconds)} ago, not refreshed.`
        : '';
    for (const position of account.positions) {
      const key = liquidationKey(account.id, position.symbol, position.side);
      const wasActive = context.wasActive(key);
      const conditions: ThresholdCheck[] = [];
      const distance = liquidationDistance(position);
      if (distance !== null && rules.liquidationDistancePct !== null)
        conditions.push({
          value: distance.pct,
          threshold: rules.liquidationDistancePct,
          side: 'below',
        });
      if (distance !== null && rules.liquidationDistanceSigma !== null)
        conditions.push({
          value: distance.sigma,
          threshold: rules.liquidationDistanceSigma,
          side: 'below',
        });
      const chanceCounts = position.liquidationSilo === 'isolated' || chanceHolder === position;
      if (chanceCounts && rules.liquidationProbability !== null)
        conditions.push({
          value: position.liquidationProbability?.value ?? null,
          threshold: rules.liquidationProbability,
          side: 'above',
        });
      const name = positionName(account.venue, labelOf(account), position.symbol, position.side);
      checks.push({
        key,
        kind: AlertKind.liquidation,
        accountId: account.id,
        subject: name,
        holds: conditions.some((condition) =>
          beyondThreshold(condition, wasActive, context.rules.clearMargin),
        ),
        titles: {
          alert: `Near liquidation: ${name}`,
          reminder: `Still near liquidation: ${name}`,
          safe: `Back to safe: ${name}`,
        },
        message: liquidationMessage(position, horizonHours),
        context: [
          distance !== null && distance.sigma !== null ? `${sigmaMeaning(horizonHours)}.` : '',
          staleNote,
        ]
          .filter((part) => part !== '')
          .join(' '),
        target: positionTarget(account.venue, position.symbol),
      });
    }
  }
  return checks;
}

/** The position's distance to its liquidation price, or null when it has none. */
function liquidationDistance(
  position: PositionReport,
): { readonly pct: number; readonly sigma: number | null } | null {
  const price = position.liquidationPrice;
  if (price === null || !(price > 0) || position.liquidationDistancePct === null) return null;
  return {
    pct: Math.abs(position.liquidationDistancePct),
    sigma: position.liquidationDistanceVolUnits,
  };
}

/**
 * The cross position that carries its silo's chance: the nearest to liquidation (σ where known,
 * else %), or, when none has a liquidation price, the largest by notional; null without cross
 * positions.
 */
function crossChanceHolder(account: AccountReport): PositionReport | null {
  const cross = account.positions.filter((position) => position.liquidationSilo === 'cross');
  const nearness = (position: PositionReport) => {
    const distance = liquidationDistance(position);
    if (distance === null) return Number.POSITIVE_INFINITY;
    return distance.sigma ?? distance.pct;
  };
  let holder: PositionReport | null = null;
  for (const position of cross) {
    if (holder === null) holder = position;
    else {
      const [a, b] = [nearness(position), nearness(holder)];
      if (a < b || (a === b && Math.abs(position.notional) > Math.abs(holder.notional)))
        holder = position;
    }
  }
  return holder;
}

/** "3.1% (1.2 daily σ) from liquidation at 99,525.00, if the price rises; 18.3% ± 0.8% chance within 24 h." */
export function liquidationMessage(position: PositionReport, horizonHours: number): string {
  const distance = liquidationDistance(position);
  const parts: string[] = [];
  if (distance === null || position.liquidationPrice === null) {
    parts.push('No liquidation price of its own');
  } else {
    const sigma = sigmaText(distance.sigma, horizonHours);
    const way = position.liquidationDirection === 'up' ? 'rises' : 'falls';
    parts.push(
      `${formatPercent(distance.pct, 1)}${sigma === '' ? '' : ` (${sigma})`} from liquidation at ${formatPrice(position.liquidationPrice)}, if the price ${way}`,
    );
  }
  const chance = position.liquidationProbability;
  if (chance !== null) parts.push(`${chanceText(chance)} chance within ${horizonHours} h`);
  return `${parts.join('; ')}.`;
}
