import Decimal from 'decimal.js';
import { PayloadReader } from '../api/payload-reader';
import type {
  PortfolioFileAccount,
  PortfolioFileVenueReportedAccount,
} from '../api/venue-api-types';

/**
 * Each coin's balance and Bybit's own figures from `GET /v5/account/wallet-balance?
 * accountType=UNIFIED` (https://bybit-exchange.github.io/docs/v5/account/wallet-balance,
 * bybit-exchange/docs `docs/v5/account/wallet-balance.mdx`). ccxt's `parseBalance` keeps only
 * per-coin free/used/total and drops these figures (research peers.md §6.3), so the raw payload
 * is read here. How the coins become margin silos: bybit-silos.ts.
 *
 * Per coin (`coin[]`), in the coin:
 * - `balance` = `walletBalance` − `spotBorrow`: since manual coin borrowing, "Old walletBalance =
 *   New walletBalance − spotBorrow" and the coin's equity is "walletBalance − spotBorrow +
 *   unrealisedPnl + Asset Option Value", so the net figure is what backs positions (it includes
 *   isolated position margin, which the engine takes back out per isolated position). Passed on
 *   as the venue wrote it when `spotBorrow` is absent, "" or 0.
 * - `equity`: the coin's `equity` (formula above: option value included);
 * - `maintenanceMargin`: `totalPositionMM`, "Sum of maintenance margin for all positions" of
 *   the coin ("" under portfolio margin).
 * - `collateral`: whether the coin counts toward the margin balance — `marginCollateral`
 *   ("Whether it can be used as a margin collateral currency (platform)") and `collateralSwitch`
 *   ("Whether the collateral is turned on by user (user)"); a field left out counts as true.
 * - `borrowed`: the coin's `borrowAmount`, "Borrow amount of current coin = spot liabilities +
 *   derivatives liabilities" (wallet-balance documentation) — so it already holds `spotBorrow`,
 *   and adding the two would count a spot loan twice.
 * - `spotBorrowed`: `spotBorrow`, the spot liabilities ("Borrow amount by spot margin trade and
 *   manual borrow amount").
 *   The rest, `borrowAmount` − `spotBorrow`, is the derivatives liability: Bybit auto-borrows
 *   "ABS[Min(0, Equity − Initial Margin for Buy Options − Positive Options Value − Asset
 *   Frozen)]" of a coin whose equity ("Asset Wallet Balance + Perpetual and Expiry UPL + Options
 *   Value") is negative — unrealised and realised losses, trading and funding fees ("Borrowing,
 *   Interest and Repayment (Unified Trading Account)", https://www.bybit.com/en/help-center/
 *   article/Borrowing-Repayment-UTA). It is that negative equity itself, which the coin's
 *   `balance` (a realised loss or fee makes `walletBalance` negative) plus its positions'
 *   unrealised P&L already carries: it is never subtracted again.
 *
 * Account (USD, `account`): `accountMMRate` — "Total Maintenance Margin / (Margin Balance −
 * Haircut Loss + Order Loss)" under cross margin, with Equity in place of Margin Balance under
 * portfolio margin (UTA glossary, https://www.bybit.com/en/help-center/article/Glossary-Unified-
 * Trading-Account) — as `marginRatio` (it is already maintenance margin / equity), with
 * `totalMaintenanceMargin` and `totalMarginBalance` (cross) or `totalEquity` (portfolio). "All
 * account wide fields are not applicable to isolated margin", so an isolated account has none.
 * Empty strings mean "not given" and are left out.
 */
export const BYBIT_WALLET_ENDPOINT = 'GET /v5/account/wallet-balance';

export interface BybitCoin {
  readonly asset: string;
  /** `walletBalance` − `spotBorrow`, in the coin (decimal string). */
  readonly balance: string;
  /** The coin's `equity` (option value included), when given. */
  readonly equity: string | undefined;
  /** The coin's `totalPositionMM`, when given. */
  readonly maintenanceMargin: string | undefined;
  /** `marginCollateral` and `collateralSwitch` both true (or left out). */
  readonly collateral: boolean;
  /** `borrowAmount` (spot and derivatives liabilities), in the coin (decimal string, "0" when none). */
  readonly borrowed: string;
  /** `spotBorrow` (spot margin and manual borrowing), in the coin (decimal string, "0" when none). */
  readonly spotBorrowed: string;
}

export interface BybitWallet {
  readonly coins: readonly BybitCoin[];
  /** The account-wide figures in USD; undefined for an isolated account or when none is given. */
  readonly account: PortfolioFileVenueReportedAccount | undefined;
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
  const seen = new Set<string>();
  const coins = reader.array(account.coin, 'result.list[0].coin').map((raw, index): BybitCoin => {
    const where = `result.list[0].coin[${index}]`;
    const coin = reader.object(raw, where);
    const asset = reader.text(coin.coin, `${where} coin`);
    if (seen.has(asset)) reader.fail(`${where} coin`, `"${asset}" appears twice`);
    seen.add(asset);
    const at = `${where} "${asset}"`;
    const walletBalance = reader.decimal(coin.walletBalance, `${at} walletBalance`);
    const spotBorrow = reader.optionalDecimal(coin.spotBorrow, `${at} spotBorrow`, 'nonNegative');
    return {
      asset,
      balance:
        spotBorrow === undefined || new Decimal(spotBorrow).isZero()
          ? walletBalance
          : reader.computed(
              new Decimal(walletBalance).minus(spotBorrow),
              `${at} walletBalance − spotBorrow`,
            ),
      equity: reader.optionalDecimal(coin.equity, `${at} equity`),
      maintenanceMargin: reader.optionalDecimal(
        coin.totalPositionMM,
        `${at} totalPositionMM`,
        'nonNegative',
      ),
      collateral:
        (coin.marginCollateral === undefined ||
          reader.boolean(coin.marginCollateral, `${at} marginCollateral`)) &&
        (coin.collateralSwitch === undefined ||
          reader.boolean(coin.collateralSwitch, `${at} collateralSwitch`)),
      borrowed:
        reader.optionalDecimal(coin.borrowAmount, `${at} borrowAmount`, 'nonNegative') ?? '0',
      spotBorrowed: spotBorrow ?? '0',
    };
  });
  if (marginMode === 'isolated') return { coins, account: undefined };
  const field = (name: string, sign: 'any' | 'nonNegative' = 'nonNegative') =>
    reader.optionalDecimal(account[name], `result.list[0].${name}`, sign);
  const reported: Record<string, string> = {};
  const marginRatio = field('accountMMRate');
  const maintenanceMargin = field('totalMaintenanceMargin');
  const equity = field(marginMode === 'portfolio' ? 'totalEquity' : 'totalMarginBalance', 'any');
  if (marginRatio !== undefined) reported.marginRatio = marginRatio;
  if (maintenanceMargin !== undefined) reported.maintenanceMargin = maintenanceMargin;
  if (equity !== undefined) reported.equity = equity;
  return { coins, account: Object.keys(reported).length === 0 ? undefined : reported };
}
