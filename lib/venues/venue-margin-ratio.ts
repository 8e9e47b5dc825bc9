// The threshold's own module, not the engine's index: the popup does not load the margin rules.
import { BINANCE_PM_LIQUIDATION_UNIMMR } from '../engine/margin/binance-pm-liquidation-threshold';
import { VENUE_DESCRIPTORS, VENUE_NAMES, type VenueId } from './venue-descriptors';

/**
 * Where each venue liquidates on the report's margin ratio (maintenance margin ÷ equity, the
 * engine's `marginRatio`), and how the venue's own pages write the ratio, so a view can draw the
 * venue's own line on a margin-ratio bar and say what the trader sees on the venue.
 *
 * - Binance USDⓈ-M and COIN-M: "margin ratio = maintenance margin / margin balance", liquidated
 *   when it "hits 100%" (Binance, "Updates to Maintenance Margin of Binance Futures
 *   Coin-Margined Contracts", 2021-03-01,
 *   https://www.binance.com/en/support/announcement/f344c70ffa534f118caceceaac8229f2);
 *   Portfolio Margin: liquidated when uniMMR falls to 1.05, i.e. a ratio of 1/1.05
 *   (binance-portfolio-margin-account.ts cites the FAQ).
 * - Bybit: account maintenance margin rate = MM / margin balance, liquidated at 100% (Bybit
 *   UTA glossary, as bybit.ts).
 * - OKX: its pages write the inverse, equity ÷ (maintenance margin + fees), liquidated "when
 *   your margin ratio falls to 100%" (OKX, "Tiered maintenance margin ratio rules",
 *   https://www.okx.com/help/v-tiered-maintenance-margin-ratio-rules); without the fees, that is
 *   100% on this scale too.
 * - Deribit: liquidated when maintenance margin reaches equity (100%; deribit-standard.ts).
 * - Hyperliquid: liquidated when account value falls below maintenance margin (100%; the docs'
 *   "Liquidations" page, as hyperliquid.ts).
 *
 * Where the venue warns first is its descriptor's `marginWarning` (Binance's margin call; null
 * where a venue publishes none), carried here beside the liquidation line.
 */
export interface VenueMarginRatio {
  /** The report's margin ratio at which the venue liquidates. */
  readonly liquidation: number;
  /** The margin ratio at which the venue warns (its descriptor's `marginWarning`); null when it publishes none. */
  readonly warning: number | null;
  /** How the venue's pages write the ratio: as ours, or inverted (equity ÷ maintenance margin). */
  readonly venueWrites: 'maintenance-over-equity' | 'equity-over-maintenance';
}

export function venueMarginRatio(venue: string, marginMode: string): VenueMarginRatio {
  const warning =
    VENUE_DESCRIPTORS.find((descriptor) => descriptor.id === venue)?.marginWarning.ratio ?? null;
  if (venue === 'binanceusdm' && marginMode === 'portfolio')
    return {
      liquidation: 1 / BINANCE_PM_LIQUIDATION_UNIMMR,
      // The margin call's 80% is the USDⓈ-M futures account's; portfolio margin warns by uniMMR.
      warning: null,
      venueWrites: 'maintenance-over-equity',
    };
  if (venue === 'okx') return { liquidation: 1, warning, venueWrites: 'equity-over-maintenance' };
  return { liquidation: 1, warning, venueWrites: 'maintenance-over-equity' };
}

/** "OKX shows it as 520% (equity ÷ maintenance margin)"; null where the venue writes it as we do. */
export function venueRatioWords(venue: string, marginMode: string, ratio: number): string | null {
  if (venueMarginRatio(venue, marginMode).venueWrites !== 'equity-over-maintenance') return null;
  const name = VENUE_NAMES[venue as VenueId] ?? venue;
  if (!(ratio > 0) || !Number.isFinite(ratio)) return null;
  return `${name} shows it upside down: ${Math.round(100 / ratio).toLocaleString('en-US')}% (equity ÷ maintenance margin, liquidated at 100%)`;
}
