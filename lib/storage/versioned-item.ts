import { storage, type StorageItemKey, type WxtStorageItem } from 'wxt/utils/storage';

/**
 * A versioned WXT storage item (https://wxt.dev/storage.html#versioning) whose value and
 * version mark (`<key>$`, `{ v }`) are written by one `storage.set` call, so that a service
 * worker stopped mid-write leaves both or neither.
 *
 * WXT's own `setValue` writes the mark beside the first value in a second call; a worker stopped
 * between the two (issue 13, service-worker lifecycle; import-restart.test.ts) left a value with
 * no mark, which WXT reads as version 1 and, for an item at version 2 or later, migrates again as
 * if it were old — dropping what a version-2 migration drops (page-accounts-item.ts) — and it is
 * never marked afterwards. A set of several keys is one change in the browser: Chromium's
 * `storage.local.set` commits its items in one write batch, Firefox's in one transaction.
 *
 * Everything else (reads, migrations at start, watching, removal) is WXT's. The mark holds the
 * version only: no item here keeps other metadata. Writing `null` removes the value, as in WXT.
 */
export function defineVersionedItem<T>(
  key: StorageItemKey,
  options: {
    readonly fallback: T;
    readonly version: number;
    readonly migrations: Readonly<Record<number, (stored: unknown) => unknown>>;
  },
): WxtStorageItem<T, Record<string, never>> {
  const item = storage.defineItem<T, Record<string, never>>(key, {
    fallback: options.fallback,
    version: options.version,
    migrations: { ...options.migrations },
  });
  return {
    ...item,
    async setValue(value) {
      // WXT's migrations of this item (run once at start) finish first, as in its `setValue`.
      await item.getMeta();
      if (value === null || value === undefined) {
        await item.removeValue();
        return;
      }
      await storage.setItems([
        { key, value },
        { key: `${key}$`, value: { v: options.version } },
      ]);
    },
  };
}
