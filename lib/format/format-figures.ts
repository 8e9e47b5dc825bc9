import { formatPercent } from '../engine/measure/format-figures';

/**
 * How figures are written for people, shared by the popup, the overlay and the CLI. Money, rates
 * and prices are the engine's own formatters (its warnings write figures the same way).
 */
export { formatMoney, formatPercent, formatPrice } from '../engine/measure/format-figures';

/** A probability with its 95% interval (the engine's Probability and path Estimate both are). */
export interface ChanceInterval {
  readonly value: number;
  readonly low: number;
  readonly high: number;
  /** No simulated path reached it: `high` is a 95% upper bound and `value` is not shown. */
  readonly noPathHit?: boolean;
}

/** Below this a chance reads "< 0.01%": the interval's top is all that matters there. */
const SMALLEST_SHOWN = 0.0001;

/** Decimals of a percent: one from 1%, two from 0.1%, then two significant digits (0.0063%). */
function chanceDigits(value: number): number {
  if (value >= 0.01) return 1;
  if (value >= 0.001) return 2;
  return Math.min(4, 1 - Math.floor(Math.log10(value * 100)));
}

/** A share as a percent with `digits` decimals, rounded up (a bound never reads lower than it is). */
function percentUp(value: number, digits: number): string {
  const scale = 10 ** digits;
  return `${(Math.ceil(value * 100 * scale - 1e-9) / scale).toFixed(digits)}%`;
}

/** The same rounded down, for an interval's low end. */
function percentDown(value: number, digits: number): string {
  const scale = 10 ** digits;
  return (Math.floor(value * 100 * scale + 1e-9) / scale).toFixed(digits);
}

/**
 * "0.41% (0.33–0.49%)": the estimate and its 95% interval, the interval's ends rounded outwards;
 * "< 0.30%" when no simulated path reached the event (the bound, rounded up, never a bare
 * 0.00%) or when the estimate would read 0.00%; "< 0.01%" when even the interval's top is below
 * 0.01%.
 */
export function formatChance(chance: ChanceInterval): string {
  const bound = upperBoundText(chance);
  if (bound !== null) return bound;
  const digits = chanceDigits(chance.value);
  const low = chance.low < SMALLEST_SHOWN ? '0' : percentDown(chance.low, digits);
  return `${formatPercent(chance.value, digits)} (${low}–${percentUp(chance.high, digits)})`;
}

/** The estimate alone, for narrow cells ("2.6%", "< 0.30%", "< 0.01%"). */
export function formatChanceShort(chance: ChanceInterval): string {
  return upperBoundText(chance) ?? formatPercent(chance.value, chanceDigits(chance.value));
}

/** "< x%" where only the interval's top can be said, else null. */
function upperBoundText(chance: ChanceInterval): string | null {
  if (chance.high < SMALLEST_SHOWN) return '< 0.01%';
  if (chance.noPathHit === true || chance.value < SMALLEST_SHOWN / 2)
    return `< ${percentUp(chance.high, 2)}`;
  return null;
}
