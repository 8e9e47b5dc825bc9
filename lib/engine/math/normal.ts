/**
 * Standard normal distribution: density, cumulative distribution and quantile.
 *
 * Units: dimensionless. Policy: NaN in gives NaN out; ±Infinity are handled as limits.
 */

const SQRT_2PI = 2.5066282746310002;
const SQRT_PI = 1.7724538509055159;

/** Standard normal density φ(x) = exp(−x²/2)/√(2π). */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / SQRT_2PI;
}

/**
 * Standard normal cumulative distribution Φ(x).
 *
 * For |x| < 3: Hart's double-precision rational approximation (algorithm 5666) as given by
 * G. West, "Better approximations to cumulative normal functions", Wilmott (2009) §2
 * (relative error ≤ 2e-14 there). For |x| ≥ 3: Φ(−|x|) = ½·erfc(|x|/√2) with erfc from its
 * continued fraction erfc(z) = e^{−z²}/√π · 1/(z + ½/(z + 1/(z + 3⁄2/(z + …)))) evaluated by the
 * modified Lentz method (Numerical Recipes 3rd ed. §5.2, §6.2), relative error ≈ 1e-15 in the
 * tail, down to the underflow of e^{−x²/2} (|x| ≈ 38.5). Cost: O(1) below 3, ≤ 60 iterations beyond.
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const absX = Math.abs(x);
  const tail = absX < 3 ? hartTail(absX) : continuedFractionTail(absX);
  return x > 0 ? 1 - tail : tail;
}

/** Φ(−a) for 0 ≤ a < 3 (Hart 5666). */
function hartTail(absX: number): number {
  const exponential = Math.exp(-0.5 * absX * absX);
  let numerator = 3.52624965998911e-2 * absX + 0.700383064443688;
  numerator = numerator * absX + 6.37396220353165;
  numerator = numerator * absX + 33.912866078383;
  numerator = numerator * absX + 112.079291497871;
  numerator = numerator * absX + 221.213596169931;
  numerator = numerator * absX + 220.206867912376;
  let denominator = 8.83883476483184e-2 * absX + 1.75566716318264;
  denominator = denominator * absX + 16.064177579207;
  denominator = denominator * absX + 86.7807322029461;
  denominator = denominator * absX + 296.564248779674;
  denominator = denominator * absX + 637.333633378831;
  denominator = denominator * absX + 793.826512519948;
  denominator = denominator * absX + 440.413735824752;
  return (exponential * numerator) / denominator;
}

/** Φ(−a) = ½·erfc(a/√2) for a ≥ 3, by the erfc continued fraction (modified Lentz). */
function continuedFractionTail(absX: number): number {
  if (absX > 38.5) return 0;
  const z = absX / Math.SQRT2;
  const tiny = 1e-300;
  let f = z;
  let c = z;
  let d = 0;
  for (let n = 1; n <= 200; n++) {
    const a = n / 2;
    d = z + a * d;
    d = Math.abs(d) < tiny ? 1 / tiny : 1 / d;
    c = z + a / c;
    if (Math.abs(c) < tiny) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-0.5 * absX * absX) / (2 * SQRT_PI * f);
}

const ACKLAM_A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2,
  -3.066479806614716e1, 2.506628277459239,
] as const;
const ACKLAM_B = [
  -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1,
  -1.328068155288572e1,
] as const;
const ACKLAM_C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734,
  4.374664141464968, 2.938163982698783,
] as const;
const ACKLAM_D = [
  7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416,
] as const;
const P_LOW = 0.02425;

/**
 * Standard normal quantile Φ⁻¹(p).
 *
 * P. J. Acklam's rational approximation (relative error 1.15e-9), refined by one Halley step
 * against {@link normalCdf}, which brings it to about 1e-15 relative for p ≥ 1e-300. Policy: p ∉ [0, 1] or NaN gives NaN;
 * p = 0 gives −Infinity and p = 1 gives +Infinity. Cost: O(1).
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  // Work in the lower half: 1 − p is exact for p ∈ [0.5, 1] (Sterbenz), so the upper tail is as
  // accurate as the lower one.
  if (p > 0.5) return -normalQuantile(1 - p);
  const [a0, a1, a2, a3, a4, a5] = ACKLAM_A;
  const [b0, b1, b2, b3, b4] = ACKLAM_B;
  const [c0, c1, c2, c3, c4, c5] = ACKLAM_C;
  const [d0, d1, d2, d3] = ACKLAM_D;
  let x: number;
  if (p < P_LOW || p > 1 - P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p < P_LOW ? p : 1 - p));
    const value =
      (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
      ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
    x = p < P_LOW ? value : -value;
  } else {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) /
      (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
  }
  // One Halley step: e = Φ(x) − p, u = e/φ(x), x ← x − u/(1 + x·u/2).
  const error = normalCdf(x) - p;
  const u = error * SQRT_2PI * Math.exp(0.5 * x * x);
  return x - u / (1 + 0.5 * x * u);
}
