import * as ccxtErrors from 'ccxt-src/base/errors.js';
import { describe, expect, it } from 'vitest';
import {
  HYPERLIQUID_PERP_DEXS,
  HYPERLIQUID_SPOT_META,
} from '../../../test/fake-exchange/api/fixtures/hyperliquid/hyperliquid-perp-dexs';
import { PayloadReader } from '../api/payload-reader';
import {
  HYPERLIQUID_UNIFIED_CASH_SPOT_STATE,
  HYPERLIQUID_UNIFIED_SPOT_STATE,
} from '../../../test/fake-exchange/api/fixtures/hyperliquid/hyperliquid-unified-account';
import { readHyperliquidAccountMode } from './hyperliquid-account-mode';
import { readHyperliquidPerpDexs } from './hyperliquid-perp-dexs';
import { readHyperliquidSpotTotals } from './hyperliquid-spot-state';
import { readHyperliquidTokenNames } from './hyperliquid-spot-tokens';

/**
 * The small info answers the HIP-3 and unified readings rest on: perpDexs, spotMeta,
 * userAbstraction, spotClearinghouseState.
 */
const reader = (type: string) => new PayloadReader('hyperliquid', `POST /info {"type":"${type}"}`);

describe('perpDexs', () => {
  it('lists the builder-deployed dexes by name, after the first dex’s null', () => {
    expect(readHyperliquidPerpDexs(HYPERLIQUID_PERP_DEXS, reader('perpDexs'))).toEqual([
      'xyz',
      'flx',
    ]);
    expect(readHyperliquidPerpDexs([null], reader('perpDexs'))).toEqual([]);
    expect(readHyperliquidPerpDexs([null, null, { name: 'abc' }], reader('perpDexs'))).toEqual([
      'abc',
    ]);
  });

  it('refuses an answer that does not start with the first dex, or a name ccxt cannot carry', () => {
    expect(() => readHyperliquidPerpDexs([{ name: 'xyz' }], reader('perpDexs'))).toThrow(
      'hyperliquid POST /info {"type":"perpDexs"}: answer[0] must be null, the first perp dex',
    );
    expect(() => readHyperliquidPerpDexs([null, { name: 'x:y' }], reader('perpDexs'))).toThrow(
      'answer[1] name must be a dex name of letters and digits, got "x:y"',
    );
  });
});

describe('spotMeta', () => {
  it('names the tokens by index', () => {
    const names = readHyperliquidTokenNames(HYPERLIQUID_SPOT_META, reader('spotMeta'));
    expect([...names]).toEqual([
      [0, 'USDC'],
      [150, 'HYPE'],
      [360, 'USDH'],
    ]);
  });
});

describe('userAbstraction', () => {
  // The venue sends a bare JSON string; ccxt hands its text back with the quotes.
  it.each(['"disabled"', '"default"', 'null', null])('reads %j as a standard account', (answer) => {
    expect(readHyperliquidAccountMode(answer, reader('userAbstraction'))).toBe('standard');
  });

  it.each(['"unifiedAccount"', 'unifiedAccount'])('reads %j as a unified account', (answer) => {
    expect(readHyperliquidAccountMode(answer, reader('userAbstraction'))).toBe('unified');
  });

  it.each(['"portfolioMargin"', 'portfolioMargin'])('refuses %j by name', (answer) => {
    const refuse = () => readHyperliquidAccountMode(answer, reader('userAbstraction'));
    expect(refuse).toThrow(ccxtErrors.NotSupported);
    expect(refuse).toThrow('the account is in portfolio margin mode');
  });

  it('refuses dex abstraction by name: to be discontinued, no rule published', () => {
    const refuse = () => readHyperliquidAccountMode('"dexAbstraction"', reader('userAbstraction'));
    expect(refuse).toThrow(ccxtErrors.NotSupported);
    expect(refuse).toThrow('the account is in dex abstraction mode');
    expect(refuse).toThrow('to be discontinued');
  });

  it('calls anything else a malformed answer', () => {
    expect(() => readHyperliquidAccountMode({ mode: 'x' }, reader('userAbstraction'))).toThrow(
      'hyperliquid POST /info {"type":"userAbstraction"}: answer must be an account mode, got an object',
    );
  });
});

describe('spotClearinghouseState', () => {
  it('gives each token’s total by index, passing over outcome balances', () => {
    const totals = readHyperliquidSpotTotals(
      HYPERLIQUID_UNIFIED_SPOT_STATE,
      reader('spotClearinghouseState'),
    );
    expect([...totals]).toEqual([
      [0, '12000.0'],
      [150, '3.0'],
      [360, '1500.0'],
    ]);
    expect([
      ...readHyperliquidSpotTotals({ balances: [] }, reader('spotClearinghouseState')),
    ]).toEqual([]);
    // A total may be negative (the SDK's pattern allows a sign).
    expect([
      ...readHyperliquidSpotTotals(
        { balances: [{ coin: 'USDC', token: 0, total: '-5.5', hold: '0.0', entryNtl: '0.0' }] },
        reader('spotClearinghouseState'),
      ),
    ]).toEqual([[0, '-5.5']]);
  });

  it('refuses a line without a token that is not an outcome, a token twice, a total not a figure', () => {
    const read = (balances: unknown[]) => () =>
      readHyperliquidSpotTotals({ balances }, reader('spotClearinghouseState'));
    expect(read([{ coin: 'USDC', total: '1.0' }])).toThrow(
      'hyperliquid POST /info {"type":"spotClearinghouseState"}: balances[0] coin must be an outcome coin (+N or oN)',
    );
    const line = HYPERLIQUID_UNIFIED_CASH_SPOT_STATE.balances[0];
    expect(read([line, line])).toThrow('balances[1] token 0 is listed twice');
    expect(read([{ ...line, total: 'lots' }])).toThrow('balances[0] total');
  });
});
