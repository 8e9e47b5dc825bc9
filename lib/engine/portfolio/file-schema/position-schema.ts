import type Decimal from 'decimal.js';
import * as v from 'valibot';
import { parseSymbol } from '../../product/parse-symbol';
import { InstrumentKind, MarginMode, Side } from '../../product/types';
import { objectOf, pathTo, passed } from './cross-checks';
import { choiceField, figureField, describe, numberField, textField } from './field-schemas';
import { fileObject } from './file-object';
import { isInverseContract } from '../../product/inverse-contract';

/**
 * One position of an account in the portfolio file (DESIGN.md §4): a ccxt unified symbol, side,
 * contracts, prices as decimal strings, and optionally the venue's own figures. Checks that need
 * the account (the venue's instruments and margin modes, one leg per symbol) are the account's
 * (account-schema.ts).
 */

/** A ccxt unified symbol, read into its instrument (parse-symbol.ts). */
export function symbolField() {
  return v.pipe(
    textField(),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const instrument = parseSymbol(dataset.value);
      if (!('error' in instrument)) return instrument;
      addIssue({ message: instrument.error });
      return NEVER;
    }),
  );
}

const POSITION_MARGIN_MODES = [MarginMode.cross, MarginMode.isolated] as const;

/** A position's own margin mode: cross or isolated (portfolio margin is an account mode). */
function positionMarginModeField() {
  return v.picklist(POSITION_MARGIN_MODES, (issue) =>
    issue.input === MarginMode.portfolio
      ? 'portfolio margin is an account mode, not a position mode'
      : `must be one of "cross", "isolated", got ${describe(issue.input)}`,
  );
}

/** The maintenance rate of the tier in force: a fraction below 1. */
function maintenanceMarginRateField() {
  return v.pipe(
    figureField('nonNegative'),
    v.check(
      (rate: Decimal) => rate.lt(1),
      (issue) => `is a fraction (0.005 for 0.5%), got ${String(issue.input)}`,
    ),
  );
}

/**
 * A taker fee rate: a fraction from 0 to 1% (0.0005 for 0.05%). No venue charges more than a few
 * hundredths of a percent on a derivatives trade; a figure above 1% is a percentage written as a
 * fraction's digits.
 */
function takerFeeRateField() {
  return v.pipe(
    figureField('nonNegative'),
    v.check(
      (rate: Decimal) => rate.lte(0.01),
      (issue) => `is a fraction at most 0.01 (0.0005 for 0.05%), got ${String(issue.input)}`,
    ),
  );
}

/**
 * OKX's option margin factor of the seller's tier (`optMgnFactor`): 1 at the first tier, rising
 * with the seller's size; above 10 is not a factor OKX publishes.
 */
function optionMarginFactorField() {
  return v.pipe(
    figureField('positive'),
    v.check(
      (factor: Decimal) => factor.lte(10),
      (issue) => `is OKX's option margin factor (1 at the first tier), got ${String(issue.input)}`,
    ),
  );
}

/** Figures the venue itself reported for the position, kept to compare with ours. */
export const venueReportedPositionSchema = fileObject(
  {
    liquidationPrice: v.optional(v.nullable(figureField('nonNegative'))),
    maintenanceMargin: v.optional(figureField('nonNegative')),
    initialMargin: v.optional(figureField('nonNegative')),
  },
  { what: 'a position figure' },
);

const positionFields = fileObject(
  {
    symbol: symbolField(),
    side: choiceField([Side.long, Side.short]),
    contracts: figureField('positive'),
    contractSize: v.optional(figureField('positive')),
    entryPrice: figureField('positive'),
    markPrice: figureField('positive'),
    leverage: v.optional(numberField({ min: 0, exclusiveMin: true, max: 1000 })),
    marginMode: v.optional(positionMarginModeField()),
    isolatedMargin: v.optional(figureField('nonNegative')),
    positionSide: v.optional(choiceField([Side.long, Side.short])),
    maintenanceMarginRate: v.optional(maintenanceMarginRateField()),
    maintenanceAmount: v.optional(figureField('nonNegative')),
    maxLeverage: v.optional(numberField({ min: 1, max: 1000 })),
    takerFeeRate: v.optional(takerFeeRateField()),
    markIv: v.optional(numberField({ min: 0, exclusiveMin: true, max: 10 })),
    forwardPrice: v.optional(figureField('positive')),
    optionMarginFactor: v.optional(optionMarginFactorField()),
    venueReported: v.optional(venueReportedPositionSchema),
  },
  { what: 'a position field' },
);

type PositionFields = v.InferOutput<typeof positionFields>;

/**
 * A position with the checks across its own fields: a maintenance amount comes with its tier's
 * rate (whether the rate needs an amount depends on the venue: account-schema.ts), the leg
 * agrees with the side, an option has its mark IV (and only an option a forward), an inverse
 * contract its contract size.
 */
export const positionSchema = v.pipe(
  positionFields,
  v.rawCheck(({ dataset, addIssue }) => {
    const position = objectOf<PositionFields>(dataset);
    if (!position) return;
    const ok = (field: keyof PositionFields) => passed(dataset, [field]);
    const report = (field: keyof PositionFields, message: string) =>
      addIssue({ message, path: pathTo(position, [field]) });
    if (
      ok('maintenanceMarginRate') &&
      ok('maintenanceAmount') &&
      position.maintenanceAmount !== undefined &&
      position.maintenanceMarginRate === undefined
    )
      report(
        'maintenanceAmount',
        'needs the maintenanceMarginRate of the same tier (the tier in force)',
      );
    if (
      ok('positionSide') &&
      ok('side') &&
      position.positionSide !== undefined &&
      position.positionSide !== position.side
    )
      report('positionSide', `"${position.positionSide}" contradicts side "${position.side}"`);
    const instrument = ok('symbol') ? position.symbol : undefined;
    if (instrument?.kind === InstrumentKind.option && ok('markIv') && position.markIv === undefined)
      report('markIv', 'an option needs its mark implied volatility as a fraction (0.55 for 55%)');
    if (
      instrument !== undefined &&
      instrument.kind !== InstrumentKind.option &&
      ok('forwardPrice') &&
      position.forwardPrice !== undefined
    )
      report(
        'forwardPrice',
        "is the forward an option's mark IV applies to; this position is not an option, remove it",
      );
    if (
      instrument &&
      isInverseContract(instrument) &&
      ok('contractSize') &&
      position.contractSize === undefined
    )
      report(
        'contractSize',
        'is required for inverse contracts (USD per contract, e.g. "100" for BTCUSD)',
      );
  }),
);
