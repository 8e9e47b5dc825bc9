import { BadResponse } from 'ccxt-src/base/errors.js';
import { describe, expect, it } from 'vitest';
import { classifyConnectionError } from '../api/connection-problem';
import { parseOkxKeyPermissions } from './okx-key-permissions';

/**
 * OKX `GET /api/v5/account/config` `perm`: "The permission of the current requesting API key:
 * read_only, trade, withdraw", comma-separated (https://www.okx.com/docs-v5/en/#trading-account-
 * rest-api-get-account-configuration). Only the answer whose set of permissions is exactly
 * {read_only} is a read-only key.
 */
const configWith = (perm: unknown) => ({
  code: '0',
  msg: '',
  data: [{ acctLv: '2', posMode: 'net_mode', perm }],
});

describe('OKX key permissions: only exactly "read_only" is read-only', () => {
  it.each(['read_only', 'read_only,read_only'])('%j is a read-only key', (perm) => {
    expect(parseOkxKeyPermissions(configWith(perm))).toEqual({
      readOnly: true,
      capabilities: [],
      checkedWith: 'GET /api/v5/account/config',
    });
  });

  it.each([
    ['read_only,trade', ['trade']],
    ['trade', ['trade']],
    ['read_only,withdraw,trade', ['withdraw', 'trade']],
    ['read_only,futures', ['use the "futures" permission']],
  ])('%j is a key that can do more than read: %j', (perm, capabilities) => {
    expect(parseOkxKeyPermissions(configWith(perm))).toEqual({
      readOnly: false,
      capabilities,
      checkedWith: 'GET /api/v5/account/config',
    });
  });

  it.each([
    [' '],
    [','],
    [',,'],
    ['read_only,'],
    [',read_only'],
    ['read_only, '],
    [' read_only'],
    ['read_only,,trade'],
    ['read_only\n'],
    ['READ_ONLY'],
    ['read only'],
    [''],
    [null],
    [['read_only']],
    [1],
  ])('the odd answer %j is refused as a malformed response quoting it', (perm) => {
    let thrown: unknown;
    try {
      parseOkxKeyPermissions(configWith(perm));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BadResponse);
    const message = (thrown as Error).message;
    expect(message).toMatch(/^okx GET \/api\/v5\/account\/config: data\[0\]\.perm /);
    if (typeof perm === 'string' && perm !== '') expect(message).toContain(JSON.stringify(perm));
    const problem = classifyConnectionError('okx', thrown);
    expect(problem.kind).toBe('malformedResponse');
    expect(problem.message).toContain('data[0].perm');
  });
});
