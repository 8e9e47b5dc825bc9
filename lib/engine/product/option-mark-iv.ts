import type { Position } from './types';

/**
 * An option position's mark implied volatility (annualised, a fraction), which its value and
 * margin need. resolveInputs refuses, by name, an account holding an option without one (from
 * the file or live data), so the venue rules and exposures never price one at a made-up vol;
 * reaching here without it is a programming error.
 */
export function optionMarkIv(position: Position): number {
  if (position.markIv === undefined)
    throw new RangeError(
      `optionMarkIv requires the mark IV of ${position.symbol} (resolveInputs refuses its account without one)`,
    );
  return position.markIv;
}
