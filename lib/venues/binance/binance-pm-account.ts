import Decimal from 'decimal.js';
import type { PayloadReader } from '../api/payload-reader';

/**
 * A Binance Portfolio Margin account's own figures and wallets, read by key:
 * - `GET /papi/v1/account`
 *   (https://developers.binance.com/docs/derivatives/portfolio-margin/account/Account-Information):
 *   `uniMMR` (the unified maintenance margin ratio), `accountEquity` (USD, with collateral
 *   rates), `actualEquity` (USD, without), `accountMaintMargin` (USD) and `accountStatus`;
 * - `GET /papi/v1/balance`
 *   (https://developers.binance.com/docs/derivatives/portfolio-margin/account/Account-Balance):
 *   per asset `totalWalletBalance` (cross margin asset + UM wallet + CM wallet), the cross
 *   margin loan (`crossMarginBorrowed`, `crossMarginInterest`) and `negativeBalance`.
 * Units: USD for the account figures, the asset for its wallet. Decimal strings as sent.
 */
export interface BinancePortfolioMarginFigures {
  readonly uniMmr: string;
  readonly accountEquity: string;
  readonly actualEquity: string;
  readonly accountMaintMargin: string;
  readonly accountStatus: string;
}

export interface BinancePortfolioMarginWallet {
  readonly asset: string;
  readonly totalWalletBalance: string;
  /** Borrowed plus interest plus negative balance: what the account owes in the asset. */
  readonly owed: string;
}

export function parsePortfolioMarginAccount(
  payload: unknown,
  reader: PayloadReader,
): BinancePortfolioMarginFigures {
  const account = reader.object(payload, 'response');
  return {
    uniMmr: reader.decimalString(account.uniMMR, 'uniMMR', 'nonNegative'),
    accountEquity: reader.decimalString(account.accountEquity, 'accountEquity'),
    actualEquity: reader.decimalString(account.actualEquity, 'actualEquity'),
    accountMaintMargin: reader.decimalString(
      account.accountMaintMargin,
      'accountMaintMargin',
      'nonNegative',
    ),
    accountStatus: reader.text(account.accountStatus, 'accountStatus'),
  };
}

export function parsePortfolioMarginBalances(
  payload: unknown,
  reader: PayloadReader,
): BinancePortfolioMarginWallet[] {
  return reader.array(payload, 'response').map((raw, index) => {
    const entry = reader.object(raw, `[${index}]`);
    const asset = reader.text(entry.asset, `[${index}] asset`);
    const where = `[${index}] "${asset}"`;
    const owed = ['crossMarginBorrowed', 'crossMarginInterest', 'negativeBalance'].reduce(
      (sum, field) =>
        sum.plus(reader.decimalString(entry[field], `${where} ${field}`, 'nonNegative')),
      new Decimal(0),
    );
    return {
      asset,
      totalWalletBalance: reader.decimalString(
        entry.totalWalletBalance,
        `${where} totalWalletBalance`,
      ),
      owed: reader.computed(
        owed,
        `${where} crossMarginBorrowed + crossMarginInterest + negativeBalance`,
      ),
    };
  });
}
