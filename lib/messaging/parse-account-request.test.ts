import { describe, expect, it } from 'vitest';
import { parseRequest } from './parse-request';

const KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';
const SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';

describe('parseRequest for account requests', () => {
  it('accepts a Binance read-only key connection, trimmed', () => {
    expect(
      parseRequest({
        type: 'connectVenue',
        venue: 'binanceusdm',
        label: 'main',
        credentials: { kind: 'apiKey', apiKey: ` ${KEY} `, secret: SECRET },
      }),
    ).toEqual({
      request: {
        type: 'connectVenue',
        venue: 'binanceusdm',
        label: 'main',
        credentials: { kind: 'apiKey', apiKey: KEY, secret: SECRET },
      },
    });
  });

  it('requires the passphrase of OKX and Bitget keys (their descriptors) and refuses one elsewhere', () => {
    const okx = { kind: 'apiKey', apiKey: KEY, secret: SECRET };
    expect(parseRequest({ type: 'testConnection', venue: 'okx', credentials: okx })).toEqual({
      error: 'testConnection: an API key for OKX needs its passphrase',
    });
    expect(parseRequest({ type: 'testConnection', venue: 'bitget', credentials: okx })).toEqual({
      error: 'testConnection: an API key for Bitget needs its passphrase',
    });
    expect(
      parseRequest({
        type: 'testConnection',
        venue: 'bitget',
        credentials: { ...okx, password: 'bitget-passphrase' },
      }),
    ).toEqual({
      request: {
        type: 'testConnection',
        venue: 'bitget',
        credentials: { ...okx, password: 'bitget-passphrase' },
      },
    });
    expect(
      parseRequest({
        type: 'testConnection',
        venue: 'bybit',
        credentials: { ...okx, password: 'x' },
      }),
    ).toEqual({ error: 'testConnection: bybit keys have no passphrase' });
  });

  it('accepts a Hyperliquid address, lower-cased, and names a bad one', () => {
    const address = '0xABCDEF0123456789abcdef0123456789ABCDEF01';
    expect(
      parseRequest({
        type: 'testConnection',
        venue: 'hyperliquid',
        credentials: { kind: 'address', address },
      }),
    ).toEqual({
      request: {
        type: 'testConnection',
        venue: 'hyperliquid',
        credentials: { kind: 'address', address: address.toLowerCase() },
      },
    });
    expect(
      parseRequest({
        type: 'testConnection',
        venue: 'hyperliquid',
        credentials: { kind: 'address', address: '0x123' },
      }),
    ).toEqual({
      error: 'testConnection: the address must be 0x followed by 40 hexadecimal characters',
    });
  });

  it('never echoes a secret in an error', () => {
    const result = parseRequest({
      type: 'connectVenue',
      venue: 'bybit',
      label: 'x',
      credentials: { kind: 'apiKey', apiKey: KEY, secret: `${SECRET} with spaces` },
    });
    expect(result).toEqual({
      error: 'connectVenue: the API secret must be 1–256 printable characters without spaces',
    });
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('refuses unknown venues, unexpected fields and out-of-range settings', () => {
    expect(parseRequest({ type: 'disconnectVenue', connectionId: '../x' })).toEqual({
      error: 'disconnectVenue: "connectionId" must be a connection id',
    });
    expect(parseRequest({ type: 'testConnection', venue: 'ftx', credentials: {} })).toMatchObject({
      error: expect.stringContaining('"venue" must be one of binanceusdm'),
    });
    expect(parseRequest({ type: 'lockVault', now: true })).toEqual({
      error: 'lockVault: unexpected field "now"',
    });
    expect(parseRequest({ type: 'saveSettings', refreshMinutes: 0, idleLockMinutes: 15 })).toEqual({
      error: 'saveSettings: "refreshMinutes" must be a whole number of minutes from 1 to 60',
    });
    expect(parseRequest({ type: 'saveSettings', refreshMinutes: 5, idleLockMinutes: 0 })).toEqual({
      request: { type: 'saveSettings', refreshMinutes: 5, idleLockMinutes: 0 },
    });
    expect(parseRequest({ type: 'refreshAccounts' })).toEqual({
      error: 'refreshAccounts: "force" must be true or false',
    });
    expect(parseRequest({ type: 'importPortfolio', file: [] })).toEqual({
      error: 'importPortfolio: "file" must be the portfolio file\'s JSON object',
    });
  });
});
