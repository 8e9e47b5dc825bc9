import type Decimal from 'decimal.js';
import { accountMargin } from '../margin/venue-rules';
import type { AccountMargin, PositionMargin } from '../margin/margin-types';
import {
  resolveMarketSnapshot,
  settlementPriceUsd,
  type MarketSnapshot,
  type SourcedFigure,
} from '../market/market-snapshot';
import { createRng } from '../math/rng';
import { PortfolioError } from '../portfolio/portfolio-error';
import type { ValidatedPortfolio } from '../portfolio/portfolio-types';
import { Side, type Account, type Position } from '../product/types';
import { barrierTouchProbability } from '../risk/barrier-touch-probability';
import { expectedShortfall } from '../risk/expected-shortfall';
import { linearPnlMatrix, type LinearExposure } from '../risk/linear-pnl-matrix';
import { HOURS_PER_YEAR, monteCarloLogReturns } from '../risk/monte-carlo-log-returns';
import { resolveModelSettings, type ModelSettings } from './model-settings';
import type {
  AccountLiquidation,
  AccountReport,
  Contribution,
  PositionReport,
  RiskReport,
  VenueReportedComparison,
} from './risk-report-types';

/**
 * The engine's one entry point: a validated portfolio → the risk report (DESIGN.md §5).
 *
 * Pure: no clock (the report's time is the portfolio's `asOf`), no randomness but the seeded
 * generator named in the report, no I/O. Venue figures come from each venue's rule set; the
 * portfolio ES from Monte Carlo scenarios revalued in full, with Euler contributions that add
 * up to the ES.
 */
export function calculateRiskReport(portfolio: ValidatedPortfolio): RiskReport {
  const { settings, origins } = resolveModelSettings(portfolio.model);
  const margins = portfolio.accounts.map((account) => accountMargin(account));

  const settlementPricesUsd: Record<string, SourcedFigure> = {};
  for (const margin of margins) {
    const price = settlementPriceUsd(portfolio.market, margin.settle);
    if (!price)
      throw new PortfolioError([
        `market prices ${margin.settle}: account "${margin.accountId}" settles in ${margin.settle}, which needs a USD price`,
      ]);
    settlementPricesUsd[margin.settle] = price;
  }

  const assets = [
    ...new Set(
      portfolio.accounts.flatMap((account) =>
        account.positions.map((position) => position.instrument.base),
      ),
    ),
  ].sort();
  const market = resolveMarketSnapshot(portfolio.market, assets);

  const exposures: LinearExposure[] = [];
  const owners: { account: string; symbol: string }[] = [];
  for (const account of portfolio.accounts) {
    const settlePrice = settlementPricesUsd[settlementOf(margins, account)]?.value ?? 1;
    for (const position of account.positions) {
      exposures.push(
        linearExposure(position, assets.indexOf(position.instrument.base), settlePrice),
      );
      owners.push({ account: account.id, symbol: position.symbol });
    }
  }

  let valueAtRisk = 0;
  let shortfall = 0;
  let contributions: Contribution[] = [];
  if (exposures.length > 0) {
    const returns = monteCarloLogReturns(
      {
        assets,
        annualVols: assets.map((asset) => market.annualVols[asset]?.value ?? 0),
        correlationMatrix: market.correlationMatrix,
        horizonHours: settings.horizonHours,
        scenarios: settings.scenarios,
        distribution: settings.distribution,
      },
      createRng(settings.seed),
    );
    const result = expectedShortfall(
      linearPnlMatrix(returns, assets.length, exposures),
      exposures.length,
      settings.confidence,
    );
    valueAtRisk = result.valueAtRisk;
    shortfall = result.expectedShortfall;
    contributions = owners.map((owner, index) => ({
      ...owner,
      es: result.contributions[index] ?? 0,
    }));
  }

  const accounts = portfolio.accounts.map((account, index) =>
    accountReport(account, margins[index] as AccountMargin, market, settings),
  );
  const usd = (margin: AccountMargin, value: number) =>
    value * (settlementPricesUsd[margin.settle]?.value ?? 1);
  const initialMargins = margins.map((margin) =>
    margin.initialMargin === null ? null : usd(margin, margin.initialMargin),
  );

  return {
    asOf: portfolio.asOf,
    baseCurrency: 'USD',
    accounts,
    portfolio: {
      equity: margins.reduce((sum, margin) => sum + usd(margin, margin.equity), 0),
      venueMaintenanceMargin: margins.reduce(
        (sum, margin) => sum + usd(margin, margin.maintenanceMargin),
        0,
      ),
      venueInitialMargin: initialMargins.some((value) => value === null)
        ? null
        : initialMargins.reduce<number>((sum, value) => sum + (value ?? 0), 0),
      var: valueAtRisk,
      es: shortfall,
      confidence: settings.confidence,
      horizonHours: settings.horizonHours,
      method: settings.method,
      distribution: settings.distribution,
      scenarios: settings.scenarios,
      seed: settings.seed,
      contributions,
    },
    inputs: {
      defaultsAsOf: market.defaultsAsOf,
      annualVols: market.annualVols,
      correlations: market.correlations,
      settlementPricesUsd,
      model: origins,
    },
  };
}

function settlementOf(margins: readonly AccountMargin[], account: Account): string {
  return margins.find((margin) => margin.accountId === account.id)?.settle ?? 'USDT';
}

function linearExposure(
  position: Position,
  assetIndex: number,
  settlementPriceUsd: number,
): LinearExposure {
  const quantity = position.contracts.mul(position.contractSize).toNumber();
  return {
    assetIndex,
    signedQuantity: position.side === Side.long ? quantity : -quantity,
    markPrice: position.markPrice.toNumber(),
    settlementPriceUsd,
  };
}

function accountReport(
  account: Account,
  margin: AccountMargin,
  market: MarketSnapshot,
  settings: ModelSettings,
): AccountReport {
  const positions = margin.positions.map((position, index) =>
    positionReport(position, account.positions[index]),
  );
  return {
    id: account.id,
    venue: account.venue,
    settle: margin.settle,
    walletBalance: margin.walletBalance,
    equity: margin.equity,
    initialMargin: margin.initialMargin,
    maintenanceMargin: margin.maintenanceMargin,
    marginRatio: margin.marginRatio,
    positions,
    liquidation: accountLiquidation(account, positions, market, settings),
  };
}

function positionReport(margin: PositionMargin, position: Position | undefined): PositionReport {
  const distance =
    margin.liquidationPrice === null
      ? null
      : Math.abs(margin.liquidationPrice - margin.markPrice) / margin.markPrice;
  const reported = position?.venueReported;
  const report: PositionReport = { ...margin, liquidationDistancePct: distance };
  if (!reported) return report;
  const venueReported: NonNullable<PositionReport['venueReported']> = {
    ...(reported.liquidationPrice !== undefined && {
      liquidationPrice: compare(margin.liquidationPrice, reported.liquidationPrice),
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

function compare(ours: number | null, venue: Decimal | null): VenueReportedComparison {
  const venueValue = venue === null || venue.isZero() ? null : venue.toNumber();
  return {
    ours,
    venue: venueValue,
    difference: ours === null || venueValue === null ? null : ours - venueValue,
  };
}

/**
 * The account's nearest liquidation: the position whose liquidation price is closest to its
 * mark, the distance in % and in horizon-vol units, and, for a silo with a single underlying,
 * the closed-form probability of touching that price within the horizon (zero log drift).
 */
function accountLiquidation(
  account: Account,
  positions: readonly PositionReport[],
  market: MarketSnapshot,
  settings: ModelSettings,
): AccountLiquidation {
  const candidates = positions.filter(
    (position) => position.liquidationPrice !== null && position.liquidationDistancePct !== null,
  );
  const nearest = candidates.reduce<PositionReport | undefined>(
    (best, position) =>
      best === undefined ||
      (position.liquidationDistancePct ?? 1) < (best.liquidationDistancePct ?? 1)
        ? position
        : best,
    undefined,
  );
  if (!nearest || nearest.liquidationPrice === null) {
    return {
      nearestSymbol: null,
      direction: null,
      distancePct: null,
      distanceVolUnits: null,
      probability: null,
    };
  }
  const base =
    account.positions.find((position) => position.symbol === nearest.symbol)?.instrument.base ?? '';
  const annualVol = market.annualVols[base]?.value ?? 0;
  const horizonScale = annualVol * Math.sqrt(settings.horizonHours / HOURS_PER_YEAR);
  const direction = nearest.liquidationPrice < nearest.markPrice ? 'down' : 'up';
  const underlyings = new Set(account.positions.map((position) => position.instrument.base));
  const probability =
    underlyings.size === 1
      ? {
          horizonHours: settings.horizonHours,
          value: barrierTouchProbability({
            spot: nearest.markPrice,
            barrier: nearest.liquidationPrice,
            annualVol,
            horizonYears: settings.horizonHours / HOURS_PER_YEAR,
            direction,
          }),
          method: 'barrier-closed-form' as const,
        }
      : null;
  return {
    nearestSymbol: nearest.symbol,
    direction,
    distancePct: nearest.liquidationDistancePct,
    distanceVolUnits:
      horizonScale > 0
        ? Math.abs(Math.log(nearest.liquidationPrice / nearest.markPrice)) / horizonScale
        : null,
    probability,
  };
}
