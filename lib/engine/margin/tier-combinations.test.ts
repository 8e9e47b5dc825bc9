import { describe, expect, it } from 'vitest';
import { tierCombinations } from './tier-combinations';

describe('tierCombinations', () => {
  it('yields every choice of one tier per leg, first leg fastest', () => {
    const legs = [{ tiers: ['a1', 'a2'] }, { tiers: ['b1', 'b2', 'b3'] }];
    expect([...tierCombinations(legs)]).toEqual([
      ['a1', 'b1'],
      ['a2', 'b1'],
      ['a1', 'b2'],
      ['a2', 'b2'],
      ['a1', 'b3'],
      ['a2', 'b3'],
    ]);
    expect([...tierCombinations([{ tiers: [1] }])]).toEqual([[1]]);
    expect([...tierCombinations([])]).toEqual([[]]);
  });
});
