import { describe, expect, it } from 'vitest';
import { black76Price, OptionType } from './black76';
import { inverseOptionPayoffInCoin, inversePnlInCoin } from './inverse-contract';

describe('inverse contracts (Deribit legacy worked examples, methodology §4.5)', () => {
  it('D3: buy 100 × $10 at $600, sell at $700 → 0.238095 BTC', () => {
    expect(inversePnlInCoin(1, 1000, 600, 700)).toBeCloseTo(0.238095, 6);
    expect(inversePnlInCoin(-1, 1000, 600, 700)).toBeCloseTo(-0.238095, 6);
  });

  it('D4: a 10,000 call delivered at 12,500 pays 0.2 BTC; a 10,000 put delivered at 5,000 pays 1 BTC', () => {
    expect(inverseOptionPayoffInCoin('call', 10_000, 12_500)).toBeCloseTo(0.2, 15);
    expect(inverseOptionPayoffInCoin('put', 10_000, 5_000)).toBeCloseTo(1, 15);
    expect(inverseOptionPayoffInCoin('call', 10_000, 9_000)).toBe(0);
  });

  it('values an inverse option in coin as the Black-76 USD value over the forward, which meets the payoff at expiry', () => {
    for (const settlement of [5_000, 10_000, 12_500]) {
      const usd = black76Price({
        type: OptionType.call,
        forward: settlement,
        strike: 10_000,
        timeToExpiry: 0,
        lognormalVol: 0.8,
      });
      expect(usd / settlement).toBeCloseTo(
        inverseOptionPayoffInCoin('call', 10_000, settlement),
        15,
      );
    }
  });
});
