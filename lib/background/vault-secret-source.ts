import type { SecretSource } from '../connections/connection-service';
import {
  addSecret,
  getSecret,
  isUnlocked,
  listConnections,
  removeSecret,
} from '../storage/key-vault';

/**
 * The connection service's view of the key vault: API keys by connection id, read only while
 * the vault is unlocked. Keys go from here to ccxt in the service worker and nowhere else.
 */
export const vaultSecretSource: SecretSource = {
  async credentialsFor(connectionId) {
    const lookup = await getSecret(connectionId);
    if (lookup.secret === undefined) return undefined;
    return { kind: 'apiKey', ...lookup.secret };
  },
  isUnlocked,
  async store(connection, credentials) {
    await addSecret(
      {
        id: connection.id,
        venue: connection.venue,
        label: connection.label,
        createdAt: connection.createdAt,
      },
      {
        apiKey: credentials.apiKey,
        secret: credentials.secret,
        ...(credentials.password !== undefined && { password: credentials.password }),
      },
    );
  },
  async remove(connectionId) {
    await removeSecret(connectionId);
  },
  async ids() {
    try {
      return (await listConnections()).map((connection) => connection.id);
    } catch {
      // A damaged vault holds no id we can read; connecting an address must still work.
      return [];
    }
  },
};
