import { BadResponse, PermissionDenied } from 'ccxt-src/base/errors.js';
import { describe, expect, it } from 'vitest';
import type { CcxtExchange } from '../api/venue-api-types';
import { checkBinanceKeyPermissions } from './binance-key-permissions';

/**
 * `GET /sapi/v1/account/apiRestrictions`
 * (https://developers.binance.com/docs/wallet/account/api-key-permission), answered by a stand-in
 * for ccxt's implicit method: every field that decides must be a boolean, and a permission
 * flag set true that is not reading refuses the key, whatever its name.
 */
const READ_ONLY = {
  ipRestrict: false,
  createTime: 1790000000000,
  enableReading: true,
  enableWithdrawals: false,
  enableInternalTransfer: false,
  enableMargin: false,
  enableFutures: false,
  permitsUniversalTransfer: false,
  enableSpotAndMarginTrading: false,
  enableVanillaOptions: false,
  enablePortfolioMarginTrading: false,
  enableFixApiTrade: false,
  enableFixReadOnly: true,
  tradingAuthorityExpirationTime: 1790000000000,
};

const answering = (body: unknown) =>
  ({
    id: 'binanceusdm',
    sapiGetAccountApiRestrictions: () => Promise.resolve(body),
  }) as unknown as CcxtExchange;

describe('Binance key permissions: a missing or odd field refuses, never passes', () => {
  it('the documented read-only answer is read-only', async () => {
    expect(await checkBinanceKeyPermissions(answering(READ_ONLY))).toEqual({
      readOnly: true,
      capabilities: [],
      checkedWith: 'GET /sapi/v1/account/apiRestrictions',
    });
  });

  it.each([
    [
      'a permission flag Binance adds later',
      { enableCopyTrading: true },
      'use "enableCopyTrading"',
    ],
    ['a true flag of another name', { allowOrders: true }, 'use "allowOrders"'],
    ['a true flag of another name', { canWithdraw: true }, 'use "canWithdraw"'],
  ])('%s refuses the key: %j', async (_case, extra, capability) => {
    expect(await checkBinanceKeyPermissions(answering({ ...READ_ONLY, ...extra }))).toMatchObject({
      readOnly: false,
      capabilities: [capability],
    });
  });

  it.each([
    ['enableReading as a string', { enableReading: 'true' }, 'enableReading'],
    ['enableFutures as a number', { enableFutures: 0 }, 'enableFutures'],
    ['enableFixReadOnly as a string', { enableFixReadOnly: 'yes' }, 'enableFixReadOnly'],
    ['a new flag as null', { enableSomethingNew: null }, 'enableSomethingNew'],
    ['ipRestrict as a string', { ipRestrict: 'false' }, 'ipRestrict'],
    ['enableWithdrawals missing', { enableWithdrawals: undefined }, 'enableWithdrawals'],
    ['a field of another name as a string', { allowOrders: 'true' }, 'allowOrders'],
    ['a field of another name as a number', { tradePermission: 1 }, 'tradePermission'],
  ])('%s is a malformed response naming the field', async (_case, change, field) => {
    await expect(
      checkBinanceKeyPermissions(answering({ ...READ_ONLY, ...change })),
    ).rejects.toThrow(
      new BadResponse(
        `binanceusdm GET /sapi/v1/account/apiRestrictions: ${field} must be true or false, got ${
          Object.values(change)[0] === undefined
            ? 'nothing'
            : JSON.stringify(Object.values(change)[0])
        }`,
      ),
    );
  });

  it('a list of permissions is a malformed response naming the field', async () => {
    await expect(
      checkBinanceKeyPermissions(answering({ ...READ_ONLY, permissions: ['TRADE'] })),
    ).rejects.toThrow(
      new BadResponse(
        'binanceusdm GET /sapi/v1/account/apiRestrictions: permissions must be true or false, got a list',
      ),
    );
  });

  it('a key that cannot read is refused as lacking permission', async () => {
    await expect(
      checkBinanceKeyPermissions(answering({ ...READ_ONLY, enableReading: false })),
    ).rejects.toBeInstanceOf(PermissionDenied);
  });
});
