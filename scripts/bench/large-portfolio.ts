/**
 * The benchmark's large book: 300 positions over 20 accounts and the reference book's 8 assets,
 * 100 of them options, built deterministically (no randomness) so every run measures the same
 * work. Beside the reference book (reference-portfolio.ts: 100 positions, 6 accounts, 40
 * options), it shows how the cost grows with the number of positions.
 * - `largeExposures()`: all 300 positions as scenario exposures (200 delta-one, 100 Black-76
 *   options on all 8 assets, strikes 80–120% of the forward, 6–96 days to expiry).
 * - `largePortfolioFile()`: the same shape in the portfolio-file format for the full report:
 *   200 linear positions in 16 Binance USDⓈ-M accounts (cross and isolated, hedge mode, one leg
 *   per symbol and side, so none merge) and 100
 *   coin-settled options in 4 Deribit accounts (2 BTC, 2 ETH: the options Deribit margins), so
 *   the report also simulates non-linear silos.
 */
import { DEFAULT_MARKET } from '../../lib/engine/market/default-market';
import type { Exposure } from '../../lib/engine/risk/exposure';
import { ASSETS, benchLinearPosition } from './reference-portfolio';

const LINEAR = 200;
const OPTIONS = 100;
const BINANCE_ACCOUNTS = 16;
const DERIBIT_ACCOUNTS = 4;

function price(asset: string): number {
  return DEFAULT_MARKET.prices[asset] ?? 1;
}

/**
 * Linear position `index` (0–199): account index % 16, its slot j = ⌊index/16⌋ (0–12) on asset
 * (account + j) mod 8; slots 8–12 take the other side of slot j − 8 on the same asset, so every
 * account holds distinct hedge-mode legs (no merging) and both sides of some symbols.
 */
function linearLeg(index: number): {
  account: number;
  asset: string;
  notional: number;
  sign: 1 | -1;
} {
  const account = index % BINANCE_ACCOUNTS;
  const slot = Math.floor(index / BINANCE_ACCOUNTS);
  const asset = ASSETS[(account + slot) % ASSETS.length] ?? 'BTC';
  const first = (account + (slot % ASSETS.length)) % 3 === 0 ? -1 : 1;
  return {
    account,
    asset,
    notional: 5_000 + ((index * 7919) % 45_000),
    sign: slot < ASSETS.length ? first : first === 1 ? -1 : 1,
  };
}

export function largeExposures(): Exposure[] {
  const exposures: Exposure[] = [];
  for (let index = 0; index < LINEAR; index++) {
    const { asset, notional, sign } = linearLeg(index);
    exposures.push({
      kind: 'delta-one',
      assetIndex: ASSETS.indexOf(asset as (typeof ASSETS)[number]),
      quantity: (sign * notional) / price(asset),
      price: price(asset),
      usdPerSettle: 1,
    });
  }
  for (let index = 0; index < OPTIONS; index++) {
    const asset = ASSETS[index % ASSETS.length] ?? 'BTC';
    const forward = price(asset);
    exposures.push({
      kind: 'option',
      assetIndex: ASSETS.indexOf(asset as (typeof ASSETS)[number]),
      quantity: ((index % 2 === 0 ? 1 : -1) * (10_000 + ((index * 3571) % 20_000))) / forward,
      type: index % 4 < 2 ? 'call' : 'put',
      strike: forward * (0.8 + 0.05 * (index % 9)),
      forward,
      timeToExpiry: (7 + ((index * 13) % 90)) / 365,
      lognormalVol: (DEFAULT_MARKET.annualVols[asset] ?? 0.6) * (0.9 + 0.02 * (index % 10)),
    });
  }
  return exposures;
}

/** Deribit expiries (08:00 UTC) after the file's 2025-02-11, as in the symbols: YYMMDD. */
const EXPIRIES = ['250228', '250328', '250425', '250530', '250627', '250926'] as const;

export function largePortfolioFile(): unknown {
  const binance = Array.from({ length: BINANCE_ACCOUNTS }, (_, account) => ({
    id: `binance-${account + 1}`,
    venue: 'binanceusdm',
    marginMode: account % 4 === 3 ? 'isolated' : 'cross',
    positionMode: 'hedge',
    balances: [{ asset: 'USDT', total: String(60_000 + account * 5_000) }],
    positions: [] as Record<string, unknown>[],
  }));
  for (let index = 0; index < LINEAR; index++) {
    const { account, asset, notional, sign } = linearLeg(index);
    const mark = price(asset);
    const side = sign < 0 ? 'short' : 'long';
    binance[account]?.positions.push(benchLinearPosition(asset, mark, notional, side, index));
  }

  const deribit = Array.from({ length: DERIBIT_ACCOUNTS }, (_, account) => {
    const coin = account < 2 ? 'BTC' : 'ETH';
    const index = price(coin);
    const positions: Record<string, unknown>[] = [];
    for (let option = 0; option < OPTIONS / DERIBIT_ACCOUNTS; option++) {
      const n = account * (OPTIONS / DERIBIT_ACCOUNTS) + option;
      const strikeStep = coin === 'BTC' ? 1_000 : 50;
      const strike = Math.round((index * (0.8 + 0.05 * (n % 9))) / strikeStep) * strikeStep;
      const type = n % 4 < 2 ? 'C' : 'P';
      // Unique symbols per account: strike × expiry × type; 25 options span 6 expiries.
      const expiry = EXPIRIES[(n + Math.floor(option / 9)) % EXPIRIES.length] ?? '250328';
      const long = n % 3 !== 0;
      positions.push({
        symbol: `${coin}/USD:${coin}-${expiry}-${strike}-${type}`,
        side: long ? 'long' : 'short',
        contracts: String(1 + (n % 5)),
        contractSize: '1',
        entryPrice: '0.02',
        markPrice: '0.02',
        markIv: (DEFAULT_MARKET.annualVols[coin] ?? 0.6) * (0.9 + 0.02 * (n % 10)),
      });
    }
    return {
      id: `deribit-${coin.toLowerCase()}-${(account % 2) + 1}`,
      venue: 'deribit',
      marginMode: 'cross',
      balances: [{ asset: coin, total: coin === 'BTC' ? '3' : '60' }],
      positions,
    };
  });
  return {
    version: 1,
    asOf: '2025-02-11T00:00:00Z',
    market: { prices: { BTC: String(price('BTC')), ETH: String(price('ETH')) } },
    accounts: [...binance, ...deribit],
  };
}
