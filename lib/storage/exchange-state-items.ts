import { storage } from 'wxt/utils/storage';
import type { VenueId } from '../venues/venue-descriptors';
import { decodeBase64, encodeBase64 } from './vault-crypto';

/**
 * What a venue's ccxt exchange learned that a restarted service worker should not ask the venue
 * again (lib/background/stored-exchange-state.ts): its market list and its rate limiter's level,
 * one entry per venue in `session:` storage (in memory, gone when the browser stops; not readable
 * by content scripts). Public data only: no key, no account.
 *
 * Units: times are milliseconds since the Unix epoch; `tokens` is ccxt's leaky-bucket level
 * (requests' cost units; negative while requests wait).
 *
 * Size: a venue's market list with its option chains runs to megabytes of JSON, and session
 * storage holds 10 MB on Chromium, shared with the unlocked vault. Lists are stored gzipped
 * (base64; the repeated keys of ccxt's market objects shrink about tenfold), and a venue whose
 * packed list passes MAX_PACKED_MARKETS_CHARACTERS is not stored (its markets are then loaded
 * from the venue after each restart, as before): at most six venues × 1 M characters, which
 * leaves the vault its room.
 *
 * Every read of markets is checked and anything unexpected reads as nothing stored; the rate
 * limiter's level is checked where it is restored. Nothing here throws for a damaged entry.
 */
export interface StoredMarkets {
  readonly savedAt: number;
  /** What ccxt's `fetchMarkets` returned. */
  readonly markets: unknown;
  /** What ccxt's `fetchCurrencies` returned with them, where `loadMarkets` asks for it. */
  readonly currencies?: unknown;
}

export interface RateLimiterLevel {
  readonly tokens: number;
  readonly at: number;
}

export interface ExchangeStateStore {
  readMarkets(venue: VenueId): Promise<StoredMarkets | undefined>;
  saveMarkets(venue: VenueId, entry: StoredMarkets): Promise<void>;
  forgetMarkets(venue: VenueId): Promise<void>;
  /**
   * What is stored, unchecked (undefined when nothing is): only the instance it is restored into
   * knows its range (lib/background/restored-rate-limiter.ts checks it).
   */
  readRateLimiter(venue: VenueId): Promise<unknown>;
  saveRateLimiter(venue: VenueId, level: RateLimiterLevel): Promise<void>;
}

export const MAX_PACKED_MARKETS_CHARACTERS = 1_000_000;

const MARKETS_PREFIX = 'venueMarkets.';
const RATE_LIMITER_PREFIX = 'venueRateLimiter.';

const marketsKey = (venue: VenueId) => `session:${MARKETS_PREFIX}${venue}` as const;
const rateLimiterKey = (venue: VenueId) => `session:${RATE_LIMITER_PREFIX}${venue}` as const;

/** Whether a storage key (as `storage.onChanged` names it) is one of these entries. */
export function isExchangeStateKey(key: string): boolean {
  return key.startsWith(MARKETS_PREFIX) || key.startsWith(RATE_LIMITER_PREFIX);
}

const isTime = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

export const sessionExchangeState: ExchangeStateStore = {
  async readMarkets(venue) {
    const stored: unknown = await storage.getItem(marketsKey(venue));
    if (typeof stored !== 'object' || stored === null) return undefined;
    const { savedAt, packed } = stored as Record<string, unknown>;
    if (!isTime(savedAt) || typeof packed !== 'string') return undefined;
    try {
      const { markets, currencies } = JSON.parse(
        await gunzip(decodeBase64(packed, 'the stored markets')),
      ) as { markets?: unknown; currencies?: unknown };
      if (markets === undefined) return undefined;
      return { savedAt, markets, ...(currencies !== undefined && { currencies }) };
    } catch {
      return undefined;
    }
  },

  async saveMarkets(venue, { savedAt, markets, currencies }) {
    const packed = encodeBase64(await gzip(JSON.stringify({ markets, currencies })));
    if (packed.length > MAX_PACKED_MARKETS_CHARACTERS) {
      await storage.removeItem(marketsKey(venue));
      return;
    }
    await storage.setItem(marketsKey(venue), { savedAt, packed });
  },

  async forgetMarkets(venue) {
    await storage.removeItem(marketsKey(venue));
  },

  async readRateLimiter(venue) {
    const stored: unknown = await storage.getItem(rateLimiterKey(venue));
    return stored ?? undefined;
  },

  async saveRateLimiter(venue, { tokens, at }) {
    await storage.setItem(rateLimiterKey(venue), { tokens, at });
  },
};

async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function gunzip(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}
