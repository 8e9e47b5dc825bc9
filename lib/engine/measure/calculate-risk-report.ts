import { optionForwardKey, type OptionForward } from './option-forwards';
import { trueMargin } from './true-margin';
import type { PositionMargin } from '../margin/margin-types';
import {
  isLiveMarketInput,
  Origin,
  settlementPriceUsd,
  type LiveMarket,
  type SourcedFigure,
} from '../market/market-snapshot';
import type { ValidatedPortfolio } from '../portfolio/portfolio-types';
import type { Position } from '../product/types';
import { planCollateralMoves } from '../risk/collateral-moves';
import { HOURS_PER_YEAR } from '../risk/monte-carlo-log-returns';
import type { Exposure } from '../risk/exposure';
import { brokenHedges } from './broken-hedges';
import { collateralUnits } from './collateral-units';
import { liquidationDistance } from './liquidation-distance';
import { liquidationRisk, type LiquidationRisk, type PositionReportBase } from './liquidation-risk';
import { liquidityMeasure, type LiquidityMeasure } from './liquidity-measure';
import { pnlByMove } from './pnl-by-move';
import { reportedMarginRatio } from './reported-margin-ratio';
import { resolveInputs, type ResolvedInputs, type ResolveOptions } from './resolve-inputs';
import type { ReportInputs, RiskReport } from './risk-report-types';
import { scenarioMeasures, type ScenarioMeasures } from './scenario-measures';
import { stressMeasure, type StressMeasure } from './stress-measure';
import { accountVenueComparison, compareWithVenue as compare } from './venue-reported-comparison';

/**
 * The engine's one entry point: a validated portfolio → the risk report (DESIGN.md §5), as the
 * composition of the named measures over inputs resolved once:
 *
 *   resolveInputs → venue margins (in the resolved accounts), scenarioMeasures (ES/VaR, Euler),
 *   stressMeasure, liquidityMeasure, liquidationRisk, collateral moves, pnlByMove, brokenHedges
 *   → the report.
 *
 * Pure: no clock (the report's time is the portfolio's `asOf`), no randomness but the seeded
 * generators named in the report, no I/O. What cannot be computed is in `report.refusals`, each
 * removing only what it must (refusal.ts); the rest is computed.
 *
 * Market figures the file does not give come from `options.liveMarket` (live public data, the
 * extension) before the embedded default; the report's `inputs` say which, with source and time.
 */
export type RiskReportOptions = ResolveOptions;

/** Everything one evaluation computed: the resolved inputs, each named measure, and the report. */
export interface RiskEvaluation {
  readonly inputs: ResolvedInputs;
  readonly scenario: ScenarioMeasures;
  readonly stress: StressMeasure;
  readonly liquidity: LiquidityMeasure;
  readonly liquidation: LiquidationRisk;
  readonly report: RiskReport;
}

export function calculateRiskReport(
  file: ValidatedPortfolio,
  options: RiskReportOptions = {},
): RiskReport {
  return evaluateRisk(resolveInputs(file, options)).report;
}

/** The named measures of resolved inputs, and the report they compose. */
export function evaluateRisk(inputs: ResolvedInputs): RiskEvaluation {
  const { market, exposures, settings } = inputs;
  const scenario = scenarioMeasures(exposures.exposures, market, settings);
  const stress = stressMeasure(inputs);
  const liquidity = liquidityMeasure(inputs);

  // Each position's add-on, found through its owner row (balance rows have no position).
  const addOnOf = (accountId: string, positionIndex: number) => {
    const row = exposures.owners.findIndex(
      (owner) => owner.account === accountId && owner.positionIndex === positionIndex,
    );
    return row < 0 ? null : (liquidity.addOns[row] ?? null);
  };
  // Each position's report, then its own liquidation figures beside it (liquidation-risk.ts).
  const liquidation = liquidationRisk(
    inputs,
    inputs.accounts.map(({ account, margin }) =>
      margin.positions.map((position, p) =>
        positionReport(position, account.positions[p], addOnOf(account.id, p)),
      ),
    ),
  );
  const positionReports = liquidation.positions;
  const horizonVol = (asset: string) =>
    (market.annualVols[market.assets.indexOf(asset)] ?? 0) *
    Math.sqrt(settings.horizonHours / HOURS_PER_YEAR);
  const scenarioAccounts = inputs.accounts.filter((entry) => entry.inScenarios);
  const collateral = planCollateralMoves(
    collateralUnits(
      scenarioAccounts.map((entry) => entry.account),
      scenarioAccounts.map((entry) => entry.margin),
      liquidation.silos,
    ),
    horizonVol,
  );

  // Portfolio sums in USD over the accounts that have a USD price (a refusal names the others).
  const priced = inputs.accounts.filter((entry) => entry.usdPerSettle !== null);
  const usd = (entry: (typeof priced)[number], value: number) =>
    value * (entry.usdPerSettle?.value ?? Number.NaN);
  const initialMargins = priced.map((entry) =>
    entry.margin.initialMargin === null ? null : usd(entry, entry.margin.initialMargin),
  );
  const report: RiskReport = {
    asOf: inputs.asOf,
    baseCurrency: 'USD',
    accounts: inputs.accounts.map(({ account, margin }, index) => ({
      id: account.id,
      venue: account.venue,
      settle: margin.settle,
      walletBalance: margin.walletBalance,
      equity: margin.equity,
      initialMargin: margin.initialMargin,
      maintenanceMargin: margin.maintenanceMargin,
      ...reportedMarginRatio(margin.equity, margin.maintenanceMargin),
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
    })),
    portfolio: {
      equity: priced.reduce((sum, entry) => sum + usd(entry, entry.margin.equity), 0),
      venueMaintenanceMargin: priced.reduce(
        (sum, entry) => sum + usd(entry, entry.margin.maintenanceMargin),
        0,
      ),
      venueInitialMargin: initialMargins.some((value) => value === null)
        ? null
        : initialMargins.reduce<number>((sum, value) => sum + (value ?? 0), 0),
      var: scenario.valueAtRisk,
      es: scenario.expectedShortfall,
      confidence: settings.confidence,
      levels: scenario.levels,
      horizonHours: settings.horizonHours,
      method: settings.method,
      distribution: settings.distribution,
      scenarios: scenario.scenarios,
      seed: settings.seed,
      contributions: exposures.owners.map((owner, index) => ({
        account: owner.account,
        symbol: owner.symbol,
        es: scenario.contributions[index] ?? 0,
      })),
      stress,
      pnlByMove: pnlByMove(inputs, liquidation.silos, positionReports),
      liquidityAddOn: liquidity.total,
      trueMargin: trueMargin(scenario.expectedShortfall, stress.marginScan.loss, liquidity.total),
      probabilityAnyLiquidation: liquidation.any,
      collateral: {
        currentMinDistance: collateral.currentMinDistance,
        achievableMinDistance: collateral.achievableMinDistance,
      },
      collateralMoves: collateral.moves,
      brokenHedges: brokenHedges(inputs, scenario, positionReports),
    },
    inputs: {
      defaultsAsOf: market.snapshot.defaultsAsOf,
      annualVols: market.snapshot.annualVols,
      correlations: market.snapshot.correlations,
      settlementPricesUsd: market.settlementPricesUsd,
      dailyVolumeUsd: market.dailyVolumeUsd,
      spreadsBps: market.spreadsBps,
      ...optionInputs(
        exposures.exposures,
        exposures.owners,
        (asset) => settlementPriceUsd(inputs.portfolioMarket, asset, inputs.live),
        market.liveIvSymbols,
        market.optionForwards,
        inputs.live,
      ),
      ...liveInputs(inputs.live),
      model: inputs.modelOrigins,
    },
    refusals: inputs.refusals,
  };
  return { inputs, scenario, stress, liquidity, liquidation, report };
}

/**
 * The vol and forward of every option exposure, by symbol, with where each came from. A symbol
 * held on two venues whose forwards differ (OKX's and Deribit's BTC/USD:BTC-… are one ccxt
 * symbol) has the second one under `<symbol> (<account>)`.
 */
function optionInputs(
  exposures: readonly Exposure[],
  owners: readonly { account: string; symbol: string; positionIndex: number | null }[],
  underlyingPrice: (asset: string) => SourcedFigure | undefined,
  liveIvSymbols: ReadonlySet<string>,
  ownForwards: ReadonlyMap<string, OptionForward>,
  live: LiveMarket | undefined,
): { optionVols: Record<string, SourcedFigure>; forwards: Record<string, SourcedFigure> } {
  const optionVols: Record<string, SourcedFigure> = {};
  const forwards: Record<string, SourcedFigure> = {};
  exposures.forEach((exposure, index) => {
    if (exposure.kind !== 'option') return;
    const symbol = owners[index]?.symbol ?? '';
    const ivs = isLiveMarketInput(live) ? live.optionMarkIvs : undefined;
    const vol: SourcedFigure =
      liveIvSymbols.has(symbol) && ivs
        ? { value: exposure.lognormalVol, origin: Origin.live, source: ivs.source, asOf: ivs.asOf }
        : { value: exposure.lognormalVol, origin: Origin.file };
    const owner = owners[index];
    const own =
      owner?.positionIndex === null || owner === undefined
        ? undefined
        : ownForwards.get(optionForwardKey(owner.account, owner.positionIndex));
    // No forward of its own expiry: the index, said so.
    const price = own === undefined ? underlyingPrice(symbol.split('/')[0] ?? '') : undefined;
    const figure: SourcedFigure =
      own !== undefined
        ? {
            value: exposure.forward,
            origin: own.from === 'live' ? Origin.live : Origin.file,
            source: own.source,
          }
        : {
            ...price,
            value: exposure.forward,
            origin: price?.origin ?? Origin.file,
            source: `the index (no forward of this expiry: none from its venue, no live quote, no future in the book)${price?.source ? `; ${price.source}` : ''}`,
          };
    // The first holder under the symbol; another holder whose figure differs under its account.
    const keyIn = (figures: Record<string, SourcedFigure>, value: number) =>
      figures[symbol] === undefined || figures[symbol]?.value === value
        ? symbol
        : `${symbol} (${owner?.account ?? ''})`;
    optionVols[keyIn(optionVols, vol.value)] ??= vol;
    forwards[keyIn(forwards, figure.value)] ??= figure;
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

function positionReport(
  margin: PositionMargin,
  position: Position | undefined,
  addOn: number | null,
): PositionReportBase {
  const report: PositionReportBase = {
    ...margin,
    liquidationDistancePct: liquidationDistance(margin),
    liquidityAddOn: addOn,
  };
  const reported = position?.venueReported;
  if (!reported) return report;
  const venueReported: NonNullable<PositionReportBase['venueReported']> = {
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
