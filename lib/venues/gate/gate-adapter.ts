import Decimal from 'decimal.js';
import { loadedMarket } from '../api/loaded-market';
import { PayloadReader } from '../api/payload-reader';
import type {
  CcxtExchange,
  PortfolioFileAccount,
  PortfolioFileTierTable,
  VenueAccountsSnapshot,
  VenueAdapter,
} from '../api/venue-api-types';
import { VENUE_KEY_PASSPHRASE } from '../venue-descriptors';
import { checkGateClassicAccount } from './gate-account-detail';
import { parseGateFuturesAccount } from './gate-futures-account';
import { gateKeyListRefused, parseGateKeyPermissions } from './gate-key-permissions';
import { GATE_OTHER_BOOKS, readGateOtherBook } from './gate-other-books';
import {
  GATE_POSITIONS_ENDPOINT,
  readGatePositionRow,
  toGatePortfolioPosition,
  type GatePositionRow,
} from './gate-positions';
import { parseGateRiskLimitTiers } from './gate-risk-limit-tiers';
import { parseGateTakerFee } from './gate-trade-fee';
import { GATE_VENUE } from './gate-venue';

/**
 * Gate (ccxt `gate`, API v4 on api.gateio.ws): the classic USDT-margined futures account, read
 * with a read-only key.
 *
 * Reads ccxt's markets (the USDT perpetuals' contract list, `GET /api/v4/futures/usdt/contracts`,
 * create-exchange.ts), the account's mode (`GET /api/v4/account/detail`, a legacy unified
 * account refused), the futures account (`GET /api/v4/futures/usdt/accounts`: wallet, dual
 * mode, Gate's maintenance margin; unified margin modes refused), the positions
 * (`GET /api/v4/futures/usdt/positions?holding=true`, 100 a page), the BTC-settled and delivery
 * books only to refuse a position held there (gate-other-books.ts), then per contract held its
 * public risk-limit tiers and the key's taker fee (`GET /api/v4/futures/usdt/fee`: Gate's
 * liquidation price charges the fee to close, cross and isolated, lib/engine/margin/gate.ts).
 *
 * One account `accountId`: the USDT futures wallet, cross positions sharing it and isolated ones
 * with their own margin. Money is passed on as Gate's decimal strings.
 *
 * Key permissions: `GET /api/v4/account/main_keys` lists the main account's keys with their
 * permissions (gate-key-permissions.ts): a key that can trade, transfer or withdraw is refused. A
 * key Gate does not describe there (a sub-account's key, or the list refused with FORBIDDEN) is
 * not confirmed: the check says so and the options page tells the trader to make sure it is
 * read-only (the key advice of gate-venue.ts). Every request Margin Lens sends is a GET.
 */
interface GateImplicitApi {
  privateAccountGetDetail(params?: object): Promise<unknown>;
  privateAccountGetMainKeys(params?: object): Promise<unknown>;
  privateFuturesGetSettleAccounts(params: object): Promise<unknown>;
  privateFuturesGetSettlePositions(params: object): Promise<unknown>;
  privateDeliveryGetSettlePositions(params: object): Promise<unknown>;
  publicFuturesGetSettleRiskLimitTiers(params: object): Promise<unknown>;
  privateFuturesGetSettleFee(params: object): Promise<unknown>;
}

interface MarketLike {
  readonly id: string;
  readonly symbol: string;
  readonly info: { readonly quanto_multiplier?: unknown };
}

/** Gate's page size for positions (its documented maximum and default, 100). */
const PAGE = 100;

export const gateAdapter: VenueAdapter = {
  venue: 'gate',
  credentialKind: 'apiKey',
  needsPassword: VENUE_KEY_PASSPHRASE.gate,
  hostPermissions: GATE_VENUE.apiHosts,
  async checkKeyPermissions(exchange) {
    const gate = exchange as unknown as GateImplicitApi;
    try {
      return parseGateKeyPermissions(await gate.privateAccountGetMainKeys(), exchange.apiKey);
    } catch (error) {
      const refused = gateKeyListRefused(error);
      if (refused !== undefined) return refused;
      throw error;
    }
  },
  fetchAccounts: fetchGateAccounts,
};

async function fetchGateAccounts(
  exchange: CcxtExchange,
  accountId: string,
  asOf: string,
): Promise<VenueAccountsSnapshot> {
  const gate = exchange as unknown as GateImplicitApi;
  await exchange.loadMarkets();
  checkGateClassicAccount(await gate.privateAccountGetDetail());
  const account = parseGateFuturesAccount(
    await gate.privateFuturesGetSettleAccounts({ settle: 'usdt' }),
  );
  const rows = await readPositions(gate);
  await readGateOtherBook(
    () => gate.privateFuturesGetSettlePositions({ settle: 'btc', holding: true }),
    GATE_OTHER_BOOKS.inverse,
  );
  await readGateOtherBook(
    () => gate.privateDeliveryGetSettlePositions({ settle: 'usdt' }),
    GATE_OTHER_BOOKS.delivery,
  );

  const contracts = [...new Set(rows.map((row) => row.contract))];
  const markets = new Map(contracts.map((contract) => [contract, marketFor(exchange, contract)]));
  const symbolOf = (contract: string) => (markets.get(contract) as MarketLike).symbol;
  const tierTables = await Promise.all(
    contracts.map(async (contract) =>
      parseGateRiskLimitTiers(
        await gate.publicFuturesGetSettleRiskLimitTiers({ settle: 'usdt', contract }),
        contract,
        symbolOf(contract),
        asOf,
      ),
    ),
  );
  const takerFees = new Map(
    await Promise.all(
      contracts.map(
        async (contract) =>
          [
            contract,
            parseGateTakerFee(
              await gate.privateFuturesGetSettleFee({ settle: 'usdt', contract }),
              contract,
            ),
          ] as const,
      ),
    ),
  );

  const positions = rows.map((row) => {
    const market = markets.get(row.contract) as MarketLike;
    const fee = takerFees.get(row.contract);
    return toGatePortfolioPosition(row, {
      symbol: market.symbol,
      contractSize: new PayloadReader('gate', 'GET /api/v4/futures/usdt/contracts').decimal(
        market.info.quanto_multiplier,
        `"${row.contract}" quanto_multiplier`,
        'positive',
      ),
      // A rebate (a negative taker fee) is no charge: the position says 0, not nothing.
      ...(fee !== undefined && { takerFeeRate: 'charged' in fee ? fee.charged : '0' }),
    });
  });
  const empty = positions.length === 0 && new Decimal(account.walletBalance).isZero();
  const result: PortfolioFileAccount = {
    id: accountId,
    venue: 'gate',
    marginMode: 'cross',
    positionMode: account.positionMode,
    balances: [{ asset: account.currency, total: account.walletBalance }],
    positions,
    ...(account.maintenanceMargin !== undefined && {
      venueReported: { maintenanceMargin: account.maintenanceMargin },
    }),
  };
  return {
    accounts: empty ? [] : [result],
    tierTables: tierTables.filter((table): table is PortfolioFileTierTable => table !== undefined),
  };
}

/** Every USDT-margined position, page by page (Gate pages with `limit` and `offset`). */
async function readPositions(gate: GateImplicitApi): Promise<GatePositionRow[]> {
  const reader = new PayloadReader('gate', GATE_POSITIONS_ENDPOINT);
  const rows: GatePositionRow[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = reader.array(
      await gate.privateFuturesGetSettlePositions({
        settle: 'usdt',
        holding: true,
        limit: PAGE,
        offset,
      }),
      'response',
    );
    page.forEach((raw, index) => {
      const row = readGatePositionRow(raw, offset + index);
      if (row !== undefined) rows.push(row);
    });
    if (page.length < PAGE) return rows;
  }
}

function marketFor(exchange: CcxtExchange, contract: string): MarketLike {
  return loadedMarket<MarketLike>(
    exchange,
    (candidate) => candidate.id === contract,
    new PayloadReader('gate', GATE_POSITIONS_ENDPOINT),
    `"${contract}" contract`,
    'GET /api/v4/futures/usdt/contracts',
  );
}
