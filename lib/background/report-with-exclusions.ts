import {
  calculateRiskReport,
  PortfolioError,
  type LiveMarket,
  type RiskReport,
  type ValidatedPortfolio,
} from '../engine';

/**
 * The risk report of every account that can be computed, and the accounts that cannot, each
 * with the engine's reason. One account the engine refuses (an asset without a volatility, a
 * coin without a USD price) must not take down the report of all the others: it is left out
 * and named, never skipped in silence, and the report says it covers the rest only.
 *
 * Which accounts to leave out is found by computing each one alone with a small scenario set
 * (the refusals depend on the account's assets and products, not on the scenario count); this
 * runs only after the whole portfolio was refused.
 */
export interface ExcludedAccount {
  readonly accountId: string;
  readonly venue: string;
  readonly reason: string;
}

export interface ReportWithExclusions {
  readonly report: RiskReport;
  readonly excluded: readonly ExcludedAccount[];
}

const PROBE_MODEL = { scenarios: 200, liquidationPaths: 50 } as const;

export function reportWithExclusions(
  portfolio: ValidatedPortfolio,
  liveMarket: LiveMarket | undefined,
): ReportWithExclusions {
  const options = liveMarket === undefined ? {} : { liveMarket };
  try {
    return { report: calculateRiskReport(portfolio, options), excluded: [] };
  } catch (error) {
    if (!(error instanceof PortfolioError) || portfolio.accounts.length < 2) throw error;
    const excluded: ExcludedAccount[] = [];
    for (const account of portfolio.accounts) {
      try {
        calculateRiskReport(
          { ...portfolio, accounts: [account], model: { ...portfolio.model, ...PROBE_MODEL } },
          options,
        );
      } catch (accountError) {
        if (!(accountError instanceof PortfolioError)) throw accountError;
        excluded.push({
          accountId: account.id,
          venue: account.venue,
          reason: accountError.problems.join('; '),
        });
      }
    }
    // Nothing to leave out alone: the refusal is about the accounts together; say it as it is.
    if (excluded.length === 0 || excluded.length === portfolio.accounts.length) throw error;
    // An account refused alone may compute beside the others (a coin priced by another
    // account's position mark): each is tried again with the rest and kept when it computes.
    let kept = portfolio.accounts.filter(
      (account) => !excluded.some((entry) => entry.accountId === account.id),
    );
    const stillExcluded: ExcludedAccount[] = [];
    for (const entry of excluded) {
      const candidate = portfolio.accounts.find((account) => account.id === entry.accountId);
      const withIt = candidate === undefined ? kept : [...kept, candidate];
      try {
        calculateRiskReport(
          { ...portfolio, accounts: withIt, model: { ...portfolio.model, ...PROBE_MODEL } },
          options,
        );
        kept = withIt;
      } catch (retryError) {
        if (!(retryError instanceof PortfolioError)) throw retryError;
        stillExcluded.push(entry);
      }
    }
    const order = new Map(portfolio.accounts.map((account, index) => [account.id, index]));
    kept.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    return {
      report: calculateRiskReport({ ...portfolio, accounts: kept }, options),
      excluded: stillExcluded,
    };
  }
}
