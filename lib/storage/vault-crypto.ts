/**
 * Vault cryptography: a passphrase-derived AES-GCM-256 key and the sealed record that stores the
 * key vault's secrets at rest. Pure WebCrypto (`globalThis.crypto.subtle`), so the same code runs
 * in the MV3 service worker, the options page and Node 20 (unit tests).
 *
 * Units and encodings: iteration counts are PBKDF2 iteration counts; lengths are in bytes; binary
 * fields of the record are standard base64 with padding (RFC 4648 §4); the payload is JSON text
 * in UTF-8.
 *
 * The stored record (version 1):
 *   { version: 1,
 *     kdf:    { name: 'PBKDF2', hash: 'SHA-256', iterations, salt },   salt: 16 random bytes
 *     cipher: { name: 'AES-GCM', iv, ciphertext } }                    iv: 12 random bytes,
 *                                                                      ciphertext ‖ 16-byte tag
 *
 * Key derivation: key = PBKDF2-HMAC-SHA-256(P = UTF-8(NFC(passphrase)), S = salt, c = iterations,
 * dkLen = 32) (RFC 8018 §5.2). NFC normalisation makes the same visible passphrase derive the same
 * key whatever the keyboard or platform composed it from. At least 600,000 iterations: OWASP
 * Password Storage Cheat Sheet, PBKDF2-HMAC-SHA256 (the floor). At most 10,000,000: a
 * record asking for more is treated as damaged, so a tampered record cannot hang the unlock.
 * Salt of 128 bits: NIST SP 800-132 §5.1 asks for at least 128 bits.
 *
 * Encryption: AES-GCM with a 256-bit key, a fresh random 96-bit IV for every encryption (NIST SP
 * 800-38D §8.2.2, the RBG-based construction; far below its 2^32 invocations per key), a 128-bit
 * tag and no additional authenticated data.
 *
 * Errors: a wrong passphrase cannot be told apart from a ciphertext altered after it was written
 * (both fail the GCM tag check); that failure is a `WrongPassphraseError` whose message says so.
 * A record whose structure is wrong (missing field, bad base64, wrong IV length, iterations out of
 * range, payload that is not JSON) is a `DamagedVaultError`: "the stored vault is damaged: <what>".
 * No message ever contains the passphrase, a key or a decrypted byte.
 *
 * Cost: one derivation at 600,000 iterations takes about 0.12 s in Node 20 on this project's
 * build machine; AES-GCM on a vault payload (a few kilobytes at most) is negligible.
 *
 * Known-answer tests (vault-crypto.test.ts): RFC 7914 §11 PBKDF2-HMAC-SHA256 vectors and the
 * McGrew–Viega GCM specification's AES-256 test cases, through the same subtle calls used here.
 */

/** Bytes backed by a plain ArrayBuffer (what WebCrypto accepts as a BufferSource). */
export type Bytes = Uint8Array<ArrayBuffer>;

export const VAULT_RECORD_VERSION = 1;
/** The fewest PBKDF2 iterations a vault key may be derived with (OWASP, PBKDF2-HMAC-SHA256). */
export const PBKDF2_MIN_ITERATIONS = 600_000;
export const PBKDF2_DEFAULT_ITERATIONS = PBKDF2_MIN_ITERATIONS;
/** More than this in a stored record is treated as damage (a derivation would take minutes). */
export const PBKDF2_MAX_ITERATIONS = 10_000_000;
export const VAULT_SALT_BYTES = 16;
export const VAULT_IV_BYTES = 12;
export const VAULT_KEY_BYTES = 32;
const GCM_TAG_BYTES = 16;

/** The record stored in `local:` storage: nothing in it is secret without the passphrase. */
export interface VaultRecord {
  readonly version: 1;
  readonly kdf: {
    readonly name: 'PBKDF2';
    readonly hash: 'SHA-256';
    readonly iterations: number;
    /** base64 */
    readonly salt: string;
  };
  readonly cipher: {
    readonly name: 'AES-GCM';
    /** base64, 12 bytes */
    readonly iv: string;
    /** base64, the AES-GCM ciphertext followed by its 16-byte tag */
    readonly ciphertext: string;
  };
}

/** A record whose structure has been checked, with its binary fields decoded. */
export interface ParsedVaultRecord {
  readonly iterations: number;
  readonly salt: Bytes;
  readonly iv: Bytes;
  readonly ciphertext: Bytes;
}

/** The passphrase does not open the record (AES-GCM authentication failed). */
export class WrongPassphraseError extends Error {
  override readonly name = 'WrongPassphraseError';
  constructor() {
    super(
      'wrong passphrase: the key vault could not be decrypted (AES-GCM authentication failed; ' +
        'if the passphrase is right, the stored vault was altered)',
    );
  }
}

/** The stored record is not a well-formed version-1 vault record. */
export class DamagedVaultError extends Error {
  override readonly name = 'DamagedVaultError';
  constructor(what: string) {
    super(`the stored vault is damaged: ${what}`);
  }
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Standard padded base64 (RFC 4648 §4) of bytes. */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Decodes standard padded base64; anything else (URL alphabet, spaces, bad padding) is refused. */
export function decodeBase64(text: string, field: string): Bytes {
  if (!BASE64.test(text)) throw new Error(`${field} is not standard padded base64`);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** `count` bytes from the platform's cryptographically secure generator. */
export function randomBytes(count: number): Bytes {
  return globalThis.crypto.getRandomValues(new Uint8Array(count));
}

/**
 * PBKDF2-HMAC-SHA-256 (RFC 8018 §5.2) through WebCrypto `deriveBits`: the primitive under
 * `deriveVaultKey`, with no floor on iterations so that it can be checked against the published
 * vectors. Never call it for a vault key; call `deriveVaultKey`.
 */
export async function pbkdf2HmacSha256(
  password: Bytes,
  salt: Bytes,
  iterations: number,
  lengthBytes: number,
): Promise<Bytes> {
  if (!Number.isInteger(iterations) || iterations < 1) {
    throw new Error(
      `pbkdf2HmacSha256 requires a positive whole iteration count, got ${iterations}`,
    );
  }
  if (!Number.isInteger(lengthBytes) || lengthBytes < 1) {
    throw new Error(`pbkdf2HmacSha256 requires a positive whole length, got ${lengthBytes}`);
  }
  const subtle = globalThis.crypto.subtle;
  const baseKey = await subtle.importKey('raw', password, 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    baseKey,
    lengthBytes * 8,
  );
  return new Uint8Array(bits);
}

/**
 * The vault key: 32 bytes of PBKDF2-HMAC-SHA-256 from the NFC-normalised passphrase. Refuses
 * fewer than 600,000 iterations (or more than 10,000,000), a salt shorter than 16 bytes and an
 * empty passphrase. Returns raw key bytes (see key-vault.ts for why they are kept in session
 * storage while unlocked).
 */
export async function deriveVaultKey(
  passphrase: string,
  salt: Bytes,
  iterations: number = PBKDF2_DEFAULT_ITERATIONS,
): Promise<Bytes> {
  if (typeof passphrase !== 'string' || passphrase.length === 0) {
    throw new Error('deriveVaultKey requires a non-empty passphrase');
  }
  if (!Number.isInteger(iterations) || iterations < PBKDF2_MIN_ITERATIONS) {
    throw new Error(
      `deriveVaultKey requires at least ${PBKDF2_MIN_ITERATIONS} PBKDF2 iterations, got ${iterations}`,
    );
  }
  if (iterations > PBKDF2_MAX_ITERATIONS) {
    throw new Error(
      `deriveVaultKey accepts at most ${PBKDF2_MAX_ITERATIONS} PBKDF2 iterations, got ${iterations}`,
    );
  }
  if (salt.length < VAULT_SALT_BYTES) {
    throw new Error(
      `deriveVaultKey requires a salt of at least ${VAULT_SALT_BYTES} bytes, got ${salt.length}`,
    );
  }
  const password = new TextEncoder().encode(passphrase.normalize('NFC'));
  return pbkdf2HmacSha256(password, salt, iterations, VAULT_KEY_BYTES);
}

async function importAesKey(key: Bytes, usage: 'encrypt' | 'decrypt'): Promise<CryptoKey> {
  if (key.length !== VAULT_KEY_BYTES) {
    throw new Error(`the vault key must be ${VAULT_KEY_BYTES} bytes (AES-256), got ${key.length}`);
  }
  return globalThis.crypto.subtle.importKey('raw', key, 'AES-GCM', false, [usage]);
}

function checkIv(iv: Bytes): void {
  if (iv.length !== VAULT_IV_BYTES) {
    throw new Error(`AES-GCM here uses a ${VAULT_IV_BYTES}-byte IV, got ${iv.length} bytes`);
  }
}

/** AES-GCM-256 encryption: returns the ciphertext followed by the 16-byte tag. */
export async function aesGcmEncrypt(key: Bytes, iv: Bytes, plaintext: Bytes): Promise<Bytes> {
  checkIv(iv);
  const cryptoKey = await importAesKey(key, 'encrypt');
  const sealed = await globalThis.crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, tagLength: GCM_TAG_BYTES * 8 },
    cryptoKey,
    plaintext,
  );
  return new Uint8Array(sealed);
}

/**
 * AES-GCM-256 decryption of ciphertext ‖ tag. A failed tag check is a `WrongPassphraseError`
 * (a wrong key and an altered ciphertext look the same); any other failure is passed on.
 */
export async function aesGcmDecrypt(key: Bytes, iv: Bytes, sealed: Bytes): Promise<Bytes> {
  checkIv(iv);
  const cryptoKey = await importAesKey(key, 'decrypt');
  try {
    const plaintext = await globalThis.crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, tagLength: GCM_TAG_BYTES * 8 },
      cryptoKey,
      sealed,
    );
    return new Uint8Array(plaintext);
  } catch (error) {
    if (error instanceof Error && error.name === 'OperationError') throw new WrongPassphraseError();
    throw error;
  }
}

function isRecordObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function base64Field(value: unknown, field: string): Bytes {
  if (typeof value !== 'string') throw new DamagedVaultError(`${field} is not a base64 string`);
  try {
    return decodeBase64(value, field);
  } catch {
    throw new DamagedVaultError(`${field} is not standard padded base64`);
  }
}

/** Checks the structure of a stored record; every problem is a `DamagedVaultError` naming the field. */
export function parseVaultRecord(value: unknown): ParsedVaultRecord {
  if (!isRecordObject(value)) throw new DamagedVaultError('the record is not an object');
  if (value['version'] !== VAULT_RECORD_VERSION) {
    throw new DamagedVaultError(
      `version is ${JSON.stringify(value['version'])}, expected ${VAULT_RECORD_VERSION}`,
    );
  }
  const kdf = value['kdf'];
  if (!isRecordObject(kdf)) throw new DamagedVaultError('kdf is missing');
  if (kdf['name'] !== 'PBKDF2') {
    throw new DamagedVaultError(`kdf.name is ${JSON.stringify(kdf['name'])}, expected "PBKDF2"`);
  }
  if (kdf['hash'] !== 'SHA-256') {
    throw new DamagedVaultError(`kdf.hash is ${JSON.stringify(kdf['hash'])}, expected "SHA-256"`);
  }
  const iterations = kdf['iterations'];
  if (
    typeof iterations !== 'number' ||
    !Number.isInteger(iterations) ||
    iterations < PBKDF2_MIN_ITERATIONS ||
    iterations > PBKDF2_MAX_ITERATIONS
  ) {
    throw new DamagedVaultError(
      `kdf.iterations is ${JSON.stringify(iterations)}, expected a whole number from ` +
        `${PBKDF2_MIN_ITERATIONS} to ${PBKDF2_MAX_ITERATIONS}`,
    );
  }
  const salt = base64Field(kdf['salt'], 'kdf.salt');
  if (salt.length < VAULT_SALT_BYTES) {
    throw new DamagedVaultError(
      `kdf.salt is ${salt.length} bytes, expected at least ${VAULT_SALT_BYTES}`,
    );
  }
  const cipher = value['cipher'];
  if (!isRecordObject(cipher)) throw new DamagedVaultError('cipher is missing');
  if (cipher['name'] !== 'AES-GCM') {
    throw new DamagedVaultError(
      `cipher.name is ${JSON.stringify(cipher['name'])}, expected "AES-GCM"`,
    );
  }
  const iv = base64Field(cipher['iv'], 'cipher.iv');
  if (iv.length !== VAULT_IV_BYTES) {
    throw new DamagedVaultError(`cipher.iv is ${iv.length} bytes, expected ${VAULT_IV_BYTES}`);
  }
  const ciphertext = base64Field(cipher['ciphertext'], 'cipher.ciphertext');
  if (ciphertext.length < GCM_TAG_BYTES) {
    throw new DamagedVaultError(
      `cipher.ciphertext is ${ciphertext.length} bytes, shorter than the ${GCM_TAG_BYTES}-byte tag`,
    );
  }
  return { iterations, salt, iv, ciphertext };
}

/** Encrypts a JSON payload under `key` with a fresh random IV, keeping the record's kdf block. */
export async function sealVault(
  payload: unknown,
  key: Bytes,
  kdf: { readonly salt: Bytes; readonly iterations: number },
): Promise<VaultRecord> {
  const iv = randomBytes(VAULT_IV_BYTES);
  const plaintext = new TextEncoder().encode(JSON.stringify(payload));
  const ciphertext = await aesGcmEncrypt(key, iv, plaintext);
  return {
    version: VAULT_RECORD_VERSION,
    kdf: {
      name: 'PBKDF2',
      hash: 'SHA-256',
      iterations: kdf.iterations,
      salt: encodeBase64(kdf.salt),
    },
    cipher: { name: 'AES-GCM', iv: encodeBase64(iv), ciphertext: encodeBase64(ciphertext) },
  };
}

/** Decrypts a checked record with `key` and parses its JSON payload. */
export async function openVault(record: ParsedVaultRecord, key: Bytes): Promise<unknown> {
  const plaintext = await aesGcmDecrypt(key, record.iv, record.ciphertext);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(plaintext);
  } catch {
    throw new DamagedVaultError('the decrypted payload is not UTF-8 text');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new DamagedVaultError('the decrypted payload is not JSON');
  }
}

/**
 * A new record for `payload` under a fresh random salt: returns the record and the derived key
 * (so that the caller can keep the vault unlocked).
 */
export async function createVaultRecord(
  payload: unknown,
  passphrase: string,
  iterations: number = PBKDF2_DEFAULT_ITERATIONS,
): Promise<{ readonly record: VaultRecord; readonly key: Bytes }> {
  const salt = randomBytes(VAULT_SALT_BYTES);
  const key = await deriveVaultKey(passphrase, salt, iterations);
  return { record: await sealVault(payload, key, { salt, iterations }), key };
}

/**
 * Opens a stored record with a passphrase: checks its structure (`DamagedVaultError`), derives
 * the key with the record's own salt and iterations, decrypts (`WrongPassphraseError`).
 */
export async function openVaultRecord(
  stored: unknown,
  passphrase: string,
): Promise<{ readonly payload: unknown; readonly key: Bytes; readonly record: ParsedVaultRecord }> {
  const record = parseVaultRecord(stored);
  const key = await deriveVaultKey(passphrase, record.salt, record.iterations);
  return { payload: await openVault(record, key), key, record };
}
