import type {
  PortfolioFileAccount,
  PortfolioFileCollateralTable,
  PortfolioFileTierTable,
} from '../venues/api/venue-api-types';
import type { ConnectionStatus, VenueConnection } from './connection-types';

/**
 * One portfolio file (DESIGN.md §4) from everything the trader has given us: an imported file
 * (its accounts, market and model sections as they are) and the last successful read of each
 * connected venue. Imported accounts sit beside connected ones; the engine sees one file and
 * validates it like any other. The demo portfolio is used only when there is nothing else.
 *
 * `asOf` is the newest observation: the time the portfolio is valued at (options' time to
 * expiry runs from it), so a stale part never moves the clock back for the others. How old each
 * connection's data is, is reported beside the report (connection freshness), not through asOf.
 * Account ids stay unique: a connected account whose id an imported one already uses gets a
 * `~connected` suffix. Index prices the venues reported (their option margin is computed on
 * them) are returned beside the file, not in it.
 */
export const PortfolioOrigin = {
  demo: 'demo',
  imported: 'imported',
  connected: 'connected',
  importedAndConnected: 'imported+connected',
} as const;
export type PortfolioOrigin = (typeof PortfolioOrigin)[keyof typeof PortfolioOrigin];

export interface ImportedPortfolio {
  /** The file as imported (validated again by the engine every time it is used). */
  readonly file: unknown;
  readonly isDemo: boolean;
}

export interface AssembledPortfolio {
  readonly origin: PortfolioOrigin;
  readonly file: unknown;
  /** Connected account id → the connection it came from. */
  readonly accountConnections: Readonly<Record<string, string>>;
  /**
   * Index prices the venues reported with their accounts, one entry per connection and asset. Kept out of the
   * file (file prices outrank live data and would travel with an export): the background adds
   * those of fresh connections to the live market input (venue-index-prices.ts).
   */
  readonly venueIndexPrices: readonly VenueIndexPrice[];
}

export interface VenueIndexPrice {
  readonly asset: string;
  /** USD per unit, a decimal string as the venue sent it. */
  readonly price: string;
  readonly connectionId: string;
  /** ISO-8601 time of the read it came with. */
  readonly readAt: string;
}

export function assemblePortfolio(
  imported: ImportedPortfolio | null,
  connections: readonly VenueConnection[],
  statuses: Readonly<Record<string, ConnectionStatus>>,
  demoFile: unknown,
): AssembledPortfolio {
  const connected = connections
    .map((connection) => ({ connection, status: statuses[connection.id] }))
    .filter(
      (entry): entry is { connection: VenueConnection; status: ConnectionStatus } =>
        entry.status?.snapshot != null && entry.status.lastSuccessAt !== null,
    );
  const realImport = imported !== null && !imported.isDemo ? imported : null;
  if (connected.length === 0) {
    if (realImport)
      return {
        origin: PortfolioOrigin.imported,
        file: realImport.file,
        accountConnections: {},
        venueIndexPrices: [],
      };
    return {
      origin: PortfolioOrigin.demo,
      file: imported?.file ?? demoFile,
      accountConnections: {},
      venueIndexPrices: [],
    };
  }

  const base = realImport && isRecord(realImport.file) ? realImport.file : undefined;
  const importedAccounts = Array.isArray(base?.accounts) ? (base.accounts as unknown[]) : [];
  const importedTiers = Array.isArray(base?.tierTables) ? (base.tierTables as unknown[]) : [];
  const importedCollateral = Array.isArray(base?.collateralTables)
    ? (base.collateralTables as unknown[])
    : [];
  const usedIds = new Set(
    importedAccounts.flatMap((account) =>
      isRecord(account) && typeof account.id === 'string' ? [account.id] : [],
    ),
  );
  const accounts: PortfolioFileAccount[] = [];
  const venueIndexPrices: VenueIndexPrice[] = [];
  const tierTables: PortfolioFileTierTable[] = [];
  // One collateral table per venue and asset (the file's rule): the imported one, else the first
  // connection's.
  const collateralKeys = new Set(
    importedCollateral.flatMap((table) =>
      isRecord(table) ? [`${String(table.venue)} ${String(table.asset)}`] : [],
    ),
  );
  const collateralTables: PortfolioFileCollateralTable[] = [];
  // One tier table per venue and symbol for the venue (the file's rule). Two connections to one
  // venue read the same symbol's table twice: the same tiers are kept once (the imported table,
  // else the first connection's). Different tiers for one symbol (brackets a venue adjusted for
  // one account, e.g. Binance's `notionalCoef`) are kept for that connection's accounts alone
  // (the table's `accounts`), so each account is priced with its own brackets.
  const tierKeys = new Map<string, string>(
    importedTiers.flatMap((table) =>
      isRecord(table)
        ? [[`${String(table.venue)} ${String(table.symbol)}`, JSON.stringify(table.tiers)] as const]
        : [],
    ),
  );
  const accountConnections: Record<string, string> = {};
  const observedAt: string[] = [];
  if (base && typeof base.asOf === 'string') observedAt.push(base.asOf);
  for (const { connection, status } of connected) {
    const snapshot = status.snapshot;
    if (!snapshot || status.lastSuccessAt === null) continue;
    observedAt.push(status.lastSuccessAt);
    const idsOnVenue = new Map<string, string[]>();
    for (const account of snapshot.accounts) {
      const id = usedIds.has(account.id) ? `${account.id}~connected` : account.id;
      usedIds.add(id);
      accounts.push(id === account.id ? account : { ...account, id });
      accountConnections[id] = connection.id;
      idsOnVenue.set(account.venue, [...(idsOnVenue.get(account.venue) ?? []), id]);
    }
    for (const table of snapshot.tierTables) {
      const key = `${table.venue} ${String(table.symbol)}`;
      const tiers = JSON.stringify(table.tiers);
      if (tierKeys.get(key) === tiers) continue;
      if (!tierKeys.has(key)) {
        tierKeys.set(key, tiers);
        tierTables.push(table);
        continue;
      }
      const own = idsOnVenue.get(table.venue) ?? [];
      if (own.length > 0) tierTables.push({ ...table, accounts: own });
    }
    for (const table of snapshot.collateralTables ?? []) {
      const key = `${table.venue} ${table.asset}`;
      if (collateralKeys.has(key)) continue;
      collateralKeys.add(key);
      collateralTables.push(table);
    }
    for (const [asset, price] of Object.entries(snapshot.prices ?? {}))
      venueIndexPrices.push({
        asset,
        price,
        connectionId: connection.id,
        readAt: status.lastSuccessAt,
      });
  }
  observedAt.sort((a, b) => Date.parse(a) - Date.parse(b));
  const file: Record<string, unknown> = {
    ...(base ?? { version: 1, baseCurrency: 'USD' }),
    asOf: observedAt.at(-1),
    accounts: [...importedAccounts, ...accounts],
  };
  if (importedTiers.length + tierTables.length > 0)
    file.tierTables = [...importedTiers, ...tierTables];
  if (importedCollateral.length + collateralTables.length > 0)
    file.collateralTables = [...importedCollateral, ...collateralTables];
  return {
    origin: realImport ? PortfolioOrigin.importedAndConnected : PortfolioOrigin.connected,
    file,
    accountConnections,
    venueIndexPrices,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
