import Decimal from 'decimal.js';
import type { TierTable } from '../margin/tier-table';
import { buildTiers, tierRowProblems, type TierRow } from '../margin/tiers';
import {
  supportedVenueIds,
  venueAllowsPositionMarginMode,
  venueMarginModes,
  venueSupportsInstrument,
  venueSupportsMarginMode,
  venueTierTableForm,
} from '../margin/venue-rules';
import { parseSymbol } from '../product/parse-symbol';
import {
  InstrumentKind,
  MarginMode,
  PositionMode,
  Side,
  type Account,
  type Balance,
  type Position,
  type VenueReportedAccount,
  type VenueReportedPosition,
} from '../product/types';
import { FieldReader } from './field-reader';
import { parseCollateralTables } from './parse-collateral-tables';
import { PortfolioError } from './portfolio-error';
import {
  ScenarioMethod,
  type Distribution,
  type MarketInput,
  type ModelInput,
  type ValidatedPortfolio,
} from './portfolio-types';

const MARGIN_MODES = Object.values(MarginMode);
const POSITION_MODES = Object.values(PositionMode);
const SIDES = Object.values(Side);
const METHODS = Object.values(ScenarioMethod);

/**
 * Validates a parsed portfolio file (DESIGN.md §4, version 1) into a {@link ValidatedPortfolio}.
 *
 * Every problem in the file is collected and thrown together as a {@link PortfolioError}; each
 * names its place, e.g. `accounts[0] "binance-main" positions[1] "BTC/USDT:USDT" contracts: must
 * be a positive decimal`. Nothing is skipped or defaulted silently: defaults for absent optional
 * fields are applied later and reported in the risk report's `inputs`.
 *
 * Extensions of DESIGN.md §4: a top-level `tierTables` array (one venue table per venue and
 * symbol, shape `PortfolioFileTierTable`: `{ venue, symbol, source, asOf, tiers: [{ floor, cap,
 * maintenanceMarginRate, maintenanceAmount?, maxLeverage }] }`, `cap` null for no bound; floor and
 * cap bound the notional in the settlement asset, or the size in base units for OKX, tier-table.ts),
 * whose published maintenance amounts are checked against the recursion; a top-level
 * `collateralTables` array (the venues' collateral rates by asset, parse-collateral-tables.ts);
 * and an account's `venueReported` (`marginRatio` = maintenance margin / equity,
 * `maintenanceMargin`, `equity`).
 */
export function parsePortfolio(json: unknown): ValidatedPortfolio {
  const reader = new FieldReader();
  const root = reader.object(json, 'portfolio');
  if (!root) throw new PortfolioError(reader.problems);

  if (root.version !== 1)
    reader.report('version', `must be 1, got ${JSON.stringify(root.version) ?? 'nothing'}`);
  const asOf = reader.string(root.asOf, 'asOf');
  if (asOf !== undefined && Number.isNaN(Date.parse(asOf)))
    reader.report('asOf', `must be an ISO-8601 time, got "${asOf}"`);
  const baseCurrency = root.baseCurrency ?? 'USD';
  if (baseCurrency !== 'USD')
    reader.report(
      'baseCurrency',
      `must be "USD" (the only base currency so far), got ${JSON.stringify(baseCurrency)}`,
    );

  const accounts: Account[] = [];
  const rawAccounts = reader.array(root.accounts, 'accounts') ?? [];
  const seenIds = new Set<string>();
  rawAccounts.forEach((raw, index) => {
    const account = parseAccount(reader, raw, index);
    if (!account) return;
    if (seenIds.has(account.id))
      reader.report(
        `accounts[${index}] "${account.id}" id`,
        'is used by another account; ids must be unique',
      );
    seenIds.add(account.id);
    accounts.push(account);
  });

  const market = root.market === undefined ? {} : parseMarket(reader, root.market);
  const model = root.model === undefined ? {} : parseModel(reader, root.model);
  const tierTables =
    root.tierTables === undefined ? undefined : parseTierTables(reader, root.tierTables);
  const collateralTables =
    root.collateralTables === undefined
      ? undefined
      : parseCollateralTables(reader, root.collateralTables);

  if (reader.problems.length > 0 || asOf === undefined) throw new PortfolioError(reader.problems);
  return {
    version: 1,
    asOf,
    baseCurrency: 'USD',
    accounts,
    market,
    model,
    ...(tierTables !== undefined && { tierTables }),
    ...(collateralTables !== undefined && { collateralTables }),
  };
}

/** The top-level `tierTables`: at most one table per venue and symbol, each built (tiers.ts). */
function parseTierTables(reader: FieldReader, raw: unknown): TierTable[] {
  const tables: TierTable[] = [];
  const seen = new Set<string>();
  (reader.array(raw, 'tierTables') ?? []).forEach((rawTable, index) => {
    const table = parseTierTable(reader, rawTable, index);
    if (!table) return;
    const key = `${table.venue} ${table.symbol}`;
    if (seen.has(key)) {
      reader.report(
        `tierTables[${index}] "${table.symbol}"`,
        `is the second table for ${table.venue} ${table.symbol}; give one table per venue and symbol`,
      );
      return;
    }
    seen.add(key);
    tables.push(table);
  });
  return tables;
}

function parseTierTable(reader: FieldReader, raw: unknown, index: number): TierTable | undefined {
  const object = reader.object(raw, `tierTables[${index}]`);
  if (!object) return undefined;
  const where =
    typeof object.symbol === 'string'
      ? `tierTables[${index}] "${object.symbol}"`
      : `tierTables[${index}]`;
  const venue = reader.oneOf(object.venue, supportedVenueIds(), `${where} venue`);
  const form = venue === undefined ? undefined : venueTierTableForm(venue);
  if (venue !== undefined && form === undefined) {
    reader.report(
      `${where} venue`,
      `${venue} margin uses no tier tables (its rules take no tiers); remove the table`,
    );
  }
  const symbol = reader.string(object.symbol, `${where} symbol`);
  const instrument = symbol === undefined ? undefined : parseSymbol(symbol);
  if (instrument && 'error' in instrument) reader.report(`${where} symbol`, instrument.error);
  else if (instrument && venue !== undefined && !venueSupportsInstrument(venue, instrument)) {
    reader.report(
      `${where} symbol`,
      `${instrument.kind} contracts settled in ${instrument.settle} are not supported on ${venue} yet`,
    );
  }
  const source = reader.string(object.source, `${where} source`);
  const asOf = reader.string(object.asOf, `${where} asOf`);
  if (asOf !== undefined && Number.isNaN(Date.parse(asOf)))
    reader.report(`${where} asOf`, `must be an ISO-8601 time, got "${asOf}"`);
  const rows: TierRow[] = [];
  let rowsComplete = true;
  const rawTiers = reader.array(object.tiers, `${where} tiers`);
  if (rawTiers?.length === 0) reader.report(`${where} tiers`, 'must hold at least one tier');
  (rawTiers ?? []).forEach((rawTier, tierIndex) => {
    const row = parseTierRow(reader, rawTier, `${where} tiers[${tierIndex}]`);
    if (row) rows.push(row);
    else rowsComplete = false;
  });
  if (rowsComplete && form !== undefined && rows.length > 0) {
    for (const problem of tierRowProblems(rows, form.form))
      reader.report(`${where} tiers[${problem.index}] ${problem.field}`, problem.message);
  }
  if (
    venue === undefined ||
    form === undefined ||
    instrument === undefined ||
    'error' in instrument ||
    source === undefined ||
    asOf === undefined ||
    !rowsComplete ||
    rows.length === 0 ||
    tierRowProblems(rows, form.form).length > 0
  )
    return undefined;
  return {
    venue,
    symbol: instrument.symbol,
    source,
    asOf,
    basis: form.basis,
    tiers: buildTiers(rows, `${venue} ${instrument.symbol}`, form.form),
    complete: true,
  };
}

/** One tier row: decimal strings, `cap` null for no bound, max leverage a number. */
function parseTierRow(reader: FieldReader, raw: unknown, where: string): TierRow | undefined {
  const object = reader.object(raw, where);
  if (!object) return undefined;
  const floor = reader.decimal(object.floor, `${where} floor`, 'nonNegative');
  const cap = object.cap === null ? null : reader.decimal(object.cap, `${where} cap`, 'positive');
  const rate = reader.decimal(
    object.maintenanceMarginRate,
    `${where} maintenanceMarginRate`,
    'nonNegative',
  );
  const amount =
    object.maintenanceAmount === undefined
      ? undefined
      : reader.decimal(object.maintenanceAmount, `${where} maintenanceAmount`, 'nonNegative');
  const maxLeverage = reader.number(object.maxLeverage, `${where} maxLeverage`, {
    min: 1,
    max: 1000,
  });
  if (
    floor === undefined ||
    cap === undefined ||
    rate === undefined ||
    maxLeverage === undefined ||
    (object.maintenanceAmount !== undefined && amount === undefined)
  )
    return undefined;
  return {
    floor: floor.toString(),
    cap: cap === null ? null : cap.toString(),
    maintenanceMarginRate: rate.toString(),
    maxLeverage,
    ...(amount !== undefined && { maintenanceAmount: amount.toString() }),
  };
}

function parseAccount(reader: FieldReader, raw: unknown, index: number): Account | undefined {
  const object = reader.object(raw, `accounts[${index}]`);
  if (!object) return undefined;
  const idText = typeof object.id === 'string' ? ` "${object.id}"` : '';
  const where = `accounts[${index}]${idText}`;
  const id = reader.string(object.id, `${where} id`);
  const venue = reader.oneOf(object.venue, supportedVenueIds(), `${where} venue`);
  const marginMode = reader.oneOf(object.marginMode, MARGIN_MODES, `${where} marginMode`);
  const positionMode =
    object.positionMode === undefined
      ? PositionMode.oneway
      : reader.oneOf(object.positionMode, POSITION_MODES, `${where} positionMode`);

  if (
    venue !== undefined &&
    marginMode !== undefined &&
    !venueSupportsMarginMode(venue, marginMode)
  ) {
    reader.report(
      `${where} marginMode`,
      `"${marginMode}" margin is not supported on ${venue}; use ${venueMarginModes(venue)
        .map((mode) => `"${mode}"`)
        .join(' or ')}`,
    );
  }
  const balances: Balance[] = [];
  (reader.array(object.balances, `${where} balances`) ?? []).forEach((rawBalance, balanceIndex) => {
    const balanceWhere = `${where} balances[${balanceIndex}]`;
    const balance = reader.object(rawBalance, balanceWhere);
    if (!balance) return;
    const asset = reader.string(balance.asset, `${balanceWhere} asset`);
    const total = reader.decimal(balance.total, `${balanceWhere} total`);
    if (asset !== undefined && total !== undefined) balances.push({ asset, total });
  });

  const positions: Position[] = [];
  (reader.array(object.positions, `${where} positions`) ?? []).forEach(
    (rawPosition, positionIndex) => {
      const position = parsePosition(
        reader,
        rawPosition,
        `${where} positions[${positionIndex}]`,
        venue,
      );
      if (position) positions.push(position);
    },
  );

  // One-way mode: one position per symbol. Hedge mode: at most one long and one short leg.
  const legs = new Set<string>();
  for (const position of positions) {
    const leg =
      positionMode === PositionMode.oneway
        ? position.symbol
        : `${position.symbol} ${position.side}`;
    if (legs.has(leg)) {
      reader.report(
        `${where} positions "${position.symbol}"`,
        positionMode === PositionMode.oneway
          ? 'appears twice in one-way mode; set positionMode "hedge" for long and short legs'
          : `has two ${position.side} legs; hedge mode holds one long and one short leg per symbol`,
      );
    }
    legs.add(leg);
  }

  const venueReported =
    object.venueReported === undefined
      ? undefined
      : parseAccountVenueReported(reader, object.venueReported, `${where} venueReported`);

  if (
    id === undefined ||
    venue === undefined ||
    marginMode === undefined ||
    positionMode === undefined
  )
    return undefined;
  return {
    id,
    venue,
    marginMode,
    positionMode,
    balances,
    positions,
    ...(venueReported !== undefined && { venueReported }),
  };
}

/** An account's own figures from the venue: margin ratio (MM / equity, a fraction), MM, equity. */
function parseAccountVenueReported(
  reader: FieldReader,
  raw: unknown,
  where: string,
): VenueReportedAccount | undefined {
  const object = reader.object(raw, where);
  if (!object) return undefined;
  const field = (name: 'marginRatio' | 'maintenanceMargin' | 'equity') =>
    object[name] === undefined
      ? undefined
      : reader.decimal(object[name], `${where} ${name}`, name === 'equity' ? 'any' : 'nonNegative');
  for (const key of Object.keys(object)) {
    if (!['marginRatio', 'maintenanceMargin', 'equity'].includes(key))
      reader.report(
        `${where} ${key}`,
        'is not an account figure; use marginRatio, maintenanceMargin or equity',
      );
  }
  return withoutUndefined({
    marginRatio: field('marginRatio'),
    maintenanceMargin: field('maintenanceMargin'),
    equity: field('equity'),
  });
}

function parsePosition(
  reader: FieldReader,
  raw: unknown,
  whereIndex: string,
  venue: string | undefined,
): Position | undefined {
  const object = reader.object(raw, whereIndex);
  if (!object) return undefined;
  const where = typeof object.symbol === 'string' ? `${whereIndex} "${object.symbol}"` : whereIndex;
  const symbol = reader.string(object.symbol, `${where} symbol`);
  const instrument = symbol === undefined ? undefined : parseSymbol(symbol);
  if (instrument && 'error' in instrument) {
    reader.report(`${where} symbol`, instrument.error);
  } else if (instrument && venue !== undefined && !venueSupportsInstrument(venue, instrument)) {
    reader.report(
      `${where} symbol`,
      `${instrument.kind} contracts settled in ${instrument.settle} are not supported on ${venue} yet`,
    );
  }
  const side = reader.oneOf(object.side, SIDES, `${where} side`);
  const contracts = reader.decimal(object.contracts, `${where} contracts`, 'positive');
  const contractSize =
    object.contractSize === undefined
      ? undefined
      : reader.decimal(object.contractSize, `${where} contractSize`, 'positive');
  const entryPrice = reader.decimal(object.entryPrice, `${where} entryPrice`, 'positive');
  const markPrice = reader.decimal(object.markPrice, `${where} markPrice`, 'positive');
  const optional = {
    leverage:
      object.leverage === undefined
        ? undefined
        : reader.number(object.leverage, `${where} leverage`, {
            min: 0,
            exclusiveMin: true,
            max: 1000,
          }),
    marginMode:
      object.marginMode === undefined
        ? undefined
        : parsePositionMarginMode(reader, object.marginMode, `${where} marginMode`, venue),
    isolatedMargin:
      object.isolatedMargin === undefined
        ? undefined
        : reader.decimal(object.isolatedMargin, `${where} isolatedMargin`, 'nonNegative'),
    positionSide:
      object.positionSide === undefined
        ? undefined
        : reader.oneOf(object.positionSide, ['long', 'short'] as const, `${where} positionSide`),
    maintenanceMarginRate:
      object.maintenanceMarginRate === undefined
        ? undefined
        : reader.decimal(
            object.maintenanceMarginRate,
            `${where} maintenanceMarginRate`,
            'nonNegative',
          ),
    maintenanceAmount:
      object.maintenanceAmount === undefined
        ? undefined
        : reader.decimal(object.maintenanceAmount, `${where} maintenanceAmount`, 'nonNegative'),
    maxLeverage:
      object.maxLeverage === undefined
        ? undefined
        : reader.number(object.maxLeverage, `${where} maxLeverage`, { min: 1, max: 1000 }),
    markIv:
      object.markIv === undefined
        ? undefined
        : reader.number(object.markIv, `${where} markIv`, { min: 0, exclusiveMin: true, max: 10 }),
    venueReported:
      object.venueReported === undefined
        ? undefined
        : parseVenueReported(reader, object.venueReported, `${where} venueReported`),
  };
  if (
    (optional.maintenanceMarginRate === undefined) !==
    (optional.maintenanceAmount === undefined)
  ) {
    reader.report(
      `${where} maintenanceMarginRate`,
      'and maintenanceAmount must be given together (the tier in force)',
    );
  }
  if (optional.maintenanceMarginRate?.gte(1)) {
    reader.report(
      `${where} maintenanceMarginRate`,
      `is a fraction (0.005 for 0.5%), got ${optional.maintenanceMarginRate.toString()}`,
    );
  }
  if (optional.positionSide !== undefined && side !== undefined && optional.positionSide !== side) {
    reader.report(`${where} positionSide`, `"${optional.positionSide}" contradicts side "${side}"`);
  }
  if (
    instrument &&
    !('error' in instrument) &&
    instrument.kind === InstrumentKind.option &&
    optional.markIv === undefined
  ) {
    reader.report(
      `${where} markIv`,
      'an option needs its mark implied volatility as a fraction (0.55 for 55%)',
    );
  }
  if (
    instrument === undefined ||
    'error' in instrument ||
    side === undefined ||
    contracts === undefined ||
    entryPrice === undefined ||
    markPrice === undefined
  ) {
    return undefined;
  }
  const inverse =
    instrument.kind === InstrumentKind.inversePerpetual ||
    instrument.kind === InstrumentKind.inverseFuture;
  const size = contractSize ?? (inverse ? undefined : new Decimal(1));
  if (size === undefined) {
    reader.report(
      `${where} contractSize`,
      'is required for inverse contracts (USD per contract, e.g. "100" for BTCUSD)',
    );
    return undefined;
  }
  return {
    symbol: instrument.symbol,
    instrument,
    side,
    contracts,
    contractSize: size,
    entryPrice,
    markPrice,
    ...withoutUndefined(optional),
  };
}

/** A position's own margin mode: cross or isolated, where the venue has per-position modes. */
function parsePositionMarginMode(
  reader: FieldReader,
  raw: unknown,
  where: string,
  venue: string | undefined,
): MarginMode | undefined {
  const mode = reader.oneOf(raw, MARGIN_MODES, where);
  if (mode === undefined || venue === undefined) return mode;
  if (!venueAllowsPositionMarginMode(venue, mode)) {
    reader.report(
      where,
      mode === MarginMode.portfolio
        ? 'portfolio margin is an account mode, not a position mode'
        : `${venue} has no per-position margin modes; set the account's marginMode`,
    );
    return undefined;
  }
  return mode;
}

function parseVenueReported(
  reader: FieldReader,
  raw: unknown,
  where: string,
): VenueReportedPosition | undefined {
  const object = reader.object(raw, where);
  if (!object) return undefined;
  const liquidationPrice =
    object.liquidationPrice === undefined
      ? undefined
      : object.liquidationPrice === null
        ? null
        : reader.decimal(object.liquidationPrice, `${where} liquidationPrice`, 'nonNegative');
  const maintenanceMargin =
    object.maintenanceMargin === undefined
      ? undefined
      : reader.decimal(object.maintenanceMargin, `${where} maintenanceMargin`, 'nonNegative');
  const initialMargin =
    object.initialMargin === undefined
      ? undefined
      : reader.decimal(object.initialMargin, `${where} initialMargin`, 'nonNegative');
  return withoutUndefined({ liquidationPrice, maintenanceMargin, initialMargin });
}

function parseMarket(reader: FieldReader, raw: unknown): MarketInput {
  const object = reader.object(raw, 'market');
  if (!object) return {};
  const prices: Record<string, Decimal> = {};
  if (object.prices !== undefined) {
    for (const [asset, value] of Object.entries(
      reader.object(object.prices, 'market prices') ?? {},
    )) {
      const price = reader.decimal(value, `market prices ${asset}`, 'positive');
      if (price) prices[asset] = price;
    }
  }
  const annualVols: Record<string, number> = {};
  if (object.annualVols !== undefined) {
    for (const [asset, value] of Object.entries(
      reader.object(object.annualVols, 'market annualVols') ?? {},
    )) {
      const vol = reader.number(value, `market annualVols ${asset}`, { min: 0, max: 20 });
      if (vol !== undefined) annualVols[asset] = vol;
    }
  }
  const correlations: Record<string, number> = {};
  if (object.correlations !== undefined) {
    for (const [pair, value] of Object.entries(
      reader.object(object.correlations, 'market correlations') ?? {},
    )) {
      if (!/^[A-Z0-9]+\/[A-Z0-9]+$/.test(pair))
        reader.report(`market correlations "${pair}"`, 'keys must be two assets "A/B"');
      const correlation = reader.number(value, `market correlations ${pair}`, { min: -1, max: 1 });
      if (correlation !== undefined) correlations[pair] = correlation;
    }
  }
  return withoutUndefined({
    prices: object.prices === undefined ? undefined : prices,
    annualVols: object.annualVols === undefined ? undefined : annualVols,
    correlations: object.correlations === undefined ? undefined : correlations,
    dailyVolumeUsd:
      object.dailyVolumeUsd === undefined
        ? undefined
        : assetNumbers(reader, object.dailyVolumeUsd, 'market dailyVolumeUsd', {
            min: 0,
            exclusiveMin: true,
          }),
    spreadsBps:
      object.spreadsBps === undefined
        ? undefined
        : assetNumbers(reader, object.spreadsBps, 'market spreadsBps', { min: 0, max: 10_000 }),
  });
}

/** A map of asset → number, each checked against `range`. */
function assetNumbers(
  reader: FieldReader,
  raw: unknown,
  where: string,
  range: { min?: number; max?: number; exclusiveMin?: boolean },
): Record<string, number> {
  const values: Record<string, number> = {};
  for (const [asset, value] of Object.entries(reader.object(raw, where) ?? {})) {
    const parsed = reader.number(value, `${where} ${asset}`, range);
    if (parsed !== undefined) values[asset] = parsed;
  }
  return values;
}

function parseModel(reader: FieldReader, raw: unknown): ModelInput {
  const object = reader.object(raw, 'model');
  if (!object) return {};
  const method =
    object.method === undefined ? undefined : reader.oneOf(object.method, METHODS, 'model method');
  let distribution: Distribution | undefined;
  if (object.distribution !== undefined) {
    const rawDistribution = reader.object(object.distribution, 'model distribution');
    const type = rawDistribution
      ? reader.oneOf(
          rawDistribution.type,
          ['normal', 'student-t'] as const,
          'model distribution type',
        )
      : undefined;
    if (type === 'normal') distribution = { type };
    if (type === 'student-t') {
      const nu = reader.number(rawDistribution?.nu, 'model distribution nu', {
        min: 2,
        exclusiveMin: true,
        max: 1000,
      });
      if (nu !== undefined) distribution = { type, nu };
    }
  }
  return withoutUndefined({
    method,
    distribution,
    confidence:
      object.confidence === undefined
        ? undefined
        : reader.number(object.confidence, 'model confidence', {
            min: 0.5,
            exclusiveMin: true,
            max: 0.9999,
          }),
    horizonHours:
      object.horizonHours === undefined
        ? undefined
        : reader.number(object.horizonHours, 'model horizonHours', { min: 1, max: 24 * 30 }),
    scenarios:
      object.scenarios === undefined
        ? undefined
        : reader.number(object.scenarios, 'model scenarios', {
            min: 100,
            max: 1_000_000,
            integer: true,
          }),
    seed:
      object.seed === undefined
        ? undefined
        : reader.number(object.seed, 'model seed', { min: 0, max: 0xffffffff, integer: true }),
    liquidationPaths:
      object.liquidationPaths === undefined
        ? undefined
        : reader.number(object.liquidationPaths, 'model liquidationPaths', {
            min: 100,
            max: 200_000,
            integer: true,
          }),
  });
}

/** Drops keys whose value is undefined, so optional properties stay absent (exactOptionalPropertyTypes). */
function withoutUndefined<T extends Record<string, unknown>>(
  object: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
