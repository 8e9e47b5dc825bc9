import { accountMargin } from '../margin/venue-rules';
import type { AccountMargin, PositionMargin } from '../margin/margin-types';
import { DEFAULT_MARKET } from '../market/default-market';
import {
  isLiveMarketInput,
  Origin,
  resolveMarketSnapshot,
  settlementPriceUsd,
  type LiveMarket,
  type SourcedFigure,
} from '../market/market-snapshot';
import { RESIDUAL_HISTORY } from '../market/residual-history';
import { stressGrid, worstStressLoss } from '../market/stress-grid';
import { PortfolioError } from '../portfolio/portfolio-error';
import type { ValidatedPortfolio } from '../portfolio/portfolio-types';
import type { MarginContext } from '../margin/venue-context';
import { collateralTableLookup } from '../margin/collateral-table';
import { tierTableLookup } from '../margin/tier-table';
import { InstrumentKind, type Position } from '../product/types';
import { planCollateralMoves } from '../risk/collateral-moves';
import { liquidityAddOn } from '../risk/liquidity-add-on';
import { HOURS_PER_YEAR } from '../risk/monte-carlo-log-returns';
import type { Exposure } from '../risk/exposure';
import { scenarioPnlMatrix } from '../risk/scenario-pnl-matrix';
import { collateralUnits } from './collateral-units';
import { liquidationRisk } from './liquidation-risk';
import { resolveModelSettings } from './model-settings';
import { portfolioExposures } from './portfolio-exposures';
import type { PositionReport, ReportInputs, RiskReport } from './risk-report-types';
import { scenarioMeasures, type MarketInputs } from './scenario-measures';
import { accountVenueComparison, compareWithVenue as compare } from './venue-reported-comparison';

/**
 * The engine's one entry point: a validated portfolio → the risk report (DESIGN.md §5).
 *
 * Pure: no clock (the report's time is the portfolio's `asOf`), no randomness but the seeded
 * generators named in the report, no I/O. Venue figures come from each venue's rule set; the
 * portfolio ES from scenarios revalued in full, with Euler contributions that add up to it; the
 * true margin is the liquidity-adjusted ES floored by the worst stress loss; liquidation
 * probabilities come from path simulation of every margin silo.
 *
 * Market figures the file does not give come from `options.liveMarket` (live public data, the
 * extension) before the embedded default; the report's `inputs` say which, with source and time.
 */
export interface RiskReportOptions {
  /** Live market figures, or why they could not be had (then defaults say so in `inputs`). */
  readonly liveMarket?: LiveMarket;
}

export function calculateRiskReport(
  file: ValidatedPortfolio,
  options: RiskReportOptions = {},
): RiskReport {
  const live = options.liveMarket;
  const { portfolio, liveIvSymbols } = withLiveOptionVols(file, live);
  const { settings, origins } = resolveModelSettings(portfolio.model);
  const context: MarginContext = {
    asOf: portfolio.asOf,
    underlyingPrice: (asset) =>
      portfolio.market.prices?.[asset]?.toNumber() ??
      (isLiveMarketInput(live) ? live.prices[asset] : undefined),
    tierTable: tierTableLookup(portfolio.tierTables ?? []),
    collateralTable: collateralTableLookup(portfolio.collateralTables ?? []),
  };
  const margins = portfolio.accounts.map((account) => accountMargin(account, context));

  const settlementPricesUsd: Record<string, SourcedFigure> = {};
  for (const margin of margins) {
    const price =
      settlementPriceUsd(portfolio.market, margin.settle, live) ??
      positionMarkOf(portfolio, margin.settle);
    if (!price)
      throw new PortfolioError([
        `market prices ${margin.settle}: account "${margin.accountId}" settles in ${margin.settle}, which needs a USD price`,
      ]);
    settlementPricesUsd[margin.settle] = price;
  }
  const usdPerSettle = (settle: string) => settlementPricesUsd[settle]?.value ?? 1;

  const { assets, exposures, owners } = portfolioExposures(
    portfolio.accounts,
    margins,
    usdPerSettle,
    context,
  );
  const snapshot = resolveMarketSnapshot(portfolio.market, assets, live);
  const market: MarketInputs = {
    assets,
    annualVols: assets.map((asset) => snapshot.annualVols[asset]?.value ?? 0),
    correlationMatrix: snapshot.correlationMatrix,
    residualHistory: RESIDUAL_HISTORY,
  };

  const measures = scenarioMeasures(exposures, market, settings);

  const grid = stressGrid(
    assets,
    market.annualVols,
    settings.horizonHours,
    DEFAULT_MARKET.stressDays,
    (DEFAULT_MARKET.annualVols.BTC ?? 0) / Math.sqrt(365),
  );
  const stress =
    exposures.length === 0
      ? { loss: 0, scenario: 'no positions' }
      : worstStressLoss(
          grid,
          scenarioPnlMatrix(grid, exposures, settings.horizonHours / HOURS_PER_YEAR),
          exposures.length,
        );

  const dailyVolumeUsd: Record<string, SourcedFigure> = {};
  const spreadsBps: Record<string, SourcedFigure> = {};
  for (const asset of assets) {
    const volume = portfolio.market.dailyVolumeUsd?.[asset];
    const fallback = DEFAULT_MARKET.dailyVolumeUsd[asset];
    if (volume !== undefined) dailyVolumeUsd[asset] = { value: volume, origin: Origin.file };
    else if (fallback !== undefined && fallback > 0)
      dailyVolumeUsd[asset] = { value: fallback, origin: Origin.embeddedDefault };
    else
      throw new PortfolioError([
        `market dailyVolumeUsd ${asset}: no daily volume for ${asset} in the file or the embedded default; add market.dailyVolumeUsd.${asset}`,
      ]);
    const spread = portfolio.market.spreadsBps?.[asset];
    if (spread !== undefined) spreadsBps[asset] = { value: spread, origin: Origin.file };
  }
  const addOns = owners.map((owner, index) => {
    const asset = assets[exposures[index]?.assetIndex ?? 0] ?? '';
    const spread = spreadsBps[asset]?.value;
    return liquidityAddOn({
      notionalUsd: owner.notionalUsd,
      dailyVol: (market.annualVols[exposures[index]?.assetIndex ?? 0] ?? 0) / Math.sqrt(365),
      dailyVolumeUsd: dailyVolumeUsd[asset]?.value ?? 1,
      ...(spread !== undefined && { spread: spread / 10_000 }),
    });
  });
  const totalAddOn = addOns.reduce((sum, value) => sum + value, 0);

  // Each position's add-on, found through its owner row (balance rows have no position).
  const addOnOf = (accountId: string, positionIndex: number) =>
    addOns[
      owners.findIndex(
        (owner) => owner.account === accountId && owner.positionIndex === positionIndex,
      )
    ] ?? 0;
  const positionReports = portfolio.accounts.map((account, index) =>
    (margins[index] as AccountMargin).positions.map((position, p) =>
      positionReport(position, account.positions[p], addOnOf(account.id, p)),
    ),
  );
  const liquidation = liquidationRisk(
    portfolio.accounts,
    positionReports,
    market,
    settings,
    context,
  );
  const horizonVol = (asset: string) =>
    (market.annualVols[assets.indexOf(asset)] ?? 0) *
    Math.sqrt(settings.horizonHours / HOURS_PER_YEAR);
  const collateral = planCollateralMoves(
    collateralUnits(portfolio.accounts, margins, liquidation.silos),
    horizonVol,
  );

  const usd = (margin: AccountMargin, value: number) => value * usdPerSettle(margin.settle);
  const initialMargins = margins.map((margin) =>
    margin.initialMargin === null ? null : usd(margin, margin.initialMargin),
  );
  return {
    asOf: portfolio.asOf,
    baseCurrency: 'USD',
    accounts: portfolio.accounts.map((account, index) => {
      const margin = margins[index] as AccountMargin;
      return {
        id: account.id,
        venue: account.venue,
        settle: margin.settle,
        walletBalance: margin.walletBalance,
        equity: margin.equity,
        initialMargin: margin.initialMargin,
        maintenanceMargin: margin.maintenanceMargin,
        marginRatio: margin.marginRatio,
        positions: positionReports[index] ?? [],
        liquidation: liquidation.accounts[index] ?? {
          nearestSymbol: null,
          direction: null,
          distancePct: null,
          distanceVolUnits: null,
          probability: null,
          closedFormProbability: null,
        },
        ...accountVenueComparison(margin, account.venueReported),
      };
    }),
    portfolio: {
      equity: margins.reduce((sum, margin) => sum + usd(margin, margin.equity), 0),
      venueMaintenanceMargin: margins.reduce(
        (sum, margin) => sum + usd(margin, margin.maintenanceMargin),
        0,
      ),
      venueInitialMargin: initialMargins.some((value) => value === null)
        ? null
        : initialMargins.reduce<number>((sum, value) => sum + (value ?? 0), 0),
      var: measures.valueAtRisk,
      es: measures.expectedShortfall,
      confidence: settings.confidence,
      levels: measures.levels,
      horizonHours: settings.horizonHours,
      method: settings.method,
      distribution: settings.distribution,
      scenarios: measures.scenarios,
      seed: settings.seed,
      contributions: owners.map((owner, index) => ({
        account: owner.account,
        symbol: owner.symbol,
        es: measures.contributions[index] ?? 0,
      })),
      stress: { worstLoss: stress.loss, scenario: stress.scenario, scenarios: grid.count },
      liquidityAddOn: totalAddOn,
      trueMargin: Math.max(measures.expectedShortfall + totalAddOn, stress.loss),
      probabilityAnyLiquidation: liquidation.any,
      collateral: {
        currentMinDistance: collateral.currentMinDistance,
        achievableMinDistance: collateral.achievableMinDistance,
      },
      collateralMoves: collateral.moves,
    },
    inputs: {
      defaultsAsOf: snapshot.defaultsAsOf,
      annualVols: snapshot.annualVols,
      correlations: snapshot.correlations,
      settlementPricesUsd,
      dailyVolumeUsd,
      spreadsBps,
      ...optionInputs(
        exposures,
        owners,
        (asset) => settlementPriceUsd(portfolio.market, asset, live),
        liveIvSymbols,
        live,
      ),
      ...liveInputs(live),
      model: origins,
    },
  };
}

/** The vol and forward of every option exposure, by symbol, with where each came from. */
function optionInputs(
  exposures: readonly Exposure[],
  owners: readonly { symbol: string }[],
  underlyingPrice: (asset: string) => SourcedFigure | undefined,
  liveIvSymbols: ReadonlySet<string>,
  live: LiveMarket | undefined,
): { optionVols: Record<string, SourcedFigure>; forwards: Record<string, SourcedFigure> } {
  const optionVols: Record<string, SourcedFigure> = {};
  const forwards: Record<string, SourcedFigure> = {};
  exposures.forEach((exposure, index) => {
    if (exposure.kind !== 'option') return;
    const symbol = owners[index]?.symbol ?? '';
    const ivs = isLiveMarketInput(live) ? live.optionMarkIvs : undefined;
    optionVols[symbol] =
      liveIvSymbols.has(symbol) && ivs
        ? { value: exposure.lognormalVol, origin: Origin.live, source: ivs.source, asOf: ivs.asOf }
        : { value: exposure.lognormalVol, origin: Origin.file };
    const price = underlyingPrice(symbol.split('/')[0] ?? '');
    forwards[symbol] = { ...price, value: exposure.forward, origin: price?.origin ?? Origin.file };
  });
  return { optionVols, forwards };
}

/** Which live source was used, or why none was; nothing when the caller asked for none. */
function liveInputs(
  live: LiveMarket | undefined,
): Pick<ReportInputs, 'liveMarket' | 'fundingRates'> {
  if (live === undefined) return {};
  if (!isLiveMarketInput(live))
    return { liveMarket: { status: 'unavailable', reason: live.unavailable } };
  const fundingRates: Record<string, SourcedFigure> = {};
  for (const [symbol, value] of Object.entries(live.fundingRates ?? {}))
    fundingRates[symbol] = { value, origin: Origin.live, source: live.source, asOf: live.asOf };
  return {
    liveMarket: {
      status: 'used',
      source: live.source,
      asOf: live.asOf,
      ...(live.missing !== undefined && { missing: live.missing }),
    },
    ...(live.fundingRates !== undefined && { fundingRates }),
  };
}

/**
 * Options without a mark IV in the file take the live one (Deribit's mark_iv, by symbol). An
 * option with neither is refused by name: its value and margin cannot be computed.
 */
function withLiveOptionVols(
  file: ValidatedPortfolio,
  live: LiveMarket | undefined,
): { portfolio: ValidatedPortfolio; liveIvSymbols: ReadonlySet<string> } {
  const liveIvSymbols = new Set<string>();
  const problems: string[] = [];
  const accounts = file.accounts.map((account) => {
    if (!account.positions.some(needsIv)) return account;
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
      problems.push(
        `account "${account.id}" position ${position.symbol} markIv: an option needs its mark implied volatility; the file has none and ${why}`,
      );
      return position;
    });
    return { ...account, positions };
  });
  if (problems.length > 0) throw new PortfolioError(problems);
  return liveIvSymbols.size === 0
    ? { portfolio: file, liveIvSymbols }
    : { portfolio: { ...file, accounts }, liveIvSymbols };
}

function needsIv(position: Position): boolean {
  return position.instrument.kind === InstrumentKind.option && position.markIv === undefined;
}

/** A coin's USD price from a futures position on it (inverse marks are USD per coin), when the file gives none. */
function positionMarkOf(portfolio: ValidatedPortfolio, asset: string): SourcedFigure | undefined {
  for (const account of portfolio.accounts) {
    const position = account.positions.find(
      (item) =>
        item.instrument.base === asset &&
        item.instrument.kind !== 'option' &&
        item.instrument.kind !== 'spot',
    );
    if (position) return { value: position.markPrice.toNumber(), origin: Origin.positionMark };
  }
  return undefined;
}

function positionReport(
  margin: PositionMargin,
  position: Position | undefined,
  addOn: number,
): PositionReport {
  const distance =
    margin.liquidationPrice === null
      ? null
      : Math.abs(margin.liquidationPrice - margin.referencePrice) / margin.referencePrice;
  const report: PositionReport = {
    ...margin,
    liquidationDistancePct: distance,
    liquidityAddOn: addOn,
  };
  const reported = position?.venueReported;
  if (!reported) return report;
  const venueReported: NonNullable<PositionReport['venueReported']> = {
    ...(reported.liquidationPrice !== undefined && {
      // A venue's "0" (or null) liquidation price means none (Binance shows "--"; ccxt gaps, peers §6.3).
      liquidationPrice: compare(
        margin.liquidationPrice,
        reported.liquidationPrice === null || reported.liquidationPrice.isZero()
          ? null
          : reported.liquidationPrice,
      ),
    }),
    ...(reported.maintenanceMargin !== undefined && {
      maintenanceMargin: compare(margin.maintenanceMargin, reported.maintenanceMargin),
    }),
    ...(reported.initialMargin !== undefined && {
      initialMargin: compare(margin.initialMargin, reported.initialMargin),
    }),
  };
  return { ...report, venueReported };
}
