import type { ValidatedPortfolio } from '../engine';
import { InstrumentKind, MarginMode } from '../engine/product/types';
import {
  isPublicTierTableSource,
  PUBLIC_TIER_VENUES,
  type PublicTierRequest,
  type PublicTierVenue,
} from './fetch-public-tier-table';

/**
 * The public tier tables a portfolio needs (fetch-public-tier-table.ts): one per venue and
 * contract held on Bybit or OKX by a position that carries no tier of its own and has no table
 * in the file — except a table read here before and merged into the file
 * (with-public-tier-tables.ts), which is asked for again so that it stays current. The margin
 * mode is cross where any account holds the contract in cross, else isolated (the file holds one
 * table per contract, as the OKX adapter emits it). Sorted by venue and symbol.
 */
export function publicTierRequestsOf(portfolio: ValidatedPortfolio): PublicTierRequest[] {
  const fromFile = new Set(
    (portfolio.tierTables ?? [])
      .filter((table) => !isPublicTierTableSource(table.source))
      .map((table) => `${table.venue} ${table.symbol}`),
  );
  const requests = new Map<string, PublicTierRequest>();
  for (const account of portfolio.accounts) {
    if (!isPublicTierVenue(account.venue)) continue;
    for (const position of account.positions) {
      if (position.maintenanceMarginRate !== undefined) continue;
      const kind = position.instrument.kind;
      if (kind === InstrumentKind.option || kind === InstrumentKind.spot) continue;
      const key = `${account.venue} ${position.symbol}`;
      if (fromFile.has(key)) continue;
      const marginMode =
        (position.marginMode ?? account.marginMode) === MarginMode.isolated ? 'isolated' : 'cross';
      const known = requests.get(key);
      if (known === undefined || marginMode === 'cross')
        requests.set(key, { venue: account.venue, symbol: position.symbol, marginMode });
    }
  }
  return [...requests.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, request]) => request);
}

function isPublicTierVenue(venue: string): venue is PublicTierVenue {
  return (PUBLIC_TIER_VENUES as readonly string[]).includes(venue);
}
