import { describe, expect, it } from 'vitest';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import { hyperliquidAccountMargin, hyperliquidMaintenanceMarginRate } from './hyperliquid';
import type { MarginContext } from './venue-context';

/** No tier tables from a file: the position's own tier or the embedded tables. */
const NO_TABLES: MarginContext = { asOf: '2026-11-24T00:00:00Z', underlyingPrice: () => undefined };

/**
 * Hyperliquid's documented liquidation price
 * (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/liquidations):
 *   liq_price = price − side · margin_available / position_size / (1 − l · side),
 *   l = 1 / maintenance leverage, margin_available = equity − maintenance margin at price.
 */
function documentedLiquidationPrice(
  side: 1 | -1,
  price: number,
  size: number,
  equity: number,
  maxLeverage: number,
): number | null {
  const l = hyperliquidMaintenanceMarginRate(maxLeverage);
  const marginAvailable = equity - l * size * price;
  const result = price - (side * marginAvailable) / size / (1 - l * side);
  return result > 0 ? result : null;
}

function isolatedAccount(
  side: 'long' | 'short',
  entry: string,
  mark: string,
  margin: string,
  maxLeverage: number,
) {
  const portfolio = parsePortfolio({
    version: 1,
    asOf: '2026-11-24T00:00:00Z',
    accounts: [
      {
        id: 'hl',
        venue: 'hyperliquid',
        marginMode: 'isolated',
        balances: [{ asset: 'USDC', total: margin }],
        positions: [
          {
            symbol: 'BTC/USDC:USDC',
            side,
            contracts: '1',
            entryPrice: entry,
            markPrice: mark,
            isolatedMargin: margin,
            maxLeverage,
          },
        ],
      },
    ],
  });
  const account = portfolio.accounts[0];
  if (!account) throw new Error('no account');
  return hyperliquidAccountMargin(account, NO_TABLES);
}

describe('Hyperliquid margin (maintenance = half the initial margin at max leverage)', () => {
  it('uses 1/(2·max leverage) as the maintenance margin rate: 1% at 50x, 16.7% at 3x', () => {
    expect(hyperliquidMaintenanceMarginRate(50)).toBe(0.01);
    expect(hyperliquidMaintenanceMarginRate(3)).toBeCloseTo(0.16667, 5);
  });

  it.each([
    ['long', 1, '100000', '100000', '5000', 40],
    ['short', -1, '100000', '100000', '5000', 40],
    ['long', 1, '100000', '98000', '5000', 40],
    ['short', -1, '60000', '63000', '9000', 20],
  ] as const)(
    'isolated %s at %s, mark %s, margin %s, %dx: our liquidation price equals the documented formula',
    (side, sign, entry, mark, margin, maxLeverage) => {
      const account = isolatedAccount(side, entry, mark, margin, maxLeverage);
      const equity = Number(margin) + sign * (Number(mark) - Number(entry));
      const expected = documentedLiquidationPrice(sign, Number(mark), 1, equity, maxLeverage);
      expect(account.positions[0]?.liquidationPrice).toBeCloseTo(expected ?? Number.NaN, 6);
      expect(account.maintenanceMargin).toBeCloseTo(Number(mark) / (2 * maxLeverage), 9);
    },
  );

  it('has no liquidation price when the margin covers a fall to zero', () => {
    expect(
      isolatedAccount('long', '100', '100', '150', 10).positions[0]?.liquidationPrice,
    ).toBeNull();
  });

  it('requires the asset’s max leverage where no margin table is embedded (ATOM)', () => {
    const portfolio = parsePortfolio({
      version: 1,
      asOf: '2026-11-24T00:00:00Z',
      accounts: [
        {
          id: 'hl',
          venue: 'hyperliquid',
          marginMode: 'cross',
          balances: [{ asset: 'USDC', total: '100' }],
          positions: [
            {
              symbol: 'ATOM/USDC:USDC',
              side: 'long',
              contracts: '1',
              entryPrice: '1',
              markPrice: '1',
            },
          ],
        },
      ],
    });
    const account = portfolio.accounts[0];
    if (!account) throw new Error('no account');
    expect(() => hyperliquidAccountMargin(account, NO_TABLES)).toThrow(
      "Hyperliquid positions need the asset's max leverage (from the venue's meta), and no margin table is embedded for ATOM",
    );
  });
});

describe('Hyperliquid HIP-3 markets in a portfolio file (ccxt symbols, one account per dex)', () => {
  function dexAccount(symbol: string, collateral: string) {
    const portfolio = parsePortfolio({
      version: 1,
      asOf: '2026-11-24T00:00:00Z',
      accounts: [
        {
          id: 'hl:dex',
          venue: 'hyperliquid',
          marginMode: 'cross',
          balances: [{ asset: collateral, total: '1000' }],
          positions: [
            {
              symbol,
              side: 'short',
              contracts: '20',
              entryPrice: '180',
              markPrice: '200',
              maxLeverage: 10,
            },
          ],
        },
      ],
    });
    const account = portfolio.accounts[0];
    if (!account) throw new Error('no account');
    return hyperliquidAccountMargin(account, NO_TABLES);
  }

  it.each([
    ['XYZ-AAPL/USDC:USDC', 'USDC'],
    ['FLX-TSLA/USDH:USDH', 'USDH'],
  ])('computes %s in its collateral %s by the documented rule', (symbol, collateral) => {
    const margin = dexAccount(symbol, collateral);
    expect(margin.settle).toBe(collateral);
    // 20 × 200 = 4000 of notional at 10x: MM 4000 / 20 = 200; equity 1000 − 20 × 20 = 600.
    expect(margin.maintenanceMargin).toBeCloseTo(200, 9);
    expect(margin.equity).toBeCloseTo(600, 9);
    expect(margin.positions[0]?.liquidationPrice).toBeCloseTo(
      documentedLiquidationPrice(-1, 200, 20, 600, 10) ?? Number.NaN,
      9,
    );
  });

  it('takes HIP-3 underlyings in the market section’s asset-pair keys, and no malformed pair', () => {
    const file = (correlations: Record<string, number>) => ({
      version: 1,
      asOf: '2026-11-24T00:00:00Z',
      accounts: [],
      market: { correlations },
    });
    expect(parsePortfolio(file({ 'BTC/XYZ-NVDA': 0.3 })).market?.correlations).toEqual({
      'BTC/XYZ-NVDA': 0.3,
    });
    for (const key of ['BTC-XYZ-NVDA', 'BTC/XYZ-', 'A-B-C/BTC'])
      expect(() => parsePortfolio(file({ [key]: 0.3 }))).toThrow(
        `market correlations "${key}": keys must be two assets "A/B"`,
      );
  });

  it('refuses a HIP-3 market settled in anything but its quote, naming the symbol', () => {
    expect(() =>
      parsePortfolio({
        version: 1,
        asOf: '2026-11-24T00:00:00Z',
        accounts: [
          {
            id: 'hl:xyz',
            venue: 'hyperliquid',
            marginMode: 'cross',
            balances: [{ asset: 'USDC', total: '1' }],
            positions: [
              {
                symbol: 'XYZ-NVDA/USDC',
                side: 'long',
                contracts: '1',
                entryPrice: '1',
                markPrice: '1',
                maxLeverage: 10,
              },
            ],
          },
        ],
      }),
    ).toThrow('"XYZ-NVDA/USDC" has a Hyperliquid HIP-3 base (dex-coin)');
  });
});
