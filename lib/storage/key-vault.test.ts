import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  addSecret,
  changePassphrase,
  type ConnectionSecret,
  createVault,
  deleteVault,
  getSecret,
  isUnlocked,
  keyFingerprint,
  keyVaultItem,
  listConnections,
  lock,
  type NewConnection,
  removeSecret,
  unlock,
  vaultState,
} from './key-vault';
import { DamagedVaultError, openVaultRecord, WrongPassphraseError } from './vault-crypto';

// Every vault in these tests is derived at the production 600,000 PBKDF2 iterations (about
// 0.12 s per derivation here); no test lowers it.
const passphrase = 'tr0ub4dor & three';
const binance: NewConnection = {
  id: 'binance-main',
  venue: 'binanceusdm',
  label: 'Binance main',
  createdAt: '2026-01-05T10:00:00Z',
};
const okx: NewConnection = {
  id: 'okx-main',
  venue: 'okx',
  label: 'OKX',
  createdAt: '2026-01-05T10:05:00Z',
};
// Made-up credentials in the venues' formats (a 64-character Binance key, an OKX UUID key with
// its API passphrase), so that a leak anywhere is easy to search for.
const binanceSecret: ConnectionSecret = {
  apiKey: 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A',
  secret: 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j',
};
const okxSecret: ConnectionSecret = {
  apiKey: '7d0b5c5e-1f3a-4a1c-9c55-2b6f0d4e8a11',
  secret: 'F2A1C3D4E5B6A7980F1E2D3C4B5A6978',
  password: 'okx api passphrase',
};

async function localDump(): Promise<string> {
  return JSON.stringify(await fakeBrowser.storage.local.get(null));
}

async function sessionDump(): Promise<Record<string, unknown>> {
  return fakeBrowser.storage.session.get(null);
}

/** What the stored ciphertext holds, opened independently with the passphrase. */
async function decryptedIds(withPassphrase: string): Promise<string[]> {
  const stored = (await keyVaultItem.getValue()) as { record: unknown };
  const { payload } = await openVaultRecord(stored.record, withPassphrase);
  return Object.keys((payload as { secrets: Record<string, unknown> }).secrets).sort();
}

beforeEach(() => fakeBrowser.reset());

describe('creating, locking and unlocking', () => {
  it('starts absent, is unlocked once created, and stores only the encrypted record and metadata', async () => {
    expect(await vaultState()).toBe('absent');
    await createVault(passphrase);
    expect(await vaultState()).toBe('unlocked');
    expect(await isUnlocked()).toBe(true);
    const local = await fakeBrowser.storage.local.get(null);
    expect(Object.keys(local).sort()).toEqual(['keyVault', 'keyVault$']);
    expect(local['keyVault']).toMatchObject({
      record: {
        version: 1,
        kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000 },
        cipher: { name: 'AES-GCM' },
      },
      connections: [],
    });
  });

  it('round-trips secrets, hides them when locked, and gives them back after unlocking', async () => {
    await createVault(passphrase);
    await addSecret(binance, binanceSecret);
    await addSecret(okx, okxSecret);
    expect(await getSecret('binance-main')).toEqual({ secret: binanceSecret });
    expect(await getSecret('okx-main')).toEqual({ secret: okxSecret });

    await lock();
    expect(await vaultState()).toBe('locked');
    expect(await getSecret('binance-main')).toEqual({
      secret: undefined,
      reason: 'the key vault is locked',
    });
    expect(await sessionDump()).toEqual({});

    await unlock(passphrase);
    expect(await getSecret('binance-main')).toEqual({ secret: binanceSecret });
    expect(await getSecret('okx-main')).toEqual({ secret: okxSecret });
    expect(await getSecret('bybit-main')).toEqual({
      secret: undefined,
      reason: 'there is no connection "bybit-main"',
    });
  });

  it('keeps no secret, key or passphrase in local storage (a dump of it is searched)', async () => {
    await createVault(passphrase);
    await addSecret(binance, binanceSecret);
    await addSecret(okx, okxSecret);
    const local = await localDump();
    for (const text of [
      passphrase,
      binanceSecret.apiKey,
      binanceSecret.secret,
      okxSecret.apiKey,
      okxSecret.secret,
      'okx api passphrase',
    ]) {
      expect(local).not.toContain(text);
    }
    // Nor the raw vault key, which lives in session storage only while unlocked.
    const unlocked = (await sessionDump())['keyVaultUnlocked'] as { key: string };
    expect(unlocked.key).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(local).not.toContain(unlocked.key);
    // The passphrase is not kept anywhere, not even in session storage.
    expect(JSON.stringify(await sessionDump())).not.toContain(passphrase);
    // What local storage does show: the fingerprints.
    expect(await listConnections()).toEqual([
      { ...binance, keyFingerprint: 'vmPU…Eh8A' },
      { ...okx, keyFingerprint: '7d0b…8a11' },
    ]);
    await lock();
    expect(await localDump()).toBe(local);
  });

  it('refuses a wrong passphrase and stays locked', async () => {
    await createVault(passphrase);
    await addSecret(binance, binanceSecret);
    await lock();
    const failure = await unlock('tr0ub4dor & four').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WrongPassphraseError);
    expect(String(failure)).toMatch(/wrong passphrase/);
    expect(await vaultState()).toBe('locked');
    expect(await sessionDump()).toEqual({});
    await expect(unlock('')).rejects.toThrow('unlock: enter the vault passphrase');
  });

  it('survives a service-worker restart as it was, unlocked or locked', async () => {
    await createVault(passphrase);
    await addSecret(binance, binanceSecret);
    vi.resetModules();
    const restarted = await import('./key-vault');
    expect(await restarted.vaultState()).toBe('unlocked');
    expect(await restarted.getSecret('binance-main')).toEqual({ secret: binanceSecret });
    await restarted.addSecret(okx, okxSecret);
    await restarted.lock();

    vi.resetModules();
    const again = await import('./key-vault');
    expect(await again.vaultState()).toBe('locked');
    expect((await again.listConnections()).map((connection) => connection.id)).toEqual([
      'binance-main',
      'okx-main',
    ]);
    await again.unlock(passphrase);
    expect(await again.getSecret('okx-main')).toEqual({ secret: okxSecret });
  });

  it('is locked after a browser restart (session storage cleared), and unlocks again', async () => {
    await createVault(passphrase);
    await addSecret(binance, binanceSecret);
    await fakeBrowser.storage.session.clear();
    expect(await vaultState()).toBe('locked');
    await unlock(passphrase);
    expect(await getSecret('binance-main')).toEqual({ secret: binanceSecret });
  });

  it('refuses a second vault, a short passphrase and fewer than 600,000 iterations', async () => {
    await expect(createVault('short')).rejects.toThrow(
      'createVault: the passphrase must be at least 8 characters long',
    );
    await expect(createVault(passphrase, 100_000)).rejects.toThrow(
      'deriveVaultKey requires at least 600000 PBKDF2 iterations, got 100000',
    );
    expect(await vaultState()).toBe('absent');
    await createVault(passphrase);
    await expect(createVault('another passphrase')).rejects.toThrow(
      'createVault: a key vault already exists',
    );
  });

  it('treats a session bound to another record (the vault was replaced) as locked', async () => {
    await createVault(passphrase);
    const stored = (await keyVaultItem.getValue()) as { record: { kdf: { salt: string } } };
    await fakeBrowser.storage.session.set({
      keyVaultUnlocked: {
        ...((await sessionDump())['keyVaultUnlocked'] as object),
        salt: 'AAAAAAAAAAAAAAAAAAAAAA==',
      },
    });
    expect(stored.record.kdf.salt).not.toBe('AAAAAAAAAAAAAAAAAAAAAA==');
    expect(await vaultState()).toBe('locked');
    await expect(addSecret(binance, binanceSecret)).rejects.toThrow(
      'addSecret: the key vault is locked; unlock it first',
    );
  });

  it('deletes the whole vault', async () => {
    await createVault(passphrase);
    await addSecret(binance, binanceSecret);
    await deleteVault();
    expect(await vaultState()).toBe('absent');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await sessionDump()).toEqual({});
    expect(await getSecret('binance-main')).toEqual({
      secret: undefined,
      reason: 'there is no key vault',
    });
  });
});

describe('adding and removing connections', () => {
  it('needs an unlocked vault to add, and a vault at all', async () => {
    await expect(addSecret(binance, binanceSecret)).rejects.toThrow(
      'addSecret: there is no key vault; create one first',
    );
    await createVault(passphrase);
    await lock();
    await expect(addSecret(binance, binanceSecret)).rejects.toThrow(
      'addSecret: the key vault is locked; unlock it first',
    );
  });

  it('refuses a duplicate id and malformed input, naming the field and never the value', async () => {
    await createVault(passphrase);
    await addSecret(binance, binanceSecret);
    await expect(addSecret(binance, okxSecret)).rejects.toThrow(
      'addSecret: connection "binance-main" already exists; remove it first',
    );
    const cases: ReadonlyArray<readonly [NewConnection, unknown, string]> = [
      [okx, { ...okxSecret, apiKey: '' }, 'connection "okx-main": apiKey is empty'],
      [
        okx,
        { ...okxSecret, secret: `${okxSecret.secret}\n` },
        'connection "okx-main": secret has spaces or line breaks at its start or end',
      ],
      [okx, { ...okxSecret, password: 7 }, 'connection "okx-main": password is not text'],
      [okx, { ...okxSecret, uid: '123' }, 'connection "okx-main": unknown field "uid"'],
      [okx, { apiKey: okxSecret.apiKey }, 'connection "okx-main": secret is not text'],
      [okx, { ...okxSecret, apiKey: 'k'.repeat(1025) }, 'apiKey is longer than 1024 characters'],
      [{ ...okx, id: '' }, okxSecret, 'addSecret: id is empty'],
      [{ ...okx, venue: ' okx' }, okxSecret, 'addSecret: venue has spaces at its start or end'],
      [{ ...okx, createdAt: 'yesterday' }, okxSecret, 'createdAt is not an ISO-8601 time'],
    ];
    for (const [connection, secret, message] of cases) {
      const failure = await addSecret(connection, secret as ConnectionSecret).catch(
        (error: unknown) => error,
      );
      expect(String(failure)).toContain(message);
      expect(String(failure)).not.toContain(okxSecret.secret);
      expect(String(failure)).not.toContain(okxSecret.apiKey);
    }
    expect((await listConnections()).map((connection) => connection.id)).toEqual(['binance-main']);
  });

  it('adds connections arriving together without losing either', async () => {
    await createVault(passphrase);
    await Promise.all([addSecret(binance, binanceSecret), addSecret(okx, okxSecret)]);
    expect((await listConnections()).map((connection) => connection.id)).toEqual([
      'binance-main',
      'okx-main',
    ]);
    expect(await decryptedIds(passphrase)).toEqual(['binance-main', 'okx-main']);
  });

  it('erases a removed secret from the ciphertext at once while unlocked', async () => {
    await createVault(passphrase);
    await addSecret(binance, binanceSecret);
    await addSecret(okx, okxSecret);
    expect(await removeSecret('okx-main')).toBe('erased');
    expect(await getSecret('okx-main')).toMatchObject({ secret: undefined });
    expect(await decryptedIds(passphrase)).toEqual(['binance-main']);
    await expect(removeSecret('okx-main')).rejects.toThrow(
      'removeSecret: there is no connection "okx-main"',
    );
  });

  it('removes the metadata at once while locked and erases the secret at the next unlock', async () => {
    await createVault(passphrase);
    await addSecret(binance, binanceSecret);
    await addSecret(okx, okxSecret);
    await lock();
    expect(await removeSecret('okx-main')).toBe('erased-at-next-unlock');
    expect((await listConnections()).map((connection) => connection.id)).toEqual(['binance-main']);
    expect(await decryptedIds(passphrase)).toEqual(['binance-main', 'okx-main']);
    await unlock(passphrase);
    expect(await decryptedIds(passphrase)).toEqual(['binance-main']);
    expect(await getSecret('okx-main')).toMatchObject({ secret: undefined });
    expect(await getSecret('binance-main')).toEqual({ secret: binanceSecret });
  });

  it('fingerprints show at most 4 + 4 characters and never more than half the key', () => {
    expect(keyFingerprint(binanceSecret.apiKey)).toBe('vmPU…Eh8A');
    expect(keyFingerprint('0123456789abcdef')).toBe('0123…cdef');
    expect(keyFingerprint('fo7WAPRm')).toBe('fo…Rm');
    expect(keyFingerprint('abc')).toBe('…');
  });
});

describe('changing the passphrase', () => {
  it('re-encrypts under a new salt: the old passphrase no longer unlocks, the new one does', async () => {
    await createVault(passphrase);
    await addSecret(binance, binanceSecret);
    const before = (await keyVaultItem.getValue()) as { record: { kdf: { salt: string } } };
    await changePassphrase(passphrase, 'a brand new passphrase');
    const after = (await keyVaultItem.getValue()) as { record: { kdf: { salt: string } } };
    expect(after.record.kdf.salt).not.toBe(before.record.kdf.salt);
    // Still unlocked, under the new key: adding works and lands in the new record.
    expect(await vaultState()).toBe('unlocked');
    await addSecret(okx, okxSecret);
    await lock();
    await expect(unlock(passphrase)).rejects.toBeInstanceOf(WrongPassphraseError);
    await unlock('a brand new passphrase');
    expect(await getSecret('binance-main')).toEqual({ secret: binanceSecret });
    expect(await getSecret('okx-main')).toEqual({ secret: okxSecret });
    expect(await localDump()).not.toContain('a brand new passphrase');
  });

  it('keeps a locked vault locked, and refuses a wrong old passphrase or a short new one', async () => {
    await createVault(passphrase);
    await addSecret(binance, binanceSecret);
    await lock();
    await expect(
      changePassphrase('not it at all', 'a brand new passphrase'),
    ).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(changePassphrase(passphrase, 'short')).rejects.toThrow(
      'changePassphrase: the new passphrase: the passphrase must be at least 8 characters long',
    );
    await changePassphrase(passphrase, 'a brand new passphrase');
    expect(await vaultState()).toBe('locked');
    await unlock('a brand new passphrase');
    expect(await getSecret('binance-main')).toEqual({ secret: binanceSecret });
  });
});

describe('a damaged stored vault', () => {
  it('is reported, naming what is wrong, and counts as locked', async () => {
    await createVault(passphrase);
    await addSecret(binance, binanceSecret);
    await lock();
    const stored = (await keyVaultItem.getValue()) as {
      record: { kdf: Record<string, unknown> };
      connections: unknown[];
    };
    await keyVaultItem.setValue({
      ...stored,
      record: { ...stored.record, kdf: { ...stored.record.kdf, iterations: 1000 } },
    });
    expect(await vaultState()).toBe('locked');
    const failure = await unlock(passphrase).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DamagedVaultError);
    expect(String(failure)).toContain(
      'the stored vault is damaged: kdf.iterations is 1000, expected a whole number',
    );

    await keyVaultItem.setValue({ ...stored, connections: 'none' });
    await expect(unlock(passphrase)).rejects.toThrow(
      'the stored vault is damaged: connections is not a list',
    );
    await keyVaultItem.setValue({
      ...stored,
      connections: [...stored.connections, { ...okx, keyFingerprint: '7d0b…8a11' }],
    });
    await expect(unlock(passphrase)).rejects.toThrow(
      'the stored vault is damaged: connection "okx-main" is listed but its secret is missing',
    );
    await keyVaultItem.setValue({ ...stored, connections: [{ id: 'x' }] });
    await expect(listConnections()).rejects.toThrow(
      'the stored vault is damaged: connections[0]: venue is not text',
    );
    await keyVaultItem.setValue('garbage');
    await expect(unlock(passphrase)).rejects.toThrow(
      'the stored vault is damaged: the keyVault entry is not an object',
    );
  });
});
