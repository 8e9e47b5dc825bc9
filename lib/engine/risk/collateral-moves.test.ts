import { describe, expect, it } from 'vitest';
import { planCollateralMoves, siloDeficit, type CollateralUnit } from './collateral-moves';
import { siloSurplus, type MarginSilo } from './margin-silo';

const flat = [{ cap: Number.POSITIVE_INFINITY, rate: 0.005, amount: 0 }];
const silo = (accountId: string, quantity: number, wallet: number): MarginSilo => ({
  accountId,
  label: 'isolated',
  positionIndices: [0],
  wallet,
  positions: [
    {
      symbol: 'BTC/USDT:USDT',
      asset: 'BTC',
      quantity,
      entryPrice: 100_000,
      markPrice: 100_000,
      tiers: flat,
    },
  ],
});
const sigma = () => 0.02;

describe('siloDeficit', () => {
  it('is the collateral that brings the liquidation exactly D σ away', () => {
    const long = silo('a', 1, 5_000);
    const deficit = siloDeficit(long, 4, sigma);
    const topped = { ...long, wallet: long.wallet + deficit };
    expect(siloSurplus(topped, [100_000 * Math.exp(-0.08)])).toBeCloseTo(0, 6);
  });
});

describe('planCollateralMoves', () => {
  it('moves collateral from the safe leg of a hedge to the endangered one and equalises their distances', () => {
    const units: CollateralUnit[] = [
      {
        id: 'long',
        account: 'long',
        position: null,
        settle: 'USDT',
        free: 20_000,
        silo: silo('long', 1, 30_000),
      },
      {
        id: 'short',
        account: 'short',
        position: null,
        settle: 'USDT',
        free: 0,
        silo: silo('short', -1, 3_000),
      },
    ];
    const plan = planCollateralMoves(units, sigma);
    expect(plan.moves).toHaveLength(1);
    expect(plan.moves[0]).toMatchObject({ from: 'long', to: 'short', asset: 'USDT' });
    expect(plan.achievableMinDistance).toBeGreaterThan(
      plan.currentMinDistance ?? Number.POSITIVE_INFINITY,
    );
    const amount = plan.moves[0]?.amount ?? 0;
    const after = [silo('long', 1, 30_000 - amount), silo('short', -1, 3_000 + amount)];
    // Transfers are whole cents, so each side may miss the target by under one cent.
    for (const item of after)
      expect(siloDeficit(item, plan.achievableMinDistance ?? 0, sigma)).toBeLessThan(0.01);
  });

  it('never moves more than the giver’s free collateral, nor across settlement assets', () => {
    const units: CollateralUnit[] = [
      {
        id: 'rich-usdc',
        account: 'rich-usdc',
        position: null,
        settle: 'USDC',
        free: 1_000_000,
        silo: null,
      },
      {
        id: 'long',
        account: 'long',
        position: null,
        settle: 'USDT',
        free: 500,
        silo: silo('long', 1, 30_000),
      },
      {
        id: 'short',
        account: 'short',
        position: null,
        settle: 'USDT',
        free: 0,
        silo: silo('short', -1, 3_000),
      },
    ];
    const plan = planCollateralMoves(units, sigma);
    expect(
      plan.moves.every(
        (move) => move.asset === 'USDT' && move.from === 'long' && move.amount <= 500.01,
      ),
    ).toBe(true);
  });

  it('suggests nothing when no silo can be liquidated or nothing can move', () => {
    expect(
      planCollateralMoves(
        [{ id: 'cash', account: 'cash', position: null, settle: 'USDT', free: 10, silo: null }],
        sigma,
      ).moves,
    ).toEqual([]);
    expect(
      planCollateralMoves(
        [
          {
            id: 'short',
            account: 'short',
            position: null,
            settle: 'USDT',
            free: 0,
            silo: silo('short', -1, 3_000),
          },
        ],
        sigma,
      ).moves,
    ).toEqual([]);
  });
});

describe('non-linear silos', () => {
  it('plans for a silo that only gives its surplus as a function of price', () => {
    // A short call-like silo: surplus falls as the price rises.
    const nonlinear: MarginSilo = {
      accountId: 'options',
      label: 'cross',
      positionIndices: [0],
      wallet: 1,
      positions: [],
      nonlinear: {
        assets: ['BTC'],
        markPrices: [100],
        surplus: ([price = 100]) => 1 - Math.max(price - 100, 0) * 0.2,
      },
    };
    expect(siloDeficit(nonlinear, 1, () => 0.05)).toBeCloseTo(
      -(1 - (100 * Math.exp(0.05) - 100) * 0.2),
      10,
    );
    const plan = planCollateralMoves(
      [
        {
          id: 'options',
          account: 'options',
          position: null,
          settle: 'BTC',
          free: 0,
          silo: nonlinear,
        },
        { id: 'cash', account: 'cash', position: null, settle: 'BTC', free: 5, silo: null },
      ],
      () => 0.05,
    );
    expect(plan.moves[0]).toMatchObject({ from: 'cash', to: 'options', asset: 'BTC' });
  });
});
