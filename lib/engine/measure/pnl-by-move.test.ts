import { describe, expect, it } from 'vitest';
import { deribitBtcAccount } from '../../../test/golden/example-accounts';
import { TWO_VENUE_HEDGE } from '../../../test/portfolios/two-venue-hedge';
import { DEMO_PORTFOLIO } from '../portfolio/demo-portfolio';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import { black76Price } from '../pricer/black76';
import { calculateRiskReport, evaluateRisk } from './calculate-risk-report';
import { siloSurplusAtMove } from './move-liquidations';
import { resolveInputs } from './resolve-inputs';

/** A cross USDT account with the given linear perpetuals, entry at mark (no P&L yet). */
function linearBook(
  wallet: string,
  positions: readonly { symbol: string; side: 'long' | 'short'; contracts: string; mark: string }[],
  leverage = 10,
) {
  return {
    version: 1,
    asOf: '2025-02-11T00:00:00Z',
    accounts: [
      {
        id: 'main',
        venue: 'binanceusdm',
        marginMode: 'cross',
        positionMode: 'oneway',
        balances: [{ asset: 'USDT', total: wallet }],
        positions: positions.map((position) => ({
          symbol: position.symbol,
          side: position.side,
          contracts: position.contracts,
          entryPrice: position.mark,
          markPrice: position.mark,
          leverage,
          maintenanceMarginRate: '0.005',
          maintenanceAmount: '0',
        })),
      },
    ],
    market: {
      annualVols: { BTC: 0.5, ETH: 0.8 },
      correlations: { 'BTC/ETH': 0.6 },
    },
  };
}

describe('pnlByMove on a linear book (by hand)', () => {
  // Long 2 BTC at 100,000 and short 10 ETH at 3,000, far from liquidation. ETH moves with BTC by
  // its beta ρ·σ_ETH/σ_BTC = 0.6 · 0.8 / 0.5 = 0.96 on log-returns, so at a BTC move m:
  //   P&L = 2 · 100,000 · m − 10 · 3,000 · ((1 + m)^0.96 − 1).
  const report = calculateRiskReport(
    parsePortfolio(
      linearBook('1000000', [
        { symbol: 'BTC/USDT:USDT', side: 'long', contracts: '2', mark: '100000' },
        { symbol: 'ETH/USDT:USDT', side: 'short', contracts: '10', mark: '3000' },
      ]),
    ),
  );
  const curve = report.portfolio.pnlByMove;

  it('takes the asset with the largest gross notional as the axis, at its mark', () => {
    expect(curve?.asset).toBe('BTC');
    expect(curve?.price).toBe(100_000);
    expect(curve?.betas.ETH).toBeCloseTo(0.96, 14);
    expect(curve?.moves).toHaveLength(101);
    expect(curve?.moves[0]).toBe(-0.5);
    expect(curve?.moves[50]).toBe(0);
    expect(curve?.moves[80]).toBe(0.3);
  });

  it('is the hand-computed P&L at every move', () => {
    curve?.moves.forEach((move, index) => {
      const expected = 200_000 * move - 30_000 * ((1 + move) ** 0.96 - 1);
      expect(Math.abs((curve.pnl[index] ?? Number.NaN) - expected)).toBeLessThan(1e-9 * 100_000);
    });
    expect(curve?.pnl[50]).toBe(0);
  });

  it('has no liquidation point for an account that stays solvent across ±50%', () => {
    expect(curve?.liquidations).toEqual([]);
  });
});

describe('pnlByMove with options and coin collateral (the engine’s own repricing)', () => {
  // Deribit: 1.2 BTC balance, long 50,000 USD of the inverse perpetual (entry 98,000), short 2
  // calls struck at 120,000 expiring 25 Dec 26 at 08:00 (31 days after asOf), mark IV 0.55.
  const report = calculateRiskReport(
    parsePortfolio({
      version: 1,
      asOf: '2026-11-24T08:00:00Z',
      accounts: [deribitBtcAccount()],
      market: { prices: { BTC: '100000' } },
    }),
  );
  const curve = report.portfolio.pnlByMove;

  it('revalues the option in full by Black-76 at the moved forward, time and vol unchanged', () => {
    const call = (forward: number) =>
      black76Price({
        type: 'call',
        forward,
        strike: 120_000,
        timeToExpiry: 31 / 365,
        lognormalVol: 0.55,
      });
    curve?.moves.forEach((move, index) => {
      const balance = 1.2 * 100_000 * move;
      const inverse = (50_000 / 98_000) * 100_000 * move;
      const option = -2 * (call(100_000 * (1 + move)) - call(100_000));
      expect(curve.pnl[index]).toBeCloseTo(balance + inverse + option, 6);
    });
    // The short call bends the curve: above the strike the P&L grows by less than the delta-one legs.
    const top = curve?.pnl[100] ?? 0;
    expect(top).toBeLessThan(1.2 * 50_000 + (50_000 / 98_000) * 50_000);
  });
});

describe('pnlByMove on a hedge split across venues (by hand)', () => {
  // Binance USDⓈ-M cross: 20,000 USDT, long 0.8 BTC from 92,400; Bybit isolated: short 0.8 BTC
  // from 94,800 with 4,000 USDT of its 6,000 as margin; mark 95,057.54 on both.
  const report = calculateRiskReport(parsePortfolio(TWO_VENUE_HEDGE));
  const curve = report.portfolio.pnlByMove;
  const mark = 95_057.54;
  const longEquity = 20_000 + 0.8 * (mark - 92_400);
  const shortMargin = 4_000 + 0.8 * (94_800 - mark);
  const at = (move: number, series: readonly number[] | undefined) =>
    series?.[(curve?.moves ?? []).indexOf(move)] ?? Number.NaN;

  it('is flat with both legs held', () => {
    for (const value of curve?.pnl ?? []) expect(Math.abs(value)).toBeLessThan(1e-9);
  });

  it('loses the liquidated leg’s equity and leaves the other leg alone past each liquidation', () => {
    // Between the two liquidations nothing changes.
    expect(at(-0.1, curve?.pnlLiquidated)).toBeCloseTo(0, 9);
    expect(at(0.04, curve?.pnlLiquidated)).toBeCloseTo(0, 9);
    // +10%: Bybit's short (liquidated at +4.5%) has lost its isolated margin; the long gains.
    expect(at(0.1, curve?.pnlLiquidated)).toBeCloseTo(0.8 * mark * 0.1 - shortMargin, 6);
    // −30%: the Binance account (liquidated at −28.8%) has lost its equity; the short gains.
    expect(at(-0.3, curve?.pnlLiquidated)).toBeCloseTo(0.8 * mark * 0.3 - longEquity, 6);
  });

  it('marks each account’s liquidation with the equity it loses and the book just before', () => {
    expect(curve?.liquidations).toHaveLength(2);
    const [binance, bybit] = curve?.liquidations ?? [];
    expect(binance).toMatchObject({ account: 'binance-main', direction: 'down', position: null });
    expect(binance?.equityLost).toBeCloseTo(longEquity, 6);
    expect(bybit).toMatchObject({
      account: 'bybit-hedge',
      direction: 'up',
      position: { symbol: 'BTC/USDT:USDT', side: 'short' },
    });
    expect(bybit?.equityLost).toBeCloseTo(shortMargin, 6);
    expect(bybit?.pnl).toBeCloseTo(0, 9);
    const short = report.accounts[1]?.positions[0];
    expect(bybit?.price).toBeCloseTo(short?.liquidationPrice ?? 0, 6);
  });
});

describe('liquidation points on the axis', () => {
  const demo = calculateRiskReport(parsePortfolio(DEMO_PORTFOLIO));

  it('puts a one-asset silo at its own liquidation price (the venue rule the report shows)', () => {
    const hedge = demo.accounts.find((account) => account.id === 'binance-hedge');
    const short = hedge?.positions[0];
    const point = demo.portfolio.pnlByMove?.liquidations.find(
      (item) => item.account === 'binance-hedge',
    );
    expect(point).toMatchObject({
      direction: 'up',
      position: { symbol: 'BTC/USDT:USDT', side: 'short' },
    });
    expect(point?.move).toBeCloseTo(
      (short?.liquidationPrice ?? 0) / (short?.referencePrice ?? 1) - 1,
      12,
    );
    expect(point?.price).toBeCloseTo(short?.liquidationPrice ?? 0, 6);
    // The book's P&L there, on the same curve: between its neighbours on the 1% grid.
    const curve = demo.portfolio.pnlByMove;
    const below = curve?.pnl[54] ?? Number.NaN;
    const above = curve?.pnl[55] ?? Number.NaN;
    expect(point?.pnl).toBeLessThanOrEqual(Math.max(below, above));
    expect(point?.pnl).toBeGreaterThanOrEqual(Math.min(below, above));
  });

  it('leaves out a cross account whose ETH short offsets its BTC long as both fall together', () => {
    // binance-main's BTC long alone dies 30.5% lower with ETH held; ETH falling by its beta pays the short.
    expect(
      demo.portfolio.pnlByMove?.liquidations.some((item) => item.account === 'binance-main'),
    ).toBe(false);
  });

  it('solves a two-asset cross silo where its surplus reaches zero, others moving by beta', () => {
    const file = parsePortfolio(
      linearBook(
        '15000',
        [
          { symbol: 'BTC/USDT:USDT', side: 'long', contracts: '1', mark: '100000' },
          { symbol: 'ETH/USDT:USDT', side: 'long', contracts: '20', mark: '3000' },
        ],
        20,
      ),
    );
    const evaluation = evaluateRisk(resolveInputs(file));
    const curve = evaluation.report.portfolio.pnlByMove;
    const point = curve?.liquidations[0];
    expect(curve?.liquidations).toHaveLength(1);
    expect(point).toMatchObject({ account: 'main', direction: 'down', position: null });
    const silo = evaluation.liquidation.silos[0];
    if (silo === undefined || point === undefined) throw new Error('no silo or point');
    const beta = curve?.betas.ETH ?? 0;
    const logReturnOf = (asset: string, move: number) =>
      (asset === 'ETH' ? beta : 1) * Math.log1p(move);
    expect(Math.abs(siloSurplusAtMove(silo, point.move, logReturnOf))).toBeLessThan(1e-6);
    expect(siloSurplusAtMove(silo, point.move + 1e-4, logReturnOf)).toBeGreaterThan(0);
    // Nearer than the BTC leg's own liquidation price, which holds ETH at its mark.
    const btc = evaluation.report.accounts[0]?.positions[0];
    expect(Math.abs(point.move)).toBeLessThan(btc?.liquidationDistancePct ?? 0);
  });

  it('is null for an empty book', () => {
    const empty = calculateRiskReport(
      parsePortfolio({ version: 1, asOf: '2025-02-11T00:00:00Z', accounts: [] }),
    );
    expect(empty.portfolio.pnlByMove).toBeNull();
    expect(empty.portfolio.stress.grid).toBeNull();
  });
});

describe('pnlByMove: a coin balance beside an isolated inverse position (by hand)', () => {
  // Binance COIN-M: 1 BTC wallet, isolated long 100 contracts × 100 USD (N = 10,000 USD) from
  // 95,000 with 0.05 BTC of the wallet as its margin; mark 95,000. No cross position, so the
  // cross silo is empty and left out of the silos on the move.
  const report = calculateRiskReport(
    parsePortfolio({
      version: 1,
      asOf: '2025-02-11T00:00:00Z',
      accounts: [
        {
          id: 'coinm',
          venue: 'binancecoinm',
          marginMode: 'cross',
          balances: [{ asset: 'BTC', total: '1' }],
          positions: [
            {
              symbol: 'BTC/USD:BTC',
              side: 'long',
              contracts: '100',
              contractSize: '100',
              entryPrice: '95000',
              markPrice: '95000',
              marginMode: 'isolated',
              isolatedMargin: '0.05',
              leverage: 20,
              maintenanceMarginRate: '0.004',
              maintenanceAmount: '0',
            },
          ],
        },
      ],
      market: { prices: { BTC: '95000' } },
    }),
  );
  const curve = report.portfolio.pnlByMove;
  const at = (move: number, series: readonly number[] | undefined) =>
    series?.[(curve?.moves ?? []).indexOf(move)] ?? Number.NaN;

  it('holds the balance when the isolated position is liquidated', () => {
    // Held at −50%: the wallet loses 0.5 · 95,000; the inverse long N·m = −5,000.
    expect(at(-0.5, curve?.pnl)).toBeCloseTo(-52_500, 6);
    // Liquidated (the isolated long dies well before −50%): its 0.05 BTC margin is lost at its
    // value now (4,750 USD); the 0.95 BTC left in the wallet still falls by half (−45,125).
    expect(at(-0.5, curve?.pnlLiquidated)).toBeCloseTo(-0.95 * 47_500 - 4_750, 6);
    expect(curve?.liquidations).toHaveLength(1);
    expect(curve?.liquidations[0]).toMatchObject({
      account: 'coinm',
      direction: 'down',
      position: { symbol: 'BTC/USD:BTC', side: 'long' },
    });
    expect(curve?.liquidations[0]?.equityLost).toBeCloseTo(4_750, 6);
  });
});

describe('pnlByMove: a point’s price is the position’s own liquidation price', () => {
  // The two-venue hedge with Bybit's mark 95,000 against Binance's 95,057.54: the axis is
  // Binance's mark (the larger notional), so Bybit's move scaled onto it would name another price.
  const [binance, bybit] = TWO_VENUE_HEDGE.accounts;
  if (binance === undefined || bybit === undefined) throw new Error('two accounts expected');
  const report = calculateRiskReport(
    parsePortfolio({
      ...TWO_VENUE_HEDGE,
      accounts: [
        binance,
        { ...bybit, positions: bybit.positions.map((p) => ({ ...p, markPrice: '95000' })) },
      ],
    }),
  );
  const curve = report.portfolio.pnlByMove;

  it('shows the liquidation price the tables show, for each silo on the main coin only', () => {
    expect(curve?.price).toBe(95_057.54);
    const short = report.accounts[1]?.positions[0];
    const long = report.accounts[0]?.positions[0];
    const point = (account: string) => curve?.liquidations.find((item) => item.account === account);
    expect(point('bybit-hedge')?.price).toBe(short?.liquidationPrice);
    expect(point('binance-main')?.price).toBe(long?.liquidationPrice);
    expect(point('bybit-hedge')?.move).toBeCloseTo(
      (short?.liquidationPrice ?? 0) / (short?.referencePrice ?? 1) - 1,
      12,
    );
  });
});
