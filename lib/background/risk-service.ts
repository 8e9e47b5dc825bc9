import {
  calculateRiskReport,
  DEMO_PORTFOLIO,
  parsePortfolio,
  PortfolioError,
  type RiskReport,
} from '../engine';
import {
  PortfolioSource,
  type PortfolioRiskView,
  type SymbolRiskView,
} from '../messaging/protocol';
import type { StoredPortfolio } from '../storage/portfolio-item';

/**
 * The background's risk computations: the stored portfolio → the engine's report, cached by
 * the stored content so that repeated requests (popup, overlays in several tabs) cost one run.
 * With nothing stored, the embedded demo portfolio is used and labelled as such.
 */
export interface RiskService {
  portfolioRisk(): Promise<PortfolioRiskView>;
  symbolRisk(venue: string, symbol: string): Promise<SymbolRiskView>;
}

export function createRiskService(
  loadSnapshot: () => Promise<StoredPortfolio | null>,
): RiskService {
  let cache: { key: string; view: PortfolioRiskView } | undefined;

  async function portfolioRisk(): Promise<PortfolioRiskView> {
    const snapshot = (await loadSnapshot()) ?? {
      source: PortfolioSource.demo,
      savedAt: '',
      portfolio: DEMO_PORTFOLIO,
    };
    const key = JSON.stringify(snapshot.portfolio);
    if (cache?.key === key) return cache.view;
    let report: RiskReport;
    try {
      report = calculateRiskReport(parsePortfolio(snapshot.portfolio));
    } catch (error) {
      if (error instanceof PortfolioError)
        throw new Error(`The stored portfolio cannot be used. ${error.message}`, { cause: error });
      throw error;
    }
    const view = { source: snapshot.source, report };
    cache = { key, view };
    return view;
  }

  async function symbolRisk(venue: string, symbol: string): Promise<SymbolRiskView> {
    const { source, report } = await portfolioRisk();
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
          })),
      );
    return {
      source,
      venue,
      symbol,
      accounts,
      portfolioEs: report.portfolio.es,
      confidence: report.portfolio.confidence,
      horizonHours: report.portfolio.horizonHours,
    };
  }

  return { portfolioRisk, symbolRisk };
}
