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
    expect(chanceText({ value: 0.026, standardError: 0.0025, paths: 4000 })).toBe('2.6% ± 0.5%');
    expect(chanceText({ value: 0.004, standardError: 0.001, paths: 4000 })).toBe('0.40% ± 0.20%');
    // No simulated day reached it: the 95% upper bound (rule of three), never "0.00%".
    expect(chanceText({ value: 0, standardError: 0, paths: 4000 })).toBe('< 0.07%');
    expect(chanceShort({ value: 0.026, standardError: 0.0025, paths: 4000 })).toBe('2.6%');
    expect(chanceShort({ value: 0, standardError: 0, paths: 4000 })).toBe('< 0.07%');
    expect(signedMoney(-839.534)).toBe('−839.53');
    expect(signedMoney(279_843.6)).toBe('+279,844');
  });
});
