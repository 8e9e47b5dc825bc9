import { optionForwards, type OptionForward } from './option-forwards';
import type { AccountMargin } from '../margin/margin-types';
import { accountMargin, accountSilos } from '../margin/venue-rules';
import type { MarginContext } from '../margin/venue-context';
import { collateralTableLookup } from '../margin/collateral-table';
import { tierTableLookup } from '../margin/tier-table';
import { DEFAULT_MARKET } from '../market/default-market';
import type { ResidualHistory } from '../market/filtered-historical';
import { withSnapshotAgeNotes } from '../market/snapshot-age-notes';
import {
  isLiveMarketInput,
  Origin,
  resolveMarketSnapshot,
  settlementPriceUsd,
  type LiveMarket,
  type MarketSnapshot,
  type SourcedFigure,
} from '../market/market-snapshot';
import { PortfolioError } from '../portfolio/portfolio-error';
import type { MarketInput, ValidatedPortfolio } from '../portfolio/portfolio-types';
import { InstrumentKind, type Account, type Position } from '../product/types';
import type { MarginSilo } from '../risk/margin-silo';
import { resolveModelSettings, type ModelSettings } from './model-settings';
import { portfolioExposures, type PortfolioExposures } from './portfolio-exposures';
import { RefusalKind, RefusalScope, type Refusal } from './refusal';
import { isUsdStablecoin } from '../product/usd-stablecoins';

/**
 * Resolve once (the "one risk state"): a validated portfolio file, live market data and the
 * embedded defaults → the inputs every measure reads, and refusals as data.
 *
 * - Each account's venue margin (its rules, tiers in force, liquidation prices) and margin silos,
 *   computed here once. An account the rules refuse is left out by name (`account` refusal).
 * - One market snapshot for the assets the scenario measures need (vols, correlations, USD
 *   prices of settlement coins, option forwards and vols, daily volumes, spreads), each figure
 *   with where it came from (the file, live public data, the embedded default).
 * - A figure nobody has removes only what needs it: an asset without a volatility takes its
 *   accounts out of the scenario measures (ES, stress, probabilities, collateral moves), never
 *   out of their venue margin, liquidation price and distance.
 *
 * Pure: the time is the file's `asOf`; nothing is read but the arguments and embedded data.
 * Throws PortfolioError only for a file that cannot be used at all (its model section).
 */
export interface ResolveOptions {
  /** Live market figures, or why they could not be had (then defaults say so in the inputs). */
  readonly liveMarket?: LiveMarket;
  /**
   * The devolatilised daily history filtered historical simulation draws from (the committed
   * `market/residual-history.json`; the extension loads it as a packaged file, outside its
   * code). Needed only by `model.method: "historical"`; without it that method refuses.
   */
  readonly residualHistory?: ResidualHistory;
}

export interface ResolvedAccount {
  /** The account as computed (options with their live mark IV where the file had none). */
  readonly account: Account;
  readonly margin: AccountMargin;
  readonly silos: readonly MarginSilo[];
  /** USD per unit of the settlement asset; null when nobody has a price (no USD sums, no scenarios). */
  readonly usdPerSettle: SourcedFigure | null;
  /** Whether the account takes part in the scenario measures (no refusal of that scope). */
  readonly inScenarios: boolean;
}

export interface ResolvedMarket {
  /** The scenario measures' assets (sorted): the columns of every scenario set. */
  readonly assets: readonly string[];
  /** Annualised vols in `assets` order. */
  readonly annualVols: readonly number[];
  /** Row-major assets × assets correlation matrix, positive definite. */
  readonly correlationMatrix: Float64Array;
  readonly residualHistory: ResidualHistory;
  readonly snapshot: MarketSnapshot;
  readonly settlementPricesUsd: Readonly<Record<string, SourcedFigure>>;
  readonly dailyVolumeUsd: Readonly<Record<string, SourcedFigure>>;
  readonly spreadsBps: Readonly<Record<string, SourcedFigure>>;
  /** Option symbols whose mark IV came from live data. */
  readonly liveIvSymbols: ReadonlySet<string>;
  /** Options priced on their own expiry's forward, with where it came from (option-forwards.ts). */
  readonly optionForwards: ReadonlyMap<string, OptionForward>;
  /** The daily vol of the stress grid's unit move (BTC's embedded vol / √365). */
  readonly stressUnitDailyVol: number;
}

export interface ResolvedInputs {
  readonly asOf: string;
  readonly settings: ModelSettings;
  readonly modelOrigins: Readonly<
    Record<string, { readonly value: unknown; readonly origin: 'file' | 'default' }>
  >;
  readonly context: MarginContext;
  /** The file's own market section (prices, vols, correlations it gives). */
  readonly portfolioMarket: MarketInput;
  /** Every account the margin rules compute, in file order. */
  readonly accounts: readonly ResolvedAccount[];
  readonly market: ResolvedMarket;
  /** The scenario accounts' positions (and coin balances) as exposures on `market.assets`. */
  readonly exposures: PortfolioExposures;
  readonly refusals: readonly Refusal[];
  readonly live?: LiveMarket;
}

export function resolveInputs(
  file: ValidatedPortfolio,
  options: ResolveOptions = {},
): ResolvedInputs {
  const live = options.liveMarket;
  const { settings, origins } = resolveModelSettings(file.model);
  const refusals: Refusal[] = [];
  const { accounts: withVols, liveIvSymbols } = withLiveOptionVols(file, live, refusals);
  const context: MarginContext = {
    asOf: file.asOf,
    underlyingPrice: (asset) =>
      file.market.prices?.[asset]?.toNumber() ??
      (isLiveMarketInput(live) ? live.prices[asset] : undefined),
    tierTable: tierTableLookup(file.tierTables ?? []),
    collateralTable: collateralTableLookup(file.collateralTables ?? []),
  };

  // Venue margins: the rules either compute an account or refuse it by name.
  const computed: { account: Account; margin: AccountMargin; silos: MarginSilo[] }[] = [];
  for (const account of withVols) {
    if (account === null) continue;
    try {
      computed.push({
        account,
        margin: accountMargin(account, context),
        silos: accountSilos(account, context),
      });
    } catch (error) {
      if (!(error instanceof PortfolioError)) throw error;
      for (const message of error.problems)
        refusals.push({
          account: account.id,
          venue: account.venue,
          field: `accounts.${account.id}`,
          kind: RefusalKind.unsupportedAccount,
          removes: RefusalScope.account,
          message,
        });
    }
  }

  // USD prices of the settlement assets; an account without one stays out of USD sums and scenarios.
  const settlementPricesUsd: Record<string, SourcedFigure> = {};
  const outOfScenarios = new Set<string>();
  const refuseScenarios = (
    account: Account,
    refusal: Omit<Refusal, 'account' | 'venue' | 'removes'>,
  ) => {
    outOfScenarios.add(account.id);
    refusals.push({
      account: account.id,
      venue: account.venue,
      removes: RefusalScope.scenarioMeasures,
      ...refusal,
    });
  };
  for (const { account, margin } of computed) {
    const settle = margin.settle;
    const price =
      settlementPricesUsd[settle] ??
      settlementPriceUsd(file.market, settle, live) ??
      positionMarkOf(withVols, settle);
    if (price) settlementPricesUsd[settle] = price;
    else
      refuseScenarios(account, {
        field: `market.prices.${settle}`,
        kind: RefusalKind.missingPrice,
        message: `account "${account.id}" settles in ${settle}, which needs a USD price: add market.prices.${settle}`,
      });
    for (const position of account.positions) {
      if (position.instrument.kind !== InstrumentKind.option) continue;
      if (context.underlyingPrice(position.instrument.base) !== undefined) continue;
      refuseScenarios(account, {
        position: position.symbol,
        field: `market.prices.${position.instrument.base}`,
        kind: RefusalKind.missingPrice,
        message: `the option ${position.symbol} in account "${account.id}" needs the ${position.instrument.base} index price: add market.prices.${position.instrument.base}`,
      });
    }
  }

  // Vols and correlations for the scenario accounts' assets; an asset nobody has figures for
  // takes the accounts that hold it out of the scenario measures (then the asset set shrinks).
  // (A coin held as collateral by an account reporting in USD is an asset too: Bybit unified.)
  const assetsOf = (entry: (typeof computed)[number]) =>
    new Set([
      ...entry.account.positions.map((position) => position.instrument.base),
      ...(isUsdStablecoin(entry.margin.settle)
        ? entry.account.balances
            .map((balance) => balance.asset)
            .filter((asset) => !isUsdStablecoin(asset))
        : [entry.margin.settle]),
    ]);
  const inScenarios = () => computed.filter((entry) => !outOfScenarios.has(entry.account.id));
  const scenarioAssets = () =>
    [...new Set(inScenarios().flatMap((entry) => [...assetsOf(entry)]))].sort();
  const refuseAsset = (
    asset: string,
    evenIfOut: boolean,
    refusal: (account: Account) => Omit<Refusal, 'account' | 'venue' | 'removes'>,
  ) => {
    for (const entry of evenIfOut ? computed : inScenarios())
      if (assetsOf(entry).has(asset)) refuseScenarios(entry.account, refusal(entry.account));
  };

  // Every asset without a volatility is named for every account holding it (a trader fixes
  // them all at once), including accounts already out of the scenario measures.
  const allAssets = [...new Set(computed.flatMap((entry) => [...assetsOf(entry)]))].sort();
  let resolved = resolveMarketSnapshot(file.market, allAssets, live);
  for (const asset of resolved.gaps.missingVols)
    refuseAsset(asset, true, (account) => ({
      field: `market.annualVols.${asset}`,
      kind: RefusalKind.missingVolatility,
      message: `no volatility for ${asset} in the file${live ? ', live data' : ''} or the embedded default, so account "${account.id}" is left out of ES, stress and liquidation probabilities (its venue margin and liquidation prices stay): add market.annualVols.${asset}`,
    }));
  const residualHistory = options.residualHistory ?? NO_HISTORY;
  if (settings.method === 'historical')
    for (const asset of scenarioAssets())
      if (!residualHistory.assets.includes(asset))
        refuseAsset(asset, false, (account) => ({
          field: 'model.method',
          kind: RefusalKind.missingHistory,
          message:
            options.residualHistory === undefined
              ? `filtered historical simulation needs its history, which was not loaded, so account "${account.id}" is left out of the scenario measures: use "montecarlo"`
              : `filtered historical simulation has no history for ${asset}, so account "${account.id}" is left out of the scenario measures: use "montecarlo"`,
        }));
  resolved = resolveMarketSnapshot(file.market, scenarioAssets(), live);
  // Missing pairs: drop the asset in most missing pairs first, until none is missing; on a tie,
  // an asset the embedded default and live data do not cover goes before one they do.
  const covered = (asset: string) =>
    DEFAULT_MARKET.annualVols[asset] !== undefined ||
    (isLiveMarketInput(live) && live.annualVols[asset] !== undefined);
  let missingPairs = resolved.gaps.missingCorrelations;
  while (missingPairs.length > 0) {
    const counts = new Map<string, number>();
    for (const pair of missingPairs)
      for (const asset of pair) counts.set(asset, (counts.get(asset) ?? 0) + 1);
    const [worst] = [...counts.entries()].sort(
      (a, b) =>
        b[1] - a[1] || Number(covered(a[0])) - Number(covered(b[0])) || a[0].localeCompare(b[0]),
    )[0] ?? [''];
    const partners = missingPairs
      .filter((pair) => pair.includes(worst))
      .map((pair) => (pair[0] === worst ? pair[1] : pair[0]));
    refuseAsset(worst, false, (account) => ({
      field: `market.correlations.${worst}/${partners[0] ?? ''}`,
      kind: RefusalKind.missingCorrelation,
      message: `no correlation of ${worst} with ${partners.join(', ')} in the file${live ? ', live data' : ''} or the embedded default, so account "${account.id}" is left out of the scenario measures: add market.correlations["${worst}/${partners[0] ?? ''}"]`,
    }));
    resolved = resolveMarketSnapshot(file.market, scenarioAssets(), live);
    missingPairs = resolved.gaps.missingCorrelations;
  }
  if (resolved.gaps.inconsistent !== null) {
    refusals.push({
      account: null,
      field: 'market.correlations',
      kind: RefusalKind.inconsistentCorrelations,
      removes: RefusalScope.scenarioMeasures,
      message: `the correlations of ${resolved.snapshot.assets.join(', ')} are inconsistent (${resolved.gaps.inconsistent}), so no account is in the scenario measures: correct market.correlations`,
    });
    for (const entry of inScenarios()) outOfScenarios.add(entry.account.id);
    resolved = resolveMarketSnapshot(file.market, [], live);
  }
  // Figures from an embedded snapshot older than 30 days say how old it is.
  const snapshot = withSnapshotAgeNotes(resolved.snapshot, file.asOf);
  const assets = snapshot.assets;
  const annualVols = assets.map((asset) => snapshot.annualVols[asset]?.value ?? 0);

  // Liquidity: a daily volume per asset; without one, only the add-on of those positions is missing.
  const dailyVolumeUsd: Record<string, SourcedFigure> = {};
  const spreadsBps: Record<string, SourcedFigure> = {};
  for (const asset of assets) {
    const volume = file.market.dailyVolumeUsd?.[asset];
    const fallback = DEFAULT_MARKET.dailyVolumeUsd[asset];
    if (volume !== undefined) dailyVolumeUsd[asset] = { value: volume, origin: Origin.file };
    else if (fallback !== undefined && fallback > 0)
      dailyVolumeUsd[asset] = { value: fallback, origin: Origin.embeddedDefault };
    else
      for (const entry of inScenarios())
        for (const position of entry.account.positions)
          if (position.instrument.base === asset)
            refusals.push({
              account: entry.account.id,
              venue: entry.account.venue,
              position: position.symbol,
              field: `market.dailyVolumeUsd.${asset}`,
              kind: RefusalKind.missingDailyVolume,
              removes: RefusalScope.liquidityAddOn,
              message: `no daily volume for ${asset} in the file or the embedded default, so ${position.symbol} in account "${entry.account.id}" has no liquidity add-on: add market.dailyVolumeUsd.${asset}`,
            });
    const spread = file.market.spreadsBps?.[asset];
    if (spread !== undefined) spreadsBps[asset] = { value: spread, origin: Origin.file };
  }

  const accounts: ResolvedAccount[] = computed.map((entry) => ({
    ...entry,
    usdPerSettle: settlementPricesUsd[entry.margin.settle] ?? null,
    inScenarios: !outOfScenarios.has(entry.account.id),
  }));
  const scenarioAccounts = accounts.filter((entry) => entry.inScenarios);
  const forwards = optionForwards(
    scenarioAccounts.map((entry) => entry.account),
    live,
  );
  const exposures = portfolioExposures(
    scenarioAccounts.map((entry) => entry.account),
    scenarioAccounts.map((entry) => entry.margin),
    assets,
    (settle) => settlementPricesUsd[settle]?.value ?? Number.NaN,
    context,
    forwards,
  );
  return {
    asOf: file.asOf,
    settings,
    modelOrigins: origins,
    context,
    portfolioMarket: file.market,
    accounts,
    market: {
      assets,
      annualVols,
      correlationMatrix: snapshot.correlationMatrix,
      residualHistory,
      snapshot,
      settlementPricesUsd,
      dailyVolumeUsd,
      spreadsBps,
      liveIvSymbols,
      optionForwards: forwards,
      stressUnitDailyVol: (DEFAULT_MARKET.annualVols.BTC ?? 0) / Math.sqrt(365),
    },
    exposures,
    refusals,
    ...(live !== undefined && { live }),
  };
}

const NO_HISTORY: ResidualHistory = { assets: [], dates: [], residuals: [] };

/**
 * Options without a mark IV in the file take the live one (Deribit's mark_iv, by symbol). An
 * option with neither leaves its account out by name: its value and margin need a volatility.
 * The accounts come back in file order, null where refused.
 */
function withLiveOptionVols(
  file: ValidatedPortfolio,
  live: LiveMarket | undefined,
  refusals: Refusal[],
): { accounts: (Account | null)[]; liveIvSymbols: ReadonlySet<string> } {
  const liveIvSymbols = new Set<string>();
  const accounts = file.accounts.map((account): Account | null => {
    if (!account.positions.some(needsIv)) return account;
    let refused = false;
    const positions = account.positions.map((position) => {
      if (!needsIv(position)) return position;
      const markIv = isLiveMarketInput(live)
        ? live.optionMarkIvs?.values[position.symbol]
        : undefined;
      if (markIv !== undefined) {
        liveIvSymbols.add(position.symbol);
        return { ...position, markIv };
      }
      const why =
        live === undefined
          ? 'no live market data was given'
          : isLiveMarketInput(live)
            ? `live data has none${live.missing?.[position.symbol] ? ` (${live.missing[position.symbol]})` : ''}`
            : `live market data is unavailable: ${live.unavailable}`;
      refused = true;
      refusals.push({
        account: account.id,
        venue: account.venue,
        position: position.symbol,
        field: 'markIv',
        kind: RefusalKind.missingOptionVol,
        removes: RefusalScope.account,
        message: `account "${account.id}" position ${position.symbol} markIv: an option needs its mark implied volatility; the file has none and ${why}`,
      });
      return position;
    });
    return refused ? null : { ...account, positions };
  });
  return { accounts, liveIvSymbols };
}

function needsIv(position: Position): boolean {
  return position.instrument.kind === InstrumentKind.option && position.markIv === undefined;
}

/** A coin's USD price from a futures position on it (inverse marks are USD per coin), when the file gives none. */
function positionMarkOf(
  accounts: readonly (Account | null)[],
  asset: string,
): SourcedFigure | undefined {
  for (const account of accounts) {
    const position = account?.positions.find(
      (item) =>
        item.instrument.base === asset &&
        item.instrument.kind !== InstrumentKind.option &&
        item.instrument.kind !== InstrumentKind.spot,
    );
    if (position) return { value: position.markPrice.toNumber(), origin: Origin.positionMark };
  }
  return undefined;
}
