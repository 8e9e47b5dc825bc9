import Decimal from 'decimal.js';
import { PayloadReader } from '../api/payload-reader';
import type {
  PortfolioFilePosition,
  PortfolioFileVenueReportedAccount,
} from '../api/venue-api-types';

/**
 * The trading account's balances and OKX's own margin figures from `GET /api/v5/account/balance`
 * (https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-balance).
 *
 * - Per currency (`details[]`): `cashBal` is the cash balance, isolated positions' margin not in
 *   it (OKX's currency equity adds "margin balance in isolated positions" to it; the adapter adds
 *   each isolated position's `margin` back to make the file's wallet); `mgnRatio`
 *   ("margin ratio of the currency", single-currency margin only) and `mmr` (the currency's cross
 *   maintenance margin requirement), "" where they do not apply.
 * - Account (`adjEq`, `mmr`, `mgnRatio`, in USD; multi-currency and portfolio margin only).
 * - Per currency, its USD price as OKX values it: `eqUsd` ("Equity in USD") / `eq` ("Equity of
 *   currency"), for a multi-currency account across currencies (okx-adapter.ts: the price OKX
 *   valued the currency at in the same answer as its `adjEq`); none when `eq` is 0 or either is "".
 * - Per currency, `collateralEnabled` (a JSON boolean; false where the currency is switched off
 *   as collateral and so adds nothing to `adjEq`; absent read as true). Its place in the balance
 *   details was checked against a client's typed model of the same answer (rust-okx 0.6.4,
 *   `BalanceDetail.collateral_enabled: bool`, docs.rs), the OKX page itself not being at hand.
 *
 * OKX's `mgnRatio` is equity / maintenance margin (e.g. 128512.58 for a nearly unused account,
 * ccxt/ccxt#16769) — the reverse of Margin Lens's margin ratio, maintenance margin / equity
 * (DESIGN.md §4; research peers.md §6.3). It is therefore inverted here: marginRatio =
 * 1 / mgnRatio, in decimal arithmetic (20 significant digits).
 *
 * All of these are cross figures (the Get balance page, OKX docs snapshot of 2026-07-16): per
 * currency, `mgnRatio` is the "Cross maintenance margin ratio of currency" and `mmr` the "Cross
 * maintenance margin requirement at the currency level", "applicable … when there is cross
 * position"; per account, `mmr` is "the sum of maintenance margins of all open positions and
 * pending orders under cross-margin mode", `adjEq` the assets that "can provide margins … under
 * the cross-margin mode" and `mgnRatio` = adjEq / mmr. The engine's account figures count every
 * position of the account, isolated ones included, so {@link okxCurrencyVenueReported} and
 * {@link okxAccountVenueReported} give the figures that mean the same for an account that also
 * holds isolated positions.
 */
export const OKX_BALANCE_ENDPOINT = 'GET /api/v5/account/balance';

export interface OkxCurrencyBalance {
  readonly currency: string;
  readonly cashBalance: string;
  /** USD per unit of the currency, `eqUsd` / `eq`; undefined when `eq` is 0 or either is absent. */
  readonly usdPrice: string | undefined;
  /** False where the trader switched the currency off as collateral (`collateralEnabled` false). */
  readonly collateralEnabled: boolean;
  /** The currency's cross figures (single-currency margin): `mgnRatio` inverted, `mmr`. */
  readonly venueReported: PortfolioFileVenueReportedAccount | undefined;
}

export interface OkxBalance {
  readonly currencies: readonly OkxCurrencyBalance[];
  /** Account-level cross figures in USD (multi-currency and portfolio margin). */
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
    const equity = reader.optionalDecimal(detail.eq, `${at} eq`);
    const equityUsd = reader.optionalDecimal(detail.eqUsd, `${at} eqUsd`);
    return {
      currency,
      cashBalance: reader.decimal(detail.cashBal, `${at} cashBal`),
      collateralEnabled:
        detail.collateralEnabled === undefined ||
        reader.boolean(detail.collateralEnabled, `${at} collateralEnabled`),
      usdPrice:
        equity === undefined || equityUsd === undefined || new Decimal(equity).isZero()
          ? undefined
          : reader.computed(new Decimal(equityUsd).div(equity), `${at} eqUsd / eq`),
      venueReported: reported(
        reader,
        at,
        reader.optionalDecimal(detail.mgnRatio, `${at} mgnRatio`, 'positive'),
        reader.optionalDecimal(detail.mmr, `${at} mmr`, 'nonNegative'),
        undefined,
      ),
    };
  });
  return {
    currencies,
    venueReported: reported(
      reader,
      'data[0]',
      reader.optionalDecimal(account.mgnRatio, 'data[0].mgnRatio', 'positive'),
      reader.optionalDecimal(account.mmr, 'data[0].mmr', 'nonNegative'),
      reader.optionalDecimal(account.adjEq, 'data[0].adjEq'),
    ),
  };
}

function reported(
  reader: PayloadReader,
  where: string,
  okxMarginRatio: string | undefined,
  maintenanceMargin: string | undefined,
  equity: string | undefined,
): PortfolioFileVenueReportedAccount | undefined {
  const figures: Record<string, string> = {};
  if (okxMarginRatio !== undefined)
    figures.marginRatio = reader.computed(
      new Decimal(1).div(okxMarginRatio),
      `1 / ${where} mgnRatio`,
    );
  if (maintenanceMargin !== undefined) figures.maintenanceMargin = maintenanceMargin;
  if (equity !== undefined) figures.equity = equity;
  return Object.keys(figures).length === 0 ? undefined : figures;
}

/**
 * A single-currency-margin account's figures (one currency, `positions` all margined in it).
 * Cross positions only: the currency's cross figures as reported. With isolated positions:
 * maintenance margin = the currency's cross `mmr` (0 when it holds no cross position, for which
 * OKX leaves the field "") + each isolated position's own `mmr` ("Maintenance margin
 * requirement", Get positions, in the margin currency) — the sum of every position's
 * maintenance margin, as the engine counts it; left out when a needed figure is missing. The
 * margin ratio is left out: OKX's is cross equity / cross MMR, and nothing OKX reports turns it
 * into the whole currency's ratio.
 */
export function okxCurrencyVenueReported(
  currency: OkxCurrencyBalance,
  positions: readonly PortfolioFilePosition[],
): PortfolioFileVenueReportedAccount | undefined {
  const isolated = positions.filter((position) => position.marginMode === 'isolated');
  if (isolated.length === 0) return currency.venueReported;
  const crossHeld = isolated.length < positions.length;
  const cross = currency.venueReported?.maintenanceMargin ?? (crossHeld ? undefined : '0');
  const own = isolated.map((position) => position.venueReported?.maintenanceMargin);
  if (cross === undefined || own.some((value) => value === undefined)) return undefined;
  const total = own.reduce((sum, value) => sum.plus(value as string), new Decimal(cross));
  return { maintenanceMargin: total.toFixed() };
}

/**
 * A multi-currency or portfolio-margin account's figures: OKX's account figures (USD) when every
 * position is cross; none when it holds isolated positions, whose margin and maintenance margin
 * (in each position's currency) are outside OKX's cross `adjEq`, `mmr` and `mgnRatio`.
 */
export function okxAccountVenueReported(
  balance: OkxBalance,
  positions: readonly PortfolioFilePosition[],
): PortfolioFileVenueReportedAccount | undefined {
  return positions.some((position) => position.marginMode === 'isolated')
    ? undefined
    : balance.venueReported;
}
