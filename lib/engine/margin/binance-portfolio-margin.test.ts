import { describe, expect, it } from 'vitest';
import { binanceUniMmr, tieredCollateralValue, uniMmrStatus } from './binance-portfolio-margin';

const btcTiers = [
  { capUsd: 100_000_000, rate: 1 },
  { capUsd: 120_000_000, rate: 0.975 },
  { capUsd: 150_000_000, rate: 0.95 },
];

describe('Binance tiered collateral (Cross Margin collateral haircuts FAQ, methodology §1.6 B9)', () => {
  it('6,000 BTC at 20,000 = 120,000,000 USDT → collateral value 119,500,000 USDT', () => {
    expect(tieredCollateralValue(6_000 * 20_000, btcTiers)).toBe(119_500_000);
  });
  it('is the full value inside the first tier', () => {
    expect(tieredCollateralValue(50_000_000, btcTiers)).toBe(50_000_000);
  });
});

describe('Binance uniMMR (uniMMR FAQ formula)', () => {
  it('haircuts positive balances only, subtracts open loss, and divides by MM', () => {
    const result = binanceUniMmr([
      {
        asset: 'USDT',
        marginAsset: 1_000,
        marginLoan: 0,
        futuresAsset: 5_000,
        futuresUnrealizedPnl: 186,
        openLoss: 0,
        indexPriceUsd: 1,
        collateral: 1,
        maintenanceMargin: 100,
      },
      {
        asset: 'ETH',
        marginAsset: 20,
        marginLoan: 15,
        futuresAsset: 0,
        futuresUnrealizedPnl: 0,
        openLoss: 0,
        indexPriceUsd: 2_000,
        collateral: 0.95,
        maintenanceMargin: 1.5,
      },
      {
        asset: 'BTC',
        marginAsset: 0,
        marginLoan: 0.04,
        futuresAsset: 0,
        futuresUnrealizedPnl: 0,
        openLoss: 0,
        indexPriceUsd: 40_000,
        collateral: 0.95,
        maintenanceMargin: 0.004,
      },
    ]);
    // USDT 6,186; ETH 5 × 2,000 × 0.95 = 9,500; BTC −0.04 × 40,000 = −1,600 (no haircut on a debt).
    expect(result.adjustedEquity).toBeCloseTo(6_186 + 9_500 - 1_600, 9);
    expect(result.maintenanceMargin).toBeCloseTo(100 + 3_000 + 160, 9);
    expect(result.uniMmr).toBeCloseTo(14_086 / 3_260, 12);
    expect(result.status).toBe('free');
  });

  it('classifies the PM Pro status bands', () => {
    expect([1.6, 1.3, 1.1, 1.02, 0.9].map(uniMmrStatus)).toEqual([
      'free',
      'reminder',
      'reduce-only',
      'liquidation',
      'liquidation-with-claim',
    ]);
  });
});
