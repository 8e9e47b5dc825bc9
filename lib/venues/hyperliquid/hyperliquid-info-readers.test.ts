import * as ccxtErrors from 'ccxt-src/base/errors.js';
import { describe, expect, it } from 'vitest';
import {
  HYPERLIQUID_PERP_DEXS,
  HYPERLIQUID_SPOT_META,
} from '../../../test/fake-exchange/api/fixtures/hyperliquid/hyperliquid-perp-dexs';
import { PayloadReader } from '../api/payload-reader';
import { refuseUnmodelledHyperliquidMode } from './hyperliquid-account-mode';
import { readHyperliquidPerpDexs } from './hyperliquid-perp-dexs';
import { readHyperliquidTokenNames } from './hyperliquid-spot-tokens';

/** The small info answers the HIP-3 reading rests on: perpDexs, spotMeta, userAbstraction. */
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
  it.each(['"disabled"', '"default"', 'null', null])(
    'reads %j as an account it computes',
    (answer) => {
      expect(() =>
        refuseUnmodelledHyperliquidMode(answer, reader('userAbstraction')),
      ).not.toThrow();
    },
  );

  it.each(['"portfolioMargin"', 'portfolioMargin'])('refuses %j by name', (answer) => {
    const refuse = () => refuseUnmodelledHyperliquidMode(answer, reader('userAbstraction'));
    expect(refuse).toThrow(ccxtErrors.NotSupported);
    expect(refuse).toThrow('the account is in portfolio margin mode');
  });

  it.each([
    ['"unifiedAccount"', 'unified account mode'],
    ['"dexAbstraction"', 'dex abstraction mode'],
  ])('refuses %j by name: its pooled balance is not in any dex’s state', (answer, mode) => {
    const refuse = () => refuseUnmodelledHyperliquidMode(answer, reader('userAbstraction'));
    expect(refuse).toThrow(ccxtErrors.NotSupported);
    expect(refuse).toThrow(`the account is in ${mode}`);
    expect(refuse).toThrow(
      'Hyperliquid publishes no margin or liquidation rule for that pooled balance',
    );
  });

  it('calls anything else a malformed answer', () => {
    expect(() => refuseUnmodelledHyperliquidMode({ mode: 'x' }, reader('userAbstraction'))).toThrow(
      'hyperliquid POST /info {"type":"userAbstraction"}: answer must be an account mode, got an object',
    );
  });
});
