import { describe, expect, it } from 'vitest';
import golden from '../../../test/golden/binance-usdm.json';
import { DEMO_PORTFOLIO } from '../portfolio/demo-portfolio';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import { DEFAULT_MARKET } from '../market/default-market';
import { liquidityAddOn } from '../risk/liquidity-add-on';
import { RESIDUAL_HISTORY } from '../market/residual-history';
import { calculateRiskReport } from './calculate-risk-report';

const demo = calculateRiskReport(parsePortfolio(DEMO_PORTFOLIO));

describe('calculateRiskReport on the demo portfolio', () => {
  it('reports a positive ES with Euler contributions that sum to it', () => {
    const sum = demo.portfolio.contributions.reduce((total, item) => total + item.es, 0);
    expect(demo.portfolio.es).toBeGreaterThan(0);
    expect(Math.abs(sum - demo.portfolio.es)).toBeLessThan(1e-9 * demo.portfolio.es);
    expect(demo.portfolio.es).toBeGreaterThanOrEqual(demo.portfolio.var);
  });

  it('replays exactly for the same seed and changes with another', () => {
    expect(calculateRiskReport(parsePortfolio(DEMO_PORTFOLIO)).portfolio.es).toBe(
      demo.portfolio.es,
    );
    const other = calculateRiskReport(parsePortfolio({ ...DEMO_PORTFOLIO, model: { seed: 2 } }));
    expect(other.portfolio.es).not.toBe(demo.portfolio.es);
  });

  it('states where every model setting and market figure came from', () => {
    expect(demo.inputs.model.seed).toEqual({ value: 1, origin: 'default' });
    expect(demo.inputs.annualVols.BTC?.origin).toBe('embedded-default');
    expect(demo.inputs.settlementPricesUsd.USDT).toEqual({ value: 1, origin: 'assumed-peg' });
  });

  it('shows the isolated short leg can be liquidated although the BTC legs offset', () => {
    const hedge = demo.accounts.find((account) => account.id === 'binance-hedge');
    expect(hedge?.liquidation.direction).toBe('up');
    expect(hedge?.liquidation.probability?.value).toBeGreaterThan(0.001);
    const btc = demo.portfolio.contributions.filter((item) => item.symbol === 'BTC/USDT:USDT');
    expect(Math.abs((btc[0]?.es ?? 0) + (btc[1]?.es ?? 0))).toBeLessThan(1e-9);
  });
});

describe('report measures', () => {
  it('gives VaR and ES at 97.5% and 99%, with ES above VaR and rising with confidence', () => {
    expect(demo.portfolio.levels.map((level) => level.confidence)).toEqual([0.975, 0.99]);
    const [low, high] = demo.portfolio.levels;
    expect(low && high && high.es > low.es && low.es > low.var && high.es > high.var).toBe(true);
  });

  it('sets the true margin to the larger of the ES and the margin scan, plus the liquidity add-on; the dated days only in the stress test', () => {
    const { es, liquidityAddOn, stress, trueMargin } = demo.portfolio;
    expect(trueMargin).toBe(Math.max(es, stress.marginScan.loss) + liquidityAddOn);
    expect(stress.marginScan.coverage).toBe(0.99);
    expect(stress.marginScan.scenario).not.toMatch(/^historical/);
    expect(stress.worstLoss).toBeGreaterThanOrEqual(stress.marginScan.loss);
    expect(liquidityAddOn).toBeGreaterThan(0);
    expect(demo.inputs.dailyVolumeUsd.BTC?.origin).toBe('embedded-default');
  });

  it('reports every stress scenario: the joint grid as price × vol moves and the others, the worst among them', () => {
    const { stress } = demo.portfolio;
    const grid = stress.grid;
    expect(grid?.scanFractions).toHaveLength(7);
    expect(grid?.volFactors).toEqual([0.75, 1, 1.5]);
    expect(grid?.pnl.flat()).toHaveLength(21);
    // No move, no P&L; the demo holds no options, so vol moves change nothing.
    expect(grid?.pnl[3]).toEqual([0, 0, 0]);
    for (const row of grid?.pnl ?? []) expect(new Set(row).size).toBe(1);
    expect((grid?.pnl.flat().length ?? 0) + stress.others.length).toBe(stress.scenarios);
    const weighted = [
      ...(grid?.pnl.flat() ?? []).map((pnl) => -pnl),
      ...stress.others.map((item) => -item.pnl * item.weight),
    ];
    expect(Math.max(...weighted)).toBe(stress.worstLoss);
    expect(stress.others.find((item) => item.label === stress.scenario)?.pnl).toBe(
      -stress.worstLoss,
    );
    expect(stress.worst).toMatchObject({
      label: stress.scenario,
      scenario: { kind: 'historical', date: '2020-03-19', proxied: [] },
      pnl: -stress.worstLoss,
      weight: 1,
    });
  });

  it('gives the probability that any account is liquidated, at least each account’s', () => {
    const any = demo.portfolio.probabilityAnyLiquidation?.value ?? 0;
    for (const account of demo.accounts)
      expect(any).toBeGreaterThanOrEqual(account.liquidation.probability?.value ?? 0);
    const hedge = demo.accounts[1]?.liquidation;
    // The hedge leg is one linear position: the simulation (bridged between the hours) agrees
    // with the model's continuous closed form within its noise.
    expect(
      Math.abs((hedge?.probability?.value ?? 1) - (hedge?.closedFormProbability ?? 0)),
    ).toBeLessThan(4 * (hedge?.probability?.standardError ?? 0));
  });

  it('suggests moving free collateral from the main account to the endangered hedge leg', () => {
    expect(demo.portfolio.collateralMoves[0]).toMatchObject({
      from: 'binance-main',
      to: 'binance-hedge:BTC/USDT:USDT',
      asset: 'USDT',
    });
    expect(demo.portfolio.collateral.achievableMinDistance).toBeGreaterThan(
      demo.portfolio.collateral.currentMinDistance ?? Number.POSITIVE_INFINITY,
    );
    // Where each transfer starts and ends, and why its amount: the hedge short needs both
    // transfers; each source gives what it can (binance-main less than all its free margin, so
    // that it too stays as far from its own liquidation; the hedge account all its spare cash).
    const [fromMain, fromCash] = demo.portfolio.collateralMoves;
    expect(fromMain).toMatchObject({
      source: { account: 'binance-main', position: null },
      target: { account: 'binance-hedge', position: { symbol: 'BTC/USDT:USDT', side: 'short' } },
    });
    expect(fromMain?.amount).toBeCloseTo(fromMain?.sourceCanGive ?? 0, 2);
    expect(fromMain?.sourceCanGive).toBeLessThan(fromMain?.sourceFree ?? 0);
    expect(fromCash).toMatchObject({ amount: 2000, sourceFree: 2000, sourceCanGive: 2000 });
    expect((fromMain?.amount ?? 0) + (fromCash?.amount ?? 0)).toBeCloseTo(
      fromMain?.targetNeeds ?? 0,
      1,
    );
  });

  it.each(['historical', 'parametric'] as const)(
    'runs the %s method with contributions that sum to ES',
    (method) => {
      const report = calculateRiskReport(parsePortfolio({ ...DEMO_PORTFOLIO, model: { method } }), {
        residualHistory: RESIDUAL_HISTORY,
      });
      const sum = report.portfolio.contributions.reduce((total, item) => total + item.es, 0);
      expect(report.portfolio.method).toBe(method);
      expect(report.portfolio.es).toBeGreaterThan(0);
      expect(Math.abs(sum - report.portfolio.es)).toBeLessThan(1e-9 * report.portfolio.es);
    },
  );

  it('refuses the historical method, by name, when its history is not loaded', () => {
    const report = calculateRiskReport(
      parsePortfolio({ ...DEMO_PORTFOLIO, model: { method: 'historical' } }),
    );
    expect(report.portfolio.es).toBe(0);
    expect(report.accounts).toHaveLength(2);
    expect(report.refusals.map((refusal) => [refusal.account, refusal.kind])).toEqual([
      ['binance-main', 'missing-history'],
      ['binance-hedge', 'missing-history'],
    ]);
  });

  it('refuses Student-t with the parametric method', () => {
    expect(() =>
      calculateRiskReport(
        parsePortfolio({
          ...DEMO_PORTFOLIO,
          model: { method: 'parametric', distribution: { type: 'student-t', nu: 4 } },
        }),
      ),
    ).toThrow('the parametric method is normal only');
  });
});

describe('a perfect cross-account hedge', () => {
  const leg = (id: string, side: 'long' | 'short') => ({
    id,
    venue: 'binanceusdm',
    marginMode: 'isolated',
    balances: [{ asset: 'USDT', total: '5000' }],
    positions: [
      {
        symbol: 'BTC/USDT:USDT',
        side,
        contracts: '1',
        entryPrice: '60000',
        markPrice: '60000',
        leverage: 20,
        isolatedMargin: '3000',
      },
    ],
  });
  const report = calculateRiskReport(
    parsePortfolio({
      version: 1,
      asOf: '2025-02-11T00:00:00Z',
      accounts: [leg('long-leg', 'long'), leg('short-leg', 'short')],
    }),
  );

  it('has zero ES while each leg keeps a positive liquidation probability', () => {
    expect(report.portfolio.es).toBe(0);
    for (const account of report.accounts)
      expect(account.liquidation.probability?.value).toBeGreaterThan(0);
  });
});

describe('Binance account B3 (the account behind the FAQ examples)', () => {
  const vector = golden.accountB3;
  const eth = golden.crossOneWay[0];
  const btc = golden.crossOneWay[1];
  const report = calculateRiskReport(
    parsePortfolio({
      version: 1,
      asOf: '2021-06-01T00:00:00Z',
      accounts: [
        {
          id: 'faq',
          venue: 'binanceusdm',
          marginMode: 'cross',
          balances: [{ asset: 'USDT', total: vector.walletBalance }],
          positions: [
            {
              symbol: 'ETH/USDT:USDT',
              side: 'long',
              contracts: eth?.quantity,
              entryPrice: eth?.entryPrice,
              markPrice: vector.ethMark,
              maintenanceMarginRate: eth?.maintenanceMarginRate,
              maintenanceAmount: eth?.maintenanceAmount,
              venueReported: { liquidationPrice: String(eth?.liquidationPrice) },
            },
            {
              symbol: 'BTC/USDT:USDT',
              side: 'long',
              contracts: btc?.quantity,
              entryPrice: btc?.entryPrice,
              markPrice: vector.btcMark,
              maintenanceMarginRate: btc?.maintenanceMarginRate,
              maintenanceAmount: btc?.maintenanceAmount,
              venueReported: { liquidationPrice: String(btc?.liquidationPrice) },
            },
          ],
        },
      ],
    }),
  );
  const account = report.accounts[0];

  it('has the published equity, maintenance margin and margin ratio', () => {
    expect(Math.abs((account?.equity ?? 0) - vector.equity)).toBeLessThan(vector.tolerance.equity);
    expect(Math.abs((account?.maintenanceMargin ?? 0) - vector.maintenanceMargin)).toBeLessThan(
      vector.tolerance.maintenanceMargin,
    );
    expect(Math.abs((account?.marginRatio ?? 0) - vector.marginRatio)).toBeLessThan(
      vector.tolerance.marginRatio,
    );
  });

  it('reproduces both published liquidation prices from the account, within what cent-rounded marks allow', () => {
    // LP moves by Q_other·δ·(1 ± MMR_other)/|Q·MMR − Q| for a mark error δ = ±0.005 on the other symbol.
    const bound = (own: typeof eth, other: typeof eth) =>
      (Number(other?.quantity) * 0.005 * (1 + Number(other?.maintenanceMarginRate))) /
        (Number(own?.quantity) * (1 - Number(own?.maintenanceMarginRate))) +
      (own?.tolerance ?? 0);
    const [ethReport, btcReport] = account?.positions ?? [];
    expect(
      Math.abs(ethReport?.venueReported?.liquidationPrice?.difference ?? Number.NaN),
    ).toBeLessThan(bound(eth, btc));
    expect(
      Math.abs(btcReport?.venueReported?.liquidationPrice?.difference ?? Number.NaN),
    ).toBeLessThan(bound(btc, eth));
    expect(ethReport?.tierSource).toBe('position (venue tier in force)');
  });
});

describe('calculateRiskReport input errors', () => {
  /** A one-account, one-position cross portfolio around `position`. */
  const onePosition = (position: Record<string, string>) => ({
    version: 1,
    asOf: '2025-02-11T00:00:00Z',
    accounts: [
      {
        id: 'a',
        venue: 'binanceusdm',
        marginMode: 'cross',
        balances: [{ asset: 'USDT', total: '100' }],
        positions: [{ side: 'long', contracts: '1', ...position }],
      },
    ],
  });

  it('names a symbol with no embedded tier table and no tier in force', () => {
    // MATICUSDT: not among the embedded brackets (binance-usdm-tier-tables.ts).
    const raw = onePosition({ symbol: 'MATIC/USDT:USDT', entryPrice: '100', markPrice: '100' });
    const report = calculateRiskReport(parsePortfolio(raw));
    expect(report.accounts).toEqual([]);
    expect(report.refusals).toEqual([
      expect.objectContaining({
        account: 'a',
        venue: 'binanceusdm',
        kind: 'unsupported-account',
        removes: 'account',
        message: expect.stringContaining(
          'account "a" position "MATIC/USDT:USDT": no embedded Binance tier table for MATICUSDT',
        ),
      }),
    ]);
  });

  it('keeps the venue margin and liquidation price of an account whose asset has no volatility', () => {
    const raw = onePosition({
      symbol: 'PEPE/USDT:USDT',
      entryPrice: '1',
      markPrice: '1',
      maintenanceMarginRate: '0.01',
      maintenanceAmount: '0',
    });
    const report = calculateRiskReport(parsePortfolio(raw));
    expect(report.refusals).toEqual([
      {
        account: 'a',
        venue: 'binanceusdm',
        field: 'market.annualVols.PEPE',
        kind: 'missing-volatility',
        removes: 'scenario-measures',
        message: expect.stringContaining('no volatility for PEPE'),
      },
    ]);
    // Venue figures need no volatility: MM = 1 × 1 × 1% = 0.01; liquidation where
    // 100 + (P − 1) = 0.01·P, P = −99/0.99 < 0: none for this long.
    const [account] = report.accounts;
    expect(account?.maintenanceMargin).toBeCloseTo(0.01, 12);
    expect(account?.positions[0]?.liquidationPrice).toBeNull();
    expect(account?.liquidation.probability).toBeNull();
    expect(account?.liquidation.distanceVolUnits).toBeNull();
    expect(report.portfolio.es).toBe(0);
    expect(report.portfolio.equity).toBeCloseTo(100, 9);
    expect(report.portfolio.contributions).toEqual([]);
  });

  it('handles an empty portfolio', () => {
    const report = calculateRiskReport(
      parsePortfolio({ version: 1, asOf: '2025-02-11T00:00:00Z', accounts: [] }),
    );
    expect(report.portfolio.es).toBe(0);
    expect(report.portfolio.contributions).toEqual([]);
  });
});

describe('coin-margined accounts', () => {
  const coinm = (entryPrice: string) => ({
    version: 1,
    asOf: '2026-11-24T00:00:00Z',
    accounts: [
      {
        id: 'cm',
        venue: 'binancecoinm',
        marginMode: 'cross',
        balances: [{ asset: 'BTC', total: '0.1' }],
        positions: [
          {
            symbol: 'BTC/USD:BTC',
            side: 'long',
            contracts: '100',
            contractSize: '100',
            entryPrice,
            markPrice: '100000',
            maintenanceMarginRate: '0.004',
            maintenanceAmount: '0',
          },
        ],
      },
      {
        id: 'usdm',
        venue: 'binanceusdm',
        marginMode: 'cross',
        balances: [{ asset: 'USDT', total: '3000' }],
        positions: [
          {
            symbol: 'ETH/USDT:USDT',
            side: 'long',
            contracts: '1',
            entryPrice: '3000',
            markPrice: '3000',
          },
        ],
      },
    ],
    market: { prices: { BTC: '100000' } },
    model: { method: 'parametric' },
  });

  it('counts the coin P&L as coin: a long bought at half the price has 1.5× the BTC delta (0.3 vs 0.2 BTC)', () => {
    // The COIN-M account alone: parametric ES is proportional to its BTC delta.
    const btcEs = (entry: string) => {
      const file = coinm(entry);
      return calculateRiskReport(parsePortfolio({ ...file, accounts: [file.accounts[0]] }))
        .portfolio.es;
    };
    expect(btcEs('50000') / btcEs('100000')).toBeCloseTo(1.5, 9);
  });

  it('gives each position its own liquidity add-on after a coin-balance exposure, on the USD amount closed', () => {
    const report = calculateRiskReport(parsePortfolio(coinm('50000')));
    const addOn = (asset: string, notionalUsd: number) =>
      liquidityAddOn({
        notionalUsd,
        dailyVol: (DEFAULT_MARKET.annualVols[asset] ?? 0) / Math.sqrt(365),
        dailyVolumeUsd: DEFAULT_MARKET.dailyVolumeUsd[asset] ?? 1,
      });
    // ETH: its own 3,000 USD, not the BTC balance row before it.
    expect(report.accounts[1]?.positions[0]?.liquidityAddOn).toBeCloseTo(addOn('ETH', 3_000), 12);
    // BTC: 100 × 100 USD contracts close 10,000 USD whatever the entry price.
    expect(report.accounts[0]?.positions[0]?.liquidityAddOn).toBeCloseTo(addOn('BTC', 10_000), 12);
  });
});
