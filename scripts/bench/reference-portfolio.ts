/**
 * The benchmark's reference book (issue 3): 100 positions over 6 accounts and 8 assets, 40 of
 * them options, built deterministically (no randomness) so every run measures the same work.
 * - `exposures`: all 100 positions as scenario exposures (60 delta-one, 40 Black-76 options).
 * - `portfolioFile`: the 60 linear positions as Binance USDⓈ-M accounts in the portfolio-file
 *   format, for the full report (options enter the report once a venue that holds them has
 *   margin rules).
 */
import { DEFAULT_MARKET } from '../../lib/engine/market/default-market';
import type { Exposure } from '../../lib/engine/risk/exposure';

export const ASSETS = ['ADA', 'AVAX', 'BNB', 'BTC', 'DOGE', 'ETH', 'SOL', 'XRP'] as const;
const ACCOUNTS = 6;

function price(asset: string): number {
  return DEFAULT_MARKET.prices[asset] ?? 1;
}

export function referenceExposures(): Exposure[] {
  const exposures: Exposure[] = [];
  for (let index = 0; index < 60; index++) {
    const asset = ASSETS[index % ASSETS.length] ?? 'BTC';
    const notional = 5_000 + ((index * 7919) % 45_000);
    exposures.push({
      kind: 'delta-one',
      assetIndex: ASSETS.indexOf(asset as (typeof ASSETS)[number]),
      quantity: ((index % 3 === 0 ? -1 : 1) * notional) / price(asset),
      price: price(asset),
      usdPerSettle: 1,
    });
  }
  for (let index = 0; index < 40; index++) {
    const asset = ASSETS[index % ASSETS.length] ?? 'BTC';
    const forward = price(asset);
    exposures.push({
      kind: 'option',
      assetIndex: ASSETS.indexOf(asset as (typeof ASSETS)[number]),
      quantity: ((index % 2 === 0 ? 1 : -1) * 20_000) / forward,
      type: index % 4 < 2 ? 'call' : 'put',
      strike: forward * (0.8 + 0.05 * (index % 9)),
      forward,
      timeToExpiry: (7 + ((index * 13) % 90)) / 365,
      lognormalVol: (DEFAULT_MARKET.annualVols[asset] ?? 0.6) * (0.9 + 0.02 * (index % 10)),
    });
  }
  return exposures;
}

/**
 * One hedge-mode Binance USDⓈ-M position of the bench books, in the portfolio-file format: the
 * entry spread ±5% around the mark by `index`, 10x, isolated margin notional/8 (read only by
 * isolated accounts), the tier in force stated (0.5%, no deduction).
 */
export function benchLinearPosition(
  asset: string,
  mark: number,
  notional: number,
  side: 'long' | 'short',
  index: number,
): Record<string, unknown> {
  return {
    symbol: `${asset}/USDT:USDT`,
    side,
    positionSide: side,
    contracts: (notional / mark).toPrecision(8),
    entryPrice: (mark * (1 + ((index % 11) - 5) / 100)).toPrecision(8),
    markPrice: String(mark),
    leverage: 10,
    isolatedMargin: String(Math.round(notional / 8)),
    maintenanceMarginRate: '0.005',
    maintenanceAmount: '0',
  };
}

export function referencePortfolioFile(): unknown {
  const accounts = Array.from({ length: ACCOUNTS }, (_, account) => ({
    id: `account-${account + 1}`,
    venue: 'binanceusdm',
    marginMode: account % 3 === 2 ? 'isolated' : 'cross',
    positionMode: 'hedge',
    balances: [{ asset: 'USDT', total: String(60_000 + account * 10_000) }],
    positions: [] as Record<string, unknown>[],
  }));
  for (let index = 0; index < 60; index++) {
    const asset = ASSETS[index % ASSETS.length] ?? 'BTC';
    const mark = price(asset);
    const notional = 5_000 + ((index * 7919) % 45_000);
    const side = index % 3 === 0 ? 'short' : 'long';
    const account = accounts[index % ACCOUNTS];
    account?.positions.push(benchLinearPosition(asset, mark, notional, side, index));
  }
  // Hedge mode allows one long and one short leg per symbol: merge duplicates of a leg.
  for (const account of accounts) {
    const legs = new Map<string, Record<string, unknown>>();
    for (const position of account.positions) {
      const key = `${String(position.symbol)} ${String(position.side)}`;
      const existing = legs.get(key);
      if (existing)
        existing.contracts = (Number(existing.contracts) + Number(position.contracts)).toPrecision(
          8,
        );
      else legs.set(key, position);
    }
    account.positions = [...legs.values()];
  }
  return { version: 1, asOf: '2025-02-11T00:00:00Z', accounts };
}
