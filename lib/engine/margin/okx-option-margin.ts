import { Side } from '../product/types';

/**
 * OKX's margin of one coin-margined option position (BTC-USD and ETH-USD options, settled in the
 * coin) outside portfolio margin, in coin. OKX help "Option Margin",
 * https://www.okx.com/help/ii-option-margin (published 2022-06-20, updated 2024-04-12; the
 * 2026-05-01 version adds USDⓈ-margined options with the same coin-margined column), per coin of
 * underlying, prices in coin:
 *   Position IMR (short) = max(a, b − OTM / F) · MF + mark
 *   MMR (short call)     = c · MF + mark
 *   MMR (short put)      = max(c, c · mark) · MF + mark
 *   long: no IMR or MMR ("customers pay the full premium for the position")
 * with a 0.1, b 0.15, c 0.03 (BTC) or 0.05 (ETH), MF the margin factor of the seller's position
 * tier (`optMgnFactor` of the public position tiers, instType OPTION), OTM the out-of-the-money
 * amount against F, "the mark price of the same expiry futures". A position's figure is the
 * per-coin one times its size in coins (contracts × ctVal × ctMult).
 *
 * Checked against OKX's own position row (BTC-USD-240830-55000-C, short 1 contract of 0.01 BTC,
 * markPx 0.1446234821387017 → mmr 0.001746234821387, okx-option-account.test.ts).
 *
 * F is the forward OKX quotes for the option's expiry (`fwdPx` of its option summary, the file's
 * `forwardPrice`), else the index (a position row carries `idxPx` only). F in this formula enters
 * the short's initial margin only, never the maintenance margin (the forward does move the
 * option's mark as prices move, okx-option-account.ts).
 * Cost: O(1).
 */
export interface OkxOptionParameters {
  readonly a: number;
  readonly b: number;
  readonly c: number;
}

const OKX_OPTION_PARAMETERS: Readonly<Record<string, OkxOptionParameters>> = {
  BTC: { a: 0.1, b: 0.15, c: 0.03 },
  ETH: { a: 0.1, b: 0.15, c: 0.05 },
};

/** The published parameters of an underlying's coin-margined options, or undefined. */
export function okxOptionParameters(base: string): OkxOptionParameters | undefined {
  return OKX_OPTION_PARAMETERS[base];
}

/** The underlyings whose option parameters OKX publishes. */
export function okxOptionUnderlyings(): string[] {
  return Object.keys(OKX_OPTION_PARAMETERS);
}

export interface OkxOptionMarginInput {
  readonly side: Side;
  readonly type: 'call' | 'put';
  readonly strike: number;
  /** F in OKX's IMR, USD: the expiry's forward, else the index (see above). */
  readonly underlying: number;
  /** The option's mark price, coin per coin of underlying. */
  readonly mark: number;
  /** Size in coins of underlying, positive. */
  readonly size: number;
  readonly marginFactor: number;
  readonly parameters: OkxOptionParameters;
}

/** Initial and maintenance margin of the position, in coin (0 and 0 for a long). */
export function okxOptionMargin(input: OkxOptionMarginInput): {
  initial: number;
  maintenance: number;
} {
  if (input.side === Side.long) return { initial: 0, maintenance: 0 };
  const { underlying, mark, size, marginFactor, parameters } = input;
  const outOfTheMoney =
    input.type === 'call'
      ? Math.max(input.strike - underlying, 0)
      : Math.max(underlying - input.strike, 0);
  const initial =
    (Math.max(parameters.a, parameters.b - outOfTheMoney / underlying) * marginFactor + mark) *
    size;
  return {
    initial,
    maintenance: okxShortOptionMaintenance(input.type, mark, size, marginFactor, parameters),
  };
}

/** Maintenance margin of `size` coins of a short option at option mark `mark` (coin). */
export function okxShortOptionMaintenance(
  type: 'call' | 'put',
  mark: number,
  size: number,
  marginFactor: number,
  parameters: OkxOptionParameters,
): number {
  const base = type === 'call' ? parameters.c : Math.max(parameters.c, parameters.c * mark);
  return (base * marginFactor + mark) * size;
}
