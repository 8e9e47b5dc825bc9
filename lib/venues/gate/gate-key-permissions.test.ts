import { AuthenticationError, PermissionDenied } from 'ccxt-src/base/errors.js';
import { describe, expect, it } from 'vitest';
import { FakeProfile } from '../../../test/fake-exchange/api/fake-api';
import { gateMainKeyEntry } from '../../../test/fake-exchange/api/fixtures/gate/gate-main-keys';
import {
  GATE_MAIN_KEYS_ENDPOINT,
  gateKeyListRefused,
  parseGateKeyPermissions,
} from './gate-key-permissions';

const KEY = 'c5dcfbf1f3a7e0d6b9a4c2f1e8d7b6a5';

/** Gate's documented example entry, its key made to begin like {@link KEY}. */
const DOCUMENTED = {
  state: 1,
  mode: 1,
  name: 'test1',
  user_id: 1,
  perms: [
    { name: 'account', read_only: false },
    { name: 'spot', read_only: false },
  ],
  ip_whitelist: [],
  currency_pairs: ['BTC_USD', 'ETH_USD'],
  key: 'c5dcfbf1f3a7*****',
  created_at: 1753030929,
  update_at: 1756300567,
  last_access: 1753030929,
};

describe('parseGateKeyPermissions (GET /api/v4/account/main_keys)', () => {
  it('refuses the documented example’s key: account and spot are not read-only, named', () => {
    expect(parseGateKeyPermissions([DOCUMENTED], KEY)).toEqual({
      readOnly: false,
      capabilities: ['change account settings', 'trade spot and margin'],
      checkedWith: GATE_MAIN_KEYS_ENDPOINT,
    });
  });

  it('confirms a key whose every permission is read-only, found by its masked start', () => {
    const other = { ...DOCUMENTED, key: '52fd0035f665*****' };
    const readOnly = {
      ...DOCUMENTED,
      perms: [
        { name: 'futures', read_only: true },
        { name: 'delivery', read_only: true },
      ],
    };
    expect(parseGateKeyPermissions([other, readOnly], KEY)).toEqual({
      readOnly: true,
      capabilities: [],
      checkedWith: GATE_MAIN_KEYS_ENDPOINT,
    });
  });

  it('names a permission Gate may add later as a capability', () => {
    const entry = { ...DOCUMENTED, perms: [{ name: 'robot', read_only: false }] };
    expect(parseGateKeyPermissions([entry], KEY).capabilities).toEqual([
      'use the "robot" permission',
    ]);
  });

  it('does not confirm a key the list does not hold (a sub-account’s key), saying why', () => {
    const check = parseGateKeyPermissions([{ ...DOCUMENTED, key: '52fd0035f665*****' }], KEY);
    expect(check).toMatchObject({ readOnly: false, capabilities: [] });
    expect(check.notChecked).toContain('not among them');
  });

  it('does not confirm a key two entries begin like, nor an answer that names no key', () => {
    expect(parseGateKeyPermissions([DOCUMENTED, DOCUMENTED], KEY).notChecked).toContain(
      'more than one',
    );
    expect(
      parseGateKeyPermissions({ state: 1, key: { mode: 1 }, perms: [] }, KEY).notChecked,
    ).toContain('names no key');
  });

  it('refuses a malformed entry as a malformed answer, naming the field', () => {
    expect(() => parseGateKeyPermissions([{ ...DOCUMENTED, key: 'c5dcfbf1f3a7' }], KEY)).toThrow(
      'gate GET /api/v4/account/main_keys: [0] key must be a masked key such as "c5dcfbf1f3a7*****", got "c5dcfbf1f3a7"',
    );
    const perms = [{ name: 'futures', read_only: 'no' }];
    expect(() => parseGateKeyPermissions([{ ...DOCUMENTED, perms }], KEY)).toThrow(
      '[0] perms[0] read_only must be true or false',
    );
  });

  it('tells the fake’s trade- and withdraw-enabled keys from its read-only one', () => {
    const entry = (profile: FakeProfile) => [gateMainKeyEntry(`gate-${profile}`, profile)];
    expect(parseGateKeyPermissions(entry('readOnly'), 'gate-readOnly').readOnly).toBe(true);
    expect(
      parseGateKeyPermissions(entry('tradeEnabled'), 'gate-tradeEnabled').capabilities,
    ).toEqual(['trade perpetual futures']);
    expect(
      parseGateKeyPermissions(entry('withdrawEnabled'), 'gate-withdrawEnabled').capabilities,
    ).toEqual(['move funds or withdraw (wallet)']);
  });
});

describe('gateKeyListRefused', () => {
  it('reads Gate’s FORBIDDEN on the list as a key not checked, and nothing else', () => {
    const forbidden = new PermissionDenied(
      'gate {"label":"FORBIDDEN","message":"Account has no permission to request operation"}',
    );
    expect(gateKeyListRefused(forbidden)?.notChecked).toBe(
      'Gate refused to show the key list to this key (FORBIDDEN)',
    );
    expect(
      gateKeyListRefused(new AuthenticationError('gate {"label":"INVALID_KEY","message":"x"}')),
    ).toBeUndefined();
    expect(gateKeyListRefused(new PermissionDenied('gate {"label":"IP_FORBIDDEN"}'))).toBe(
      undefined,
    );
  });
});
