import { describe, expect, it } from 'vitest';
import { readBybitPositionRow, toPortfolioPosition } from './bybit-positions';

/**
 * The response example of https://bybit-exchange.github.io/docs/v5/position
 * (bybit-exchange/docs docs/v5/position/position.mdx): an inverse BTCUSD short of 300 USD.
 */
const DOCUMENTED_ROW = {
  positionIdx: 0,
  riskId: 1,
  riskLimitValue: '150',
  symbol: 'BTCUSD',
  side: 'Sell',
  size: '300',
  avgPrice: '27464.50441675',
  positionValue: '0.01092319',
  tradeMode: 0,
  positionStatus: 'Normal',
  autoAddMargin: 1,
  adlRankIndicator: 2,
  leverage: '10',
  breakEvenPrice: '93556.73034991',
  positionBalance: '0.00139186',
  markPrice: '28224.50',
  liqPrice: '',
  bustPrice: '999999.00',
  positionMM: '0.0000015',
  positionMMByMp: '0.0000015',
  positionIM: '0.00010923',
  positionIMByMp: '0.00010923',
  unrealisedPnl: '-0.00029413',
  createdTime: '1676538056258',
  updatedTime: '1697673600012',
};

const TIER = { maintenanceMarginRate: '0.005', maintenanceAmount: '0', maxLeverage: 100 };

describe('Bybit position rows', () => {
  const row = readBybitPositionRow(DOCUMENTED_ROW, 'inverse', 0);

  it('reads the documented inverse example: USD contracts, short, the venue’s margins', () => {
    expect(row).toEqual({
      category: 'inverse',
      marketId: 'BTCUSD',
      side: 'short',
      positionIdx: 0,
      size: '300',
      entryPrice: '27464.50441675',
      markPrice: '28224.50',
      leverage: '10',
      liquidationPrice: undefined,
      initialMargin: '0.00010923',
      maintenanceMargin: '0.0000015',
      riskId: 1,
    });
  });

  it('an empty liqPrice is unknown under cross margin and "none" on an isolated position', () => {
    if (!row) throw new Error('the documented row is a position');
    const context = { symbol: 'BTC/USD:BTC', tierInForce: TIER, markIv: undefined };
    expect(
      toPortfolioPosition(row, { ...context, accountMarginMode: 'cross' }).venueReported,
    ).toEqual({
      maintenanceMargin: '0.0000015',
      initialMargin: '0.00010923',
    });
    expect(toPortfolioPosition(row, { ...context, accountMarginMode: 'isolated' })).toMatchObject({
      marginMode: 'isolated',
      isolatedMargin: '0.00010923',
      venueReported: { liquidationPrice: null },
    });
  });

  it('carries the key’s taker fee rate on a perpetual or future, for the fee to close in IM and MM', () => {
    if (!row) throw new Error('the documented row is a position');
    const context = {
      symbol: 'BTC/USD:BTC',
      tierInForce: TIER,
      markIv: undefined,
      accountMarginMode: 'cross' as const,
    };
    expect(toPortfolioPosition(row, { ...context, takerFeeRate: '0.00055' }).takerFeeRate).toBe(
      '0.00055',
    );
    // Not read (or a rebate): no rate, and the engine says the fee was taken as 0.
    expect(toPortfolioPosition(row, context)).not.toHaveProperty('takerFeeRate');
    // A cross row without its leverage has no bankruptcy price to charge the fee at.
    expect(
      toPortfolioPosition({ ...row, leverage: undefined }, { ...context, takerFeeRate: '0.00055' }),
    ).not.toHaveProperty('takerFeeRate');
    expect(
      toPortfolioPosition(
        { ...row, category: 'option' },
        { ...context, takerFeeRate: '0.00055', markIv: 0.55 },
      ),
    ).not.toHaveProperty('takerFeeRate');
  });

  it('drops an empty position (size 0, side "") and checks hedge legs against their side', () => {
    expect(
      readBybitPositionRow({ ...DOCUMENTED_ROW, size: '0', side: '' }, 'inverse', 0),
    ).toBeUndefined();
    expect(() => readBybitPositionRow({ ...DOCUMENTED_ROW, positionIdx: 1 }, 'inverse', 3)).toThrow(
      'bybit GET /v5/position/list?category=inverse: result.list[3] "BTCUSD" side "Sell" contradicts positionIdx 1',
    );
  });

  it('a liqPrice of "0" is unknown too, never a price of 0', () => {
    expect(
      readBybitPositionRow({ ...DOCUMENTED_ROW, liqPrice: '0' }, 'inverse', 0)?.liquidationPrice,
    ).toBeUndefined();
  });
});

/**
 * Bybit's "USDC Perpetual Session Settlement Mechanism" example
 * (https://www.bybit.com/en/help-center/article/USDC-Perpetual-Session-Settlement-Mechanism):
 * Trader A holds 0.1 BTC-PERP long at an average entry of 50,250; at the settlement the mark is
 * 52,000, the session's 175 USDC go to the wallet and the entry becomes 52,000. In the v5
 * position list `avgPrice` keeps 50,250 ("will not be changed with 8-hour session settlement")
 * and `sessionAvgPrice` is 52,000 (bybit-exchange/docs docs/v5/position/position.mdx). The mark
 * 52,500 afterwards is ours.
 */
const USDC_ROW = {
  ...DOCUMENTED_ROW,
  riskLimitValue: '2000000',
  symbol: 'BTCPERP',
  side: 'Buy',
  size: '0.1',
  avgPrice: '50250',
  sessionAvgPrice: '52000',
  markPrice: '52500',
  positionValue: '5200',
  unrealisedPnl: '50',
};

describe('Bybit USDC contracts after a session settlement', () => {
  it('take sessionAvgPrice as the entry: the settled 175 USDC are in the wallet already', () => {
    const row = readBybitPositionRow(USDC_ROW, 'linear', 0, 'USDC');
    expect(row?.entryPrice).toBe('52000');
    // P&L from the session price is the venue's unrealisedPnl (50 USDC); from avgPrice it would
    // be 225 USDC, the settled 175 counted a second time.
    const { size, markPrice, entryPrice } = row as NonNullable<typeof row>;
    expect(Number(size) * (Number(markPrice) - Number(entryPrice))).toBeCloseTo(50, 9);
  });

  it('fall back to avgPrice before the first settlement (sessionAvgPrice "" or absent)', () => {
    expect(
      readBybitPositionRow({ ...USDC_ROW, sessionAvgPrice: '' }, 'linear', 0, 'USDC')?.entryPrice,
    ).toBe('50250');
    const withoutField: Record<string, unknown> = { ...USDC_ROW };
    delete withoutField.sessionAvgPrice;
    expect(readBybitPositionRow(withoutField, 'linear', 0, 'USDC')?.entryPrice).toBe('50250');
  });

  it('leave USDT contracts on avgPrice (no session settlement) and name a malformed session price', () => {
    expect(
      readBybitPositionRow({ ...USDC_ROW, symbol: 'BTCUSDT' }, 'linear', 0, 'USDT')?.entryPrice,
    ).toBe('50250');
    expect(() =>
      readBybitPositionRow({ ...USDC_ROW, sessionAvgPrice: '-1' }, 'linear', 2, 'USDC'),
    ).toThrow(
      'bybit GET /v5/position/list?category=linear: result.list[2] "BTCPERP" sessionAvgPrice must be positive, got "-1"',
    );
  });
});
