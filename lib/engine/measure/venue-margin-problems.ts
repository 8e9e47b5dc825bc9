import { accountMargin, accountSilos } from '../margin/venue-rules';
import { marginContextOf } from '../margin/venue-context';
import { PortfolioError } from '../portfolio/portfolio-error';
import type { ValidatedPortfolio } from '../portfolio/portfolio-types';

/**
 * What stops the venue margin rules from computing a portfolio's accounts (an account type, a
 * product, or a tier table they do not have), as the messages `calculateRiskReport` would throw,
 * without running the market model. The background asks it of each connected account as it is
 * read, so that one account the rules cannot compute is refused by name instead of taking the
 * whole report down. Market figures the model needs (vols, prices) are not checked here: they
 * come from live data or the embedded default when the report runs.
 */
export function venueMarginProblems(portfolio: ValidatedPortfolio): string[] {
  const context = marginContextOf(portfolio);
  const problems: string[] = [];
  for (const account of portfolio.accounts) {
    try {
      accountMargin(account, context);
      accountSilos(account, context);
    } catch (error) {
      if (!(error instanceof PortfolioError)) throw error;
      problems.push(...error.problems);
    }
  }
  return problems;
}
