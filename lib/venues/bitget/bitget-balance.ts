import { NotSupported } from 'ccxt-src/base/errors.js';
import Decimal from 'decimal.js';
import { PayloadReader } from '../api/payload-reader';
import type { PortfolioFileVenueReportedAccount } from '../api/venue-api-types';
import type { BitgetPositionRow } from './bitget-positions';

/**
 * The USDT-M futures account from `GET /api/v2/mix/account/accounts?productType=USDT-FUTURES`
 * ("Get Account List", https://www.bitget.com/api-doc/contract/account/Get-Account-List, docs copy
 * of 2025-03-28): one entry per margin coin, of which Margin Lens reads the USDT one.
 *
 * - `accountEquity`: "Account equity (margin coin), includes unrealized PnL (based on mark
 *   price)": the wallet balance is therefore equity less the unrealised P&L, isolated margins
 *   included (the engine takes each isolated position's margin back out).
 * - `unrealizedPL`, the account's unrealised P&L (or, when Bitget leaves it empty as in the
 *   page's example, `crossedUnrealizedPL` + `isolatedUnrealizedPL` when both are given): the
 *   P&L taken out of equity for the wallet. The engine then adds back the positions' own
 *   `unrealizedPL` (bitget-positions.ts), so its equity differs from `accountEquity`, passed as
 *   the venue's equity, by Σ positions' P&L − the account's: a position missing from the list,
 *   or a P&L Bitget sums otherwise, shows there. Without either figure the wallet is equity less
 *   the positions' P&L and no equity is passed to compare (it would be ours by construction).
 * - `crossedRiskRate`: "Risk ratio in cross margin mode": Bitget's margin ratio of the cross
 *   positions, cross maintenance margin over cross equity, liquidated at 100% ("Bitget futures:
 *   Leverage and risk management", https://www.bitget.com/support/articles/360058821652). It is
 *   a cross figure: passed on only when every position is cross, where it means the account's.
 * - `assetMode` union (multi-assets mode) is refused by name: the engine computes single-asset
 *   mode only.
 */
export const BITGET_ACCOUNTS_ENDPOINT = 'GET /api/v2/mix/account/accounts?productType=USDT-FUTURES';

export interface BitgetUsdtAccount {
  readonly walletBalance: string;
  readonly venueReported: PortfolioFileVenueReportedAccount;
}

export function parseBitgetUsdtAccount(
  response: unknown,
  positions: readonly BitgetPositionRow[],
): BitgetUsdtAccount | undefined {
  const reader = new PayloadReader('bitget', BITGET_ACCOUNTS_ENDPOINT);
  const data = reader.array(reader.object(response, 'response').data, 'data');
  const entries = data.map((raw, index) => reader.object(raw, `data[${index}]`));
  const index = entries.findIndex(
    (entry, at) => reader.text(entry.marginCoin, `data[${at}] marginCoin`) === 'USDT',
  );
  const entry = entries[index];
  if (entry === undefined) {
    if (positions.length > 0) reader.fail('data', 'holds no USDT account beside USDT positions');
    return undefined;
  }
  const where = `data[${index}] "USDT"`;
  const assetMode = reader.oneOf(
    entry.assetMode,
    ['single', 'union'] as const,
    `${where} assetMode`,
  );
  if (assetMode === 'union')
    throw new NotSupported(
      'bitget: the USDT-M futures account is in multi-assets mode (assetMode "union"); Margin Lens computes Bitget\'s single-asset mode only',
    );
  const equity = reader.decimal(entry.accountEquity, `${where} accountEquity`);
  const accountUnrealized = accountUnrealizedPnl(reader, entry, where);
  const unrealized =
    accountUnrealized?.value ??
    positions.reduce((sum, position) => sum.plus(position.unrealizedPnl), new Decimal(0));
  const allCross = positions.every((position) => position.marginMode === 'cross');
  const riskRate = allCross
    ? reader.optionalDecimal(entry.crossedRiskRate, `${where} crossedRiskRate`, 'nonNegative')
    : undefined;
  return {
    walletBalance: reader.computed(
      new Decimal(equity).minus(unrealized),
      `${where} accountEquity − ${accountUnrealized?.fields ?? "Σ positions' unrealizedPL"}`,
    ),
    venueReported: {
      ...(accountUnrealized !== undefined && { equity }),
      ...(riskRate !== undefined && { marginRatio: riskRate }),
    },
  };
}

/** The account's own unrealised P&L (module doc), or undefined when Bitget gives none. */
function accountUnrealizedPnl(
  reader: PayloadReader,
  entry: Record<string, unknown>,
  where: string,
): { value: Decimal; fields: string } | undefined {
  const optional = (field: string) => {
    const value = entry[field];
    return value === null ? undefined : reader.optionalDecimal(value, `${where} ${field}`);
  };
  const total = optional('unrealizedPL');
  if (total !== undefined) return { value: new Decimal(total), fields: 'unrealizedPL' };
  const cross = optional('crossedUnrealizedPL');
  const isolated = optional('isolatedUnrealizedPL');
  if (cross === undefined || isolated === undefined) return undefined;
  return {
    value: new Decimal(cross).plus(isolated),
    fields: '(crossedUnrealizedPL + isolatedUnrealizedPL)',
  };
}
