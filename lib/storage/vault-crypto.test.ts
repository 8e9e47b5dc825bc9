import { pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  aesGcmDecrypt,
  aesGcmEncrypt,
  type Bytes,
  createVaultRecord,
  DamagedVaultError,
  decodeBase64,
  deriveVaultKey,
  encodeBase64,
  openVault,
  openVaultRecord,
  parseVaultRecord,
  pbkdf2HmacSha256,
  PBKDF2_MIN_ITERATIONS,
  randomBytes,
  sealVault,
  type VaultRecord,
  WrongPassphraseError,
} from './vault-crypto';

function hex(text: string): Bytes {
  const clean = text.replace(/\s+/g, '');
  const bytes = new Uint8Array(clean.length / 2);
  for (let index = 0; index < bytes.length; index += 1) {
    bytes[index] = Number.parseInt(clean.slice(index * 2, index * 2 + 2), 16);
  }
  return bytes;
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

const ascii = (text: string): Bytes => new TextEncoder().encode(text);

describe('pbkdf2HmacSha256 against RFC 7914 §11 (https://www.rfc-editor.org/rfc/rfc7914#section-11)', () => {
  it('PBKDF2-HMAC-SHA-256 (P="passwd", S="salt", c=1, dkLen=64)', async () => {
    const derived = await pbkdf2HmacSha256(ascii('passwd'), ascii('salt'), 1, 64);
    expect(toHex(derived)).toBe(
      toHex(
        hex(`55 ac 04 6e 56 e3 08 9f ec 16 91 c2 25 44 b6 05
             f9 41 85 21 6d de 04 65 e6 8b 9d 57 c2 0d ac bc
             49 ca 9c cc f1 79 b6 45 99 16 64 b3 9d 77 ef 31
             7c 71 b8 45 b1 e3 0b d5 09 11 20 41 d3 a1 97 83`),
      ),
    );
  });

  it('PBKDF2-HMAC-SHA-256 (P="Password", S="NaCl", c=80000, dkLen=64)', async () => {
    const derived = await pbkdf2HmacSha256(ascii('Password'), ascii('NaCl'), 80_000, 64);
    expect(toHex(derived)).toBe(
      toHex(
        hex(`4d dc d8 f6 0b 98 be 21 83 0c ee 5e f2 27 01 f9
             64 1a 44 18 d0 4c 04 14 ae ff 08 87 6b 34 ab 56
             a1 d4 25 a1 22 58 33 54 9a db 84 1b 51 c9 b3 17
             6a 27 2b de bb a1 d0 78 47 8f 62 b3 97 f3 3c 8d`),
      ),
    );
  });
});

describe('deriveVaultKey', () => {
  const salt = hex('000102030405060708090a0b0c0d0e0f');

  it('is PBKDF2-HMAC-SHA-256 at 600,000 iterations by default, 32 bytes (cross-checked with OpenSSL through node:crypto)', async () => {
    const key = await deriveVaultKey('correct horse battery staple', salt);
    const reference = pbkdf2Sync('correct horse battery staple', salt, 600_000, 32, 'sha256');
    expect(key).toHaveLength(32);
    expect(toHex(key)).toBe(reference.toString('hex'));
  });

  it('derives the same key from composed and decomposed spellings of a passphrase (NFC)', async () => {
    const composed = await deriveVaultKey('caf\u00e9 cr\u00e8me', salt);
    const decomposed = await deriveVaultKey('cafe\u0301 cre\u0300me', salt);
    expect(toHex(decomposed)).toBe(toHex(composed));
  });

  it('refuses fewer than 600,000 iterations, more than 10,000,000, fractions, short salts and empty passphrases', async () => {
    await expect(deriveVaultKey('passphrase', salt, 599_999)).rejects.toThrow(
      'deriveVaultKey requires at least 600000 PBKDF2 iterations, got 599999',
    );
    await expect(deriveVaultKey('passphrase', salt, 1)).rejects.toThrow('at least 600000');
    await expect(deriveVaultKey('passphrase', salt, 600_000.5)).rejects.toThrow('at least 600000');
    await expect(deriveVaultKey('passphrase', salt, 10_000_001)).rejects.toThrow(
      'deriveVaultKey accepts at most 10000000 PBKDF2 iterations, got 10000001',
    );
    await expect(deriveVaultKey('passphrase', salt.slice(0, 15))).rejects.toThrow(
      'deriveVaultKey requires a salt of at least 16 bytes, got 15',
    );
    await expect(deriveVaultKey('', salt)).rejects.toThrow(
      'deriveVaultKey requires a non-empty passphrase',
    );
    expect(PBKDF2_MIN_ITERATIONS).toBe(600_000);
  });
});

// McGrew and Viega, "The Galois/Counter Mode of Operation (GCM)", submission to NIST (revised
// 2005), Appendix B, Test Cases 13, 14 and 15 (AES-256, 96-bit IV, no additional data — the
// same call as the vault's): http://csrc.nist.gov/groups/ST/toolkit/BCM/documents/proposedmodes/gcm/gcm-spec.pdf
const gcmVectors = [
  {
    name: 'Test Case 13 (empty plaintext)',
    key: '00'.repeat(32),
    iv: '00'.repeat(12),
    plaintext: '',
    ciphertext: '',
    tag: '530f8afbc74536b9a963b4f1c4cb738b',
  },
  {
    name: 'Test Case 14 (one zero block)',
    key: '00'.repeat(32),
    iv: '00'.repeat(12),
    plaintext: '00'.repeat(16),
    ciphertext: 'cea7403d4d606b6e074ec5d3baf39d18',
    tag: 'd0d1c8a799996bf0265b98b5d48ab919',
  },
  {
    name: 'Test Case 15 (four blocks)',
    key: 'feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308',
    iv: 'cafebabefacedbaddecaf888',
    plaintext:
      'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72' +
      '1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255',
    ciphertext:
      '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa' +
      '8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad',
    tag: 'b094dac5d93471bdec1a502270e3cc6c',
  },
] as const;

describe('AES-GCM-256 against the GCM specification test vectors', () => {
  for (const vector of gcmVectors) {
    it(`${vector.name}: encrypts to C ‖ T and decrypts back`, async () => {
      const sealed = await aesGcmEncrypt(hex(vector.key), hex(vector.iv), hex(vector.plaintext));
      expect(toHex(sealed)).toBe(vector.ciphertext + vector.tag);
      const opened = await aesGcmDecrypt(hex(vector.key), hex(vector.iv), sealed);
      expect(toHex(opened)).toBe(vector.plaintext);
    });
  }

  it('rejects Test Case 15 with one tag bit flipped as an authentication failure', async () => {
    const vector = gcmVectors[2];
    const sealed = hex(vector.ciphertext + vector.tag);
    sealed[sealed.length - 1] = (sealed[sealed.length - 1] ?? 0) ^ 0x01;
    await expect(aesGcmDecrypt(hex(vector.key), hex(vector.iv), sealed)).rejects.toBeInstanceOf(
      WrongPassphraseError,
    );
  });

  it('refuses an IV that is not 12 bytes and a key that is not 32 bytes', async () => {
    await expect(aesGcmEncrypt(new Uint8Array(32), new Uint8Array(16), ascii('x'))).rejects.toThrow(
      'AES-GCM here uses a 12-byte IV, got 16 bytes',
    );
    await expect(aesGcmEncrypt(new Uint8Array(16), new Uint8Array(12), ascii('x'))).rejects.toThrow(
      'the vault key must be 32 bytes (AES-256), got 16',
    );
  });
});

describe('base64', () => {
  it('round-trips every byte value and refuses what is not standard padded base64', () => {
    const all = Uint8Array.from({ length: 256 }, (_, index) => index);
    expect(Array.from(decodeBase64(encodeBase64(all), 'test'))).toEqual(Array.from(all));
    expect(encodeBase64(ascii('salt'))).toBe('c2FsdA==');
    expect(() => decodeBase64('c2FsdA', 'kdf.salt')).toThrow(
      'kdf.salt is not standard padded base64',
    );
    expect(() => decodeBase64('c2F sdA==', 'kdf.salt')).toThrow('not standard padded base64');
    expect(() => decodeBase64('c2FsdA-_', 'kdf.salt')).toThrow('not standard padded base64');
  });
});

describe('vault records', () => {
  const passphrase = 'a long enough passphrase';
  const payload = { secrets: { 'binance-main': { apiKey: 'AK-123', secret: 'S-456' } } };

  it('round-trips a JSON payload, with the documented record shape', async () => {
    const { record, key } = await createVaultRecord(payload, passphrase);
    expect(record.version).toBe(1);
    expect(record.kdf).toMatchObject({ name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000 });
    expect(record.cipher.name).toBe('AES-GCM');
    expect(decodeBase64(record.kdf.salt, 'salt')).toHaveLength(16);
    expect(decodeBase64(record.cipher.iv, 'iv')).toHaveLength(12);
    expect(JSON.stringify(record)).not.toContain('S-456');
    const opened = await openVaultRecord(record, passphrase);
    expect(opened.payload).toEqual(payload);
    expect(toHex(opened.key)).toBe(toHex(key));
  });

  it('uses a fresh IV for every encryption under the same key', async () => {
    const key = randomBytes(32);
    const kdf = { salt: randomBytes(16), iterations: 600_000 };
    const first = await sealVault(payload, key, kdf);
    const second = await sealVault(payload, key, kdf);
    expect(second.cipher.iv).not.toBe(first.cipher.iv);
    expect(second.cipher.ciphertext).not.toBe(first.cipher.ciphertext);
    expect(await openVault(parseVaultRecord(second), key)).toEqual(payload);
  });

  it('says "wrong passphrase" when the passphrase is wrong', async () => {
    const { record } = await createVaultRecord(payload, passphrase);
    const attempt = openVaultRecord(record, 'not the passphrase');
    await expect(attempt).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(openVaultRecord(record, 'not the passphrase')).rejects.toThrow(
      /^wrong passphrase: the key vault could not be decrypted/,
    );
  });

  it('names the damaged field of a stored record', async () => {
    const { record } = await createVaultRecord(payload, passphrase);
    const withKdf = (patch: Record<string, unknown>): unknown => ({
      ...record,
      kdf: { ...record.kdf, ...patch },
    });
    const withCipher = (patch: Record<string, unknown>): unknown => ({
      ...record,
      cipher: { ...record.cipher, ...patch },
    });
    const cases: ReadonlyArray<readonly [unknown, string]> = [
      [null, 'the record is not an object'],
      ['{}', 'the record is not an object'],
      [[record], 'the record is not an object'],
      [{ ...record, version: 2 }, 'version is 2, expected 1'],
      [{ version: 1, cipher: record.cipher }, 'kdf is missing'],
      [withKdf({ name: 'scrypt' }), 'kdf.name is "scrypt", expected "PBKDF2"'],
      [withKdf({ hash: 'SHA-1' }), 'kdf.hash is "SHA-1", expected "SHA-256"'],
      [
        withKdf({ iterations: 100_000 }),
        'kdf.iterations is 100000, expected a whole number from 600000 to 10000000',
      ],
      [withKdf({ iterations: '600000' }), 'kdf.iterations is "600000"'],
      [withKdf({ iterations: 1e12 }), 'kdf.iterations is 1000000000000'],
      [withKdf({ salt: 'not base64!' }), 'kdf.salt is not standard padded base64'],
      [withKdf({ salt: 'AAAA' }), 'kdf.salt is 3 bytes, expected at least 16'],
      [withKdf({ salt: undefined }), 'kdf.salt is not a base64 string'],
      [{ version: 1, kdf: record.kdf }, 'cipher is missing'],
      [withCipher({ name: 'AES-CBC' }), 'cipher.name is "AES-CBC", expected "AES-GCM"'],
      [withCipher({ iv: encodeBase64(new Uint8Array(16)) }), 'cipher.iv is 16 bytes, expected 12'],
      [withCipher({ iv: 42 }), 'cipher.iv is not a base64 string'],
      [
        withCipher({ ciphertext: encodeBase64(new Uint8Array(15)) }),
        'cipher.ciphertext is 15 bytes, shorter than the 16-byte tag',
      ],
    ];
    for (const [value, what] of cases) {
      expect(() => parseVaultRecord(value)).toThrow(DamagedVaultError);
      expect(() => parseVaultRecord(value)).toThrow(`the stored vault is damaged: ${what}`);
    }
  });

  it('reports an altered ciphertext as an authentication failure, without leaking the payload', async () => {
    const { record } = await createVaultRecord(payload, passphrase);
    const bytes = decodeBase64(record.cipher.ciphertext, 'ciphertext');
    bytes[0] = (bytes[0] ?? 0) ^ 0x80;
    const altered: VaultRecord = {
      ...record,
      cipher: { ...record.cipher, ciphertext: encodeBase64(bytes) },
    };
    const failure = await openVaultRecord(altered, passphrase).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(WrongPassphraseError);
    expect(String(failure)).toContain('the stored vault was altered');
    expect(String(failure)).not.toContain('S-456');
    expect(String(failure)).not.toContain(passphrase);
  });

  it('reports a payload that decrypts but is not JSON as damage', async () => {
    const key = randomBytes(32);
    const salt = randomBytes(16);
    const iv = randomBytes(12);
    const ciphertext = await aesGcmEncrypt(key, iv, ascii('{not json'));
    const record = parseVaultRecord({
      version: 1,
      kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000, salt: encodeBase64(salt) },
      cipher: { name: 'AES-GCM', iv: encodeBase64(iv), ciphertext: encodeBase64(ciphertext) },
    });
    await expect(openVault(record, key)).rejects.toThrow(
      'the stored vault is damaged: the decrypted payload is not JSON',
    );
  });
});
