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
        excluded.push({ accountId: account.id, reason: accountError.problems.join('; ') });
      }
    }
    // Nothing to leave out alone: the refusal is about the accounts together; say it as it is.
    if (excluded.length === 0 || excluded.length === portfolio.accounts.length) throw error;
    const left = new Set(excluded.map((entry) => entry.accountId));
    const rest = { ...portfolio, accounts: portfolio.accounts.filter((a) => !left.has(a.id)) };
    return { report: calculateRiskReport(rest, options), excluded };
  }
}
