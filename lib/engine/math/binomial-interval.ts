import { normalQuantile } from './normal';

/**
 * The Wilson score interval for a binomial proportion (Wilson 1927, "Probable inference, the law
 * of succession, and statistical inference", JASA 22; Brown, Cai & DasGupta 2001 recommend it over
 * the normal "± z·√(p(1−p)/n)" interval, which fails for rare events): with p̂ = hits/trials and
 * z the two-sided normal quantile of `confidence`,
 *   centre = (p̂ + z²/2n)/(1 + z²/n),  half-width = z·√(p̂(1−p̂)/n + z²/4n²)/(1 + z²/n).
 * With zero hits the interval is [0, z²/(n + z²)], never a single point.
 */
export interface ProportionInterval {
  readonly share: number;
  readonly low: number;
  readonly high: number;
}

export function wilsonInterval(
  hits: number,
  trials: number,
  confidence = 0.95,
): ProportionInterval {
  if (!(trials > 0) || hits < 0 || hits > trials)
    throw new RangeError(
      `wilsonInterval: need 0 ≤ hits ≤ trials and trials > 0, got ${hits}/${trials}`,
    );
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const share = hits / trials;
  const z2n = (z * z) / trials;
  const centre = (share + z2n / 2) / (1 + z2n);
  const halfWidth =
    (z * Math.sqrt((share * (1 - share)) / trials + (z * z) / (4 * trials * trials))) / (1 + z2n);
  return { share, low: Math.max(0, centre - halfWidth), high: Math.min(1, centre + halfWidth) };
}
