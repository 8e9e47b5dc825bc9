import type { AccountReport, PositionReport } from '../engine';
import { connectionOf } from '../connections/account-names';
import { Freshness } from '../connections/connection-types';
import { formatPercent, formatPrice } from '../format/format-figures';
import { chanceText, sigmaText } from '../overlay/overlay-words';
import { AlertKind, type AlertCheck } from './alert-check';
import { accountLabelOf } from './alert-input';
import { accountName, durationText, positionName, sigmaMeaning } from './alert-names';
import { accountAlertRules } from './alert-rules';
import { positionTarget, type CheckContext } from './check-context';
import { beyondThreshold, type ThresholdCheck } from './hysteresis';

/**
 * Liquidation alerts. Per position (`liquidation|<account>|<symbol>|<side>`): it holds when the
 * position's liquidation price is nearer its mark (the index for options) than the account's
 * distance rule, in % or in horizon σ (either one), when an isolated position's own chance of
 * liquidation within the report's horizon is above the probability rule, or whenever the price is
 * already past the liquidation price (`liquidationPassed`: it never reads "back to safe" then).
 * Per account cross silo (`liquidation|<account>|cross`): the shared cross (or portfolio-margin)
 * chance, one alert for the silo whichever of its positions is nearest, so it does not move from
 * position to position. Every position of a watched account gets a check (one without figures
 * does not hold): a warned position still open but no longer near clears with "back to safe".
 *
 * Words: "3.1% (1.2 daily σ) from liquidation at 99,525.00, if the price rises; 18.3% (17.5–19.1%)
 * chance within 24 h." Past: "Already 7.1% past its liquidation price 98,525.00 (mark above it);
 * …". The σ is explained on the context line.
 */
export function liquidationKey(accountId: string, symbol: string, side: string): string {
  return `${AlertKind.liquidation}|${accountId}|${symbol}|${side}`;
}

/** The key of an account's cross-silo chance alert: `liquidation|<account>|cross`. */
export function crossLiquidationKey(accountId: string): string {
  return `${AlertKind.liquidation}|${accountId}|cross`;
}

export function liquidationChecks(context: CheckContext): AlertCheck[] {
  const { report, input } = context;
  const labelOf = accountLabelOf(input);
  const horizonHours = report.portfolio.horizonHours;
  const checks: AlertCheck[] = [];
  for (const account of report.accounts) {
    const rules = accountAlertRules(context.rules, account.id);
    if (rules === null) continue;
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
      if (position.liquidationSilo === 'isolated' && rules.liquidationProbability !== null)
        conditions.push({
          value: position.liquidationProbability?.value ?? null,
          threshold: rules.liquidationProbability,
          side: 'above',
        });
      const name = positionName(account.venue, labelOf(account), position.symbol, position.side);
      const passed = distance?.passed === true;
      checks.push({
        key,
        kind: AlertKind.liquidation,
        accountId: account.id,
        subject: name,
        holds:
          passed ||
          conditions.some((condition) =>
            beyondThreshold(condition, wasActive, context.rules.clearMargin),
          ),
        titles: {
          alert: `${passed ? 'Past liquidation' : 'Near liquidation'}: ${name}`,
          reminder: `${passed ? 'Still past liquidation' : 'Still near liquidation'}: ${name}`,
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
    // A cross position already alerting says the account's chance in its own message: the
    // account's chance alert is not raised beside it (one notification for one danger), but one
    // already shown is kept until the chance itself clears (no false "back to safe").
    const crossKeys = new Set(
      account.positions
        .filter((position) => position.liquidationSilo === 'cross')
        .map((position) => liquidationKey(account.id, position.symbol, position.side)),
    );
    const crossPositionAlerts = checks.some((check) => crossKeys.has(check.key) && check.holds);
    const cross = crossChanceCheck(
      context,
      account,
      labelOf(account),
      rules.liquidationProbability,
    );
    if (cross !== null)
      checks.push({
        ...cross,
        holds: cross.holds && (context.wasActive(cross.key) || !crossPositionAlerts),
        context: staleNote,
      });
  }
  return checks;
}

/**
 * The account's cross-silo chance alert, or null without cross positions. The chance is the
 * silo's, the same figure on each of its positions; the target is the page of the nearest one.
 */
function crossChanceCheck(
  context: CheckContext,
  account: AccountReport,
  label: string,
  threshold: number | null,
): Omit<AlertCheck, 'context'> | null {
  const cross = account.positions.filter((position) => position.liquidationSilo === 'cross');
  const first = cross[0];
  if (first === undefined) return null;
  const key = crossLiquidationKey(account.id);
  const probability =
    cross.find((position) => position.liquidationProbability !== null)?.liquidationProbability ??
    null;
  const nearest = nearestCross(cross) ?? first;
  const name = `${accountName(account.venue, label)} cross margin`;
  const horizonHours = context.report.portfolio.horizonHours;
  return {
    key,
    kind: AlertKind.liquidation,
    accountId: account.id,
    subject: name,
    holds:
      threshold !== null &&
      beyondThreshold(
        { value: probability?.value ?? null, threshold, side: 'above' },
        context.wasActive(key),
        context.rules.clearMargin,
      ),
    titles: {
      alert: `Liquidation chance high: ${name}`,
      reminder: `Still a high liquidation chance: ${name}`,
      safe: `Back to safe: ${name}`,
    },
    message: `${chanceText(probability)} chance that the cross margin is liquidated within ${horizonHours} h.`,
    target: positionTarget(account.venue, nearest.symbol),
  };
}

/** The position's signed distance to its liquidation price, or null when it has none. */
function liquidationDistance(position: PositionReport): {
  readonly pct: number;
  readonly sigma: number | null;
  readonly passed: boolean;
} | null {
  const price = position.liquidationPrice;
  if (price === null || !(price > 0) || position.liquidationDistancePct === null) return null;
  return {
    pct: position.liquidationDistancePct,
    sigma: position.liquidationDistanceVolUnits,
    passed: position.liquidationPassed === true || position.liquidationDistancePct <= 0,
  };
}

/** The cross position nearest its liquidation price (σ where known, else %); null when none has one. */
function nearestCross(cross: readonly PositionReport[]): PositionReport | null {
  let holder: PositionReport | null = null;
  let best = Number.POSITIVE_INFINITY;
  for (const position of cross) {
    const distance = liquidationDistance(position);
    const nearness =
      distance === null ? Number.POSITIVE_INFINITY : (distance.sigma ?? distance.pct);
    if (nearness < best) [holder, best] = [position, nearness];
  }
  return holder;
}

/**
 * "3.1% (1.2 daily σ) from liquidation at 99,525.00, if the price rises; 18.3% (17.5–19.1%)
 * chance within 24 h." A position already past its price is due, not a chance: no chance is said.
 */
export function liquidationMessage(position: PositionReport, horizonHours: number): string {
  const distance = liquidationDistance(position);
  const parts: string[] = [];
  if (distance === null || position.liquidationPrice === null) {
    parts.push('No liquidation price of its own');
  } else {
    const way = position.liquidationDirection === 'up' ? 'rises' : 'falls';
    if (distance.passed) {
      const mark = position.liquidationDirection === 'up' ? 'above' : 'below';
      parts.push(
        `Already ${formatPercent(Math.abs(distance.pct), 1)} past its liquidation price ${formatPrice(position.liquidationPrice)} (the mark is ${mark} it); due for liquidation`,
      );
    } else {
      const sigma = sigmaText(distance.sigma, horizonHours);
      parts.push(
        `${formatPercent(distance.pct, 1)}${sigma === '' ? '' : ` (${sigma})`} from liquidation at ${formatPrice(position.liquidationPrice)}, if the price ${way}`,
      );
    }
  }
  const chance = position.liquidationProbability;
  if (chance !== null && distance?.passed !== true)
    parts.push(`${chanceText(chance)} chance within ${horizonHours} h`);
  return `${parts.join('; ')}.`;
}
