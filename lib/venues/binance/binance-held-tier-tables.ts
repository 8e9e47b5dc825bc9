import type { PortfolioFileTier, PortfolioFileTierTable, VenueId } from '../api/venue-api-types';
import type { SiloPosition } from './binance-silos';
import type { PayloadReader } from '../api/payload-reader';

/**
 * The portfolio file's `tierTables` for the symbols an account holds: one table per symbol, the
 * account's own brackets (binance-brackets.ts), named by the endpoint they came from and the
 * read time. A held symbol without brackets is a malformed response (Binance returns every
 * symbol's brackets when asked for none).
 */
export function heldTierTables(
  venue: VenueId,
  positions: readonly SiloPosition[],
  brackets: ReadonlyMap<string, readonly PortfolioFileTier[]>,
  reader: PayloadReader,
  asOf: string,
): PortfolioFileTierTable[] {
  const held = new Map(positions.map((item) => [item.marketId, item.position.symbol]));
  return [...held].map(([marketId, symbol]): PortfolioFileTierTable => {
    const tiers = brackets.get(marketId);
    if (!tiers) return reader.fail('response', `has no brackets for the held symbol "${marketId}"`);
    return { venue, symbol, source: reader.endpoint, asOf, tiers };
  });
}
