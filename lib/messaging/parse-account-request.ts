import { MIN_PASSPHRASE_CHARACTERS } from '../storage/key-vault';
import { onlyKeys } from './only-keys';
import type { Credentials } from '../venues/api/venue-api-types';
import {
  VENUE_IDS,
  VENUE_KEY_PASSPHRASE,
  VENUE_NAMES,
  type VenueId,
} from '../venues/venue-descriptors';
import { RequestType, type AccountRequest } from './protocol';

/**
 * Receiver-side validation of the requests our own pages send about accounts, keys and settings
 * (parse-request.ts handles the page-facing ones). Only extension pages may send these
 * (classify-sender.ts), but they are validated all the same: exact keys, bounded strings, and
 * errors that name the field without echoing what was in it (it may be a secret).
 */
export function parseAccountRequest(
  record: Record<string, unknown>,
): { request: AccountRequest } | { error: string } | undefined {
  const type = record.type;
  switch (type) {
    case RequestType.getConnections:
    case RequestType.lockVault:
    case RequestType.deleteVault:
    case RequestType.exportPortfolio:
      return onlyKeys(record, ['type']) ?? { request: { type } };
    case RequestType.createVault:
    case RequestType.unlockVault: {
      const extra = onlyKeys(record, ['type', 'passphrase']);
      if (extra) return extra;
      if (typeof record.passphrase !== 'string' || record.passphrase.length > 1024)
        return { error: `${type}: "passphrase" must be text` };
      if (type === RequestType.createVault && record.passphrase.length < MIN_PASSPHRASE_CHARACTERS)
        return {
          error: `createVault: the passphrase must be at least ${MIN_PASSPHRASE_CHARACTERS} characters`,
        };
      return { request: { type, passphrase: record.passphrase } };
    }
    case RequestType.testConnection:
    case RequestType.connectVenue: {
      const allowed =
        type === RequestType.connectVenue
          ? ['type', 'venue', 'label', 'credentials']
          : ['type', 'venue', 'credentials'];
      const extra = onlyKeys(record, allowed);
      if (extra) return extra;
      const venue = parseVenue(record.venue);
      if (venue === undefined)
        return { error: `${type}: "venue" must be one of ${VENUE_IDS.join(', ')}` };
      const credentials = parseCredentials(record.credentials, venue);
      if ('error' in credentials) return { error: `${type}: ${credentials.error}` };
      if (type === RequestType.testConnection)
        return { request: { type, venue, credentials: credentials.credentials } };
      if (typeof record.label !== 'string' || record.label.length > 60)
        return { error: 'connectVenue: "label" must be text of at most 60 characters' };
      return {
        request: { type, venue, label: record.label, credentials: credentials.credentials },
      };
    }
    case RequestType.disconnectVenue: {
      const extra = onlyKeys(record, ['type', 'connectionId']);
      if (extra) return extra;
      if (typeof record.connectionId !== 'string' || !/^[a-z0-9-]{1,60}$/.test(record.connectionId))
        return { error: 'disconnectVenue: "connectionId" must be a connection id' };
      return { request: { type, connectionId: record.connectionId } };
    }
    case RequestType.refreshAccounts: {
      const extra = onlyKeys(record, ['type', 'force']);
      if (extra) return extra;
      if (typeof record.force !== 'boolean')
        return { error: 'refreshAccounts: "force" must be true or false' };
      return { request: { type, force: record.force } };
    }
    case RequestType.saveSettings: {
      const extra = onlyKeys(record, ['type', 'refreshMinutes', 'idleLockMinutes']);
      if (extra) return extra;
      const { refreshMinutes, idleLockMinutes } = record;
      if (
        typeof refreshMinutes !== 'number' ||
        !Number.isInteger(refreshMinutes) ||
        refreshMinutes < 1 ||
        refreshMinutes > 60
      )
        return {
          error: 'saveSettings: "refreshMinutes" must be a whole number of minutes from 1 to 60',
        };
      if (
        typeof idleLockMinutes !== 'number' ||
        !Number.isInteger(idleLockMinutes) ||
        idleLockMinutes < 0 ||
        idleLockMinutes > 1440
      )
        return {
          error:
            'saveSettings: "idleLockMinutes" must be a whole number of minutes from 0 (never) to 1440',
        };
      return { request: { type, refreshMinutes, idleLockMinutes } };
    }
    case RequestType.importPortfolio: {
      const extra = onlyKeys(record, ['type', 'file']);
      if (extra) return extra;
      if (typeof record.file !== 'object' || record.file === null || Array.isArray(record.file))
        return { error: 'importPortfolio: "file" must be the portfolio file\'s JSON object' };
      return { request: { type, file: record.file } };
    }
    default:
      return undefined;
  }
}

function parseVenue(raw: unknown): VenueId | undefined {
  return VENUE_IDS.find((venue) => venue === raw);
}

/** Printable ASCII without spaces: every venue's keys, secrets and passphrases fit. */
const KEY_TEXT = /^[\x21-\x7e]{1,256}$/;

function parseCredentials(
  raw: unknown,
  venue: VenueId,
): { credentials: Credentials } | { error: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { error: '"credentials" must be an object' };
  const record = raw as Record<string, unknown>;
  if (venue === 'hyperliquid') {
    if (
      record.kind !== 'address' ||
      Object.keys(record).some((k) => k !== 'kind' && k !== 'address')
    )
      return { error: 'hyperliquid connects with { kind: "address", address }' };
    if (typeof record.address !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(record.address.trim()))
      return { error: 'the address must be 0x followed by 40 hexadecimal characters' };
    return { credentials: { kind: 'address', address: record.address.trim().toLowerCase() } };
  }
  const passphrase = VENUE_KEY_PASSPHRASE[venue];
  const allowed = ['kind', 'apiKey', 'secret', 'password'];
  if (record.kind !== 'apiKey' || Object.keys(record).some((k) => !allowed.includes(k)))
    return {
      error: `${venue} connects with { kind: "apiKey", apiKey, secret${passphrase ? ', password' : ''} }`,
    };
  if (typeof record.apiKey !== 'string' || !KEY_TEXT.test(record.apiKey.trim()))
    return { error: 'the API key must be 1–256 printable characters without spaces' };
  if (typeof record.secret !== 'string' || !KEY_TEXT.test(record.secret.trim()))
    return { error: 'the API secret must be 1–256 printable characters without spaces' };
  if (passphrase && (typeof record.password !== 'string' || !KEY_TEXT.test(record.password)))
    return { error: `an API key for ${VENUE_NAMES[venue]} needs its passphrase` };
  if (!passphrase && record.password !== undefined)
    return { error: `${venue} keys have no passphrase` };
  return {
    credentials: {
      kind: 'apiKey',
      apiKey: record.apiKey.trim(),
      secret: record.secret.trim(),
      ...(typeof record.password === 'string' && { password: record.password }),
    },
  };
}
