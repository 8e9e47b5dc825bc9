import { parsePortfolio, PortfolioError } from '../engine';
import type { PageFeedSnapshot } from './page-feed-snapshot';

/**
 * A feed snapshot with each account checked against the portfolio file's schema (DESIGN.md §4,
 * lib/engine/portfolio/portfolio-file-schema.ts), as the content script sends it: an account the
 * schema refuses moves to `pending` with the schema's message (account, position and field
 * named), so what reaches the background is either a valid account or a reason. The background
 * checks again (a content script is an untrusted sender).
 */
export function checkPageSnapshot(snapshot: PageFeedSnapshot, asOf: string): PageFeedSnapshot {
  const accounts: PageFeedSnapshot['accounts'][number][] = [];
  const pending = [...snapshot.pending];
  for (const account of snapshot.accounts) {
    try {
      parsePortfolio({ version: 1, asOf, baseCurrency: 'USD', accounts: [account] });
      accounts.push(account);
    } catch (error) {
      if (!(error instanceof PortfolioError)) throw error;
      pending.push(error.problems.join('; '));
    }
  }
  return { ...snapshot, accounts, pending };
}
