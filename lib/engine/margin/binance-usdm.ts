import { PortfolioError } from '../portfolio/portfolio-error';
import type { Account, Instrument, Position } from '../product/types';
import type { MarginSilo } from '../risk/margin-silo';
import { binanceUsdmEmbeddedTiers, BINANCE_USDM_TIERS_AS_OF } from './binance-usdm-tier-tables';
import {
  isLinearStablecoinContract,
  linearTieredAccountMargin,
  type LinearVenue,
} from './linear-tiered-account';
import { linearTieredSilos } from './linear-tiered-silos';
import type { AccountMargin } from './margin-types';
import type { MaintenanceTier } from './tiers';

/**
 * Binance USDⓈ-M futures: linear perpetuals and futures settled in USDT or USDC, with Binance's
 * notional brackets. Sources: "Leverage and Margin of USDⓈ-M Futures" FAQ (MM = notional × MMR
 * − maintenance amount, IM = notional / leverage) and the liquidation-price FAQ
 * (linear-liquidation-price.ts); research/methodology.md §1.2–1.3. Tiers: the position's tier in
 * force when given, else the embedded dated brackets (binance-usdm-tier-tables.ts).
 */
export const BINANCE_USDM = 'binanceusdm';

export const binanceUsdmSupportsInstrument = isLinearStablecoinContract;

/** The Binance market id of a unified symbol: `BTC/USDT:USDT` → `BTCUSDT`, futures add `_YYMMDD`. */
export function binanceMarketId(instrument: Instrument): string {
  return `${instrument.base}${instrument.quote}${instrument.expiry ? `_${instrument.expiry}` : ''}`;
}

const BINANCE_USDM_VENUE: LinearVenue = {
  name: BINANCE_USDM,
  tiersFor: (
    account: Account,
    position: Position,
  ): { tiers: readonly MaintenanceTier[]; tierSource: string } => {
    const marketId = binanceMarketId(position.instrument);
    const tiers = binanceUsdmEmbeddedTiers(marketId);
    if (!tiers) {
      throw new PortfolioError([
        `account "${account.id}" position "${position.symbol}": no embedded Binance tier table for ${marketId}; add maintenanceMarginRate and maintenanceAmount (the tier in force) to the position`,
      ]);
    }
    return {
      tiers,
      tierSource: `embedded Binance brackets ${marketId} (${BINANCE_USDM_TIERS_AS_OF})`,
    };
  },
};

export function binanceUsdmAccountMargin(account: Account): AccountMargin {
  return linearTieredAccountMargin(account, BINANCE_USDM_VENUE);
}

export function binanceUsdmSilos(account: Account): MarginSilo[] {
  return linearTieredSilos(account, BINANCE_USDM_VENUE);
}
