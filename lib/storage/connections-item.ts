import { defineVersionedItem } from './versioned-item';
import type { ConnectionStatus, VenueConnection } from '../connections/connection-types';

/**
 * Connected venues and the last reads of each, in `local:` storage so that a restarted service
 * worker carries on where it stopped. Nothing secret is stored here (keys live in the vault);
 * a Hyperliquid address is public. Versioned like every item: a change of shape adds a version
 * and a migration here.
 */
export const connectionsItem = defineVersionedItem<VenueConnection[]>('local:connections', {
  fallback: [],
  version: 1,
  migrations: {},
});

export const connectionStatusItem = defineVersionedItem<Record<string, ConnectionStatus>>(
  'local:connectionStatus',
  { fallback: {}, version: 1, migrations: {} },
);

/**
 * Ids of key connections a connect or a disconnect was changing (the connection service's
 * `PendingKeyChanges`): the only keys the cleanup at worker start may remove.
 */
export const pendingKeyChangesItem = defineVersionedItem<string[]>('local:pendingKeyChanges', {
  fallback: [],
  version: 1,
  migrations: {},
});
