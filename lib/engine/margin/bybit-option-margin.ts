import { Side } from '../product/types';

/**
 * Bybit cross-margin (standard) initial and maintenance margin of one option position, in the
 * option's settlement asset (USDC or USDT, taken at par with USD as Bybit quotes them).
 *
 * Maintenance margin, short calls and short puts alike — Bybit "Initial and Maintenance Margin
 * Calculation (Options)", https://www.bybit.com/en/help-center/article?language=en_US&id=000001546
 * [OFFICIAL, 2023-12-04]:
 *   Position MM = [max(MM factor·S, MM factor·mark) + mark + liquidation fee rate·S]·|qty|
 * with S the underlying's index price and mark the option's mark price (USD per option on one
 * coin). Example 1 of that page: short 1 BTC call, S 30,000, mark 300 → MM 1,260 USDC (MM factor
 * 3%, liquidation fee rate 0.2%). The spread-comparison article's short put (Y7, methodology
 * §2.3: S 20,250, mark 290 → MM 938) uses the same form.
 * Long options: "Maintenance Margin is not required when a trader buys a Call Option or a Put
 * Option" (same page); the premium is paid from the wallet when bought, so no margin remains.
 *
 * Initial margin of a short option (the page's IM section is cut off in every copy we could read;
 * the formula below is the spread-comparison article's short put [OFFICIAL, Y7: IM 2,315] with the
 * out-of-the-money amount of a call as in a verbatim copy of the IM section, mobie.io "Bybit
 * Options: How to Calculate Initial Margin and Maintenance Margin" [3RD]):
 *   IM = max([max(0.15·S − OTM, 0.1·S) + max(entry, mark)]·|qty|, MM)
 *   OTM = max(K − S, 0) for a call, max(S − K, 0) for a put.
 *
 * Parameters are published for BTC options only (both examples are BTC); other underlyings are
 * refused by {@link bybitOptionParameters} rather than given BTC's figures.
 * Cost: O(1). Inputs must be positive and finite (the caller validates them).
 */
export interface BybitOptionParameters {
  readonly maintenanceFactor: number;
  readonly liquidationFeeRate: number;
  readonly initialFactor: number;
  readonly minimumInitialFactor: number;
  readonly source: string;
}

const BYBIT_OPTION_PARAMETERS: Readonly<Record<string, BybitOptionParameters>> = {
  BTC: {
    maintenanceFactor: 0.03,
    liquidationFeeRate: 0.002,
    initialFactor: 0.15,
    minimumInitialFactor: 0.1,
    source:
      'Bybit "Initial and Maintenance Margin Calculation (Options)" Example 1 (MM factor 3%, liquidation fee rate 0.2%) and the options spread-comparison article (IM 15%/10%)',
  },
};

/** The published option margin parameters of an underlying, or undefined when none are. */
export function bybitOptionParameters(base: string): BybitOptionParameters | undefined {
  return BYBIT_OPTION_PARAMETERS[base];
}

/** The underlyings whose option margin parameters are published. */
export function bybitOptionUnderlyings(): string[] {
  return Object.keys(BYBIT_OPTION_PARAMETERS);
}

export interface BybitOptionMarginInput {
  readonly side: Side;
  readonly type: 'call' | 'put';
  readonly strike: number;
  /** The underlying's index price, USD. */
  readonly index: number;
  /** Average entry price of the option, USD per option. */
  readonly entry: number;
  /** Mark price of the option, USD per option. */
  readonly mark: number;
  /** Number of options (each on one coin), positive. */
  readonly quantity: number;
  readonly parameters: BybitOptionParameters;
}

export function bybitOptionMargin(input: BybitOptionMarginInput): {
  initial: number;
  maintenance: number;
} {
  if (input.side === Side.long) return { initial: 0, maintenance: 0 };
  const { index, mark, quantity, parameters } = input;
  const maintenance = bybitShortOptionMaintenance(index, mark, quantity, parameters);
  const outOfTheMoney =
    input.type === 'call' ? Math.max(input.strike - index, 0) : Math.max(index - input.strike, 0);
  const initial = Math.max(
    (Math.max(
      parameters.initialFactor * index - outOfTheMoney,
      parameters.minimumInitialFactor * index,
    ) +
      Math.max(input.entry, mark)) *
      quantity,
    maintenance,
  );
  return { initial, maintenance };
}

/** Maintenance margin of `quantity` short options at index `index` and option mark `mark`. */
export function bybitShortOptionMaintenance(
  index: number,
  mark: number,
  quantity: number,
  parameters: BybitOptionParameters,
): number {
  return (
    (Math.max(parameters.maintenanceFactor * index, parameters.maintenanceFactor * mark) +
      mark +
      parameters.liquidationFeeRate * index) *
    quantity
  );
}
