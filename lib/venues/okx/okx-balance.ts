import Decimal from 'decimal.js';
import { PayloadReader } from '../api/payload-reader';
import type { PortfolioFileVenueReportedAccount } from '../api/venue-api-types';

/**
 * The trading account's balances and OKX's own margin figures from `GET /api/v5/account/balance`
 * (https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-balance).
 *
 * - Per currency (`details[]`): `cashBal` is the wallet balance (isolated margin included; the
 *   engine takes each isolated position's margin back out), passed on as written; `mgnRatio`
 *   ("margin ratio of the currency", single-currency margin only) and `mmr` (the currency's cross
 *   maintenance margin requirement), "" where they do not apply.
 * - Account (`adjEq`, `mmr`, `mgnRatio`, in USD; multi-currency and portfolio margin only).
 *
 * OKX's `mgnRatio` is equity / maintenance margin (e.g. 128512.58 for a nearly unused account,
 * ccxt/ccxt#16769) — the reverse of Margin Lens's margin ratio, maintenance margin / equity
 * (DESIGN.md §4; research peers.md §6.3). It is therefore inverted here: marginRatio =
 * 1 / mgnRatio, in decimal arithmetic (20 significant digits).
 */
export const OKX_BALANCE_ENDPOINT = 'GET /api/v5/account/balance';

export interface OkxCurrencyBalance {
  readonly currency: string;
  readonly cashBalance: string;
  readonly venueReported: PortfolioFileVenueReportedAccount | undefined;
}

export interface OkxBalance {
  readonly currencies: readonly OkxCurrencyBalance[];
  /** Account-level figures (multi-currency and portfolio margin). */
  readonly venueReported: PortfolioFileVenueReportedAccount | undefined;
}

export function parseOkxBalance(response: unknown): OkxBalance {
  const reader = new PayloadReader('okx', OKX_BALANCE_ENDPOINT);
  const data = reader.array(reader.object(response, 'response').data, 'data');
  if (data.length !== 1) reader.fail('data', `must hold one account, got ${data.length}`);
  const account = reader.object(data[0], 'data[0]');
  const seen = new Set<string>();
  const currencies = reader.array(account.details, 'data[0].details').map((raw, index) => {
    const where = `data[0].details[${index}]`;
    const detail = reader.object(raw, where);
    const currency = reader.text(detail.ccy, `${where} ccy`);
    if (seen.has(currency)) reader.fail(`${where} ccy`, `"${currency}" appears twice`);
    seen.add(currency);
    const at = `${where} "${currency}"`;
    return {
      currency,
      cashBalance: reader.decimal(detail.cashBal, `${at} cashBal`),
      venueReported: reported(
        reader.optionalDecimal(detail.mgnRatio, `${at} mgnRatio`, 'positive'),
        reader.optionalDecimal(detail.mmr, `${at} mmr`, 'nonNegative'),
        undefined,
      ),
    };
  });
  return {
    currencies,
    venueReported: reported(
      reader.optionalDecimal(account.mgnRatio, 'data[0].mgnRatio', 'positive'),
      reader.optionalDecimal(account.mmr, 'data[0].mmr', 'nonNegative'),
      reader.optionalDecimal(account.adjEq, 'data[0].adjEq'),
    ),
  };
}

function reported(
  okxMarginRatio: string | undefined,
  maintenanceMargin: string | undefined,
  equity: string | undefined,
): PortfolioFileVenueReportedAccount | undefined {
  const figures: Record<string, string> = {};
  if (okxMarginRatio !== undefined)
    figures.marginRatio = new Decimal(1).div(okxMarginRatio).toFixed();
  if (maintenanceMargin !== undefined) figures.maintenanceMargin = maintenanceMargin;
  if (equity !== undefined) figures.equity = equity;
  return Object.keys(figures).length === 0 ? undefined : figures;
}
