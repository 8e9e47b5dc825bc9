import type { VenueRulesId } from '../engine/margin/venue-rules';

/** What Margin Lens knows of one venue, written once in its folder (venue-descriptors.ts lists them). */
export interface VenueDescriptor {
  /**
   * The ccxt exchange id, which is also the key of the engine's margin rules
   * (lib/engine/margin/venue-rules.ts): a portfolio account's `venue` selects both. Typed by the
   * engine's rule ids (a type-only import: the engine's code stays out of the bundles that read
   * descriptors), so a venue without margin rules does not compile.
   */
  readonly id: VenueRulesId;
  /** The venue's name as traders see it in Margin Lens's pages. */
  readonly name: string;
  /**
   * The API hosts ccxt calls for a read-only risk read, as match patterns `https://host/*`;
   * requested as optional host permissions when the trader connects the venue (DESIGN.md §8).
   */
  readonly apiHosts: readonly string[];
  /**
   * The exchange pages a content script runs on, as match patterns; empty while the venue has
   * no page reader. The background trusts content-script messages only from these origins.
   */
  readonly pageMatches: readonly string[];
  /**
   * Where the venue warns that an account's margin runs short, as a margin ratio (maintenance
   * margin / equity, a fraction: every supported venue liquidates at 1), with where that comes
   * from; `ratio` null when the venue publishes no warning level (views and alerts then use their
   * own and say so).
   */
  readonly marginWarning: { readonly ratio: number | null; readonly source: string };
  /**
   * USD per contract of the venue's inverse contracts by base asset (`*`: every other base), for
   * a pre-trade check in a contract the book holds no position in (a held position carries its
   * own, read from the venue); absent where the venue lists no inverse contracts.
   */
  readonly inverseContractUsd?: Readonly<Record<string, number>>;
  /**
   * True where the venue's API keys come with a passphrase (ccxt's `password`: OKX, Bitget): the
   * options page asks for it and the background requires it (parse-account-request.ts).
   */
  readonly keyPassphrase?: boolean;
  /**
   * What the options page says, where the trader enters a key, about the permissions the venue's
   * key needs and how far Margin Lens can check them, when the general words ("a key that can
   * trade or withdraw is refused") are not the whole truth for it (Gate: its check covers its
   * main account's keys only).
   */
  readonly keyAdvice?: string;
}
