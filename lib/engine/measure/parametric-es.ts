import { normalPdf, normalQuantile } from '../math/normal';

/**
 * Parametric (delta-normal) VaR, ES and Euler contributions: losses linear in the assets'
 * zero-mean normal log-returns, L = −Σ_p d_p·r_{a(p)}, with d_p a position's USD delta.
 *
 *   σ_p = √(Dᵀ Σ_h D),  VaR = σ_p·z_α,  ES = σ_p·φ(z_α)/(1 − α),
 *   contribution_p = d_p·(Σ_h D)_{a(p)}/σ_p · φ(z_α)/(1 − α)   (Tasche; methodology §6.2)
 *
 * D the per-asset sum of deltas, Σ_h the horizon covariance. Options enter by their delta, which
 * is this method's approximation; the Monte Carlo method reprices them in full. Cost: O(A² + P).
 */
export interface ParametricInput {
  readonly covariance: Float64Array;
  readonly assetCount: number;
  /** Per position: its asset index and USD delta. */
  readonly deltas: readonly { readonly assetIndex: number; readonly deltaUsd: number }[];
  readonly confidence: number;
}

export function parametricExpectedShortfall(input: ParametricInput): {
  valueAtRisk: number;
  expectedShortfall: number;
  contributions: Float64Array;
} {
  const { covariance, assetCount, deltas, confidence } = input;
  const assetDelta = new Float64Array(assetCount);
  for (const delta of deltas)
    assetDelta[delta.assetIndex] = (assetDelta[delta.assetIndex] ?? 0) + delta.deltaUsd;
  const sigmaD = new Float64Array(assetCount);
  let variance = 0;
  for (let i = 0; i < assetCount; i++) {
    let row = 0;
    for (let j = 0; j < assetCount; j++)
      row += (covariance[i * assetCount + j] ?? 0) * (assetDelta[j] ?? 0);
    sigmaD[i] = row;
    variance += (assetDelta[i] ?? 0) * row;
  }
  const sigma = Math.sqrt(Math.max(variance, 0));
  const z = normalQuantile(confidence);
  const tailFactor = normalPdf(z) / (1 - confidence);
  const contributions = Float64Array.from(deltas, (delta) =>
    sigma > 0 ? (delta.deltaUsd * (sigmaD[delta.assetIndex] ?? 0) * tailFactor) / sigma : 0,
  );
  return { valueAtRisk: sigma * z, expectedShortfall: sigma * tailFactor, contributions };
}
