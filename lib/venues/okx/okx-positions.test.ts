import { describe, expect, it } from 'vitest';
import { parseOkxKeyPermissions } from './okx-key-permissions';
import { readOkxPositionRow } from './okx-positions';

/**
 * Rows in the format of https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-positions
 * (the documentation's example as quoted in ccxt 4.5.84 `okx.fetchPositions`: an isolated
 * ETH-USD-210430 futures position of 1 contract, margin in ETH). That quote has no `markPx`;
 * the documentation's field list has it, so it is added here equal to `last`.
 */
const DOCUMENTED_ROW = {
  adl: '1',
  availPos: '1',
  avgPx: '2566.31',
  cTime: '1619507758793',
  ccy: 'ETH',
  imr: '',
  instId: 'ETH-USD-210430',
  instType: 'FUTURES',
  last: '2566.22',
  lever: '10',
  liqPx: '2352.8496681818233',
  markPx: '2566.22',
  margin: '0.0003896645377994',
  mgnMode: 'isolated',
  mgnRatio: '11.731726509588816',
  mmr: '0.0000311811092368',
  pos: '1',
  posId: '307173036051017730',
  posSide: 'long',
  upl: '-0.0000009932766034',
};

describe('OKX position rows', () => {
  it('reads the documented isolated futures position', () => {
    expect(readOkxPositionRow(DOCUMENTED_ROW, 0)).toEqual({
      instType: 'FUTURES',
      instId: 'ETH-USD-210430',
      marginMode: 'isolated',
      marginCurrency: 'ETH',
      side: 'long',
      hedgeLeg: true,
      contracts: '1',
      entryPrice: '2566.31',
      markPrice: '2566.22',
      leverage: '10',
      isolatedMargin: '0.0003896645377994',
      liquidationPrice: '2352.8496681818233',
      initialMargin: undefined,
      maintenanceMargin: '0.0000311811092368',
    });
  });

  it('net mode: a negative pos is a short of that many contracts, not a hedge leg', () => {
    const row = readOkxPositionRow(
      { ...DOCUMENTED_ROW, posSide: 'net', pos: '-3', mgnMode: 'cross', margin: '', liqPx: '' },
      0,
    );
    expect(row).toMatchObject({
      side: 'short',
      contracts: '3',
      hedgeLeg: false,
      liquidationPrice: undefined,
    });
  });

  it('refuses options and spot-margin positions by name instead of leaving them out', () => {
    expect(() =>
      readOkxPositionRow(
        { ...DOCUMENTED_ROW, instType: 'OPTION', instId: 'BTC-USD-261225-100000-P' },
        0,
      ),
    ).toThrow('okx: option positions (BTC-USD-261225-100000-P) are not read yet');
    expect(() =>
      readOkxPositionRow({ ...DOCUMENTED_ROW, instType: 'MARGIN', instId: 'BTC-USDT' }, 0),
    ).toThrow('okx: spot-margin positions (BTC-USDT) are not read yet');
  });

  it('drops a zero position', () => {
    expect(readOkxPositionRow({ ...DOCUMENTED_ROW, pos: '0' }, 0)).toBeUndefined();
  });
});

describe('OKX key permissions', () => {
  it('the documentation’s example key ("read_only,withdraw,trade") can withdraw and trade', () => {
    const response = {
      code: '0',
      msg: '',
      data: [{ acctLv: '2', posMode: 'long_short_mode', perm: 'read_only,withdraw,trade' }],
    };
    expect(parseOkxKeyPermissions(response)).toEqual({
      readOnly: false,
      capabilities: ['withdraw', 'trade'],
      checkedWith: 'GET /api/v5/account/config',
    });
  });
});
