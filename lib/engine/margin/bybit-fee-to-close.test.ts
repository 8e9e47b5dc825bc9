import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import { Side, type Account } from '../product/types';
import {
  bybitAccountMargin,
  bybitInverseIsolatedLiquidationPrice,
  bybitIsolatedLiquidationPrice,
} from './bybit';
import { bybitFeeToCloseAtLeverage } from './bybit-fee-to-close';
import type { MarginContext } from './venue-context';

/**
 * Bybit's estimated fee to close in IM, MM and the liquidation price, against Bybit's published
 * worked examples (sources in bybit-fee-to-close.ts).
 */
const NO_TABLES: MarginContext = { asOf: '2026-11-24T00:00:00Z', underlyingPrice: () => undefined };
const d = (value: string | number) => new Decimal(value);

type FilePosition = Record<string, unknown>;

/** One Bybit account of a portfolio file, the 0.5% tier in force on every position. */
function account(
  marginMode: 'cross' | 'isolated',
  balance: { asset: string; total: string },
  ...positions: FilePosition[]
): Account {
  const parsed = parsePortfolio({
    version: 1,
    asOf: '2026-11-24T00:00:00Z',
    accounts: [
      {
        id: 'bybit',
        venue: 'bybit',
        marginMode,
        balances: [balance],
        positions: positions.map((position) => ({
          maintenanceMarginRate: '0.005',
          maintenanceAmount: '0',
          ...position,
        })),
      },
    ],
  }).accounts[0];
  if (!parsed) throw new Error('no account');
  return parsed;
}

const usdcPosition = (side: 'long' | 'short', extra: FilePosition = {}): FilePosition => ({
  symbol: 'BTC/USDC:USDC',
  side,
  contracts: '0.5',
  entryPrice: '50000',
  markPrice: '50500',
  leverage: 10,
  takerFeeRate: '0.00055',
  ...extra,
});

describe('Bybit fee to close in the initial margin ("Initial Margin Calculation (USDC Perpetual & Futures)")', () => {
  it('0.5 BTC at 50,000, 10x, mark 50,500, 0.055%: long fee 12.375, IM 2,537.375', () => {
    const margin = bybitAccountMargin(
      account('cross', { asset: 'USDC', total: '10000' }, usdcPosition('long')),
      NO_TABLES,
    ).positions[0];
    expect(margin?.feeToClose?.amount).toBeCloseTo(12.375, 10);
    expect(margin?.feeToClose?.takerFeeRate).toBe(0.00055);
    expect(margin?.initialMargin).toBeCloseTo(2_537.375, 9);
  });

  it('the same short: fee 15.125, IM 2,540.125', () => {
    const margin = bybitAccountMargin(
      account('cross', { asset: 'USDC', total: '10000' }, usdcPosition('short')),
      NO_TABLES,
    ).positions[0];
    expect(margin?.feeToClose?.amount).toBeCloseTo(15.125, 10);
    expect(margin?.initialMargin).toBeCloseTo(2_540.125, 9);
  });

  it('the earlier version at entry, 0.06%: 13.50 and 2,513.50 long, 16.50 and 2,516.50 short', () => {
    const at = (side: 'long' | 'short') =>
      bybitAccountMargin(
        account(
          'cross',
          { asset: 'USDC', total: '10000' },
          usdcPosition(side, { markPrice: '50000', takerFeeRate: '0.0006' }),
        ),
        NO_TABLES,
      ).positions[0];
    expect(at('long')?.feeToClose?.amount).toBeCloseTo(13.5, 10);
    expect(at('long')?.initialMargin).toBeCloseTo(2_513.5, 9);
    expect(at('short')?.feeToClose?.amount).toBeCloseTo(16.5, 10);
    expect(at('short')?.initialMargin).toBeCloseTo(2_516.5, 9);
  });

  it('"Order Cost (USDT Contract)": 1 BTC at 8,000, 50x, 0.075% → bankruptcy 7,840, fee 5.88', () => {
    expect(
      bybitFeeToCloseAtLeverage(Side.long, d(1), d(8_000), d(50), d('0.00075')).toNumber(),
    ).toBe(5.88);
  });
});

describe('Bybit fee to close in the maintenance margin ("Maintenance Margin Calculation (USDC Contract)")', () => {
  it('1 BTC at an average 51,000, 10x, MMR 0.5%, 0.06%: 255 + 27.54 = 282.54', () => {
    const margin = bybitAccountMargin(
      account(
        'cross',
        { asset: 'USDC', total: '10000' },
        usdcPosition('long', {
          contracts: '1',
          entryPrice: '51000',
          markPrice: '51000',
          takerFeeRate: '0.0006',
        }),
      ),
      NO_TABLES,
    ).positions[0];
    expect(margin?.feeToClose?.amount).toBeCloseTo(27.54, 10);
    expect(margin?.maintenanceMargin).toBeCloseTo(282.54, 9);
  });

  it('a cross position liquidates where equity meets MM with the fee: (Q·EP − W + fee) / (Q·(1 − MMR))', () => {
    const margin = bybitAccountMargin(
      account('cross', { asset: 'USDC', total: '5000' }, usdcPosition('long')),
      NO_TABLES,
    );
    expect(margin.maintenanceMargin).toBeCloseTo(0.5 * 50_500 * 0.005 + 12.375, 9);
    expect(margin.positions[0]?.liquidationPrice).toBeCloseTo(
      (0.5 * 50_000 - 5_000 + 12.375) / (0.5 * 0.995),
      6,
    );
  });

  it('without takerFeeRate the fee is 0, and the figure says no rate was given', () => {
    const margin = bybitAccountMargin(
      account(
        'cross',
        { asset: 'USDC', total: '10000' },
        usdcPosition('long', { takerFeeRate: undefined }),
      ),
      NO_TABLES,
    ).positions[0];
    expect(margin?.feeToClose).toEqual({ amount: 0, takerFeeRate: null });
    expect(margin?.initialMargin).toBeCloseTo(2_525, 9);
  });

  it('refuses a taker fee rate on a cross position without its leverage, naming the field', () => {
    expect(() =>
      bybitAccountMargin(
        account(
          'cross',
          { asset: 'USDC', total: '10000' },
          usdcPosition('long', { leverage: undefined }),
        ),
        NO_TABLES,
      ),
    ).toThrow(
      'account "bybit" position "BTC/USDC:USDC" takerFeeRate: Bybit charges the fee to close at the bankruptcy price',
    );
  });
});

describe('Bybit isolated liquidation with the fee to close', () => {
  it('USDT Y1 (1 BTC at 20,000, 50x, MMR 0.5%): the fee in the margin and in MM cancels, LP 19,700', () => {
    const fee = bybitFeeToCloseAtLeverage(Side.long, d(1), d(20_000), d(50), d('0.00055'));
    expect(fee.toNumber()).toBeCloseTo(20_000 * 0.98 * 0.00055, 12);
    const margin = bybitAccountMargin(
      account(
        'isolated',
        { asset: 'USDT', total: '1000' },
        {
          symbol: 'BTC/USDT:USDT',
          side: 'long',
          contracts: '1',
          entryPrice: '20000',
          markPrice: '20000',
          leverage: 50,
          takerFeeRate: '0.00055',
        },
      ),
      NO_TABLES,
    ).positions[0];
    // No isolatedMargin: the position's margin is its IM at entry plus the fee, as Bybit opens it.
    expect(margin?.liquidationPrice).toBeCloseTo(19_700, 9);
    expect(margin?.initialMargin).toBeCloseTo(400 + fee.toNumber(), 9);
    expect(margin?.maintenanceMargin).toBeCloseTo(100 + fee.toNumber(), 9);
  });

  it('USDT Y2 (short, 3,000 USDT added): the added margin counts EM/(1 + f), 20,300 + 3,000/1.00055', () => {
    const fee0 = bybitFeeToCloseAtLeverage(Side.short, d(1), d(20_000), d(50), d('0.00055'));
    const margin = d(400).plus(fee0).plus(3_000);
    // The MM's fee is the one at the margin's bankruptcy price, (Q·EP + PM)/(1 + f).
    const feeAtBankruptcy = d(20_000).plus(margin).div(1.00055).mul(0.00055);
    const price = bybitIsolatedLiquidationPrice(
      Side.short,
      d(1),
      d(20_000),
      margin,
      d('0.005'),
      d(0),
      feeAtBankruptcy,
    );
    expect(price?.toNumber()).toBeCloseTo(20_300 + 3_000 / 1.00055, 8);
    // The same through a file, with the margin Bybit reports as positionIM.
    const file = bybitAccountMargin(
      account(
        'isolated',
        { asset: 'USDT', total: '5000' },
        {
          symbol: 'BTC/USDT:USDT',
          side: 'short',
          contracts: '1',
          entryPrice: '20000',
          markPrice: '20000',
          leverage: 50,
          isolatedMargin: margin.toString(),
          takerFeeRate: '0.00055',
        },
      ),
      NO_TABLES,
    ).positions[0];
    expect(file?.liquidationPrice).toBeCloseTo(20_300 + 3_000 / 1.00055, 8);
    expect(file?.feeToClose?.amount).toBeCloseTo(feeAtBankruptcy.toNumber(), 10);
  });

  it('inverse (UTA article, 2026-05-27): the position-margin form equals the published formula, EM/(1 ± f)', () => {
    const rate = 0.00055;
    for (const side of ['long', 'short'] as const) {
      const sign = side === 'long' ? 1 : -1;
      const value = 60_000 / 50_000;
      // Position margin as Bybit reports it: IM + fee to close at the leverage's bankruptcy
      // price + 0.05 BTC added.
      const positionMargin = value / 10 + rate * value * (1 + sign / 10) + 0.05;
      const published = bybitInverseIsolatedLiquidationPrice(
        side === 'long' ? Side.long : Side.short,
        60_000,
        50_000,
        10,
        0.005,
        0.05,
        0,
        rate,
      );
      const margin = bybitAccountMargin(
        account(
          'isolated',
          { asset: 'BTC', total: '1' },
          {
            symbol: 'BTC/USD:BTC',
            side,
            contracts: '60000',
            contractSize: '1',
            entryPrice: '50000',
            markPrice: '50000',
            leverage: 10,
            isolatedMargin: String(positionMargin),
            takerFeeRate: String(rate),
          },
        ),
        NO_TABLES,
      ).positions[0];
      expect(margin?.liquidationPrice).toBeCloseTo(published ?? 0, 6);
      // The fee to close in MM: f × N/BP, N/BP = (N/EP ± PM)/(1 ± f).
      expect(margin?.feeToClose?.amount).toBeCloseTo(
        (rate * (value + sign * positionMargin)) / (1 + sign * rate),
        12,
      );
    }
    // Y5 without the fee and the added margin: 45,681.82 as before.
    expect(bybitInverseIsolatedLiquidationPrice(Side.long, 60_000, 50_000, 10, 0.005)).toBeCloseTo(
      45_681.82,
      2,
    );
  });

  it('inverse cross: the fee to close, Q/EP × (1 ± 1/L) × f in coin, is in IM and MM', () => {
    const margin = bybitAccountMargin(
      account(
        'cross',
        { asset: 'BTC', total: '0.5' },
        {
          symbol: 'BTC/USD:BTC',
          side: 'short',
          contracts: '30000',
          contractSize: '1',
          entryPrice: '96500',
          markPrice: '95057.5',
          leverage: 10,
          takerFeeRate: '0.00055',
        },
      ),
      NO_TABLES,
    ).positions[0];
    const fee = (30_000 / 96_500) * 0.9 * 0.00055;
    expect(margin?.feeToClose?.amount).toBeCloseTo(fee, 14);
    expect(margin?.maintenanceMargin).toBeCloseTo((30_000 / 95_057.5) * 0.005 + fee, 14);
    expect(margin?.initialMargin).toBeCloseTo(30_000 / 95_057.5 / 10 + fee, 14);
  });
});
