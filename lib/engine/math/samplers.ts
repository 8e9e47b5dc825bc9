import type { Rng } from './rng';

/**
 * Draws from standard distributions, each taking an injected {@link Rng}.
 *
 * The polar-method loop is written out in each sampler on purpose: a shared helper returning the
 * pair allocates, which cost ~10% of the liquidation path simulation (`npm run bench`).
 */

/**
 * Fills `out` with independent standard normal draws (Marsaglia polar method, pairs of
 * uniforms on the unit disc; Marsaglia & Bray 1964). Cost: ≈1.27 uniform pairs per two draws.
 */
export function fillStandardNormal(rng: Rng, out: Float64Array): Float64Array {
  let index = 0;
  while (index < out.length) {
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * rng.nextDouble() - 1;
      v = 2 * rng.nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    out[index++] = u * factor;
    if (index < out.length) out[index++] = v * factor;
  }
  return out;
}

/** One standard normal draw (polar method; the second value of the pair is discarded). */
export function standardNormal(rng: Rng): number {
  let u: number;
  let v: number;
  let s: number;
  do {
    u = 2 * rng.nextDouble() - 1;
    v = 2 * rng.nextDouble() - 1;
    s = u * u + v * v;
  } while (s >= 1 || s === 0);
  return u * Math.sqrt((-2 * Math.log(s)) / s);
}

/**
 * One Gamma(shape, scale = 1) draw by Marsaglia & Tsang (2000), "A simple method for generating
 * gamma variables", ACM TOMS 26(3). Shapes below 1 use the boost Gamma(a+1)·U^(1/a).
 * gammaSample requires shape > 0.
 */
export function gammaSample(rng: Rng, shape: number): number {
  if (!(shape > 0)) throw new RangeError(`gammaSample requires shape > 0, got ${shape}`);
  if (shape < 1) {
    const u = rng.nextDouble();
    return gammaSample(rng, shape + 1) * Math.pow(u === 0 ? Number.MIN_VALUE : u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    // One polar pair gives two normal candidates for the acceptance test.
    let u1: number;
    let u2: number;
    let s: number;
    do {
      u1 = 2 * rng.nextDouble() - 1;
      u2 = 2 * rng.nextDouble() - 1;
      s = u1 * u1 + u2 * u2;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    for (const x of [u1 * factor, u2 * factor]) {
      const cubeRoot = 1 + c * x;
      if (cubeRoot <= 0) continue;
      const v = cubeRoot * cubeRoot * cubeRoot;
      const u = rng.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v)))
        return d * v;
    }
  }
}

/** One chi-square draw with `degreesOfFreedom` > 0: χ²_ν = 2·Gamma(ν/2). */
export function chiSquareSample(rng: Rng, degreesOfFreedom: number): number {
  return 2 * gammaSample(rng, degreesOfFreedom / 2);
}
