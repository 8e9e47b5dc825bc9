import { storage } from 'wxt/utils/storage';
import { defineVersionedItem } from './versioned-item';
import { keyFingerprint } from './key-fingerprint';
import {
  type Bytes,
  createVaultRecord,
  DamagedVaultError,
  decodeBase64,
  encodeBase64,
  openVaultRecord,
  parseVaultRecord,
  sealVault,
  type VaultRecord,
  VAULT_KEY_BYTES,
} from './vault-crypto';

/**
 * The key vault: the API secrets of the user's venue connections, encrypted at rest with a key
 * derived from a passphrase (vault-crypto.ts), decrypted only while unlocked (issue 5, DESIGN.md
 * §8). Whether a key is read-only is checked before it gets here, elsewhere.
 *
 * Where each thing lives:
 * - `local:keyVault` (persistent): `{ record, connections }` — the encrypted vault record and,
 *   per connection, non-secret metadata (id, venue, label, key fingerprint, createdAt). The
 *   fingerprint shows at most the first 4 and last 4 characters of the API key, and never more
 *   than half of it (a key shorter than 16 characters shows ⌊length / 4⌋ at each end).
 * - `session:keyVaultUnlocked` (while unlocked): the decrypted secrets (connection id →
 *   { apiKey, secret, password? }), the raw AES-256 vault key (base64) and the salt of the record
 *   it opens. Never written to `local:`.
 * - `session:keyVaultLastActivityAt` (while unlocked): the last activity, in milliseconds since
 *   the Unix epoch, for the idle lock (idle-lock.ts).
 *
 * Why the raw AES key is kept in session storage (and not the passphrase, nor a CryptoKey in
 * memory): adding or removing a connection while unlocked must re-encrypt the record, which
 * needs the key. The service worker is stopped when idle and its memory goes with it, so a
 * CryptoKey held in memory would lock the vault at every worker restart (the issue wants the lock
 * state to survive); storage only holds JSON values, so a CryptoKey cannot be stored either. The
 * passphrase is never stored: people reuse passphrases, and it would also open any record the
 * user re-keys later. The derived key opens only this record (its salt), and gives no more than
 * the decrypted secrets stored right beside it already do. `storage.session` is held in memory and
 * never written to disk, is cleared when the browser stops or the extension is reloaded or
 * updated, and is not readable by content scripts unless `storage.session.setAccessLevel` widens
 * it (never call it). So after a service-worker restart the vault is as it was; after a browser
 * restart it is locked, as intended.
 *
 * Consistency: the session is bound to the record's salt; a session whose salt differs from the
 * stored record's (the vault was re-keyed or replaced) counts as locked. Removing a connection
 * while locked removes its metadata at once; its secret is erased from the ciphertext at the next
 * unlock or passphrase change, which drop every secret whose connection is no longer listed. A
 * listed connection whose secret is missing from the decrypted vault is damage.
 *
 * Operations that change the vault run one at a time (a queue in this module), so two requests
 * arriving together in the service worker cannot lose each other's writes. Run them in the
 * background only: content scripts never call this module (they cannot read session storage).
 *
 * Errors never contain a passphrase, a key or a secret; they name the connection id and field.
 */

export interface ConnectionSecret {
  readonly apiKey: string;
  readonly secret: string;
  /** The API passphrase some venues (OKX) add to the key; not the vault passphrase. */
  readonly password?: string;
}

export interface NewConnection {
  readonly id: string;
  /** ccxt exchange id, for example `binanceusdm`. */
  readonly venue: string;
  readonly label: string;
  /** ISO-8601 time the connection was added (passed in: this module never reads the clock). */
  readonly createdAt: string;
}

export interface ConnectionMetadata extends NewConnection {
  readonly keyFingerprint: string;
}

export const VaultState = {
  absent: 'absent',
  locked: 'locked',
  unlocked: 'unlocked',
} as const;
export type VaultState = (typeof VaultState)[keyof typeof VaultState];

export type SecretLookup =
  { readonly secret: ConnectionSecret } | { readonly secret: undefined; readonly reason: string };

/** What `removeSecret` did to the ciphertext: erased now (unlocked), or at the next unlock. */
export type RemoveOutcome = 'erased' | 'erased-at-next-unlock';

export const MIN_PASSPHRASE_CHARACTERS = 8;
const MAX_CREDENTIAL_CHARACTERS = 1024;
const MAX_NAME_CHARACTERS = 100;

interface StoredKeyVault {
  readonly record: VaultRecord;
  readonly connections: readonly ConnectionMetadata[];
}

interface UnlockedVault {
  /** base64 of the 32-byte AES-256 key. */
  readonly key: string;
  /** base64 salt of the record the key opens (`record.kdf.salt`). */
  readonly salt: string;
  readonly secrets: Readonly<Record<string, ConnectionSecret>>;
}

/** The encrypted payload. */
interface VaultPayload {
  readonly secrets: Readonly<Record<string, ConnectionSecret>>;
}

/** Read as `unknown` and checked every time: storage is not trusted to hold what was written. */
export const keyVaultItem = defineVersionedItem<unknown>('local:keyVault', {
  fallback: null,
  version: 1,
  // An (empty) migrations map makes WXT record the version beside the value (`keyVault$`).
  migrations: {},
});

const unlockedVaultItem = storage.defineItem<unknown>('session:keyVaultUnlocked', {
  fallback: null,
});

/** Milliseconds since the Unix epoch of the last activity while unlocked (idle-lock.ts). */
export const vaultActivityItem = storage.defineItem<number | null>(
  'session:keyVaultLastActivityAt',
  { fallback: null },
);

let queue: Promise<unknown> = Promise.resolve();

/** Runs vault changes one after another. */
function serialized<T>(operation: () => Promise<T>): Promise<T> {
  const run = queue.then(operation, operation);
  queue = run.catch(() => undefined);
  return run;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function characters(text: string): number {
  return [...text].length;
}

function credentialProblem(value: unknown, field: string): string | undefined {
  if (typeof value !== 'string') return `${field} is not text`;
  if (value.length === 0) return `${field} is empty`;
  if (value.trim() !== value) return `${field} has spaces or line breaks at its start or end`;
  if (characters(value) > MAX_CREDENTIAL_CHARACTERS) {
    return `${field} is longer than ${MAX_CREDENTIAL_CHARACTERS} characters`;
  }
  return undefined;
}

/** The first problem of a connection secret, named by field (never quoting a value). */
function secretProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'the secret is not an object';
  const unknown = Object.keys(value).filter(
    (field) => field !== 'apiKey' && field !== 'secret' && field !== 'password',
  );
  if (unknown.length > 0) return `unknown field ${JSON.stringify(unknown[0])}`;
  return (
    credentialProblem(value['apiKey'], 'apiKey') ??
    credentialProblem(value['secret'], 'secret') ??
    (value['password'] === undefined ? undefined : credentialProblem(value['password'], 'password'))
  );
}

function copySecret(value: ConnectionSecret): ConnectionSecret {
  return value.password === undefined
    ? { apiKey: value.apiKey, secret: value.secret }
    : { apiKey: value.apiKey, secret: value.secret, password: value.password };
}

function nameProblem(value: unknown, field: string, allowEmpty: boolean): string | undefined {
  if (typeof value !== 'string') return `${field} is not text`;
  if (!allowEmpty && value.length === 0) return `${field} is empty`;
  if (value.trim() !== value) return `${field} has spaces at its start or end`;
  if (characters(value) > MAX_NAME_CHARACTERS) {
    return `${field} is longer than ${MAX_NAME_CHARACTERS} characters`;
  }
  return undefined;
}

function connectionProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'the connection is not an object';
  const createdAt = value['createdAt'];
  return (
    nameProblem(value['id'], 'id', false) ??
    nameProblem(value['venue'], 'venue', false) ??
    nameProblem(value['label'], 'label', true) ??
    (typeof createdAt === 'string' && Number.isFinite(Date.parse(createdAt))
      ? undefined
      : 'createdAt is not an ISO-8601 time')
  );
}

function parseStored(value: unknown): StoredKeyVault {
  if (!isObject(value)) throw new DamagedVaultError('the keyVault entry is not an object');
  const record = value['record'];
  parseVaultRecord(record);
  const connections = value['connections'];
  if (!Array.isArray(connections)) throw new DamagedVaultError('connections is not a list');
  const seen = new Set<string>();
  connections.forEach((connection: unknown, index) => {
    const problem =
      connectionProblem(connection) ??
      (isObject(connection) && typeof connection['keyFingerprint'] === 'string'
        ? undefined
        : 'keyFingerprint is not text');
    if (problem !== undefined) throw new DamagedVaultError(`connections[${index}]: ${problem}`);
    const id = (connection as ConnectionMetadata).id;
    if (seen.has(id)) {
      throw new DamagedVaultError(
        `connections[${index}]: id ${JSON.stringify(id)} is listed twice`,
      );
    }
    seen.add(id);
  });
  return { record: record as VaultRecord, connections: connections as ConnectionMetadata[] };
}

function parsePayload(value: unknown): VaultPayload {
  if (!isObject(value) || !isObject(value['secrets'])) {
    throw new DamagedVaultError('the decrypted payload has no secrets map');
  }
  const secrets: Record<string, ConnectionSecret> = {};
  for (const [id, secret] of Object.entries(value['secrets'])) {
    const problem = secretProblem(secret);
    if (problem !== undefined) {
      throw new DamagedVaultError(`the secret of connection ${JSON.stringify(id)}: ${problem}`);
    }
    secrets[id] = copySecret(secret as ConnectionSecret);
  }
  return { secrets };
}

/**
 * The secrets of the listed connections: a listed connection without a secret is damage; a
 * secret whose connection was removed while locked is dropped (`pruned` tells whether any was).
 */
function reconcile(
  payload: VaultPayload,
  connections: readonly ConnectionMetadata[],
): { readonly secrets: Record<string, ConnectionSecret>; readonly pruned: boolean } {
  const secrets: Record<string, ConnectionSecret> = {};
  for (const connection of connections) {
    const secret = payload.secrets[connection.id];
    if (secret === undefined) {
      throw new DamagedVaultError(
        `connection ${JSON.stringify(connection.id)} is listed but its secret is missing`,
      );
    }
    secrets[connection.id] = secret;
  }
  return { secrets, pruned: Object.keys(payload.secrets).length !== connections.length };
}

function parseSession(value: unknown): UnlockedVault | undefined {
  if (!isObject(value)) return undefined;
  const { key, salt, secrets } = value;
  if (typeof key !== 'string' || typeof salt !== 'string' || !isObject(secrets)) return undefined;
  if (Object.values(secrets).some((secret) => secretProblem(secret) !== undefined)) {
    return undefined;
  }
  return { key, salt, secrets: secrets as Record<string, ConnectionSecret> };
}

function saltOf(stored: unknown): unknown {
  if (!isObject(stored) || !isObject(stored['record'])) return undefined;
  const kdf = stored['record']['kdf'];
  return isObject(kdf) ? kdf['salt'] : undefined;
}

/** The session of an unlocked vault bound to this stored record, or undefined. */
async function currentSession(stored: unknown): Promise<UnlockedVault | undefined> {
  const session = parseSession(await unlockedVaultItem.getValue());
  return session !== undefined && session.salt === saltOf(stored) ? session : undefined;
}

function passphraseProblem(passphrase: unknown): string | undefined {
  if (typeof passphrase !== 'string') return 'the passphrase is not text';
  if (characters(passphrase.normalize('NFC')) < MIN_PASSPHRASE_CHARACTERS) {
    return `the passphrase must be at least ${MIN_PASSPHRASE_CHARACTERS} characters long`;
  }
  return undefined;
}

async function saveUnlocked(
  record: VaultRecord,
  key: Bytes,
  secrets: Record<string, ConnectionSecret>,
): Promise<void> {
  const session: UnlockedVault = { key: encodeBase64(key), salt: record.kdf.salt, secrets };
  await unlockedVaultItem.setValue(session);
}

function sessionKey(session: UnlockedVault): Bytes {
  const key = decodeBase64(session.key, 'the unlocked vault key');
  if (key.length !== VAULT_KEY_BYTES) {
    throw new Error('the unlocked key vault is malformed: lock it and unlock it again');
  }
  return key;
}

/** Re-encrypts `secrets` with the unlocked key, keeping the record's salt and iterations. */
async function reseal(
  stored: StoredKeyVault,
  session: UnlockedVault,
  secrets: Record<string, ConnectionSecret>,
): Promise<VaultRecord> {
  const parsed = parseVaultRecord(stored.record);
  const payload: VaultPayload = { secrets };
  return sealVault(payload, sessionKey(session), {
    salt: parsed.salt,
    iterations: parsed.iterations,
  });
}

async function readStored(): Promise<StoredKeyVault | undefined> {
  const raw = await keyVaultItem.getValue();
  return raw === null ? undefined : parseStored(raw);
}

/** 'absent' (no vault), 'locked' or 'unlocked'. A damaged vault counts as locked. */
export async function vaultState(): Promise<VaultState> {
  const raw = await keyVaultItem.getValue();
  if (raw === null) return VaultState.absent;
  return (await currentSession(raw)) === undefined ? VaultState.locked : VaultState.unlocked;
}

export async function isUnlocked(): Promise<boolean> {
  return (await vaultState()) === VaultState.unlocked;
}

/**
 * Creates an empty vault under `passphrase` (at least 8 characters) and leaves it unlocked.
 * `iterations` defaults to 600,000 (the minimum; more is accepted).
 */
export function createVault(passphrase: string, iterations?: number): Promise<void> {
  return serialized(async () => {
    const problem = passphraseProblem(passphrase);
    if (problem !== undefined) throw new Error(`createVault: ${problem}`);
    if ((await keyVaultItem.getValue()) !== null) {
      throw new Error(
        'createVault: a key vault already exists; unlock it, or delete it to start again',
      );
    }
    const payload: VaultPayload = { secrets: {} };
    const { record, key } = await createVaultRecord(payload, passphrase, iterations);
    const stored: StoredKeyVault = { record, connections: [] };
    await keyVaultItem.setValue(stored);
    await vaultActivityItem.removeValue();
    await saveUnlocked(record, key, {});
  });
}

/**
 * Unlocks the vault: `WrongPassphraseError` for a wrong passphrase, `DamagedVaultError` for a
 * damaged record. Drops the secrets of connections removed while locked (and re-encrypts).
 */
export function unlock(passphrase: string): Promise<void> {
  return serialized(async () => {
    if (typeof passphrase !== 'string' || passphrase.length === 0) {
      throw new Error('unlock: enter the vault passphrase');
    }
    const stored = await readStored();
    if (stored === undefined) throw new Error('unlock: there is no key vault; create one first');
    const opened = await openVaultRecord(stored.record, passphrase);
    const { secrets, pruned } = reconcile(parsePayload(opened.payload), stored.connections);
    let record = stored.record;
    if (pruned) {
      const payload: VaultPayload = { secrets };
      record = await sealVault(payload, opened.key, opened.record);
      await keyVaultItem.setValue({ record, connections: stored.connections });
    }
    await vaultActivityItem.removeValue();
    await saveUnlocked(record, opened.key, secrets);
  });
}

/** Locks the vault: clears the decrypted secrets, the key and the activity from session storage. */
export function lock(): Promise<void> {
  return serialized(() => storage.removeItems([unlockedVaultItem, vaultActivityItem]));
}

/** Deletes the vault and every connection's secret (the way out of a forgotten passphrase). */
export function deleteVault(): Promise<void> {
  return serialized(async () => {
    await storage.removeItems([unlockedVaultItem, vaultActivityItem]);
    await keyVaultItem.removeValue({ removeMeta: true });
  });
}

async function requireUnlocked(
  action: string,
): Promise<{ stored: StoredKeyVault; session: UnlockedVault }> {
  const stored = await readStored();
  if (stored === undefined) throw new Error(`${action}: there is no key vault; create one first`);
  const session = await currentSession(stored);
  if (session === undefined) throw new Error(`${action}: the key vault is locked; unlock it first`);
  return { stored, session };
}

/** Adds a connection and its secret; the vault must be unlocked. An id can be added once. */
export function addSecret(connection: NewConnection, secret: ConnectionSecret): Promise<void> {
  return serialized(async () => {
    const connectionIssue = connectionProblem(connection);
    if (connectionIssue !== undefined) throw new Error(`addSecret: ${connectionIssue}`);
    const secretIssue = secretProblem(secret);
    if (secretIssue !== undefined) {
      throw new Error(`addSecret: connection ${JSON.stringify(connection.id)}: ${secretIssue}`);
    }
    const { stored, session } = await requireUnlocked('addSecret');
    if (stored.connections.some((existing) => existing.id === connection.id)) {
      throw new Error(
        `addSecret: connection ${JSON.stringify(connection.id)} already exists; remove it first`,
      );
    }
    const secrets = { ...session.secrets, [connection.id]: copySecret(secret) };
    const metadata: ConnectionMetadata = {
      id: connection.id,
      venue: connection.venue,
      label: connection.label,
      keyFingerprint: keyFingerprint(secret.apiKey),
      createdAt: connection.createdAt,
    };
    const record = await reseal(stored, session, secrets);
    await keyVaultItem.setValue({ record, connections: [...stored.connections, metadata] });
    await saveUnlocked(record, sessionKey(session), secrets);
  });
}

/**
 * Removes a connection. Unlocked: its secret is erased from the ciphertext now ('erased').
 * Locked: its metadata goes now and its secret at the next unlock ('erased-at-next-unlock').
 */
export function removeSecret(id: string): Promise<RemoveOutcome> {
  return serialized(async () => {
    const stored = await readStored();
    if (stored === undefined) throw new Error('removeSecret: there is no key vault');
    if (!stored.connections.some((connection) => connection.id === id)) {
      throw new Error(`removeSecret: there is no connection ${JSON.stringify(id)}`);
    }
    const connections = stored.connections.filter((connection) => connection.id !== id);
    const session = await currentSession(stored);
    if (session === undefined) {
      await keyVaultItem.setValue({ record: stored.record, connections });
      return 'erased-at-next-unlock';
    }
    const secrets = Object.fromEntries(
      Object.entries(session.secrets).filter(([secretId]) => secretId !== id),
    );
    const record = await reseal(stored, session, secrets);
    await keyVaultItem.setValue({ record, connections });
    await saveUnlocked(record, sessionKey(session), secrets);
    return 'erased';
  });
}

/** A connection's secret while unlocked; otherwise `secret` is undefined and `reason` says why. */
export async function getSecret(id: string): Promise<SecretLookup> {
  const raw = await keyVaultItem.getValue();
  if (raw === null) return { secret: undefined, reason: 'there is no key vault' };
  const session = await currentSession(raw);
  if (session === undefined) return { secret: undefined, reason: 'the key vault is locked' };
  const secret = session.secrets[id];
  if (secret === undefined) {
    return { secret: undefined, reason: `there is no connection ${JSON.stringify(id)}` };
  }
  return { secret: copySecret(secret) };
}

/** The non-secret metadata of every connection (readable while locked). */
export async function listConnections(): Promise<readonly ConnectionMetadata[]> {
  return (await readStored())?.connections ?? [];
}

/**
 * Re-encrypts the vault under a new passphrase (new salt, new key). The old passphrase must open
 * it. The lock state is kept: a locked vault stays locked, an unlocked one stays unlocked under
 * the new key.
 */
export function changePassphrase(oldPassphrase: string, newPassphrase: string): Promise<void> {
  return serialized(async () => {
    const problem = passphraseProblem(newPassphrase);
    if (problem !== undefined) throw new Error(`changePassphrase: the new passphrase: ${problem}`);
    const stored = await readStored();
    if (stored === undefined) throw new Error('changePassphrase: there is no key vault');
    const wasUnlocked = (await currentSession(stored)) !== undefined;
    const opened = await openVaultRecord(stored.record, oldPassphrase);
    const { secrets } = reconcile(parsePayload(opened.payload), stored.connections);
    const payload: VaultPayload = { secrets };
    const { record, key } = await createVaultRecord(
      payload,
      newPassphrase,
      opened.record.iterations,
    );
    await keyVaultItem.setValue({ record, connections: stored.connections });
    if (wasUnlocked) await saveUnlocked(record, key, secrets);
    else await storage.removeItems([unlockedVaultItem, vaultActivityItem]);
  });
}

export { keyFingerprint };
