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

  it('reads an option row as OKX wrote it: net short, isolated, its index, no leverage', () => {
    // An OKX row of a short BTC call (logged from the API, fields as the docs name them).
    const row = readOkxPositionRow(OKX_OPTION_ROW, 0);
    expect(row).toMatchObject({
      instType: 'OPTION',
      side: 'short',
      contracts: '1',
      marginMode: 'isolated',
      isolatedMargin: '0.0024111761223571',
      entryPrice: '0.0905',
      markPrice: '0.1446234821387017',
      maintenanceMargin: '0.001746234821387',
      indexPrice: '63740.0',
      leverage: undefined,
      liquidationPrice: undefined,
    });
    expect(() => readOkxPositionRow({ ...OKX_OPTION_ROW, idxPx: '' }, 0)).toThrow('idxPx');
  });

  it('refuses spot-margin positions by name instead of leaving them out', () => {
    expect(() =>
      readOkxPositionRow({ ...DOCUMENTED_ROW, instType: 'MARGIN', instId: 'BTC-USDT' }, 0),
    ).toThrow('okx: spot-margin positions (BTC-USDT) are not read yet');
  });

  it('drops a zero position', () => {
    expect(readOkxPositionRow({ ...DOCUMENTED_ROW, pos: '0' }, 0)).toBeUndefined();
  });
});

/** A short BTC call as OKX's positions endpoint wrote it (2024-07; fields OKX documents). */
const OKX_OPTION_ROW = {
  adl: '5',
  availPos: '1',
  avgPx: '0.0905',
  cTime: '1720698008696',
  ccy: 'BTC',
  deltaBS: '-0.007780689212659095',
  deltaPA: '-0.006334087089049863',
  fee: '-0.000002',
  idxPx: '63740.0',
  imr: '',
  instId: 'BTC-USD-240830-55000-C',
  instType: 'OPTION',
  last: '0.131',
  lever: '',
  liqPx: '',
  margin: '0.0024111761223571',
  markPx: '0.1446234821387017',
  mgnMode: 'isolated',
  mgnRatio: '1.378417633171292',
  mmr: '0.001746234821387',
  notionalUsd: '637.4',
  optVal: '-0.001446234821387',
  pos: '-1',
  posSide: 'net',
  realizedPnl: '-0.000002',
  upl: '-0.000541234821387',
  usdPx: '63740',
};

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
