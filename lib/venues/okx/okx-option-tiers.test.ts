import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { OKX_OPTION_POSITION_TIERS } from '../../../test/fake-exchange/api/fixtures/okx/okx-options';
import { okxOptionMarginFactor, parseOkxOptionTiers } from './okx-option-tiers';

const response = { code: '0', msg: '', data: OKX_OPTION_POSITION_TIERS['BTC-USD'] };

describe('OKX option seller tiers (position-tiers, instType OPTION)', () => {
  const tiers = parseOkxOptionTiers(response, 'BTC-USD', 'cross');

  it.each([
    ['1', '1'],
    ['100', '1'],
    ['101', '1.02'],
    ['500', '1.02'],
    ['2000', '1.05'],
  ])('%s short contracts → margin factor %s', (contracts, factor) => {
    expect(okxOptionMarginFactor(tiers, new Decimal(contracts), 'BTC-USD')).toBe(factor);
  });

  it('refuses a seller beyond the last tier, and a factor that is not one, by name', () => {
    expect(() => okxOptionMarginFactor(tiers, new Decimal(2001), 'BTC-USD')).toThrow(
      'BTC-USD tiers 2001 short contracts exceed the last tier (2000 contracts)',
    );
    const broken = { ...response, data: [{ tier: '1', maxSz: '100', optMgnFactor: '0' }] };
    expect(() => parseOkxOptionTiers(broken, 'BTC-USD', 'cross')).toThrow('optMgnFactor');
    expect(() => parseOkxOptionTiers({ ...response, data: [] }, 'BTC-USD', 'cross')).toThrow(
      'lists no option tiers for BTC-USD',
    );
  });
});
