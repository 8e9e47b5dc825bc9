import * as v from 'valibot';
import {
  venueAllowsPositionMarginMode,
  venueReadsTakerFee,
  venueReadsOptionMarginFactor,
  venueHasCollateralIndex,
  venueHasMultiAssetsMode,
  venueMarginModes,
  venueSupportsInstrument,
  venueSupportsMarginMode,
  venueTierTableForm,
} from '../../margin/venue-rules';
import { TierForm } from '../../margin/tiers';
import { InstrumentKind, MarginMode, PositionMode } from '../../product/types';
import { formatCount, PORTFOLIO_LIMITS } from '../portfolio-limits';
import { objectOf, pathTo, passed } from './cross-checks';
import { choiceField, figureField, textField } from './field-schemas';
import { fileObject, limitedFileArray, type FileArrayLimit } from './file-object';
import { collateralIndexSchema } from './collateral-index-schema';
import { multiAssetsMarginSchema } from './multi-assets-margin-schema';
import { positionSchema } from './position-schema';
import { venueField } from './venue-field';

/**
 * One account of the portfolio file (DESIGN.md §4): one margin silo on one venue, with its
 * margin and position modes, balances and positions, and optionally the venue's own account
 * figures. Its checks across fields are the venue's: the margin modes its rules cover, the
 * instruments they price, one position per symbol (one-way) or one leg per side (hedge mode).
 */

export const balanceSchema = fileObject(
  { asset: textField(), total: figureField() },
  { what: 'a balance field', lastJoin: 'and' },
);

/** Account figures the venue reported: margin ratio (MM / equity, a fraction), MM, equity. */
export const venueReportedAccountSchema = fileObject(
  {
    marginRatio: v.optional(figureField('nonNegative')),
    maintenanceMargin: v.optional(figureField('nonNegative')),
    equity: v.optional(figureField()),
  },
  { what: 'an account figure' },
);

/** At most `most` items of one account's array, named `what` ("positions", "balances"). */
function perAccountLimit(what: string, most: number): FileArrayLimit {
  return {
    count: (items) => items.length,
    most,
    refusal: (count) =>
      `the account has ${formatCount(count)} ${what}; at most ${formatCount(most)} are read per account`,
  };
}

const accountFields = fileObject(
  {
    id: textField(),
    venue: venueField(),
    marginMode: choiceField([MarginMode.cross, MarginMode.isolated, MarginMode.portfolio]),
    positionMode: v.optional(choiceField([PositionMode.oneway, PositionMode.hedge])),
    balances: limitedFileArray(balanceSchema, [
      perAccountLimit('balances', PORTFOLIO_LIMITS.balancesPerAccount),
    ]),
    positions: limitedFileArray(positionSchema, [
      perAccountLimit('positions', PORTFOLIO_LIMITS.positionsPerAccount),
    ]),
    multiAssetsMargin: v.optional(multiAssetsMarginSchema),
    collateralIndex: v.optional(collateralIndexSchema),
    venueReported: v.optional(venueReportedAccountSchema),
  },
  { what: 'an account field' },
);

type AccountFields = v.InferOutput<typeof accountFields>;

export const accountSchema = v.pipe(
  accountFields,
  v.rawCheck(({ dataset, addIssue }) => {
    const account = objectOf<AccountFields>(dataset);
    if (!account) return;
    const ok = (...path: (string | number)[]) => passed(dataset, path);
    const positions = Array.isArray(account.positions) ? account.positions : [];
    const whole = positions.map((_, index) => ok('positions', index));
    const venue = ok('venue') ? account.venue : undefined;

    const marginMode = ok('marginMode') ? account.marginMode : undefined;
    if (venue !== undefined && marginMode !== undefined) {
      const modes = venueMarginModes(venue).map((mode) => `"${mode}"`);
      if (!venueSupportsMarginMode(venue, marginMode))
        addIssue({
          message: `"${marginMode}" margin is not supported on ${venue}; use ${modes.join(' or ')}`,
          path: pathTo(account, ['marginMode']),
        });
    }

    if (account.multiAssetsMargin !== undefined && venue !== undefined) {
      if (!venueHasMultiAssetsMode(venue))
        addIssue({
          message: `${venue} has no Multi-Assets mode; remove multiAssetsMargin`,
          path: pathTo(account, ['multiAssetsMargin']),
        });
      else if (marginMode !== undefined && marginMode !== MarginMode.cross)
        addIssue({
          message: `Multi-Assets mode supports cross margin only; set marginMode "cross"`,
          path: pathTo(account, ['marginMode']),
        });
    }

    if (account.collateralIndex !== undefined && venue !== undefined) {
      if (!venueHasCollateralIndex(venue))
        addIssue({
          message: `${venue} does not value collateral at an index of its own; remove collateralIndex`,
          path: pathTo(account, ['collateralIndex']),
        });
      else if (marginMode !== undefined && marginMode !== MarginMode.cross)
        addIssue({
          message: `collateralIndex values a cross-margin account's collateral; set marginMode "cross"`,
          path: pathTo(account, ['marginMode']),
        });
    }

    positions.forEach((position, index) => {
      if (venue === undefined) return;
      const instrument = ok('positions', index, 'symbol') ? position.symbol : undefined;
      if (instrument && !venueSupportsInstrument(venue, instrument))
        addIssue({
          message: `${instrument.kind} contracts settled in ${instrument.settle} are not supported on ${venue} yet`,
          path: pathTo(account, ['positions', index, 'symbol']),
        });
      const tierProblem = tierInForceProblem(venue, position, (field) =>
        ok('positions', index, field),
      );
      if (tierProblem)
        addIssue({
          message: tierProblem.message,
          path: pathTo(account, ['positions', index, tierProblem.field]),
        });
      if (
        position.takerFeeRate !== undefined &&
        ok('positions', index, 'takerFeeRate') &&
        !venueReadsTakerFee(venue)
      )
        addIssue({
          message: `${venue}'s margin and liquidation rules take no taker fee here; remove takerFeeRate`,
          path: pathTo(account, ['positions', index, 'takerFeeRate']),
        });
      if (
        position.optionMarginFactor !== undefined &&
        ok('positions', index, 'optionMarginFactor') &&
        (!venueReadsOptionMarginFactor(venue) || instrument?.kind !== InstrumentKind.option)
      )
        addIssue({
          message: `optionMarginFactor is OKX's option seller-tier factor; ${venueReadsOptionMarginFactor(venue) ? 'this position is not an option' : `${venue}'s rules take none`}, remove it`,
          path: pathTo(account, ['positions', index, 'optionMarginFactor']),
        });
      const mode = ok('positions', index, 'marginMode') ? position.marginMode : undefined;
      if (mode !== undefined && !venueAllowsPositionMarginMode(venue, mode))
        addIssue({
          message: `${venue} has no per-position margin modes; set the account's marginMode`,
          path: pathTo(account, ['positions', index, 'marginMode']),
        });
    });

    // One-way mode: one position per symbol. Hedge mode: at most one long and one short leg.
    if (!ok('positionMode')) return;
    const oneway = (account.positionMode ?? PositionMode.oneway) === PositionMode.oneway;
    const legs = new Set<string>();
    positions.forEach((position, index) => {
      if (!whole[index]) return;
      const symbol = position.symbol.symbol;
      const leg = oneway ? symbol : `${symbol} ${position.side}`;
      if (legs.has(leg))
        addIssue({
          message: oneway
            ? 'appears twice in one-way mode; set positionMode "hedge" for long and short legs'
            : `has two ${position.side} legs; hedge mode holds one long and one short leg per symbol`,
          path: pathTo(account, ['positions'], symbol),
        });
      legs.add(leg);
    });
  }),
);

/**
 * The tier in force a position carries, read by its venue's tier form (tiers.ts): where tiers
 * have a deduction (MM = notional × MMR − amount: Binance, Bybit) the rate needs its amount;
 * where they have none (MM = notional × MMR: OKX's position tiers) the rate stands alone and an
 * amount other than 0 is refused, so the maintenance margin and the liquidation price read the
 * same tier. Venues without tier tables (Deribit, Hyperliquid) take the pair, as a tier in force.
 */
function tierInForceProblem(
  venue: string,
  position: Partial<v.InferOutput<typeof positionSchema>>,
  passedField: (field: 'maintenanceMarginRate' | 'maintenanceAmount') => boolean,
): { field: 'maintenanceMarginRate' | 'maintenanceAmount'; message: string } | undefined {
  if (!passedField('maintenanceMarginRate') || !passedField('maintenanceAmount')) return undefined;
  const { maintenanceMarginRate: rate, maintenanceAmount: amount } = position;
  if (rate === undefined) return undefined;
  const form = venueTierTableForm(venue)?.form;
  if (form === TierForm.flat) {
    return amount === undefined || amount.isZero()
      ? undefined
      : {
          field: 'maintenanceAmount',
          message: `must be 0 or left out: ${venue} tiers have no maintenance amount (MM = notional × maintenanceMarginRate), got ${amount.toString()}`,
        };
  }
  return amount === undefined
    ? {
        field: 'maintenanceMarginRate',
        message: `needs the tier's maintenanceAmount too on ${venue} (MM = notional × maintenanceMarginRate − maintenanceAmount; "0" for a tier without one)`,
      }
    : undefined;
}

/** Positions of every account as written, before any is read (a field that is no array: none). */
function positionCount(accounts: readonly unknown[]): number {
  let count = 0;
  for (const account of accounts) {
    const positions: unknown =
      typeof account === 'object' && account !== null
        ? (account as { positions?: unknown }).positions
        : undefined;
    if (Array.isArray(positions)) count += positions.length;
  }
  return count;
}

const ACCOUNT_LIMITS: readonly FileArrayLimit[] = [
  {
    count: (accounts) => accounts.length,
    most: PORTFOLIO_LIMITS.accounts,
    refusal: (count) =>
      `the portfolio has ${formatCount(count)} accounts; at most ${formatCount(PORTFOLIO_LIMITS.accounts)} are read`,
  },
  {
    count: positionCount,
    most: PORTFOLIO_LIMITS.positions,
    refusal: (count) =>
      `the accounts hold ${formatCount(count)} positions; at most ${formatCount(PORTFOLIO_LIMITS.positions)} are read in all`,
  },
];

/**
 * The file's accounts, within the caps of portfolio-limits.ts (accounts, positions in all);
 * ids are unique (they name the accounts in every report).
 */
export const accountsSchema = v.pipe(
  limitedFileArray(accountSchema, ACCOUNT_LIMITS),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!Array.isArray(dataset.value)) return;
    const accounts = dataset.value as Partial<AccountFields>[];
    const seen = new Set<string>();
    accounts.forEach((account, index) => {
      if (!passed(dataset, [index, 'id']) || account.id === undefined) return;
      if (seen.has(account.id))
        addIssue({
          message: 'is used by another account; ids must be unique',
          path: pathTo(accounts, [index, 'id']),
        });
      seen.add(account.id);
    });
  }),
);
