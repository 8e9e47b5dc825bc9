import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import { okxAccountMargin, okxSilos } from './okx';
import { okxEmbeddedInstruments, okxEmbeddedTierTable } from './okx-tier-tables';
import { TierOrigin } from './tier-table';
import type { MarginContext } from './venue-context';
import { siloSurplus } from '../risk/margin-silo';

const NO_TABLES: MarginContext = { asOf: '2026-11-24T00:00:00Z', underlyingPrice: () => undefined };

interface Leg {
  readonly side: 'long' | 'short';
  readonly contracts: string;
  readonly entryPrice?: string;
  readonly marginMode?: 'cross' | 'isolated';
  readonly isolatedMargin?: string;
}

/** An OKX account of ETH-USDT-SWAP legs in OKX contracts (0.1 ETH each), mark 3,000. */
function okxAccount(legs: readonly Leg[], wallet = '100000', positionMode = 'oneway') {
  const account = parsePortfolio({
    version: 1,
    asOf: '2026-11-24T00:00:00Z',
    accounts: [
      {
        id: 'okx',
        venue: 'okx',
        marginMode: 'cross',
        positionMode,
        balances: [{ asset: 'USDT', total: wallet }],
        positions: legs.map((leg) => ({
          symbol: 'ETH/USDT:USDT',
          side: leg.side,
          contracts: leg.contracts,
          contractSize: '0.1',
          entryPrice: leg.entryPrice ?? '3000',
          markPrice: '3000',
          ...(leg.marginMode && { marginMode: leg.marginMode }),
          ...(leg.isolatedMargin && { isolatedMargin: leg.isolatedMargin }),
        })),
      },
    ],
  }).accounts[0];
  if (!account) throw new Error('no account');
  return account;
}

describe('embedded OKX position tiers (okx-tier-tables.ts)', () => {
  it('ETH-USDT-SWAP: the announcement rows in base units (contracts × 0.1 ETH), flat MMR, no amount', () => {
    const table = okxEmbeddedTierTable('ETH-USDT-SWAP');
    expect(table?.basis).toBe('quantity');
    expect(table?.complete).toBe(false);
    expect(
      table?.tiers.map((tier) => [
        tier.floor.toNumber(),
        tier.cap?.toNumber(),
        tier.maintenanceMarginRate.toNumber(),
        tier.maintenanceAmount.toNumber(),
        tier.maxLeverage,
      ]),
    ).toEqual([
      [0, 300, 0.004, 0, 125],
      [300, 600, 0.005, 0, 100],
      [600, 1200, 0.01, 0, 66.66],
    ]);
    expect(okxEmbeddedInstruments()).toEqual(['ETH-USDT-SWAP']);
    expect(okxEmbeddedTierTable('BTC-USDT-SWAP')).toBeUndefined();
  });

  it('picks the row by contracts: 3,000 contracts is tier 1, 3,001 is tier 2 (MM on the whole notional)', () => {
    const tier1 = okxAccountMargin(okxAccount([{ side: 'long', contracts: '3000' }]), NO_TABLES);
    expect(tier1.positions[0]?.maintenanceMarginRate).toBe(0.004);
    expect(tier1.positions[0]?.maintenanceMargin).toBeCloseTo(300 * 3000 * 0.004, 9);
    const tier2 = okxAccountMargin(okxAccount([{ side: 'long', contracts: '3001' }]), NO_TABLES);
    expect(tier2.positions[0]?.maintenanceMarginRate).toBe(0.005);
    expect(tier2.positions[0]?.maintenanceMargin).toBeCloseTo(300.1 * 3000 * 0.005, 9);
    expect(tier2.positions[0]?.tierOrigin).toBe(TierOrigin.embedded);
    expect(tier2.positions[0]?.tierSource).toContain('tier 2 for 300.1 ETH');
    expect(tier2.positions[0]?.maxLeverage).toBe(100);
  });

  it('counts cross hedge legs together and an isolated leg alone (OKX tier rules)', () => {
    const hedge = okxAccountMargin(
      okxAccount(
        [
          { side: 'long', contracts: '2000' },
          { side: 'short', contracts: '2000' },
        ],
        '100000',
        'hedge',
      ),
      NO_TABLES,
    );
    // 4,000 contracts together: tier 2 for both legs.
    expect(hedge.positions.map((position) => position.maintenanceMarginRate)).toEqual([
      0.005, 0.005,
    ]);
    const isolated = okxAccountMargin(
      okxAccount(
        [
          { side: 'long', contracts: '2000', marginMode: 'isolated', isolatedMargin: '6000' },
          { side: 'short', contracts: '2000' },
        ],
        '100000',
        'hedge',
      ),
      NO_TABLES,
    );
    expect(isolated.positions.map((position) => position.maintenanceMarginRate)).toEqual([
      0.004, 0.004,
    ]);
  });

  it('refuses a size above the last embedded row (12,000 contracts = 1,200 ETH)', () => {
    expect(() =>
      okxAccountMargin(okxAccount([{ side: 'long', contracts: '12001' }], '9000000'), NO_TABLES),
    ).toThrow(
      'size 1200.1 ETH is above the last row (1200) of the partial embedded OKX tier table ETH-USDT-SWAP',
    );
  });

  it('cross: equity = MM at the liquidation price, the tier fixed by size (property)', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.integer({ min: 1, max: 12_000 }),
        fc.double({ min: 0.02, max: 0.9, noNaN: true }),
        (long, contracts, marginFraction) => {
          const quantity = new Decimal(contracts).mul('0.1');
          const wallet = quantity.mul(3000).mul(marginFraction).toFixed(2);
          const account = okxAccount(
            [{ side: long ? 'long' : 'short', contracts: String(contracts) }],
            wallet,
          );
          const position = okxAccountMargin(account, NO_TABLES).positions[0];
          const price = position?.liquidationPrice;
          if (price === null || price === undefined) return long;
          const rate = position?.maintenanceMarginRate ?? 0;
          const equity = Number(wallet) + (long ? 1 : -1) * quantity.toNumber() * (price - 3000);
          const maintenance = quantity.toNumber() * price * rate;
          const silo = okxSilos(account, NO_TABLES)[0];
          return (
            Math.abs(equity - maintenance) <= 1e-7 * quantity.toNumber() * 3000 &&
            silo !== undefined &&
            Math.abs(siloSurplus(silo, [price])) <= 1e-7 * quantity.toNumber() * 3000
          );
        },
      ),
      { seed: 20261124, numRuns: 300 },
    );
  });
});
