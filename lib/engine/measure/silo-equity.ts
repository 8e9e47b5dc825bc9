import type { MarginSilo } from '../risk/margin-silo';
import type { ResolvedAccount } from './resolve-inputs';

/**
 * A margin silo's equity now, in its account's settlement asset: what the trader loses when the
 * venue liquidates it and keeps what margin is left (move-liquidations.ts, broken-hedges.ts).
 *
 * - An account's one cross silo holds its whole wallet: the account's equity (options and
 *   portfolio margin included).
 * - Any other silo (an isolated position, or a cross silo beside isolated ones): its own wallet
 *   plus its positions' unrealised P&L; an isolated position loses its margin, not the account's
 *   free cash.
 */
export function siloEquity(entry: ResolvedAccount, silo: MarginSilo): number {
  const { margin } = entry;
  return entry.silos.length === 1 && silo.label === 'cross'
    ? margin.equity
    : silo.positionIndices.reduce(
        (sum, p) => sum + (margin.positions[p]?.unrealizedPnl ?? 0),
        silo.wallet,
      );
}
