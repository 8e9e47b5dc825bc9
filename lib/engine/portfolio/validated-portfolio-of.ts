import Decimal from 'decimal.js';
import type * as v from 'valibot';
import type { CollateralTable } from '../margin/collateral-table';
import type { TierTable } from '../margin/tier-table';
import { buildTiers } from '../margin/tiers';
import { collateralTableOfRows } from '../margin/collateral-table';
import { venueCollateralBasis, venueTierTableForm } from '../margin/venue-rules';
import { PositionMode, type Account, type Position } from '../product/types';
import type { accountSchema } from './file-schema/account-schema';
import { collateralRowOf, type collateralTableSchema } from './file-schema/collateral-table-schema';
import type { marketSchema } from './file-schema/market-schema';
import type { modelSchema } from './file-schema/model-schema';
import type { positionSchema } from './file-schema/position-schema';
import { tierRowOf, type tierTableSchema } from './file-schema/tier-table-schema';
import type { Distribution, MarketInput, ModelInput, ValidatedPortfolio } from './portfolio-types';
import { withoutUndefined } from './without-undefined';

/**
 * Builds the engine's view of a portfolio file that passed every check of its schema
 * (portfolio-file-schema.ts): money already read into `Decimal`s, symbols into instruments; here
 * tier tables are built (tiers.ts), documented defaults applied (`positionMode` one-way, a linear
 * contract's size 1 base unit) and absent optional fields left absent.
 */

type Checked<TSchema extends v.GenericSchema> = v.InferOutput<TSchema>;

/** The checked file's sections, as the root schema hands them over. */
export interface CheckedPortfolioFile {
  readonly asOf: string;
  readonly accounts: readonly Checked<typeof accountSchema>[];
  readonly market?: Checked<typeof marketSchema> | undefined;
  readonly model?: Checked<typeof modelSchema> | undefined;
  readonly tierTables?: readonly Checked<typeof tierTableSchema>[] | undefined;
  readonly collateralTables?: readonly Checked<typeof collateralTableSchema>[] | undefined;
}

export function validatedPortfolioOf(file: CheckedPortfolioFile): ValidatedPortfolio {
  return {
    version: 1,
    asOf: file.asOf,
    baseCurrency: 'USD',
    accounts: file.accounts.map(accountOf),
    market: file.market === undefined ? {} : marketOf(file.market),
    model: file.model === undefined ? {} : modelOf(file.model),
    ...(file.tierTables !== undefined && { tierTables: file.tierTables.map(tierTableOf) }),
    ...(file.collateralTables !== undefined && {
      collateralTables: file.collateralTables.map(collateralTableOf),
    }),
  };
}

function accountOf(account: Checked<typeof accountSchema>): Account {
  return {
    id: account.id,
    venue: account.venue,
    marginMode: account.marginMode,
    positionMode: account.positionMode ?? PositionMode.oneway,
    balances: account.balances.map((balance) => ({ asset: balance.asset, total: balance.total })),
    positions: account.positions.map(positionOf),
    ...(account.multiAssetsMargin !== undefined && {
      multiAssetsMargin: {
        source: account.multiAssetsMargin.source,
        asOf: account.multiAssetsMargin.asOf,
        assetIndex: account.multiAssetsMargin.assetIndex.map((entry) => ({ ...entry })),
      },
    }),
    ...(account.collateralIndex !== undefined && {
      collateralIndex: {
        source: account.collateralIndex.source,
        asOf: account.collateralIndex.asOf,
        prices: account.collateralIndex.prices.map((entry) => ({ ...entry })),
      },
    }),
    ...(account.venueReported !== undefined && {
      venueReported: withoutUndefined(account.venueReported),
    }),
  };
}

// A linear contract or spot position without `contractSize` counts base units (DESIGN.md §4);
// an inverse one must give it (position-schema.ts refuses it otherwise).
const ONE_BASE_UNIT = new Decimal(1);

function positionOf(position: Checked<typeof positionSchema>): Position {
  const { symbol: instrument, side, contracts, contractSize, entryPrice, markPrice } = position;
  return {
    symbol: instrument.symbol,
    instrument,
    side,
    contracts,
    contractSize: contractSize ?? ONE_BASE_UNIT,
    entryPrice,
    markPrice,
    ...withoutUndefined({
      leverage: position.leverage,
      marginMode: position.marginMode,
      isolatedMargin: position.isolatedMargin,
      positionSide: position.positionSide,
      maintenanceMarginRate: position.maintenanceMarginRate,
      maintenanceAmount: position.maintenanceAmount,
      maxLeverage: position.maxLeverage,
      takerFeeRate: position.takerFeeRate,
      markIv: position.markIv,
      forwardPrice: position.forwardPrice,
      optionMarginFactor: position.optionMarginFactor,
      venueReported:
        position.venueReported === undefined ? undefined : withoutUndefined(position.venueReported),
    }),
  };
}

function tierTableOf(table: Checked<typeof tierTableSchema>): TierTable {
  const form = venueTierTableForm(table.venue);
  if (!form) throw new RangeError(`validatedPortfolioOf requires a venue with tier tables`);
  const symbol = table.symbol.symbol;
  return {
    venue: table.venue,
    symbol,
    source: table.source,
    asOf: table.asOf,
    ...(table.accounts !== undefined && { accounts: [...table.accounts] }),
    basis: form.basis,
    tiers: buildTiers(table.tiers.map(tierRowOf), `${table.venue} ${symbol}`, form.form),
    complete: true,
  };
}

function collateralTableOf(table: Checked<typeof collateralTableSchema>): CollateralTable {
  const basis = venueCollateralBasis(table.venue);
  if (basis === undefined)
    throw new RangeError(`validatedPortfolioOf: ${table.venue} takes no collateral tables`);
  return collateralTableOfRows(
    { venue: table.venue, asset: table.asset, source: table.source, asOf: table.asOf },
    basis,
    table.tiers.map(collateralRowOf),
  );
}

function marketOf(market: Checked<typeof marketSchema>): MarketInput {
  return withoutUndefined({ ...market });
}

function modelOf(model: Checked<typeof modelSchema>): ModelInput {
  const { distribution, ...rest } = model;
  return withoutUndefined({
    ...rest,
    distribution: distribution === undefined ? undefined : distributionOf(distribution),
  });
}

function distributionOf(
  distribution: NonNullable<Checked<typeof modelSchema>['distribution']>,
): Distribution {
  if (distribution.type === 'normal') return { type: 'normal' };
  if (distribution.nu === undefined)
    throw new RangeError('validatedPortfolioOf requires nu for a student-t distribution');
  return { type: 'student-t', nu: distribution.nu };
}
