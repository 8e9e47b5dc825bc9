import { parsePortfolio, PortfolioError, type LiveMarket } from '../engine';
import type { PortfolioOrigin } from '../connections/assemble-portfolio';
import type { ConnectionView } from '../connections/connection-types';
import { VENUE_INDEX_SOURCE } from '../connections/venue-index-prices';
import type { PortfolioRiskView, SymbolRiskView } from '../messaging/protocol';
import { reportWithExclusions, type ReportWithExclusions } from './report-with-exclusions';

/**
 * The background's risk computations: the current portfolio (imported file and connected
 * accounts, assembled by lib/connections) → the engine's report, cached by the file's content so
 * that repeated requests (popup, overlays in several tabs) cost one run. With nothing imported
 * or connected, the embedded demo portfolio is used and labelled as such.
 */
export interface RiskService {
  portfolioRisk(): Promise<PortfolioRiskView>;
  symbolRisk(venue: string, symbol: string): Promise<SymbolRiskView>;
}

export interface PortfolioInputs {
  readonly origin: PortfolioOrigin;
  readonly file: unknown;
  readonly connections: readonly ConnectionView[];
  /** Report account id → the connection it was read through (connected accounts only). */
  readonly accountConnections: Readonly<Record<string, string>>;
  /** Live public market data, or why there is none (the report's inputs say which). */
  readonly liveMarket?: LiveMarket;
}

export function createRiskService(loadInputs: () => Promise<PortfolioInputs>): RiskService {
  let cache: { key: string; source: PortfolioOrigin; computed: ReportWithExclusions } | undefined;

  const viewOf = (
    source: PortfolioOrigin,
    computed: ReportWithExclusions,
    connections: readonly ConnectionView[],
  ): PortfolioRiskView => ({
    source,
    report: computed.report,
    excludedAccounts: computed.excluded,
    connections,
  });

  async function portfolioRisk(): Promise<PortfolioRiskView> {
    return (await compute()).view;
  }

  async function compute(): Promise<{ view: PortfolioRiskView; inputs: PortfolioInputs }> {
    const inputs = await loadInputs();
    const key = JSON.stringify([inputs.file, inputs.liveMarket ?? null]);
    if (cache?.key === key)
      return { view: viewOf(cache.source, cache.computed, inputs.connections), inputs };
    let computed: ReportWithExclusions;
    try {
      computed = reportWithExclusions(parsePortfolio(inputs.file), inputs.liveMarket);
    } catch (error) {
      if (error instanceof PortfolioError)
        throw new Error(
          `The current portfolio cannot be used. ${error.message}${marketAdvice(error, inputs.liveMarket)}`,
          { cause: error },
        );
      throw error;
    }
    cache = { key, source: inputs.origin, computed };
    return { view: viewOf(inputs.origin, computed, inputs.connections), inputs };
  }
  async function symbolRisk(venue: string, symbol: string): Promise<SymbolRiskView> {
    const { view: risk, inputs } = await compute();
    const { source, report, connections, excludedAccounts } = risk;
    // By the report's account ids (an imported account may share a connected one's read id).
    const freshnessOf = (accountId: string) => {
      const connectionId = inputs.accountConnections[accountId];
      const view = connections.find((entry) => entry.connection.id === connectionId);
      return view === undefined
        ? { freshness: null, dataAgeSeconds: null, staleReason: null }
        : {
            freshness: view.freshness,
            dataAgeSeconds: view.dataAgeSeconds,
            staleReason: view.staleReason,
          };
    };
    const accounts = report.accounts
      .filter((account) => account.venue === venue)
      .flatMap((account) =>
        account.positions
          .filter((position) => position.symbol === symbol)
          .map((position) => ({
            accountId: account.id,
            side: position.side,
            quantity: position.quantity,
            settle: account.settle,
            marginRatio: account.marginRatio,
            markPrice: position.markPrice,
            liquidationPrice: position.liquidationPrice,
            liquidationDistancePct: position.liquidationDistancePct,
            // The account's probability of being liquidated at all within the horizon.
            liquidationProbability: account.liquidation.probability?.value ?? null,
            ...freshnessOf(account.id),
          })),
      );
    return {
      source,
      venue,
      symbol,
      accounts,
      excludedAccounts: excludedAccounts.filter((entry) => entry.venue === venue).length,
      portfolioEs: report.portfolio.es,
      confidence: report.portfolio.confidence,
      horizonHours: report.portfolio.horizonHours,
    };
  }

  return { portfolioRisk, symbolRisk };
}

/**
 * What a trader can do about missing market figures in the extension, where there is no file to
 * edit: turn live market data on, or import a file whose `market` section gives them.
 */
function marketAdvice(error: PortfolioError, live: LiveMarket | undefined): string {
  if (!error.problems.some((problem) => problem.startsWith('market '))) return '';
  const liveOff =
    live !== undefined && ('unavailable' in live || live.source.startsWith(VENUE_INDEX_SOURCE));
  return liveOff
    ? `\nLive market data is not in use (${'unavailable' in live ? live.unavailable : live.source}): turn it on in Margin Lens settings to get vols and correlations for every asset with a Binance USDT perpetual, or import a portfolio file whose market section gives them.`
    : '\nImport a portfolio file whose market section gives these figures (live market data has none for them).';
}
