import type { Rng } from './rng';

/**
 * Draws from standard distributions out of one seeded {@link Rng}, read in blocks of words.
 *
 * The stream owns its generator: it reads ahead `blockWords` words at a time (1024 by default),
 * so after use the generator has moved past words the stream did not need. Every draw reads
 * whole pairs of words, so draws are a pure function of the seed and the sequence of calls
 * (replayable), whatever the block size.
 *
 * - uniform(): [0, 1), 53 random bits from two words. uniformOpen(): (0, 1), 52 bits plus a
 *   half step, never 0 or 1, for logarithms.
 * - normal(): standard normal by the Ziggurat method (Marsaglia & Tsang 2000, "The Ziggurat
 *   Method for Generating Random Variables", J. Statistical Software 5(8)), 128 layers,
 *   r = 3.442619855899, v = 9.91256303526217e-3, with the layer, the sign and the 53-bit
 *   abscissa taken from disjoint bits of two words (7 + 1 + 53), which avoids the correlation
 *   Doornik (2005, "An Improved Ziggurat Method to Generate Normal Random Samples") found when
 *   they share bits. ≈ 98.8% of draws cost two words, a table read and a compare; the rest take
 *   one more uniform and an exp (wedges) or two logs (the tail beyond r, Marsaglia 1964).
 * - gamma(shape): Marsaglia & Tsang (2000), "A simple method for generating gamma variables",
 *   ACM TOMS 26(3); shapes below 1 by the boost Gamma(a+1)·U^(1/a).
 * - chiSquare(ν): for whole ν ≤ 64 exactly as a sum, χ²_ν = −2·ln(U₁⋯U_⌊ν/2⌋) (+ Z² for odd ν):
 *   one log per draw; otherwise 2·Gamma(ν/2).
 * Units: dimensionless. Cost: O(1) per draw; no allocation after construction.
 */
const LAYERS = 128;
const R = 3.442619855899;
const V = 9.91256303526217e-3;
/** 2^−53 and 2^−52; 2^29 and 2^26 join the bits of two words into one integer. */
const TWO_POW_MINUS_53 = 1.1102230246251565e-16;
const TWO_POW_MINUS_52 = 2.220446049250313e-16;
const TWO_POW_29 = 536870912;
const TWO_POW_26 = 67108864;
/** Whole degrees of freedom up to this use the exact sum of exponentials for χ². */
const SUM_MAX_NU = 64;

/**
 * Ziggurat tables: layer i ≥ 1 is the box of width x_i between heights f(x_i) and f(x_{i+1}),
 * f(x) = e^{−x²/2}, each of area v; layer 0 is the base strip of width r plus the tail, taken
 * as a box of width v/f(r). x_1 = r, x_128 = 0. `ratio[i]` = x_{i+1}/x_i: below it the point is
 * under the curve for sure. Built at load from r and v by x_{i+1} = f⁻¹(f(x_i) + v/x_i); the
 * published 13-digit r and v close the top box, x_127·(1 − f(x_127)) = v, to 1.2e-9 relative.
 */
const WIDTH = new Float64Array(LAYERS + 1);
const HEIGHT = new Float64Array(LAYERS + 1);
const RATIO = new Float64Array(LAYERS);
{
  const density = (x: number) => Math.exp(-0.5 * x * x);
  WIDTH[0] = V / density(R);
  WIDTH[1] = R;
  HEIGHT[0] = 0;
  HEIGHT[1] = density(R);
  for (let i = 2; i < LAYERS; i++) {
    const previous = WIDTH[i - 1] as number;
    WIDTH[i] = Math.sqrt(-2 * Math.log(V / previous + density(previous)));
    HEIGHT[i] = density(WIDTH[i] as number);
  }
  WIDTH[LAYERS] = 0;
  HEIGHT[LAYERS] = 1;
  for (let i = 0; i < LAYERS; i++) RATIO[i] = (WIDTH[i + 1] as number) / (WIDTH[i] as number);
}

export class RandomStream {
  private readonly words: Uint32Array;
  /** Next unread word; always even, as every draw reads whole pairs of words. */
  private position: number;

  constructor(
    private readonly rng: Rng,
    blockWords = 1024,
  ) {
    if (!Number.isInteger(blockWords) || blockWords < 2 || blockWords % 2 !== 0)
      throw new RangeError(
        `RandomStream requires an even block of at least 2 words, got ${blockWords}`,
      );
    this.words = new Uint32Array(blockWords);
    this.position = blockWords;
  }

  /** Index of the next pair of words, refilling the block when it is used up. */
  private pair(): number {
    let position = this.position;
    if (position === this.words.length) {
      this.rng.fillUint32(this.words);
      position = 0;
    }
    this.position = position + 2;
    return position;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    const at = this.pair();
    const words = this.words;
    return (
      (((words[at] as number) >>> 5) * TWO_POW_26 + ((words[at + 1] as number) >>> 6)) *
      TWO_POW_MINUS_53
    );
  }

  /** Uniform in (0, 1): (k + ½)·2^−52 for a 52-bit k, so neither 0 nor 1 (finite, non-zero logs). */
  uniformOpen(): number {
    const at = this.pair();
    const words = this.words;
    return (
      (((words[at] as number) >>> 6) * TWO_POW_26 + ((words[at + 1] as number) >>> 6) + 0.5) *
      TWO_POW_MINUS_52
    );
  }

  /** One standard normal draw (Ziggurat; see the module comment). */
  normal(): number {
    const at = this.pair();
    const first = this.words[at] as number;
    const u = (first >>> 8) * TWO_POW_29 + ((this.words[at + 1] as number) >>> 3);
    const layer = first & 127;
    const abscissa = u * TWO_POW_MINUS_53;
    const x = abscissa * (WIDTH[layer] as number);
    if (abscissa < (RATIO[layer] as number)) return x * (1 - ((first >>> 6) & 2));
    return this.outsideBox(first, x);
  }

  /** Fills out[start, end) with independent standard normal draws (normal() with the fast path inlined). */
  fillNormal(out: Float64Array, start = 0, end = out.length): Float64Array {
    const words = this.words;
    let position = this.position;
    for (let index = start; index < end; index++) {
      if (position === words.length) {
        this.rng.fillUint32(words);
        position = 0;
      }
      const first = words[position] as number;
      const abscissa =
        ((first >>> 8) * TWO_POW_29 + ((words[position + 1] as number) >>> 3)) * TWO_POW_MINUS_53;
      position += 2;
      const layer = first & 127;
      const x = abscissa * (WIDTH[layer] as number);
      if (abscissa < (RATIO[layer] as number)) {
        // Bit 7 is the sign: 1 − 2·bit, without a branch that would mispredict half the time.
        out[index] = x * (1 - ((first >>> 6) & 2));
      } else {
        this.position = position;
        out[index] = this.outsideBox(first, x);
        position = this.position;
      }
    }
    this.position = position;
    return out;
  }

  /**
   * The ≈ 1.2% of draws that fall outside their layer's inner box: the tail beyond r for layer 0
   * (Marsaglia 1964: r + a with a = −ln(U₁)/r, accepted when −2·ln(U₂) > a²), else the wedge
   * test against the density; a rejected wedge point starts a new draw.
   */
  private outsideBox(first: number, x: number): number {
    const layer = first & 127;
    if (layer === 0) {
      let a: number;
      let b: number;
      do {
        a = -Math.log(this.uniformOpen()) / R;
        b = -Math.log(this.uniformOpen());
      } while (b + b < a * a);
      return first & 128 ? -(R + a) : R + a;
    }
    const low = HEIGHT[layer] as number;
    if (low + this.uniform() * ((HEIGHT[layer + 1] as number) - low) < Math.exp(-0.5 * x * x))
      return first & 128 ? -x : x;
    return this.normal();
  }
  /** One Gamma(shape, scale 1) draw (Marsaglia & Tsang 2000). gamma requires shape > 0. */
  gamma(shape: number): number {
    if (!(shape > 0)) throw new RangeError(`gamma requires shape > 0, got ${shape}`);
    if (shape < 1) return this.gamma(shape + 1) * Math.pow(this.uniformOpen(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = this.normal();
      const cubeRoot = 1 + c * x;
      if (cubeRoot <= 0) continue;
      const v = cubeRoot * cubeRoot * cubeRoot;
      const u = this.uniformOpen();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v)))
        return d * v;
    }
  }

  /**
   * One χ²_ν draw, ν > 0 degrees of freedom. Whole ν ≤ 64: −2·ln of a product of ⌊ν/2⌋
   * open uniforms (so the draw is > 0 for ν ≥ 2) (a sum of ⌊ν/2⌋ exponentials of mean 2), plus a squared normal for odd ν; the
   * product is folded into a log sum before it could underflow. Otherwise 2·Gamma(ν/2).
   * chiSquare requires ν > 0.
   */
  chiSquare(degreesOfFreedom: number): number {
    const nu = degreesOfFreedom;
    if (!(nu > 0)) throw new RangeError(`chiSquare requires degrees of freedom > 0, got ${nu}`);
    if (!Number.isInteger(nu) || nu > SUM_MAX_NU) return 2 * this.gamma(nu / 2);
    let logSum = 0;
    let product = 1;
    for (let k = nu >>> 1; k > 0; k--) {
      product *= this.uniformOpen();
      if (product < 1e-280) {
        logSum += Math.log(product);
        product = 1;
      }
    }
    let value = -2 * (logSum + Math.log(product));
    if (nu & 1) {
      const z = this.normal();
      value += z * z;
    }
    return value;
  }
}
