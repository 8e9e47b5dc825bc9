import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Side } from '../product/types';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import {
  OKX_PM_PARAMETERS,
  okxAccountMargin,
  okxIsolatedLiquidationPrice,
  okxRiskUnitMargin,
  okxSilos,
} from './okx';
import { marginContextOf, type MarginContext } from './venue-context';
import { siloSurplus } from '../risk/margin-silo';

/** No tier tables from a file: the position's own tier or the embedded tables. */
const NO_TABLES: MarginContext = { asOf: '2026-11-24T00:00:00Z', underlyingPrice: () => undefined };

/**
 * OKX position-builder API example (methodology §3.3 O1) [OFFICIAL-API-EX]: BTC-USDT-SWAP −10 at
 * 100,000 and LTC-USDT-SWAP +10 at 8,000. The index prices are not in the example: each unit's
 * value at index is recovered from its published ±4% (BTC) and −18% (LTC) scenario losses; every
 * other figure below must then match the published digits.
 */
describe('OKX portfolio margin risk units (O1)', () => {
  it('BTC unit: MR1 1,164.4109, MR4 19.4098073796, MR6 1,164.4109, MR7 43.6720666041, MMR 1,183.8207318516, IMR 1,538.9669514071', () => {
    const parameters = OKX_PM_PARAMETERS.BTC;
    if (!parameters) throw new Error('no parameters');
    const valueAtIndex = -1164.4109244719994 / 0.12;
    const unit = okxRiskUnitMargin(valueAtIndex, -9704.9036898, parameters);
    expect(unit.mr1).toBeCloseTo(1164.4109244719994, 9);
    expect(unit.mr4).toBeCloseTo(19.4098073796, 9);
    expect(unit.mr6).toBeCloseTo(1164.4109244720003, 9);
    expect(unit.mr7).toBeCloseTo(43.67206660410001, 9);
    expect(unit.maintenance).toBeCloseTo(1183.8207318516002, 9);
    expect(unit.initial).toBeCloseTo(1538.9669514070802, 8);
    // The published ±4% scenario (388.13697) follows from the same value.
    expect(Math.abs(valueAtIndex * 0.04)).toBeCloseTo(388.13697, 4);
  });

  it('LTC unit and account totals: MMR 191.6629744572, IMR 249.16186679436, derivMmr 1,375.4837063088, totalMmr 2,946.5480841048', () => {
    const parameters = OKX_PM_PARAMETERS.LTC;
    const btcParameters = OKX_PM_PARAMETERS.BTC;
    if (!parameters || !btcParameters) throw new Error('no parameters');
    const ltc = okxRiskUnitMargin(183.50672805719995 / 0.18, 1019.5308, parameters);
    expect(ltc.mr4).toBeCloseTo(8.1562464, 10);
    expect(ltc.mr7).toBeCloseTo(7.1367156, 10);
    expect(ltc.maintenance).toBeCloseTo(191.6629744572, 9);
    expect(ltc.initial).toBeCloseTo(249.16186679436, 9);
    const btc = okxRiskUnitMargin(-1164.4109244719994 / 0.12, -9704.9036898, btcParameters);
    const derivMmr = btc.maintenance + ltc.maintenance;
    expect(derivMmr).toBeCloseTo(1375.4837063088, 9);
    // Borrowing: 2% MMR and 10% IMR of the USD liability (−eq = 78,553.21888979999).
    expect(derivMmr + 0.02 * 78553.21888979999).toBeCloseTo(2946.5480841048, 8);
    expect(btc.initial + ltc.initial + 0.1 * 78553.21888979999).toBeCloseTo(9643.45070718144, 7);
  });

  it('takes MR7 when the reduction cost exceeds the scan (the max/sum structure, O2-style)', () => {
    const parameters = OKX_PM_PARAMETERS.BTC;
    if (!parameters) throw new Error('no parameters');
    const hedged = okxRiskUnitMargin(0, 1_000_000, parameters);
    expect(hedged.maintenance).toBe(Math.max(hedged.mr4, hedged.mr7));
  });
});

describe('OKX isolated liquidation price', () => {
  it('puts equity at (MMR + taker) × notional at the liquidation price (property)', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.double({ min: 100, max: 100_000, noNaN: true }),
        fc.double({ min: 2, max: 100, noNaN: true }),
        (long, quantity, entry, leverage) => {
          const side = long ? Side.long : Side.short;
          const margin = new Decimal(quantity * entry).div(leverage);
          const price = okxIsolatedLiquidationPrice(
            side,
            new Decimal(quantity),
            new Decimal(entry),
            margin,
            new Decimal('0.004'),
            new Decimal('0.0005'),
          );
          if (price === null) return long;
          const equity = margin.plus(
            new Decimal(quantity).mul(price.minus(entry)).mul(long ? 1 : -1),
          );
          return equity
            .minus(price.mul(quantity).mul('0.0045'))
            .abs()
            .lte(1e-9 * quantity * entry);
        },
      ),
      { seed: 21, numRuns: 300 },
    );
  });
});

/**
 * An isolated ETH-USDT-SWAP short as OKX's positions endpoint gives it: 40 contracts of 0.1 ETH at
 * 3,350, 2,680 USDT of margin, tier in force 0.4%, the key's taker fee 0.05%.
 */
describe('OKX isolated liquidation with the taker fee to close', () => {
  function isolatedShort(takerFeeRate: string | undefined) {
    const portfolio = parsePortfolio({
      version: 1,
      asOf: '2026-11-24T00:00:00Z',
      accounts: [
        {
          id: 'okx-usdt',
          venue: 'okx',
          marginMode: 'cross',
          balances: [{ asset: 'USDT', total: '10000' }],
          positions: [
            {
              symbol: 'ETH/USDT:USDT',
              side: 'short',
              contracts: '40',
              contractSize: '0.1',
              entryPrice: '3350',
              markPrice: '3305.12',
              marginMode: 'isolated',
              isolatedMargin: '2680',
              maintenanceMarginRate: '0.004',
              ...(takerFeeRate !== undefined && { takerFeeRate }),
            },
          ],
        },
      ],
    });
    const account = portfolio.accounts[0];
    if (!account) throw new Error('no account');
    return account;
  }

  it('short LP = (EP + margin/Q) / (1 + MMR + taker) = 4,020 / 1.0045, and 4,020 / 1.004 without the fee', () => {
    const withFee = okxAccountMargin(isolatedShort('0.0005'), NO_TABLES).positions[0];
    const withoutFee = okxAccountMargin(isolatedShort(undefined), NO_TABLES).positions[0];
    expect(withFee?.liquidationPrice).toBeCloseTo(4020 / 1.0045, 9);
    expect(withoutFee?.liquidationPrice).toBeCloseTo(4020 / 1.004, 9);
    // The fee is charged at liquidation, not held as maintenance margin.
    expect(withFee?.maintenanceMargin).toBeCloseTo(4 * 3305.12 * 0.004, 9);
  });

  it('liquidates its path-simulation silo at the same price', () => {
    const account = isolatedShort('0.0005');
    const price = okxAccountMargin(account, NO_TABLES).positions[0]?.liquidationPrice as number;
    const silo = okxSilos(account, NO_TABLES).find((entry) => entry.label.includes('isolated'));
    if (!silo) throw new Error('no isolated silo');
    expect(Math.abs(siloSurplus(silo, [price]))).toBeLessThan(1e-9);
    expect(siloSurplus(silo, [price * 0.999])).toBeGreaterThan(0);
  });

  it('refuses a fee rate written as a percentage', () => {
    expect(() => isolatedShort('0.05')).toThrow(
      'takerFeeRate: is a fraction at most 0.01 (0.0005 for 0.05%), got 0.05',
    );
  });
});

/** A parsed OKX portfolio-margin account with a USDT wallet and the given positions. */
function pmAccount(wallet: string, positions: Record<string, unknown>[]) {
  const account = parsePortfolio({
    version: 1,
    asOf: '2026-11-24T00:00:00Z',
    accounts: [
      {
        id: 'okx-pm',
        venue: 'okx',
        marginMode: 'portfolio',
        balances: [{ asset: 'USDT', total: wallet }],
        positions,
      },
    ],
  }).accounts[0];
  if (!account) throw new Error('no account');
  return account;
}

describe('OKX portfolio-margin account', () => {
  it('liquidates where equity meets the risk-unit MMR, not the tier MM (review finding 3)', () => {
    const account = pmAccount('1500', [
      {
        symbol: 'BTC/USDT:USDT',
        side: 'short',
        contracts: '0.1',
        entryPrice: '97093.7',
        markPrice: '97093.7',
        maintenanceMarginRate: '0.004',
        maintenanceAmount: '0',
      },
    ]);
    const margin = okxAccountMargin(account, NO_TABLES);
    // MMR = (MR1 = MR6 = 12% + MR4 0.2%) of the 0.1 BTC value: 0.0122·P; equity 1,500 − 0.1·(P − 97,093.7).
    const expected = (1500 + 9709.37) / 0.1122;
    expect(margin.positions[0]?.liquidationPrice).toBeCloseTo(expected, 4);
    // At the mark: 0.0122 × 97,093.7 (0.1 BTC at 12.2% of its value).
    expect(margin.maintenanceMargin).toBeCloseTo(0.0122 * 97093.7, 6);
    expect(
      Math.abs(okxSilos(account, NO_TABLES)[0]?.nonlinear?.surplus([expected]) ?? 1),
    ).toBeLessThan(1e-6);
  });
});

describe('OKX portfolio-margin account with two risk units', () => {
  it('agrees between the account and its silo, and can give collateral above the units’ IMR', () => {
    const account = pmAccount('50000', [
      {
        symbol: 'BTC/USDT:USDT',
        side: 'short',
        contracts: '0.1',
        entryPrice: '100000',
        markPrice: '97093.7',
        maintenanceMarginRate: '0.004',
        maintenanceAmount: '0',
      },
      {
        symbol: 'LTC/USDT:USDT',
        side: 'long',
        contracts: '10',
        entryPrice: '110',
        markPrice: '102',
        maintenanceMarginRate: '0.01',
        maintenanceAmount: '0',
      },
    ]);
    const margin = okxAccountMargin(account, NO_TABLES);
    const silo = okxSilos(account, NO_TABLES)[0];
    // Equity − MMR at mark, both ways.
    expect(silo?.nonlinear?.surplus([97093.7, 102])).toBeCloseTo(
      margin.equity - margin.maintenanceMargin,
      9,
    );
    expect(silo?.freeCollateral).toBeCloseTo(margin.equity - (margin.initialMargin ?? 0), 9);
    expect(margin.initialMargin).toBeCloseTo(1.3 * margin.maintenanceMargin, 9);
  });
});

/**
 * OKX inverse (coin-margined) swaps, methodology §3.2: margin ratio = (margin + uPnL) /
 * (ctVal × |contracts| / mark × (MMR + taker)), liquidation at 100%, taker 0 here. BTC-USD-SWAP has
 * ctVal 100 USD; the position carries its tier in force (OKX gives `mmr`; no maintenance amount).
 */
describe('OKX inverse swaps (BTC/USD:BTC)', () => {
  function inverseAccount(
    side: 'long' | 'short',
    marginMode: 'cross' | 'isolated' | 'portfolio',
    wallet: string,
    extra: Record<string, unknown> = {},
  ) {
    const portfolio = parsePortfolio({
      version: 1,
      asOf: '2026-11-24T00:00:00Z',
      accounts: [
        {
          id: 'okx-coin',
          venue: 'okx',
          marginMode,
          balances: [{ asset: 'BTC', total: wallet }],
          positions: [
            {
              symbol: 'BTC/USD:BTC',
              side,
              contracts: '100',
              contractSize: '100',
              entryPrice: '50000',
              markPrice: '50000',
              leverage: 10,
              maintenanceMarginRate: '0.005',
              maintenanceAmount: '0',
              ...extra,
            },
          ],
        },
      ],
    });
    const account = portfolio.accounts[0];
    if (!account) throw new Error('no account');
    return account;
  }

  it('isolated long, 10,000 USD at 50,000, 10x (0.02 BTC), MMR 0.5%: LP = 10,000·1.005 / (0.2 + 0.02)', () => {
    const margin = okxAccountMargin(inverseAccount('long', 'isolated', '1'), NO_TABLES);
    const position = margin.positions[0];
    expect(margin.settle).toBe('BTC');
    expect(position?.notional).toBeCloseTo(0.2, 12);
    expect(position?.maintenanceMargin).toBeCloseTo(0.001, 12);
    expect(position?.liquidationPrice).toBeCloseTo(10_050 / 0.22, 6);
  });

  it('cross: equity = MM at the liquidation price in coin, long and short (property)', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.double({ min: 0.01, max: 2, noNaN: true }), (long, wallet) => {
        const account = inverseAccount(long ? 'long' : 'short', 'cross', wallet.toFixed(8));
        const price = okxAccountMargin(account, NO_TABLES).positions[0]?.liquidationPrice;
        if (price === null || price === undefined) return !long;
        const equity =
          Number(wallet.toFixed(8)) + (long ? 1 : -1) * 10_000 * (1 / 50_000 - 1 / price);
        const maintenance = (10_000 / price) * 0.005;
        const surplus = okxSilos(account, NO_TABLES)[0]?.nonlinear?.surplus([price]) ?? 1;
        return Math.abs(equity - maintenance) < 1e-12 && Math.abs(surplus) < 1e-12;
      }),
      { seed: 20261124, numRuns: 200 },
    );
  });

  it('takes the tier for the size in USD from an OKX table in the file', () => {
    const portfolio = parsePortfolio({
      version: 1,
      asOf: '2026-11-24T00:00:00Z',
      accounts: [
        {
          id: 'okx-coin',
          venue: 'okx',
          marginMode: 'cross',
          balances: [{ asset: 'BTC', total: '1' }],
          positions: [
            {
              symbol: 'BTC/USD:BTC',
              side: 'short',
              contracts: '100',
              contractSize: '100',
              entryPrice: '50000',
              markPrice: '50000',
            },
          ],
        },
      ],
      // Synthetic two-row table in USD (contracts × ctVal): the size, 10,000 USD, is in row 2.
      tierTables: [
        {
          venue: 'okx',
          symbol: 'BTC/USD:BTC',
          source: 'synthetic test table',
          asOf: '2026-11-24T00:00:00Z',
          tiers: [
            { floor: '0', cap: '5000', maintenanceMarginRate: '0.004', maxLeverage: 125 },
            { floor: '5000', cap: null, maintenanceMarginRate: '0.01', maxLeverage: 50 },
          ],
        },
      ],
    });
    const account = portfolio.accounts[0];
    if (!account) throw new Error('no account');
    const position = okxAccountMargin(account, marginContextOf(portfolio)).positions[0];
    expect(position?.maintenanceMarginRate).toBe(0.01);
    expect(position?.maintenanceMargin).toBeCloseTo(0.002, 12);
    expect(position?.tierSource).toContain('tier 2 for 10000 USD');
  });

  it('reads the tier in force from the rate alone, and the same tier for MM and liquidation price', () => {
    // OKX tiers have no maintenance amount: "0" and no amount are the same position.
    const withZero = okxAccountMargin(inverseAccount('long', 'isolated', '1'), NO_TABLES);
    const rateAlone = okxAccountMargin(
      inverseAccount('long', 'isolated', '1', { maintenanceAmount: undefined }),
      NO_TABLES,
    );
    expect(rateAlone.positions[0]?.maintenanceMargin).toBeCloseTo(0.001, 12);
    expect(rateAlone.positions[0]?.liquidationPrice).toBeCloseTo(10_050 / 0.22, 6);
    expect(rateAlone.positions).toEqual(withZero.positions);
  });

  it('refuses a maintenance amount other than 0, which OKX tiers do not have', () => {
    expect(() => inverseAccount('long', 'isolated', '1', { maintenanceAmount: '0.0004' })).toThrow(
      'positions[0] "BTC/USD:BTC" maintenanceAmount: must be 0 or left out: okx tiers have no maintenance amount (MM = notional × maintenanceMarginRate), got 0.0004',
    );
  });

  it('refuses a taker fee rate on an inverse position rather than ignore it', () => {
    expect(() =>
      okxAccountMargin(
        inverseAccount('long', 'isolated', '1', { takerFeeRate: '0.0005' }),
        NO_TABLES,
      ),
    ).toThrow(
      "takerFeeRate: OKX's liquidation with the fee to close is built for linear contracts only",
    );
  });

  it('refuses inverse contracts under portfolio margin, and without a tier or a table', () => {
    expect(() => okxAccountMargin(inverseAccount('long', 'portfolio', '1'), NO_TABLES)).toThrow(
      'OKX portfolio margin of inverse (coin-margined) contracts is not supported yet',
    );
    expect(() =>
      okxAccountMargin(
        inverseAccount('long', 'cross', '1', {
          maintenanceMarginRate: undefined,
          maintenanceAmount: undefined,
        }),
        NO_TABLES,
      ),
    ).toThrow(
      'no embedded okx tier table and no tierTables entry for okx BTC/USD:BTC; add maintenanceMarginRate (the tier in force',
    );
  });
});
