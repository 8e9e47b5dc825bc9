import { PortfolioError } from '../portfolio/portfolio-error';
import { MarginMode, type Account, type Instrument } from '../product/types';
import type { MarginSilo } from '../risk/margin-silo';
import {
  binanceMultiAssetsAccountMargin,
  binanceMultiAssetsSilos,
} from './binance-multi-assets-account';
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
 * collateral rates, binance-portfolio-margin-account.ts. Multi-Assets mode accounts (with
 * `multiAssetsMargin`): one margin balance across assets, binance-multi-assets-account.ts; without
 * it an account is in Single-Asset mode, one margin asset per account.
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
  if (account.marginMode === MarginMode.portfolio)
    return binancePortfolioMarginAccount(account, BINANCE_USDM_VENUE, context);
  if (account.multiAssetsMargin)
    return binanceMultiAssetsAccountMargin(account, BINANCE_USDM_VENUE, context);
  refuseMixedSingleAssetAccount(account);
  return linearTieredAccountMargin(account, BINANCE_USDM_VENUE, context);
}

export function binanceUsdmSilos(account: Account, context: MarginContext): MarginSilo[] {
  if (account.marginMode === MarginMode.portfolio)
    return binancePortfolioMarginSilos(account, BINANCE_USDM_VENUE, context);
  if (account.multiAssetsMargin)
    return binanceMultiAssetsSilos(account, BINANCE_USDM_VENUE, context);
  refuseMixedSingleAssetAccount(account);
  return linearTieredSilos(account, BINANCE_USDM_VENUE, context);
}

/**
 * In Single-Asset mode each margin asset margins its own contracts ("What Is Multi-Assets
 * Mode", https://www.binance.com/en/support/faq/29b45c485d664028b9ca1cdf90b24f6f), so an account
 * without `multiAssetsMargin` holds one asset.
 */
function refuseMixedSingleAssetAccount(account: Account): void {
  const assets = new Set([
    ...account.positions.map((position) => position.instrument.settle),
    ...account.balances.map((balance) => balance.asset),
  ]);
  if (assets.size <= 1) return;
  throw new PortfolioError([
    `account "${account.id}": positions and balances mix ${[...assets].join(', ')}; in Binance's Single-Asset mode each margin asset is an account of its own, and an account in Multi-Assets mode gives multiAssetsMargin (each asset's index, bidBuffer and askBuffer from GET /fapi/v1/assetIndex)`,
  ]);
}
