import { MarginMode, type Account, type Instrument } from '../product/types';
import type { MarginSilo } from '../risk/margin-silo';
import {
  binancePortfolioMarginAccount,
  binancePortfolioMarginSilos,
} from './binance-portfolio-margin-account';
import { binanceUsdmEmbeddedTierTable } from './binance-usdm-tier-tables';
import {
  isLinearStablecoinContract,
  linearTieredAccountMargin,
  type LinearVenue,
} from './linear-tiered-account';
import { linearTieredSilos } from './linear-tiered-silos';
import type { AccountMargin } from './margin-types';
import type { MarginContext } from './venue-context';

/**
 * Binance USDⓈ-M futures: linear perpetuals and futures settled in USDT or USDC, with Binance's
 * notional brackets. Sources: "Leverage and Margin of USDⓈ-M Futures" FAQ (MM = notional × MMR
 * − maintenance amount, IM = notional / leverage) and the liquidation-price FAQ
 * (linear-liquidation-price.ts); research/methodology.md §1.2–1.3. Tiers: the position's tier in
 * force when given, else the brackets from the file's `tierTables`, else the embedded dated brackets
 * (binance-usdm-tier-tables.ts). Portfolio Margin accounts (`marginMode: "portfolio"`): uniMMR with
 * collateral rates, binance-portfolio-margin-account.ts.
 */
export const BINANCE_USDM = 'binanceusdm';

export const binanceUsdmSupportsInstrument = isLinearStablecoinContract;

/** The Binance market id of a unified symbol: `BTC/USDT:USDT` → `BTCUSDT`, futures add `_YYMMDD`. */
export function binanceMarketId(instrument: Instrument): string {
  return `${instrument.base}${instrument.quote}${instrument.expiry ? `_${instrument.expiry}` : ''}`;
}

const BINANCE_USDM_VENUE: LinearVenue = {
  name: BINANCE_USDM,
  label: 'Binance',
  marketId: binanceMarketId,
  tableEndpoint: 'GET /fapi/v1/leverageBracket, signed',
  embeddedTierTable: (instrument) =>
    binanceUsdmEmbeddedTierTable(binanceMarketId(instrument), instrument.symbol),
};

export function binanceUsdmAccountMargin(account: Account, context: MarginContext): AccountMargin {
  return account.marginMode === MarginMode.portfolio
    ? binancePortfolioMarginAccount(account, BINANCE_USDM_VENUE, context)
    : linearTieredAccountMargin(account, BINANCE_USDM_VENUE, context);
}

export function binanceUsdmSilos(account: Account, context: MarginContext): MarginSilo[] {
  return account.marginMode === MarginMode.portfolio
    ? binancePortfolioMarginSilos(account, BINANCE_USDM_VENUE, context)
    : linearTieredSilos(account, BINANCE_USDM_VENUE, context);
}
