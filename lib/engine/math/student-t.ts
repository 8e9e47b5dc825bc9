import { logGamma } from './log-gamma';

/**
 * Student-t tail probabilities, for the closed forms the path model is checked against.
 *
 * For the standard t with ν degrees of freedom and t ≥ 0, P(T > t) = ½·I_x(ν/2, ½) with
 * x = ν/(ν + t²), I the regularised incomplete beta function (Abramowitz & Stegun 26.7.1).
 * I_x(a, b) is evaluated by its continued fraction (A&S 26.5.8) with the modified Lentz method
 * (Press et al., Numerical Recipes, 3rd ed., §6.4), using the symmetry I_x(a,b) = 1 − I_{1−x}(b,a)
 * where the fraction converges slowly (x > (a+1)/(a+b+2)). Relative accuracy about 1e-14.
 * Policy: ν ≤ 0 or NaN input gives NaN. Cost: O(√(max(a,b))) terms, a few dozen in practice.
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront =
    logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  if (x > (a + 1) / (a + b + 2)) return 1 - regularizedIncompleteBeta(1 - x, b, a);
  return (Math.exp(logFront) * betaContinuedFraction(x, a, b)) / a;
}

const TINY = 1e-300;
const EPSILON = 1e-15;
const MAX_TERMS = 500;

function betaContinuedFraction(x: number, a: number, b: number): number {
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let fraction = d;
  for (let m = 1; m <= MAX_TERMS; m++) {
    const m2 = 2 * m;
    // Even step: d_{2m} = m(b−m)x / ((a+2m−1)(a+2m)).
    let numerator = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + numerator * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + numerator / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    fraction *= d * c;
    // Odd step: d_{2m+1} = −(a+m)(a+b+m)x / ((a+2m)(a+2m+1)).
    numerator = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + numerator * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + numerator / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    fraction *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return fraction;
}

/** P(T > t) for the standard Student-t with ν degrees of freedom (any real t). */
export function studentTSurvival(t: number, nu: number): number {
  if (!(nu > 0) || Number.isNaN(t)) return Number.NaN;
  const tail = 0.5 * regularizedIncompleteBeta(nu / (nu + t * t), nu / 2, 0.5);
  return t >= 0 ? tail : 1 - tail;
}

/**
 * P(T > t) for the unit-variance Student-t, T = T_ν·√((ν−2)/ν), ν > 2: the scaling the
 * engine's Monte Carlo and path model use (monte-carlo-log-returns.ts).
 */
export function unitVarianceStudentTSurvival(t: number, nu: number): number {
  if (!(nu > 2)) return Number.NaN;
  return studentTSurvival(t / Math.sqrt((nu - 2) / nu), nu);
}
