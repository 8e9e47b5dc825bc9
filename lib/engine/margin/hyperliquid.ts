import Decimal from 'decimal.js';
import { PortfolioError } from '../portfolio/portfolio-error';
import { hip3MarketOfBase, hyperliquidMarketName } from '../product/hyperliquid-market-name';
import { InstrumentKind, type Account, type Instrument, type Position } from '../product/types';
import type { MarginSilo } from '../risk/margin-silo';
import { linearTieredAccountMargin, type LinearVenue } from './linear-tiered-account';
import { linearTieredSilos } from './linear-tiered-silos';
import type { AccountMargin } from './margin-types';
import { hyperliquidEmbeddedTierTable } from './hyperliquid-margin-tables';
import { TierOrigin, type TierChoice } from './tier-table';
import type { MaintenanceTier } from './tiers';
import type { MarginContext } from './venue-context';

/**
 * Hyperliquid perpetuals (linear), cross or isolated: the first perp dex's, settled in USDC, and
 * the builder-deployed (HIP-3) dexes', each settled in its own collateral token (USDC, USDH, …;
 * `XYZ-NVDA/USDC:USDC`, `FLX-TSLA/USDH:USDH`, product/hyperliquid-market-name.ts). Each dex is
 * margined on its own (the info endpoint gives one `clearinghouseState` per dex,
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint/perpetuals),
 * so an account holds one dex's positions in one settlement asset, its figures in that asset.
 * An account in unified account mode is the same cross account for one collateral token across
 * the dexes using it, on the token's spot balance (Hyperliquid's published "Unified Account
 * Ratio", https://hyperliquid.gitbook.io/hyperliquid-docs/trading/account-abstraction-modes:
 * the dexes' cross maintenance margin over the spot total less the isolated margin, liquidation
 * at 1; lib/venues/hyperliquid/hyperliquid-unified-account.ts builds it).
 *
 * Source: Hyperliquid docs, "Liquidations" (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/liquidations):
 * "the maintenance margin is half of the initial margin at max leverage", so
 *   MM = notional / (2 · maxLeverage)   (maintenance leverage = 2 · max leverage)
 * and the documented liquidation price
 *   liq_price = price − side · margin_available / position_size / (1 − l · side),  l = 1/maintenance leverage,
 * which is the equity = MM solution of linear-liquidation-price.ts with one tier; a negative
 * result means no liquidation price (null). The asset's max leverage comes with the position
 * (`maxLeverage`, from the venue's meta, with the tier in force above the first tier of its margin
 * table); without it, the embedded dated margin table of the asset (hyperliquid-margin-tables.ts,
 * 30 most traded coins of the first dex) gives every tier, else the position is refused, since
 * max leverage changes by asset and over time.
 */
export const HYPERLIQUID = 'hyperliquid';

export function hyperliquidSupportsInstrument(instrument: Instrument): boolean {
  return (
    instrument.kind === InstrumentKind.linearPerpetual &&
    instrument.quote === instrument.settle &&
    (instrument.settle === 'USDC' || hip3MarketOfBase(instrument.base) !== undefined)
  );
}

/** Hyperliquid's maintenance margin rate for an asset of `maxLeverage`: 1/(2·maxLeverage). */
export function hyperliquidMaintenanceMarginRate(maxLeverage: number): number {
  return 1 / (2 * maxLeverage);
}

const HYPERLIQUID_VENUE: LinearVenue = {
  name: HYPERLIQUID,
  label: 'Hyperliquid',
  marketId: (instrument) => hyperliquidMarketName(instrument.base),
  tableEndpoint: 'no tier tables: the asset max leverage of the info meta',
  tiersFor: (account: Account, position: Position): TierChoice => {
    if (position.maxLeverage === undefined) {
      const coin = hyperliquidMarketName(position.instrument.base);
      const table = hyperliquidEmbeddedTierTable(coin, position.symbol);
      if (table) {
        return {
          tiers: table.tiers,
          tierSource: `embedded Hyperliquid margin table ${coin} (${table.source}, ${table.asOf})`,
          tierOrigin: TierOrigin.embedded,
          tierTable: { source: table.source, asOf: table.asOf },
        };
      }
      throw new PortfolioError([
        `account "${account.id}" position "${position.symbol}" maxLeverage: Hyperliquid positions need the asset's max leverage (from the venue's meta), and no margin table is embedded for ${coin}; the maintenance margin is half the initial margin at max leverage`,
      ]);
    }
    const tier: MaintenanceTier = {
      floor: new Decimal(0),
      cap: null,
      maintenanceMarginRate: new Decimal(1).div(2 * position.maxLeverage),
      maintenanceAmount: new Decimal(0),
      maxLeverage: position.maxLeverage,
    };
    return {
      tiers: [tier],
      tierSource: `Hyperliquid: half the initial margin at max leverage ${position.maxLeverage}x`,
      tierOrigin: TierOrigin.venueRule,
      tierTable: null,
    };
  },
};

export function hyperliquidAccountMargin(account: Account, context: MarginContext): AccountMargin {
  return linearTieredAccountMargin(account, HYPERLIQUID_VENUE, context);
}

export function hyperliquidSilos(account: Account, context: MarginContext): MarginSilo[] {
  return linearTieredSilos(account, HYPERLIQUID_VENUE, context);
}
