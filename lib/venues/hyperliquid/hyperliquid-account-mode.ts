import { NotSupported } from 'ccxt-src/base/errors.js';
import type { PayloadReader } from '../api/payload-reader';

/**
 * Refuses, by name and with the reason, a Hyperliquid account whose margin is pooled beyond one
 * dex's perp balance: portfolio margin, unified account and dex abstraction modes.
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
 * Why `unifiedAccount` and `dexAbstraction` are refused: a unified account holds one balance per
 * collateral token, shared by spot and every dex's cross positions; under dex abstraction USDC is
 * shared across dexes. Their balances live in the spot clearinghouse state, and the per-dex
 * `clearinghouseState` no longer describes the account's collateral (the info API's
 * `userAbstraction` as the node providers above document it: "a single balance per asset is
 * shared across all DEXes with cross-margin positions sharing collateral"). Read per dex, such an
 * account would show a balance near zero and a liquidation next to the mark — a false alarm.
 * Hyperliquid's own docs publish no margin or liquidation rule for the pooled balance, so it is
 * refused by name until one is built from `spotClearinghouseState`. `"default"`, `"disabled"` and
 * no mode are standard accounts: each dex margined on its own, read per dex.
 */
export function refuseUnmodelledHyperliquidMode(response: unknown, reader: PayloadReader): void {
  const reason = unmodelledHyperliquidModeReason(accountMode(response, reader));
  if (reason !== undefined) throw new NotSupported(reason);
}

/**
 * Why an account in `mode` (a `userAbstraction` answer, or the page's webData3 `abstraction`) is
 * not computed, or undefined for a standard account (`"default"`, `"disabled"`, none).
 */
export function unmodelledHyperliquidModeReason(mode: string | undefined): string | undefined {
  if (mode === 'portfolioMargin')
    return 'hyperliquid: the account is in portfolio margin mode, whose margin and liquidation rules Hyperliquid has not published (its docs, Trading › Portfolio margin, call the mode testnet-only pre-alpha); Margin Lens computes standard cross and isolated accounts only';
  if (mode === 'unifiedAccount' || mode === 'dexAbstraction')
    return `hyperliquid: the account is in ${mode === 'unifiedAccount' ? 'unified account' : 'dex abstraction'} mode, where one balance per collateral token backs spot and every dex's positions; Hyperliquid publishes no margin or liquidation rule for that pooled balance and each dex's own state no longer shows it, so Margin Lens, which computes standard accounts (each dex on its own balance), would show liquidations that are not there`;
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
