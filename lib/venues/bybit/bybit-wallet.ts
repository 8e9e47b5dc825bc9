import { PayloadReader } from '../api/payload-reader';
import type {
  PortfolioFileAccount,
  PortfolioFileVenueReportedAccount,
} from '../api/venue-api-types';

/**
 * Balances and Bybit's own account-level figures from `GET /v5/account/wallet-balance?
 * accountType=UNIFIED` (https://bybit-exchange.github.io/docs/v5/account/wallet-balance).
 * ccxt's `parseBalance` keeps only per-coin free/used/total and drops the account figures
 * (research peers.md §6.3), so the raw payload is read here.
 *
 * - Balances: each coin's `walletBalance` (it includes isolated position margin, which the
 *   engine takes back out per isolated position), as the venue wrote it.
 * - `venueReported` (maintenance margin / equity, DESIGN.md §4): `accountMMRate` is already that
 *   ratio — "Total Maintenance Margin / (Margin Balance − Haircut Loss + Order Loss)" under cross
 *   margin and with Equity in place of Margin Balance under portfolio margin (UTA glossary,
 *   https://www.bybit.com/en/help-center/article/Glossary-Unified-Trading-Account) — with
 *   `totalMaintenanceMargin` and `totalMarginBalance` (cross) or `totalEquity` (portfolio), all
 *   in USD. The documentation says account-wide fields do not apply to isolated margin, so an
 *   isolated account reports none. Empty strings mean "not given" and are left out.
 */
export const BYBIT_WALLET_ENDPOINT = 'GET /v5/account/wallet-balance';

export interface BybitWallet {
  readonly balances: PortfolioFileAccount['balances'];
  readonly venueReported: PortfolioFileVenueReportedAccount | undefined;
}

export function parseBybitWallet(
  response: unknown,
  marginMode: PortfolioFileAccount['marginMode'],
): BybitWallet {
  const reader = new PayloadReader('bybit', BYBIT_WALLET_ENDPOINT);
  const result = reader.object(reader.object(response, 'response').result, 'result');
  const list = reader.array(result.list, 'result.list');
  if (list.length !== 1)
    reader.fail('result.list', `must hold the one UNIFIED account, got ${list.length} entries`);
  const account = reader.object(list[0], 'result.list[0]');
  const coins = reader.array(account.coin, 'result.list[0].coin');
  const seen = new Set<string>();
  const balances = coins.map((raw, index) => {
    const where = `result.list[0].coin[${index}]`;
    const coin = reader.object(raw, where);
    const asset = reader.text(coin.coin, `${where} coin`);
    if (seen.has(asset)) reader.fail(`${where} coin`, `"${asset}" appears twice`);
    seen.add(asset);
    return {
      asset,
      total: reader.decimal(coin.walletBalance, `${where} "${asset}" walletBalance`),
    };
  });
  if (marginMode === 'isolated') return { balances, venueReported: undefined };
  const field = (name: string, sign: 'any' | 'nonNegative' = 'nonNegative') =>
    reader.optionalDecimal(account[name], `result.list[0].${name}`, sign);
  const reported: Record<string, string> = {};
  const marginRatio = field('accountMMRate');
  const maintenanceMargin = field('totalMaintenanceMargin');
  const equity = field(marginMode === 'portfolio' ? 'totalEquity' : 'totalMarginBalance', 'any');
  if (marginRatio !== undefined) reported.marginRatio = marginRatio;
  if (maintenanceMargin !== undefined) reported.maintenanceMargin = maintenanceMargin;
  if (equity !== undefined) reported.equity = equity;
  return {
    balances,
    venueReported: Object.keys(reported).length === 0 ? undefined : reported,
  };
}
