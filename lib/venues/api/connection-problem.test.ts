import {
  AccountNotEnabled,
  AuthenticationError,
  BadResponse,
  ExchangeNotAvailable,
  InvalidNonce,
  NetworkError,
  PermissionDenied,
  RateLimitExceeded,
  RequestTimeout,
} from 'ccxt-src/base/errors.js';
import { describe, expect, it } from 'vitest';
import { classifyConnectionError, venueErrorCode, withoutAddresses } from './connection-problem';

// ccxt's error messages are `<exchange id> <response body>` (ccxt's handleErrors for each venue).
describe('classifyConnectionError', () => {
  it("reads the venue's code before ccxt's class, and keeps the venue's words without the IP", () => {
    const error = new AuthenticationError(
      'binanceusdm {"code":-2015,"msg":"Invalid API-key, IP, or permissions for action, request ip: 203.0.113.7"}',
    );
    const problem = classifyConnectionError('binanceusdm', error);
    expect(problem).toMatchObject({ kind: 'wrongKey', venueCode: '-2015', retryable: false });
    expect(problem.message).toBe(
      'Binance USDⓈ-M futures rejected the API key or its secret (code -2015). The venue said: "Invalid API-key, IP, or permissions for action, request ip: <your IP>".',
    );
    expect(problem.message).not.toContain('203.0.113.7');
  });

  it.each([
    [
      'bybit',
      new PermissionDenied(
        'bybit {"retCode":10010,"retMsg":"Unmatched IP, please check your API key\'s bound IP addresses."}',
      ),
      'ipNotAllowed',
      '10010',
    ],
    [
      'okx',
      new AuthenticationError('okx {"code":"50111","msg":"Invalid OK-ACCESS-KEY","data":[]}'),
      'wrongKey',
      '50111',
    ],
    [
      'deribit',
      new AuthenticationError(
        'deribit {"jsonrpc":"2.0","error":{"message":"invalid_credentials","code":13004}}',
      ),
      'wrongKey',
      '13004',
    ],
    [
      'bybit',
      new RateLimitExceeded('bybit {"retCode":10006,"retMsg":"Too many visits!"}'),
      'rateLimited',
      '10006',
    ],
  ] as const)('%s %s → %s', (venue, error, kind, code) => {
    expect(classifyConnectionError(venue, error)).toMatchObject({ kind, venueCode: code });
  });

  it("reads Gate's `detail` when its body has no `message`, and names USER_NOT_FOUND", () => {
    // ccxt/ccxt#13249: a key whose user has no futures account in that settlement currency.
    const problem = classifyConnectionError(
      'gate',
      new AccountNotEnabled(
        'gate {"label":"USER_NOT_FOUND","detail":"please transfer funds first to create futures account"}',
      ),
    );
    expect(problem).toMatchObject({ kind: 'unsupportedAccount', venueCode: 'USER_NOT_FOUND' });
    expect(problem.message).toContain(
      'The venue said: "please transfer funds first to create futures account".',
    );
  });

  it("falls back on ccxt's class when the venue sent no known code", () => {
    expect(classifyConnectionError('okx', new InvalidNonce('okx timestamp')).kind).toBe(
      'clockSkew',
    );
    expect(classifyConnectionError('okx', new ExchangeNotAvailable('okx 503')).kind).toBe(
      'venueDown',
    );
    expect(classifyConnectionError('okx', new NetworkError('okx fetch failed')).kind).toBe(
      'network',
    );
    expect(classifyConnectionError('okx', new Error('something else')).kind).toBe('unknown');
  });

  it('names the field of a malformed answer, without any URL (signed queries carry signatures)', () => {
    const problem = classifyConnectionError(
      'binanceusdm',
      new BadResponse(
        'binanceusdm GET https://fapi.binance.com/fapi/v3/positionRisk?timestamp=1&signature=abc positionAmt: expected a decimal string',
      ),
    );
    expect(problem.kind).toBe('malformedResponse');
    expect(problem.message).toContain('positionAmt: expected a decimal string');
    expect(problem.message).not.toContain('signature=abc');
  });
});

describe('what the trader is told about waits and timeouts', () => {
  it("keeps the venue's Retry-After on the problem and says it in words", () => {
    const error = Object.assign(new RateLimitExceeded('okx HTTP 429 Too Many Requests'), {
      retryAfterMs: 600_000,
    });
    const problem = classifyConnectionError('okx', error);
    expect(problem).toMatchObject({ kind: 'rateLimited', retryable: true, retryAfterMs: 600_000 });
    expect(problem.message).toBe(
      'OKX is rate-limiting requests. It asked to wait 10 minutes before the next request.',
    );
    const seconds = Object.assign(new RateLimitExceeded('bybit HTTP 429'), { retryAfterMs: 1500 });
    expect(classifyConnectionError('bybit', seconds).message).toBe(
      'Bybit is rate-limiting requests. It asked to wait 2 seconds before the next request.',
    );
    expect(classifyConnectionError('okx', new RateLimitExceeded('okx')).retryAfterMs).toBe(
      undefined,
    );
  });

  it('says that no answer came in time when the request timed out', () => {
    const problem = classifyConnectionError(
      'deribit',
      new RequestTimeout(
        'deribit GET https://www.deribit.com/api/v2/private/get_positions?x=1 request timed out (10000 ms)',
      ),
    );
    expect(problem).toMatchObject({ kind: 'network', retryable: true });
    expect(problem.message).toBe(
      'Deribit could not be reached. No answer came within the time limit.',
    );
  });
});

describe('venueErrorCode and withoutAddresses', () => {
  it('ignores success codes and bodies that are not JSON', () => {
    expect(venueErrorCode(new Error('bybit {"retCode":0,"retMsg":"OK"}'))).toBeUndefined();
    expect(venueErrorCode(new Error('okx {"code":"0"}'))).toBeUndefined();
    expect(venueErrorCode(new Error('deribit <html>502</html>'))).toBeUndefined();
  });

  it('keeps clock times, which are not addresses', () => {
    expect(
      withoutAddresses('server time 12:30:45, full 2001:0db8:0000:0000:0000:ff00:0042:8329'),
    ).toBe('server time 12:30:45, full <your IP>');
  });

  it('cuts an IPv6 address that starts with ::', () => {
    expect(withoutAddresses('from ::ffff:cb00:7105 now')).toBe('from <your IP> now');
  });

  it('cuts IPv4 and IPv6 addresses', () => {
    expect(
      withoutAddresses('Your IP 198.51.100.23 is not allowed; ::ffff or 2001:db8::1 either'),
    ).toBe('Your IP <your IP> is not allowed; <your IP> or <your IP> either');
  });
});
