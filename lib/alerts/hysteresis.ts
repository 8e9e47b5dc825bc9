/**
 * One threshold with hysteresis: whether a value is beyond its threshold now, given whether it
 * was at the last evaluation. A crossing needs the value strictly beyond the threshold; once
 * crossed, it holds until the value is back past the threshold by the clearing margin m:
 *
 *   below (a distance):        crosses when value < t;  holds while value < t · (1 + m)
 *   above (a chance, a ratio): crosses when value > t;  holds while value > t / (1 + m)
 *
 * The band is one factor (1 + m) either way, so a 20% margin clears a 5% distance at 6% and a
 * 10% chance at 8.33%. A value that is null (not computed) or NaN is not beyond; +Infinity is
 * above every threshold (a margin ratio with no equity left). m ≥ 0; m = 0 is no hysteresis.
 * Cost: O(1).
 */
export interface ThresholdCheck {
  readonly value: number | null;
  readonly threshold: number;
  readonly side: 'below' | 'above';
}

export function beyondThreshold(
  check: ThresholdCheck,
  wasBeyond: boolean,
  clearMargin: number,
): boolean {
  const { value, threshold, side } = check;
  if (value === null || Number.isNaN(value)) return false;
  const band = wasBeyond ? 1 + clearMargin : 1;
  return side === 'below' ? value < threshold * band : value > threshold / band;
}
