import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import { okxAccountMargin, okxSilos } from './okx';
import positionTiers from './okx-position-tiers-2026-05-28.json';
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
  /** ETH per contract: OKX's 0.1 unless given; null for a size in ETH (no contract size). */
  readonly contractSize?: string | null;
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
          ...(leg.contractSize !== null && { contractSize: leg.contractSize ?? '0.1' }),
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

/** The 30 instruments embedded, in the data file's order (Binance's hand-chosen list; PEPE for 1000PEPE). */
// prettier-ignore
const EMBEDDED = [
  'BTC', 'ETH', 'SOL', 'XRP', 'DOGE', 'BNB', 'ADA', 'AVAX', 'LINK', 'DOT',
  'LTC', 'BCH', 'TRX', 'SUI', 'TON', 'NEAR', 'APT', 'ARB', 'OP', 'FIL',
  'ATOM', 'ETC', 'UNI', 'AAVE', 'INJ', 'SEI', 'TIA', 'WIF', 'PEPE', 'HBAR',
].map((base) => `${base}-USDT-SWAP`);

const ETH_ROWS = positionTiers.positionTiers['ETH-USDT-SWAP'].rows;

/** OKX's `maxLever` is 1/`imr` cut to two decimals (every row of every table). */
function leverageOfImr(imr: string): string {
  return new Decimal(1).div(imr).toDecimalPlaces(2, Decimal.ROUND_DOWN).toString();
}

describe('embedded OKX position tiers (okx-tier-tables.ts, okx-position-tiers-2026-05-28.json)', () => {
  it('holds the 30 hand-chosen USDT perpetuals, each with its contract value and dated source', () => {
    expect(okxEmbeddedInstruments()).toEqual(EMBEDDED);
    expect(positionTiers.asOf).toBe('2026-05-28');
    expect(positionTiers.fields).toEqual(['tier', 'minSz', 'maxSz', 'mmr', 'imr', 'maxLever']);
    for (const id of EMBEDDED) {
      const table = okxEmbeddedTierTable(id);
      expect(table?.asOf).toBe('2026-05-28');
      expect(table?.complete).toBe(true);
      expect(table?.source).toContain('GET /api/v5/public/position-tiers');
      expect(table?.source).toMatch(/; contract value \d+(\.\d+)? [A-Z]+$/);
      expect(table?.contractValue?.toString()).toBe(
        positionTiers.positionTiers[id as keyof typeof positionTiers.positionTiers].contractValue,
      );
    }
    expect(okxEmbeddedTierTable('BTC-USD-SWAP')).toBeUndefined();
    expect(okxEmbeddedTierTable('toString')).toBeUndefined();
  });

  it('every table reads as OKX publishes tiers: numbered 1…N, sizes running on, maxLever = 1/imr, regular steps', () => {
    for (const [id, entry] of Object.entries(positionTiers.positionTiers)) {
      const rows = entry.rows.map((row) => row.map((field) => new Decimal(field)));
      rows.forEach(([tier, minSz, maxSz, mmr, imr, maxLever], index) => {
        const where = `${id} tier ${index + 1}`;
        expect(tier?.toNumber(), where).toBe(index + 1);
        const previous = rows[index - 1];
        if (previous === undefined) expect(minSz?.isZero(), where).toBe(true);
        else {
          // The next contract size after the previous cap (OKX's lot: 1, 0.1 or 0.01 contracts).
          const gap = minSz?.minus(previous[2] ?? 0);
          expect(gap?.gt(0) && gap.lte(1), where).toBe(true);
          expect(mmr?.gte(previous[3] ?? 0), where).toBe(true);
        }
        expect(maxSz?.gt(minSz ?? 0), where).toBe(true);
        expect(imr?.gt(mmr ?? 0), where).toBe(true);
        expect(maxLever?.toString(), where).toBe(leverageOfImr(entry.rows[index]?.[4] ?? ''));
      });
      // From the third tier on, one size step and a 0.5-point MMR step (a typing slip breaks it).
      const tail = rows.slice(2);
      const steps = new Set(
        tail.slice(1).map((row, i) => row[2]?.minus(tail[i]?.[2] ?? 0).toString()),
      );
      const rateSteps = new Set(
        tail.slice(1).map((row, i) => row[3]?.minus(tail[i]?.[3] ?? 0).toString()),
      );
      expect([...rateSteps], id).toEqual(['0.005']);
      expect(steps.size, `${id} size steps ${[...steps].join(', ')}`).toBe(1);
    }
  });

  it('ETH-USDT-SWAP: OKX rows in base units (contracts × 0.1 ETH), flat MMR, no amount', () => {
    const table = okxEmbeddedTierTable('ETH-USDT-SWAP');
    expect(table?.basis).toBe('quantity');
    expect(table?.source).toContain('contract value 0.1 ETH');
    expect(
      table?.tiers
        .slice(0, 3)
        .map((tier) => [
          tier.floor.toNumber(),
          tier.cap?.toNumber(),
          tier.maintenanceMarginRate.toNumber(),
          tier.maintenanceAmount.toNumber(),
          tier.maxLeverage,
        ]),
    ).toEqual([
      [0, 500, 0.004, 0, 100],
      [500, 1000, 0.005, 0, 66.66],
      [1000, 2500, 0.0075, 0, 50],
    ]);
    expect(table?.tiers).toHaveLength(99);
    expect(table?.tiers.at(-1)?.cap?.toNumber()).toBe(242_500);
    expect(table?.tiers.at(-1)?.maintenanceMarginRate.toNumber()).toBe(0.4875);
  });

  it('converts each instrument by its own contract value (BTC 0.01, XRP 100, PEPE 10,000,000)', () => {
    const firstCap = (id: string) => okxEmbeddedTierTable(id)?.tiers[0]?.cap?.toNumber();
    expect(firstCap('BTC-USDT-SWAP')).toBe(10); // 1,000 contracts × 0.01 BTC
    expect(firstCap('XRP-USDT-SWAP')).toBe(250_000); // 2,500 contracts × 100 XRP
    expect(firstCap('PEPE-USDT-SWAP')).toBe(30_000_000_000); // 3,000 contracts × 10,000,000 PEPE
  });

  it('refuses a size above the last row, the largest position OKX allows (a wrong contract size)', () => {
    // ETH's last maxSz: 2,425,000 contracts = 242,500 ETH.
    expect(() =>
      okxAccountMargin(
        okxAccount([{ side: 'long', contracts: '2425001' }], '9000000000'),
        NO_TABLES,
      ),
    ).toThrow(
      'size 242500.1 ETH is above the last row (242500) of the embedded OKX tier table ETH-USDT-SWAP',
    );
  });

  it('refuses a position counted in other contracts than the table, takes one in base units', () => {
    const inOtherContracts = okxAccount([
      { side: 'long', contracts: '6000', contractSize: '0.01' },
    ]);
    expect(() => okxAccountMargin(inOtherContracts, NO_TABLES)).toThrow(
      'its contract size 0.01 ETH is not the contract value 0.1 ETH the embedded OKX tier table ETH-USDT-SWAP',
    );
    // The same 60 ETH in base units (no contract size): tier 1.
    const inBaseUnits = okxAccountMargin(
      okxAccount([{ side: 'long', contracts: '60', contractSize: null }]),
      NO_TABLES,
    );
    expect(inBaseUnits.positions[0]?.maintenanceMarginRate).toBe(0.004);
    expect(inBaseUnits.positions[0]?.tierSource).toContain('tier 1 for 60 ETH');
  });

  it('picks the row by contracts: 5,000 contracts is tier 1, 5,001 is tier 2 (MM on the whole notional)', () => {
    const tier1 = okxAccountMargin(okxAccount([{ side: 'long', contracts: '5000' }]), NO_TABLES);
    expect(tier1.positions[0]?.maintenanceMarginRate).toBe(0.004);
    expect(tier1.positions[0]?.maintenanceMargin).toBeCloseTo(500 * 3000 * 0.004, 9);
    const tier2 = okxAccountMargin(okxAccount([{ side: 'long', contracts: '5001' }]), NO_TABLES);
    expect(tier2.positions[0]?.maintenanceMarginRate).toBe(0.005);
    expect(tier2.positions[0]?.maintenanceMargin).toBeCloseTo(500.1 * 3000 * 0.005, 9);
    expect(tier2.positions[0]?.tierOrigin).toBe(TierOrigin.embedded);
    expect(tier2.positions[0]?.tierSource).toContain('tier 2 for 500.1 ETH');
    expect(tier2.positions[0]?.maxLeverage).toBe(66.66);
  });

  it('counts cross hedge legs together and an isolated leg alone (OKX tier rules)', () => {
    const hedge = okxAccountMargin(
      okxAccount(
        [
          { side: 'long', contracts: '3000' },
          { side: 'short', contracts: '3000' },
        ],
        '100000',
        'hedge',
      ),
      NO_TABLES,
    );
    // 6,000 contracts together: tier 2 for both legs.
    expect(hedge.positions.map((position) => position.maintenanceMarginRate)).toEqual([
      0.005, 0.005,
    ]);
    const isolated = okxAccountMargin(
      okxAccount(
        [
          { side: 'long', contracts: '3000', marginMode: 'isolated', isolatedMargin: '9000' },
          { side: 'short', contracts: '3000' },
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

  it('cross: equity = MM at the liquidation price, the tier fixed by size (property)', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.integer({ min: 1, max: 60_000 }),
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
          // The tier OKX's own rows give this many contracts: the first whose maxSz holds it.
          const expected = ETH_ROWS.find((row) => new Decimal(row[2] ?? 0).gte(contracts));
          if (rate !== Number(expected?.[3])) return false;
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
