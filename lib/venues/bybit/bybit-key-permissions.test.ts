import { BadResponse } from 'ccxt-src/base/errors.js';
import { describe, expect, it } from 'vitest';
import { classifyConnectionError } from '../api/connection-problem';
import { BYBIT_KEY_INFO_ENDPOINT, parseBybitKeyPermissions } from './bybit-key-permissions';

/**
 * `GET /v5/user/query-api` (https://bybit-exchange.github.io/docs/v5/user/apikey-info):
 * `readOnly` 1 (read-only) or 0 (read and write), `permissions` a map of product group to the
 * list of scopes ticked. Bybit's own read-only example lists `ContractTrade: ["Order", "Position"]`.
 */
const answer = (result: Record<string, unknown>) => ({ retCode: 0, retMsg: '', result });
const READ_ONLY_PERMISSIONS = { ContractTrade: ['Order', 'Position'], Wallet: [] };

describe('Bybit key permissions: a missing or odd field refuses, never passes', () => {
  it.each([1, '1'])('readOnly %j with a well-formed permission map is read-only', (readOnly) => {
    expect(
      parseBybitKeyPermissions(answer({ readOnly, permissions: READ_ONLY_PERMISSIONS })),
    ).toEqual({ readOnly: true, capabilities: [], checkedWith: BYBIT_KEY_INFO_ENDPOINT });
  });

  it('readOnly 0 is refused with the scopes it ticked', () => {
    expect(
      parseBybitKeyPermissions(answer({ readOnly: 0, permissions: { Wallet: ['Withdraw'] } })),
    ).toMatchObject({ readOnly: false, capabilities: ['withdraw'] });
  });

  it.each([
    ['readOnly missing', { permissions: READ_ONLY_PERMISSIONS }, 'result.readOnly'],
    ['readOnly true', { readOnly: true, permissions: READ_ONLY_PERMISSIONS }, 'result.readOnly'],
    ['readOnly 2', { readOnly: 2, permissions: READ_ONLY_PERMISSIONS }, 'result.readOnly'],
    ['readOnly " 1"', { readOnly: ' 1', permissions: READ_ONLY_PERMISSIONS }, 'result.readOnly'],
    ['permissions missing', { readOnly: 1 }, 'result.permissions'],
    ['permissions a list', { readOnly: 1, permissions: ['Order'] }, 'result.permissions'],
    [
      'a group that is not a list',
      { readOnly: 1, permissions: { ContractTrade: 'Order' } },
      'result.permissions.ContractTrade',
    ],
    [
      'a scope that is not a string',
      { readOnly: 1, permissions: { Wallet: [null] } },
      'result.permissions.Wallet[0]',
    ],
    [
      'an empty scope name',
      { readOnly: 1, permissions: { Wallet: [''] } },
      'result.permissions.Wallet[0]',
    ],
  ])('%s: a malformed response naming the field', (_case, result, field) => {
    let thrown: unknown;
    try {
      parseBybitKeyPermissions(answer(result));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BadResponse);
    expect((thrown as Error).message).toContain(`bybit ${BYBIT_KEY_INFO_ENDPOINT}: ${field} `);
    expect(classifyConnectionError('bybit', thrown).kind).toBe('malformedResponse');
  });
});
