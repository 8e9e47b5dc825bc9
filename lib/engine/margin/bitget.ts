import { PortfolioError } from '../portfolio/portfolio-error';
import { InstrumentKind, type Account, type Instrument } from '../product/types';
import type { MarginSilo } from '../risk/margin-silo';
import { linearTieredAccountMargin, type LinearVenue } from './linear-tiered-account';
import { linearTieredSilos } from './linear-tiered-silos';
import type { AccountMargin } from './margin-types';
import { TierBasis } from './tier-table';
import { TierForm } from './tiers';
import type { MarginContext } from './venue-context';
import { crossHedgedPosition } from './cross-hedged-position';

/**
 * Bitget USDT-M futures (classic account, single-asset mode): linear perpetuals and futures
 * settled in USDT, cross and isolated, one-way and hedge mode. Units: USDT; rates are fractions.
 *
 * - Tiers by position value in USDT (`GET /api/v2/mix/market/query-position-lever`: `startUnit`,
 *   `endUnit`, `keepMarginRate`, https://www.bitget.com/api-doc/contract/position/Get-Query-Position-Lever,
 *   docs copy of 2025-03-20), charged slice by slice since 2025-11-10 08:00 UTC ("Bitget to update
 *   maintenance margin calculation for classic account futures", 2025-11-07,
 *   https://www.bitget.com/support/articles/12560603841952): "each portion of the position value is
 *   calculated using the corresponding margin ratio for that tier", with the taker fee rate added
 *   to every tier's rate:
 *     MM = Σ slice_k × (MMR_k + taker) = value × (MMR_tier + taker) − offset_tier
 *   (the article's worked example: 3 BTC at 110,000, tiers 0–200,000 at 0.40% and then 0.50%, fee
 *   0.06%: 200,000 × 0.46% + 130,000 × 0.56% = 1,648 USDT). The offset is the deduction form's
 *   maintenance amount (tiers.ts); the fee raises every rate alike, so it does not change it
 *   (linear-tiered-account.ts, `maintenanceChargesTakerFee`). Positions opened before that time
 *   keep the old rule, the tier's rate on the whole value; the adapter gives those their tier in
 *   force (lib/venues/bitget/bitget-position-tiers.ts).
 * - Liquidation when the margin ratio, MM / equity, reaches 100% ("Bitget futures: Leverage and risk
 *   management", 2025-02-07, https://www.bitget.com/support/articles/360058821652): cross, when the
 *   cross equity (wallet less the isolated margins, with the cross positions' unrealised P&L) falls
 *   to the cross positions' MM; isolated, when the position's margin plus its unrealised P&L falls
 *   to its MM. The isolated closed form is Bitget's ("Bitget futures: Estimated liquidation price",
 *   2025-09-18, https://www.bitget.com/support/articles/12560603808759):
 *     LP = (margin + offset − size × entry × dir) / (size × (MMR + taker − dir)),  dir = ±1
 *   which is equity = MM at LP with the MM above (the API page's example, isolated long 0.01 BTC at
 *   25,000, margin 9.6695050093373343, MMR 0.4%, taker 0.06%: LP 24,144.1124161806977798).
 * - A symbol held long and short in cross (hedge mode) is charged on its larger leg only (that
 *   page: "position with a higher value is included in hedging mode"), which the engine's shared
 *   rule does not do: such an account is refused by name rather than over-charged. The margin mode
 *   is the symbol's, both legs alike ("Change Margin Mode", `POST /api/v2/mix/account/set-margin-
 *   mode`, https://www.bitget.com/api-doc/contract/account/Change-Margin-Mode: symbol, productType,
 *   marginCoin, marginMode, no side), so a symbol's legs are both cross or both isolated.
 * - A position without `takerFeeRate` is charged no fee: its maintenance margin is then below
 *   Bitget's, and the report says so (`feeToClose.takerFeeRate` null, linear-tiered-account.ts).
 * Multi-assets mode, USDC-M and coin-M futures and the Unified Trading Account are not built (the
 * adapter refuses them; a file can only name USDT contracts here).
 */
export const BITGET = 'bitget';

/** How Bitget's tiers read: by position value in USDT, with the offset (deduction) form. */
export const BITGET_TIER_TABLES = { basis: TierBasis.notional, form: TierForm.deduction } as const;

/** USDT-settled linear perpetuals and futures (USDT-M). */
export function bitgetSupportsInstrument(instrument: Instrument): boolean {
  return (
    (instrument.kind === InstrumentKind.linearPerpetual ||
      instrument.kind === InstrumentKind.linearFuture) &&
    instrument.settle === 'USDT'
  );
}

/** Bitget's symbol: `BTC/USDT:USDT` → `BTCUSDT`. */
export function bitgetMarketId(instrument: Instrument): string {
  return `${instrument.base}${instrument.quote}`;
}

const BITGET_VENUE: LinearVenue = {
  name: BITGET,
  label: 'Bitget',
  marketId: bitgetMarketId,
  tierForm: BITGET_TIER_TABLES.form,
  maintenanceChargesTakerFee: true,
  tableEndpoint:
    'public GET /api/v2/mix/market/query-position-lever?productType=USDT-FUTURES; startUnit and endUnit in USDT position value',
};

export function bitgetAccountMargin(account: Account, context: MarginContext): AccountMargin {
  refuseCrossHedgedSymbol(account);
  return linearTieredAccountMargin(account, BITGET_VENUE, context);
}

export function bitgetSilos(account: Account, context: MarginContext): MarginSilo[] {
  refuseCrossHedgedSymbol(account);
  return linearTieredSilos(account, BITGET_VENUE, context);
}

/** A symbol held both long and short in cross margin: Bitget charges its larger leg only. */
function refuseCrossHedgedSymbol(account: Account): void {
  const both = crossHedgedPosition(account);
  if (both === undefined) return;
  throw new PortfolioError([
    `account "${account.id}" position "${both.symbol}": held long and short in cross margin; Bitget charges such a symbol's maintenance margin on its larger leg only (https://www.bitget.com/support/articles/360058821652), which is not built yet. Bitget sets the margin mode per symbol (POST /api/v2/mix/account/set-margin-mode takes a symbol and no side), so the legs cannot be split between cross and isolated: close one leg, or enter the account in a portfolio file without the smaller leg (Bitget charges it no maintenance margin; its unrealised P&L then belongs in the wallet balance)`,
  ]);
}
