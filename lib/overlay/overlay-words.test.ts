import { describe, expect, it } from 'vitest';
import {
  chanceShort,
  chanceText,
  distanceText,
  liquidationPriceText,
  sigmaText,
  signedMoney,
} from './overlay-words';

describe('overlay words', () => {
  it('writes distances, σ and chances in a trader’s words', () => {
    expect(liquidationPriceText(null)).toBe('no liquidation');
    expect(liquidationPriceText(0)).toBe('no liquidation');
    expect(liquidationPriceText(-5)).toBe('no liquidation');
    expect(liquidationPriceText(99_326)).toBe('99,326.00');
    expect(distanceText(-0.288)).toBe('falls 28.8%');
    expect(distanceText(0.045)).toBe('rises 4.5%');
    expect(sigmaText(2.14, 24)).toBe('2.1 daily σ');
    expect(sigmaText(2.14, 8)).toBe('2.1 8 h σ');
    expect(chanceText({ value: 0.026, low: 0.021, high: 0.031 })).toBe('2.6% (2.1–3.1%)');
    expect(chanceText({ value: 0.004, low: 0.002, high: 0.006 })).toBe('0.40% (0.20–0.60%)');
    // No simulated path reached it: the 95% upper bound, never "0.00%".
    expect(chanceText({ value: 0, low: 0, high: 0.0015, noPathHit: true })).toBe('< 0.15%');
    expect(chanceText(null)).toBe('not computed');
    expect(chanceShort({ value: 0.026, low: 0.021, high: 0.031 })).toBe('2.6%');
    expect(chanceShort({ value: 0, low: 0, high: 0.0015, noPathHit: true })).toBe('< 0.15%');
    expect(signedMoney(-839.534)).toBe('−839.53');
    expect(signedMoney(279_843.6)).toBe('+279,844');
  });
});
