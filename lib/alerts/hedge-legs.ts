import type { RiskReport } from '../engine';
import { parseSymbol } from '../engine/product/parse-symbol';
import { InstrumentKind } from '../engine/product/types';
import { positionName } from './alert-names';

/**
 * The legs a hedge across accounts is made of, as the alerts remember them between evaluations
 * (to notice one disappear or shrink: broken-hedges.ts). A leg is one position (account, symbol,
 * side) of a future or perpetual; options are left out (their exposure is their delta, not their
 * size). A leg is `hedged` when another account holds the opposite side on the same underlying:
 * each leg has its own margin and can be liquidated alone, leaving the other standing.
 * Units: quantity in base units (BTC), prices in the quote.
 */
export interface HedgeLeg {
  /** `<account>|<symbol>|<side>`. */
  readonly key: string;
  readonly accountId: string;
  /** The connection the account was read through; null for a file's account. */
  readonly connectionId: string | null;
  readonly venue: string;
  readonly symbol: string;
  readonly side: 'long' | 'short';
  /** The base asset (BTC; XYZ-NVDA for a HIP-3 market). */
  readonly underlying: string;
  readonly quantity: number;
  /**
   * An inverse leg's size in the quote (contracts × contract size, USD), which does not move
   * with the mark as its base quantity does; absent for a linear leg (its base quantity is fixed).
   */
  readonly faceValueQuote?: number;
  /** The mark (the index for options) at the read. */
  readonly referencePrice: number;
  /** Our liquidation price; null when none exists. */
  readonly liquidationPrice: number | null;
  /** The venue's own liquidation price, when it reported one. */
  readonly venueLiquidationPrice: number | null;
  /** Distance to our liquidation price, a fraction of the reference price. */
  readonly liquidationDistancePct: number | null;
  /** "Hyperliquid BTC perp long". */
  readonly name: string;
  readonly hedged: boolean;
}

export function hedgeLegs(
  report: RiskReport,
  labelOf: (account: { id: string; settle: string }) => string,
  accountConnections: Readonly<Record<string, string>>,
): HedgeLeg[] {
  const legs: Omit<HedgeLeg, 'hedged'>[] = [];
  for (const account of report.accounts)
    for (const position of account.positions) {
      const instrument = parseSymbol(position.symbol);
      if (!('error' in instrument) && instrument.kind === InstrumentKind.option) continue;
      if (!(position.quantity > 0)) continue;
      const venueLiquidation = position.venueReported?.liquidationPrice?.venue ?? null;
      legs.push({
        key: `${account.id}|${position.symbol}|${position.side}`,
        accountId: account.id,
        connectionId: accountConnections[account.id] ?? null,
        venue: account.venue,
        symbol: position.symbol,
        side: position.side,
        // The base of a ccxt symbol (a HIP-3 symbol, which the parser refuses, included).
        underlying: position.symbol.split('/')[0] ?? position.symbol,
        quantity: position.quantity,
        // An inverse contract settles in its base (BTC/USD:BTC): its size is the quote face.
        ...(isInverse(position.symbol) && {
          faceValueQuote: position.quantity * position.referencePrice,
        }),
        referencePrice: position.referencePrice,
        liquidationPrice:
          position.liquidationPrice !== null && position.liquidationPrice > 0
            ? position.liquidationPrice
            : null,
        venueLiquidationPrice:
          venueLiquidation !== null && venueLiquidation > 0 ? venueLiquidation : null,
        liquidationDistancePct: position.liquidationDistancePct,
        name: positionName(account.venue, labelOf(account), position.symbol, position.side),
      });
    }
  return legs.map((leg) => ({
    ...leg,
    hedged: legs.some(
      (other) =>
        other.underlying === leg.underlying &&
        other.side !== leg.side &&
        other.accountId !== leg.accountId,
    ),
  }));
}

/** Whether a ccxt symbol is an inverse contract: settled in its base (BTC/USD:BTC). */
function isInverse(symbol: string): boolean {
  const [pair, settle] = symbol.split(':');
  return settle !== undefined && settle === pair?.split('/')[0];
}

/**
 * A leg's size in base units at `price`: its base quantity for a linear leg, its quote face
 * over the price for an inverse one (so a mark move alone does not change its size).
 */
export function legSizeAt(leg: HedgeLeg, price: number): number {
  return leg.faceValueQuote !== undefined ? leg.faceValueQuote / price : leg.quantity;
}
