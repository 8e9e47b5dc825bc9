import { NotSupported } from 'ccxt-src/base/errors.js';
import type { PayloadReader } from '../api/payload-reader';

/**
 * The margin mode of a Hyperliquid account, read from the answer to
 * `{"type":"userAbstraction","user":…}` on the info endpoint: a JSON string (`"default"`,
 * `"disabled"`, `"unifiedAccount"`, `"portfolioMargin"`, `"dexAbstraction"`; the request and its
 * values as documented for Hyperliquid's info API by the node providers, e.g.
 * https://docs.chainstack.com/reference/hyperliquid-info-user-abstraction and
 * https://www.dwellir.com/docs/hyperliquid/user-abstraction; null or absent for an address that
 * never set one). The modes are Hyperliquid's "Account abstraction modes"
 * (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/account-abstraction-modes, read
 * 2026-12-07):
 * - `standard`: `"default"`, `"disabled"` or none, "separate perp and spot balances, separate
 *   DEX balances. Cross margin applies to each DEX separately": each dex read on its own
 *   (hyperliquid-account.ts);
 * - `unified`: `"unifiedAccount"`, "single balance for each asset. This balance collateralizes
 *   all cross margin positions in that asset and is unified with spot balance in that asset":
 *   one account per collateral token across the dexes that use it, its balance in the spot
 *   clearinghouse state (hyperliquid-unified-account.ts).
 *
 * Refused by name (NotSupported), with the reason ({@link unmodelledHyperliquidModeReason}):
 * portfolio margin and dex abstraction.
 */
export type HyperliquidAccountMode = 'standard' | 'unified';

export function readHyperliquidAccountMode(
  response: unknown,
  reader: PayloadReader,
): HyperliquidAccountMode {
  const mode = accountMode(response, reader);
  const reason = unmodelledHyperliquidModeReason(mode);
  if (reason !== undefined) throw new NotSupported(reason);
  return mode === 'unifiedAccount' ? 'unified' : 'standard';
}

/**
 * Why an account in `mode` (a `userAbstraction` answer, or the page's webData3 `abstraction`) is
 * not computed at all, or undefined for a standard or unified account.
 *
 * - Portfolio margin: Hyperliquid's page "Portfolio margin"
 *   (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/portfolio-margin) marks the mode
 *   "Testnet-only, pre-alpha mode" and describes it in words only — spot and perps unified,
 *   borrowing against collateral (HYPE; USDC borrowable), all HIP-3 dexes included, "fall back
 *   to non-portfolio margin behavior when caps are hit" — with no maintenance-margin,
 *   collateral-ratio or liquidation formula.
 * - Dex abstraction: the account abstraction page says it is "to be discontinued", that "USDC
 *   balances default to perps balance, all other collateral defaults to spot balance" and that
 *   "Cross margin on HIP-3 DEXs does not behave intuitively for DEX abstraction users"; it
 *   publishes no rule for its balances (its "Unified Account Ratio" is for unified accounts),
 *   so neither the per-dex nor the unified reading is known to hold.
 */
export function unmodelledHyperliquidModeReason(mode: string | undefined): string | undefined {
  if (mode === 'portfolioMargin')
    return 'hyperliquid: the account is in portfolio margin mode, whose margin and liquidation rules Hyperliquid has not published (its docs, Trading › Portfolio margin, call the mode testnet-only pre-alpha); Margin Lens computes standard and unified accounts only';
  if (mode === 'dexAbstraction')
    return "hyperliquid: the account is in dex abstraction mode, which Hyperliquid says is to be discontinued and whose cross margin on HIP-3 dexes it says does not behave intuitively; it publishes no margin or liquidation rule for that mode's balances, so Margin Lens computes standard and unified accounts only (switching to unified account mode makes the account computable)";
  return undefined;
}

/**
 * The mode named by the answer, or undefined for none. The venue sends a bare JSON string (or
 * null); ccxt 4.5.84 parses only JSON objects and lists (Exchange.handleRestResponse), so it
 * hands the body text back with its quotes (`"disabled"`), which is read here.
 */
function accountMode(response: unknown, reader: PayloadReader): string | undefined {
  if (response === null || response === undefined || response === 'null') return undefined;
  const text = reader.matching(response, /^"[A-Za-z]*"$|^[A-Za-z]+$/, 'an account mode', 'answer');
  return text.replace(/^"(.*)"$/, '$1');
}
