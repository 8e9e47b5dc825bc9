import type { ValidatedPortfolio } from '../portfolio/portfolio-types';
import { RefusalKind } from './refusal';
import { resolveInputs } from './resolve-inputs';

/**
 * What stops the venue margin rules from computing a portfolio's accounts (an account type, a
 * product, or a tier table they do not have): the `unsupported-account` refusals of
 * resolveInputs, as messages. The background asks it of each connected account as it is read,
 * so that an account the rules cannot compute is refused at connect by name. Market figures
 * (vols, prices) are not asked for here: live data or the embedded default supply them when the
 * risk state is built, and what is still missing is refused there without losing the account.
 */
export function venueMarginProblems(portfolio: ValidatedPortfolio): string[] {
  return resolveInputs(portfolio)
    .refusals.filter((refusal) => refusal.kind === RefusalKind.unsupportedAccount)
    .map((refusal) => refusal.message);
}
