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
import { checkGateClassicAccount } from './gate-account-detail';
import { parseGateFuturesAccount } from './gate-futures-account';
import { GATE_OTHER_BOOKS, refuseGateOtherBook } from './gate-other-books';
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
 * Key permissions: Gate API v4 has no endpoint that tells a key its own permissions (the account
 * detail holds none, gate-account-detail.ts), so `checkKeyPermissions` is absent and a Gate key is
 * not checked for trade or withdraw rights (DESIGN.md §8 checks keys "where it exists"; README
 * says so, and the trader is asked for a read-only key). Every request Margin Lens sends is a GET.
 */
interface GateImplicitApi {
  privateAccountGetDetail(params?: object): Promise<unknown>;
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
  needsPassword: false,
  hostPermissions: GATE_VENUE.apiHosts,
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
  refuseGateOtherBook(
    await gate.privateFuturesGetSettlePositions({ settle: 'btc', holding: true }),
    GATE_OTHER_BOOKS.inverse,
  );
  refuseGateOtherBook(
    await gate.privateDeliveryGetSettlePositions({ settle: 'usdt' }),
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
      ...(fee !== undefined && 'charged' in fee && { takerFeeRate: fee.charged }),
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
