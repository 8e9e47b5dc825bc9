import { NotSupported } from 'ccxt-src/base/errors.js';
import type { PayloadReader } from '../api/payload-reader';

/**
 * Refuses, by name and with the reason, a Hyperliquid account in portfolio margin mode.
 *
 * The mode is the answer to `{"type":"userAbstraction","user":…}` on the info endpoint: a JSON
 * string, `"portfolioMargin"` for such an account (others: `"default"`, `"disabled"`,
 * `"unifiedAccount"`, `"dexAbstraction"`; the request and its values as documented for
 * Hyperliquid's info API by the node providers, e.g.
 * https://docs.chainstack.com/reference/hyperliquid-info-user-abstraction and
 * https://www.dwellir.com/docs/hyperliquid/user-abstraction; null or absent for an address that
 * never set one).
 *
 * Why refused: Hyperliquid's page "Portfolio margin"
 * (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/portfolio-margin) marks the mode
 * "Testnet-only, pre-alpha mode" and describes it in words only — spot and perps unified, borrowing
 * against collateral (HYPE; USDC borrowable), all HIP-3 dexes included, "fall back to
 * non-portfolio margin behavior when caps are hit" — with no maintenance-margin, collateral-ratio
 * or liquidation formula. Margin Lens's Hyperliquid rules (half the initial margin at max leverage,
 * per dex, lib/engine/margin/hyperliquid.ts) do not apply to such an account, and no published rule
 * replaces them.
 *
 * The other modes are read per dex, as standard accounts. A caveat on `unifiedAccount`: it shares
 * one balance per collateral token across dexes and with spot; no Hyperliquid page in hand says
 * how each dex's `clearinghouseState` reports such an account, so its figures are the per-dex
 * ones, compared with the venue's own (liquidationPx, crossMaintenanceMarginUsed) in the report.
 */
export function refuseHyperliquidPortfolioMargin(response: unknown, reader: PayloadReader): void {
  if (accountMode(response, reader) === 'portfolioMargin')
    throw new NotSupported(
      'hyperliquid: the account is in portfolio margin mode, whose margin and liquidation rules Hyperliquid has not published (its docs, Trading › Portfolio margin, call the mode testnet-only pre-alpha); Margin Lens computes standard cross and isolated accounts only',
    );
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
