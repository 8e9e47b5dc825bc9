import { describe, expect, it } from 'vitest';
import { HYPE_SHORT_ACCOUNT } from '../../../test/portfolios/hyperliquid-hype-short';
import { DEMO_PORTFOLIO } from '../portfolio/demo-portfolio';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import { calculateRiskReport } from './calculate-risk-report';
import { resolveInputs } from './resolve-inputs';

const AS_OF = '2026-11-24T00:00:00Z';
const MARKET = {
  prices: { BTC: '95000', ETH: '2600' },
  annualVols: { BTC: 0.55, ETH: 0.7 },
};
const MODEL = { scenarios: 2000, liquidationPaths: 4000, seed: 7 };

/** A Binance USDⓈ-M isolated BTC short (4,000 USDT of margin, 20×), nearer liquidation than the demo's. */
const btcShort = {
  symbol: 'BTC/USDT:USDT',
  side: 'short',
  contracts: '0.8',
  entryPrice: '94800',
  markPrice: '95000',
  leverage: 20,
  isolatedMargin: '4000',
};
/** A Binance USDⓈ-M isolated ETH long (1,500 USDT of margin, 20×), about 1σ from liquidation over 24 h. */
const ethLong = {
  symbol: 'ETH/USDT:USDT',
  side: 'long',
  contracts: '10',
  entryPrice: '2650',
  markPrice: '2600',
  leverage: 20,
  isolatedMargin: '1500',
};

function binanceAccount(
  id: string,
  positions: readonly Record<string, unknown>[],
  extra: Record<string, unknown> = {},
) {
  return {
    id,
    venue: 'binanceusdm',
    marginMode: 'isolated',
    positionMode: 'oneway',
    balances: [{ asset: 'USDT', total: '9000' }],
    positions,
    ...extra,
  };
}

function report(accounts: readonly Record<string, unknown>[]) {
  return calculateRiskReport(
    parsePortfolio({ version: 1, asOf: AS_OF, accounts, market: MARKET, model: MODEL }),
  );
}

describe('each position’s own liquidation probability (its silo’s)', () => {
  it('an isolated single position: the leg’s probability is the account’s', () => {
    const demo = calculateRiskReport(parsePortfolio(DEMO_PORTFOLIO));
    const hedge = demo.accounts.find((account) => account.id === 'binance-hedge');
    const [leg] = hedge?.positions ?? [];
    expect(leg?.liquidationSilo).toBe('isolated');
    expect(leg?.liquidationProbability?.value).toBeGreaterThan(0.001);
    expect(leg?.liquidationProbability).toEqual(hedge?.liquidation.probability);
  });

  it('two isolated legs on one account: each its own silo’s figure, the account’s at least the larger', () => {
    const account = report([binanceAccount('two-legs', [btcShort, ethLong])]).accounts[0];
    const [btc, eth] = account?.positions ?? [];
    const btcValue = btc?.liquidationProbability?.value ?? Number.NaN;
    const ethValue = eth?.liquidationProbability?.value ?? Number.NaN;
    expect(btc?.liquidationSilo).toBe('isolated');
    expect(eth?.liquidationSilo).toBe('isolated');
    expect(btcValue).toBeGreaterThan(0.01);
    expect(ethValue).toBeGreaterThan(0.01);
    expect(btcValue).not.toBe(ethValue);
    const accountValue = account?.liquidation.probability?.value ?? Number.NaN;
    expect(accountValue).toBeGreaterThanOrEqual(Math.max(btcValue, ethValue));
    // Union bound: the account dies when either leg does.
    expect(accountValue).toBeLessThanOrEqual(btcValue + ethValue + 1e-12);
  });

  it('a leg’s figure is exactly that of its silo on its own (same paths, same seed)', () => {
    // The same two legs in two accounts: the same assets and seed give the same paths, so each
    // account's probability is its one silo's, which the two-leg account shows per leg.
    const together = report([binanceAccount('two-legs', [btcShort, ethLong])]).accounts[0];
    const apart = report([
      binanceAccount('btc', [btcShort]),
      binanceAccount('eth', [ethLong]),
    ]).accounts;
    expect(together?.positions[0]?.liquidationProbability).toEqual(
      apart[0]?.liquidation.probability,
    );
    expect(together?.positions[1]?.liquidationProbability).toEqual(
      apart[1]?.liquidation.probability,
    );
  });

  it('hedge-mode legs of one symbol, each isolated, have their own silos', () => {
    const long = { ...btcShort, side: 'long', entryPrice: '95200', isolatedMargin: '2500' };
    const account = report([binanceAccount('hedge', [btcShort, long], { positionMode: 'hedge' })])
      .accounts[0];
    const [short, longLeg] = account?.positions ?? [];
    expect(short?.liquidationDirection).toBe('up');
    expect(longLeg?.liquidationDirection).toBe('down');
    expect(short?.liquidationProbability?.value).not.toBe(longLeg?.liquidationProbability?.value);
  });

  it('cross legs share the cross silo’s figure; an isolated leg beside them has its own', () => {
    const ethCross = {
      symbol: 'ETH/USDT:USDT',
      side: 'long',
      contracts: '10',
      entryPrice: '2650',
      markPrice: '2600',
      leverage: 20,
    };
    const mixed = binanceAccount(
      'mixed',
      [
        { ...btcShort, marginMode: 'isolated' },
        ethCross,
        {
          symbol: 'BTC/USDT:USDT',
          side: 'long',
          contracts: '0.1',
          entryPrice: '95000',
          markPrice: '95000',
          leverage: 10,
        },
      ],
      { marginMode: 'cross', positionMode: 'hedge' },
    );
    const account = report([mixed]).accounts[0];
    const [isolated, eth, btc] = account?.positions ?? [];
    expect(isolated?.liquidationSilo).toBe('isolated');
    expect(eth?.liquidationSilo).toBe('cross');
    expect(btc?.liquidationSilo).toBe('cross');
    expect(eth?.liquidationProbability).toEqual(btc?.liquidationProbability);
    expect(eth?.liquidationProbability).not.toBeNull();
    // An account with only cross legs: its one silo's figure is the account's.
    const demo = calculateRiskReport(parsePortfolio(DEMO_PORTFOLIO));
    const main = demo.accounts.find((entry) => entry.id === 'binance-main');
    for (const position of main?.positions ?? []) {
      expect(position.liquidationSilo).toBe('cross');
      expect(position.liquidationProbability).toEqual(main?.liquidation.probability);
    }
  });

  it('an account outside the scenario measures has no probability on its legs', () => {
    const refused = report([HYPE_SHORT_ACCOUNT]);
    expect(refused.refusals.map((refusal) => refusal.kind)).toEqual(['missing-volatility']);
    const [leg] = refused.accounts[0]?.positions ?? [];
    expect(leg?.liquidationProbability).toBeNull();
    expect(leg?.liquidationDistanceVolUnits).toBeNull();
    expect(leg?.liquidationDirection).toBe('up');
    expect(leg?.liquidationSilo).toBe('cross');
  });
});

describe('each position’s distance to liquidation in σ', () => {
  it('matches the closed form on a hand-computed example', () => {
    // Hyperliquid (trading/liquidations): short 100 HYPE from 30 at mark 31, 500 USDC, MM rate
    // 1/(2·5) = 0.1: 500 − 100·(P − 30) = 0.1·100·P → P = 3500/110 = 31.8182 (up).
    // ln(31.8182/31) = 0.0260507; σ over 24 h at 80% a year = 0.8·√(24/8760) = 0.0418739;
    // 0.0260507 / 0.0418739 = 0.622122σ.
    const file = parsePortfolio({
      version: 1,
      asOf: AS_OF,
      accounts: [{ ...HYPE_SHORT_ACCOUNT, balances: [{ asset: 'USDC', total: '500' }] }],
      market: { annualVols: { HYPE: 0.8 } },
      model: MODEL,
    });
    const account = calculateRiskReport(file).accounts[0];
    const [leg] = account?.positions ?? [];
    expect(leg?.liquidationPrice).toBeCloseTo(3500 / 110, 9);
    expect(leg?.liquidationDirection).toBe('up');
    expect(leg?.liquidationDistanceVolUnits).toBeCloseTo(0.6221218613544702, 12);
    // One position: the account's nearest is this leg, with the same figure from the same helper.
    expect(account?.liquidation.distanceVolUnits).toBe(leg?.liquidationDistanceVolUnits);
    expect(account?.liquidation.direction).toBe(leg?.liquidationDirection);
  });

  it('gives each leg its own distance, the account the nearest leg’s', () => {
    const account = report([binanceAccount('two-legs', [btcShort, ethLong])]).accounts[0];
    const [btc, eth] = account?.positions ?? [];
    expect(btc?.liquidationDirection).toBe('up');
    expect(eth?.liquidationDirection).toBe('down');
    const sigma = (annualVol: number) => annualVol * Math.sqrt(24 / 8760);
    for (const [leg, vol] of [
      [btc, 0.55],
      [eth, 0.7],
    ] as const)
      expect(leg?.liquidationDistanceVolUnits).toBeCloseTo(
        Math.abs(Math.log((leg?.liquidationPrice ?? Number.NaN) / (leg?.referencePrice ?? 1))) /
          sigma(vol),
        12,
      );
    const nearest = [btc, eth].find((leg) => leg?.symbol === account?.liquidation.nearestSymbol);
    expect(account?.liquidation.distanceVolUnits).toBe(nearest?.liquidationDistanceVolUnits);
  });

  it('an isolated short already past its price: signed ≤ 0, up, passed; the account’s nearest', () => {
    // Marked at 106,000, far above the short's liquidation price near 99,300.
    const past = { ...btcShort, markPrice: '106000' };
    const account = report([binanceAccount('past', [past, ethLong])]).accounts[0];
    const [btc, eth] = account?.positions ?? [];
    expect(btc?.liquidationPrice).toBeLessThan(106_000);
    expect(btc?.liquidationDirection).toBe('up');
    expect(btc?.liquidationDistancePct).toBeCloseTo(
      ((btc?.liquidationPrice ?? Number.NaN) - 106_000) / 106_000,
      15,
    );
    expect(btc?.liquidationDistancePct).toBeLessThan(0);
    expect(btc?.liquidationDistanceVolUnits).toBeLessThan(0);
    expect(btc?.liquidationPassed).toBe(true);
    expect(eth?.liquidationPassed).toBeUndefined();
    expect(account?.liquidation).toMatchObject({
      nearestSymbol: 'BTC/USDT:USDT',
      direction: 'up',
      distancePct: btc?.liquidationDistancePct,
      liquidationPassed: true,
      closedFormProbability: 1,
    });
  });
});

describe('margin silos name their positions', () => {
  it('every position of every account is in exactly one of its silos', () => {
    const inputs = resolveInputs(
      parsePortfolio({
        version: 1,
        asOf: AS_OF,
        accounts: [
          ...DEMO_PORTFOLIO.accounts,
          binanceAccount('two-legs', [btcShort, ethLong]),
          {
            id: 'coin-m',
            venue: 'binancecoinm',
            marginMode: 'cross',
            balances: [{ asset: 'BTC', total: '1.5' }],
            positions: [
              {
                symbol: 'BTC/USD:BTC',
                side: 'long',
                contracts: '1000',
                contractSize: '100',
                entryPrice: '93000',
                markPrice: '95000',
                maintenanceMarginRate: '0.004',
                maintenanceAmount: '0',
              },
              {
                symbol: 'BTC/USD:BTC-261225',
                side: 'short',
                contracts: '300',
                contractSize: '100',
                entryPrice: '96000',
                markPrice: '95000',
                marginMode: 'isolated',
                isolatedMargin: '0.05',
                leverage: 10,
                maintenanceMarginRate: '0.004',
                maintenanceAmount: '0',
              },
            ],
          },
          {
            id: 'okx-pm',
            venue: 'okx',
            marginMode: 'portfolio',
            balances: [{ asset: 'USDT', total: '1500' }],
            positions: [
              {
                symbol: 'BTC/USDT:USDT',
                side: 'short',
                contracts: '0.1',
                entryPrice: '95000',
                markPrice: '95000',
                maintenanceMarginRate: '0.004',
                maintenanceAmount: '0',
              },
            ],
          },
        ],
        market: MARKET,
        model: MODEL,
      }),
    );
    for (const { account, silos } of inputs.accounts) {
      const held = silos.flatMap((silo) => silo.positionIndices).sort((a, b) => a - b);
      expect(held, account.id).toEqual(account.positions.map((_, index) => index));
    }
  });
});
