import Decimal from 'decimal.js';
import type { PortfolioFilePosition, PortfolioFileVenueReportedPosition } from './venue-api-types';

/**
 * A venue's position row as the adapters that read one position per row check it (OKX, Gate):
 * decimal strings as the venue wrote them, an isolated position's margin, the hedge-mode leg and
 * the venue's own figures where it gave them.
 */
export interface CheckedPositionRow {
  readonly side: 'long' | 'short';
  readonly hedgeLeg: boolean;
  /** Absolute size in contracts. */
  readonly contracts: string;
  readonly entryPrice: string;
  readonly markPrice: string;
  readonly leverage: string | undefined;
  /** Present for an isolated position only. */
  readonly isolatedMargin: string | undefined;
  readonly liquidationPrice: string | undefined;
  readonly maintenanceMargin: string | undefined;
  readonly initialMargin?: string | undefined;
}

/**
 * The portfolio-file position of a checked row: its size, prices, leverage, isolated margin,
 * leg and the venue's own figures. The venue's rule fields (tier in force, taker fee, option
 * figures) are the adapter's to add.
 */
export function rowPortfolioPosition(
  row: CheckedPositionRow,
  symbol: string,
  contractSize: string,
): PortfolioFilePosition {
  const venueReported: PortfolioFileVenueReportedPosition = {
    ...(row.liquidationPrice !== undefined && { liquidationPrice: row.liquidationPrice }),
    ...(row.maintenanceMargin !== undefined && { maintenanceMargin: row.maintenanceMargin }),
    ...(row.initialMargin !== undefined && { initialMargin: row.initialMargin }),
  };
  return {
    symbol,
    side: row.side,
    contracts: row.contracts,
    contractSize,
    entryPrice: row.entryPrice,
    markPrice: row.markPrice,
    ...(row.leverage !== undefined && { leverage: new Decimal(row.leverage).toNumber() }),
    ...(row.isolatedMargin !== undefined && {
      marginMode: 'isolated' as const,
      isolatedMargin: row.isolatedMargin,
    }),
    ...(row.hedgeLeg && { positionSide: row.side }),
    ...(Object.keys(venueReported).length > 0 && { venueReported }),
  };
}
