import * as v from 'valibot';
import { PortfolioError } from './portfolio-error';
import { portfolioFileSchema } from './portfolio-file-schema';
import { portfolioProblems } from './portfolio-problems';
import type { ValidatedPortfolio } from './portfolio-types';

/**
 * Validates a parsed portfolio file (DESIGN.md §4, version 1) against its schema
 * (portfolio-file-schema.ts) into a {@link ValidatedPortfolio}.
 *
 * Every problem in the file is collected and thrown together as a {@link PortfolioError}; each
 * names its place, e.g. `accounts[0] "binance-main" positions[1] "ETH/USDT:USDT" contracts: must
 * be a positive decimal (a string such as "1.5"), got "twelve"` (portfolio-problems.ts). Nothing
 * is skipped or defaulted silently: defaults for absent optional fields are applied later and
 * reported in the risk report's `inputs`. The input is not modified.
 */
export function parsePortfolio(json: unknown): ValidatedPortfolio {
  const result = v.safeParse(portfolioFileSchema, json);
  if (result.success) return result.output;
  throw new PortfolioError(portfolioProblems(result.issues, portfolioFileSchema));
}
