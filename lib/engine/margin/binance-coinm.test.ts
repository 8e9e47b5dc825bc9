import { describe, expect, it } from 'vitest';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import { binanceCoinmAccountMargin, binanceCoinmSilos } from './binance-coinm';
import type { MarginContext } from './venue-context';

/** No tier tables from a file: the position's own tier or the embedded tables. */
const NO_TABLES: MarginContext = { asOf: '2026-11-24T00:00:00Z', underlyingPrice: () => undefined };

function account(positions: Record<string, unknown>[], wallet: string, marginMode = 'cross') {
  const portfolio = parsePortfolio({
    version: 1,
    asOf: '2021-06-01T00:00:00Z',
    accounts: [
      {
        id: 'cm',
        venue: 'binancecoinm',
        marginMode,
        balances: [{ asset: 'BTC', total: wallet }],
        positions,
      },
    ],
  });
  const parsed = portfolio.accounts[0];
  if (!parsed) throw new Error('no account');
  return parsed;
}

/** Methodology B8: WB 101 BTC, long 100,000 BTCUSD contracts at 45,000, MMR 12.5%, maintenance amount `cum`. */
function b8Account(cum: string) {
  return account(
    [
      {
        symbol: 'BTC/USD:BTC',
        side: 'long',
        contracts: '100000',
        contractSize: '100',
        entryPrice: '45000',
        markPrice: '45000',
        maintenanceMarginRate: '0.125',
        maintenanceAmount: cum,
      },
    ],
    '101',
  );
}

describe('Binance COIN-M (methodology §1.4, §1.6)', () => {
  it('B6: 100 BTCUSD contracts at mark 25,000, level 1 (0.4%, 0) → MM 0.0016 BTC [OFFICIAL FAQ]', () => {
    const margin = binanceCoinmAccountMargin(
      account(
        [
          {
            symbol: 'BTC/USD:BTC',
            side: 'long',
            contracts: '100',
            contractSize: '100',
            entryPrice: '25000',
            markPrice: '25000',
            maintenanceMarginRate: '0.004',
            maintenanceAmount: '0',
          },
        ],
        '1',
      ),
      NO_TABLES,
    );
    expect(margin.positions[0]?.notional).toBeCloseTo(0.4, 12);
    expect(margin.maintenanceMargin).toBeCloseTo(0.0016, 12);
  });

  it.each([
    ['11.605', 33_599.4186, 'Binance calculator output 33,599.40 (current FAQ maintenance amount)'],
    [
      '11.81',
      33_578.859744834,
      'the forum poster’s 33,578.859744834 (older FAQ maintenance amount)',
    ],
  ])(
    'B8: WB 101 BTC, long 100,000 contracts at 45,000, MMR 12.5%%, cum %s → %d (%s)',
    (cum, expected) => {
      const margin = binanceCoinmAccountMargin(b8Account(cum), NO_TABLES);
      expect(Math.abs((margin.positions[0]?.liquidationPrice ?? 0) - expected)).toBeLessThan(1e-4);
    },
  );

  it('matches the calculator’s published 33,599.40 within its rounding of a few cents (0.1% criterion)', () => {
    const margin = binanceCoinmAccountMargin(b8Account('11.605'), NO_TABLES);
    expect(
      Math.abs((margin.positions[0]?.liquidationPrice ?? 0) - 33_599.4) / 33_599.4,
    ).toBeLessThan(0.001);
  });

  it('has equity equal to maintenance margin at the liquidation price (silo surplus 0)', () => {
    const parsed = account(
      [
        {
          symbol: 'BTC/USD:BTC',
          side: 'short',
          contracts: '2000',
          contractSize: '100',
          entryPrice: '60000',
          markPrice: '61000',
          maintenanceMarginRate: '0.005',
          maintenanceAmount: '0',
        },
      ],
      '0.5',
    );
    const price = binanceCoinmAccountMargin(parsed, NO_TABLES).positions[0]?.liquidationPrice ?? 0;
    expect(price).toBeGreaterThan(61_000);
    expect(
      Math.abs(binanceCoinmSilos(parsed, NO_TABLES)[0]?.nonlinear?.surplus([price]) ?? 1),
    ).toBeLessThan(1e-12);
  });

  it('needs the tier in force (no embedded COIN-M brackets)', () => {
    expect(() =>
      binanceCoinmAccountMargin(
        account(
          [
            {
              symbol: 'BTC/USD:BTC',
              side: 'long',
              contracts: '1',
              contractSize: '100',
              entryPrice: '1',
              markPrice: '1',
            },
          ],
          '1',
        ),
        NO_TABLES,
      ),
    ).toThrow('no embedded binancecoinm tier table');
  });
});
