import { BadResponse, PermissionDenied } from 'ccxt-src/base/errors.js';
import { describe, expect, it } from 'vitest';
import { DERIBIT_SCOPES } from '../../../test/fake-exchange/api/fixtures/deribit/deribit-errors';
import { classifyConnectionError } from '../api/connection-problem';
import { DERIBIT_PERMISSION_ENDPOINT, deribitKeyPermissions } from './deribit-key-scope';

/**
 * Deribit token scopes (https://docs.deribit.com/articles/access-scope): `area:level` with level
 * `read`, `read_write` or `none`, plus `connection`, `mainaccount`, `session:name`,
 * `expires:seconds` and `ip:address`. Read-only: account, trade and wallet each at `read` or
 * absent (`none`), at least one of them at `read`, and no area at `read_write`.
 */
function thrownBy(scope: string): unknown {
  try {
    deribitKeyPermissions(scope);
  } catch (error) {
    return error;
  }
  throw new Error(`expected ${JSON.stringify(scope)} to be refused`);
}

describe('Deribit key scope: the good answer is required', () => {
  it.each([
    DERIBIT_SCOPES.readOnly,
    'account:read trade:none wallet:none connection',
    'trade:read connection',
    'wallet:read mainaccount',
    'account:read trade:read session:margin-lens expires:3600 ip:203.0.113.7',
    'account:read trade:read some_new_area:read another_area:none',
  ])('%j is read-only', (scope) => {
    expect(deribitKeyPermissions(scope)).toEqual({
      readOnly: true,
      capabilities: [],
      checkedWith: DERIBIT_PERMISSION_ENDPOINT,
    });
  });

  it.each([
    ['account:read trade:read_write', ['trade (place and cancel orders)']],
    ['account:read wallet:read_write', ['withdraw and transfer funds']],
    ['trade:read account:read_write', ['change account settings, sub-accounts and API keys']],
    ['account:read block_trade:read_write', ['execute block trades']],
    ['account:read custody:read_write', ['move funds to and from custody']],
    ['account:read sub_transfers:read_write', ['write access to "sub_transfers"']],
    ['trade:read trade:read_write', ['trade (place and cancel orders)']],
  ])('%j can do more than read: %j', (scope, capabilities) => {
    expect(deribitKeyPermissions(scope)).toEqual({
      readOnly: false,
      capabilities,
      checkedWith: DERIBIT_PERMISSION_ENDPOINT,
    });
  });

  it.each([
    ['trade:readwrite', 'trade:readwrite'],
    ['account:read trade:readwrite', 'trade:readwrite'],
    ['account:read trade:write', 'trade:write'],
    ['account:read wallet:READ', 'wallet:READ'],
    ['account:read trade', 'trade'],
    ['account:read withdraw', 'withdraw'],
    ['account:read wallet:', 'wallet:'],
    ['account:read trade:read:extra', 'trade:read:extra'],
    ['account:read expires:soon', 'expires:soon'],
    ['account:read  trade:read', ''],
    [' account:read', ''],
    ['account:read\ttrade:read', 'account:read\ttrade:read'],
    ['', ''],
  ])('the odd answer %j is a malformed response quoting %j', (scope, entry) => {
    const error = thrownBy(scope);
    expect(error).toBeInstanceOf(BadResponse);
    expect((error as Error).message).toBe(
      `deribit GET /api/v2/public/auth: result scope entry must be a Deribit scope ("area:read", "area:read_write", "area:none", "connection", "mainaccount", "session:…", "expires:…" or "ip:…"), got ${JSON.stringify(entry)}`,
    );
    expect(classifyConnectionError('deribit', error).kind).toBe('malformedResponse');
  });

  it.each([
    'connection',
    'connection mainaccount',
    'account:none trade:none wallet:none connection',
    'block_trade:read block_rfq:read connection',
    'mainaccount session:margin-lens',
  ])('%j reads none of account, trade and wallet: refused as lacking permission', (scope) => {
    const error = thrownBy(scope);
    expect(error).toBeInstanceOf(PermissionDenied);
    const problem = classifyConnectionError('deribit', error);
    expect(problem.kind).toBe('permissionDenied');
    expect(problem.message).toContain(`scope ${JSON.stringify(scope)}`);
  });
});
