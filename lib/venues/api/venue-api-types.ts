/**
 * The contract between the background's venue connections and the venue adapters.
 *
 * An adapter reads one connected venue account through ccxt (one exchange class, created by
 * create-exchange.ts) and returns it as portfolio-file accounts (DESIGN.md §4): money as decimal
 * strings exactly as the venue sent them, the venue's own figures under `venueReported`, and the
 * venue's tier tables where it exposes them. The engine validates that file as it validates an
 * imported one, so a connected account and an imported account are the same thing to it.
 */

import type {
  PortfolioFileAccount,
  PortfolioFileCollateralTable,
  PortfolioFileTierTable,
} from '../../engine/portfolio/portfolio-file-schema';
import type { VenueId } from '../venue-descriptors';

// Venue ids come from the venue descriptors (venue-descriptors.ts); re-exported for this
// contract's many readers.
export type { VenueId };

// What an adapter returns is the portfolio file's own accounts and tier tables: their types are
// the engine's file schema's (lib/engine/portfolio/portfolio-file-schema.ts), re-exported here
// for the adapters, so the types and the validation cannot drift apart.
export type {
  PortfolioFileAccount,
  PortfolioFileCollateralTable,
  PortfolioFilePosition,
  PortfolioFileTier,
  PortfolioFileTierTable,
  PortfolioFileVenueReportedAccount,
  PortfolioFileVenueReportedPosition,
} from '../../engine/portfolio/portfolio-file-schema';

/** A read-only API key. `password` is OKX's passphrase (ccxt calls it `password`). */
export interface ApiKeyCredentials {
  readonly kind: 'apiKey';
  readonly apiKey: string;
  readonly secret: string;
  readonly password?: string;
}

/** A public wallet address (Hyperliquid): nothing secret. */
export interface AddressCredentials {
  readonly kind: 'address';
  readonly address: string;
}

export type Credentials = ApiKeyCredentials | AddressCredentials;

/** What the venue's permission endpoint says a key may do. */
export interface KeyPermissionCheck {
  /** True only when the key can read and can do nothing else that moves money. */
  readonly readOnly: boolean;
  /** What the key can do beyond reading, in plain words ("trade futures", "withdraw"). */
  readonly capabilities: readonly string[];
  /** The endpoint that answered, e.g. `GET /sapi/v1/account/apiRestrictions`. */
  readonly checkedWith: string;
  /**
   * Set when the venue would not say what the key may do (Gate lists only its main account's
   * keys, and may refuse the list): why, in words. The key is then neither confirmed nor
   * refused — `readOnly` is false, `capabilities` empty — and the trader is told plainly to make
   * sure it is read-only.
   */
  readonly notChecked?: string;
}

/** What one read of a connected venue returns. */
export interface VenueAccountsSnapshot {
  readonly accounts: readonly PortfolioFileAccount[];
  readonly tierTables: readonly PortfolioFileTierTable[];
  /**
   * The venue's collateral rates of the coins its accounts hold, where its rules value collateral
   * with them (the file's top-level `collateralTables`; Bybit's tiered collateral value ratios).
   */
  readonly collateralTables?: readonly PortfolioFileCollateralTable[];
  /**
   * Index prices in USD by asset, as the venue reported them with the positions (decimal
   * strings): what its option margin rules are computed on (Bybit option tickers, Deribit
   * positions' `index_price`).
   */
  readonly prices?: Readonly<Record<string, string>>;
  /**
   * The venue's own id of the account read (Deribit's account `id`), when the venue reports it:
   * how an account read from the venue's page is told to be the same (with-page-accounts.ts).
   */
  readonly venueAccountId?: string;
  /**
   * Hyperliquid: true when the address was read in unified account mode, one account per
   * collateral token across the dexes on its spot balance (hyperliquid-unified-account.ts). A
   * page read, which reads the first dex on its own, does not take its place
   * (with-page-accounts.ts).
   */
  readonly unifiedAccount?: true;
}

/**
 * The exchange object an adapter talks to: a ccxt exchange instance. Typed loosely on purpose:
 * adapters call ccxt's unified methods and, where ccxt has gaps, the venue's implicit API
 * methods (e.g. `sapiGetAccountApiRestrictions`), whose names ccxt generates at run time.
 */
export type CcxtExchange = import('ccxt-src/base/Exchange.js').Exchange;

export interface VenueAdapter {
  readonly venue: VenueId;
  /** How a trader connects: a read-only API key or a public address. */
  readonly credentialKind: Credentials['kind'];
  /** True when the venue's keys have a passphrase (OKX). */
  readonly needsPassword: boolean;
  /**
   * The API hosts ccxt calls for this venue, as match patterns; requested as optional host
   * permissions when the trader connects the venue.
   */
  readonly hostPermissions: readonly string[];
  /**
   * Asks the venue's own permission endpoint what the key may do. Undefined for address
   * connections (nothing to check).
   */
  checkKeyPermissions?(exchange: CcxtExchange): Promise<KeyPermissionCheck>;
  /**
   * Reads every position, balance, margin and position mode of the connected account and the
   * tier tables of the symbols held. `accountId` prefixes the ids of the accounts returned
   * (a venue may return several margin silos, e.g. isolated positions on their own).
   * `asOf` is the read time (ISO-8601), passed in so adapters stay clock-free.
   */
  fetchAccounts(
    exchange: CcxtExchange,
    accountId: string,
    asOf: string,
  ): Promise<VenueAccountsSnapshot>;
}
