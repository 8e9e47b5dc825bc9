import { beforeAll, describe, expect, it } from 'vitest';
import { bybitBtcusdtTiers } from '../../../test/golden/bybit-btcusdt-tiers';
import {
  itNamesAMalformedPositionList,
  problemOf,
  profileKeys,
  useFakeApi,
  withFakeApi,
} from '../../../test/fake-exchange/api/adapter-test-setup';
import { createBybitFakeApi, bybitFakeApi } from '../../../test/fake-exchange/api/bybit-api';
import { calculateRiskReport, parsePortfolio, venueMarginProblems } from '../../engine';
import { createExchange } from '../api/create-exchange';
import type {
  CcxtExchange,
  PortfolioFileAccount,
  PortfolioFilePosition,
  VenueAccountsSnapshot,
} from '../api/venue-api-types';
import {
  BYBIT_BTC_SHORT_ON_BTC_ACCOUNT,
  BYBIT_USDT_ON_USDC_AND_BTC_ACCOUNT,
} from '../../../test/fake-exchange/api/fixtures/bybit/bybit-unified-accounts';
import {
  coinRow,
  type BybitAccountFixture,
} from '../../../test/fake-exchange/api/fixtures/bybit/bybit-accounts';
import { bybitAdapter, createBybitAdapter } from './bybit-adapter';

/**
 * The Bybit adapter against the fake Bybit v5 API (test/fake-exchange/api/bybit-api.ts, whose
 * fixtures name the documentation pages they follow and how their figures were computed).
 */
const AS_OF = '2026-11-24T12:00:00Z';
const STATE = { profiles: profileKeys('bybit-').profiles };

const fake = useFakeApi('bybit', [bybitFakeApi], STATE);
const open = (apiKey: string, baseUrl?: string): CcxtExchange =>
  fake.exchange({ kind: 'apiKey', apiKey, secret: 'fake-secret' }, baseUrl);

const TIER_1 = { maintenanceMarginRate: '0.005', maintenanceAmount: '0', maxLeverage: 100 };
/** The key's taker fee rate (`GET /v5/account/fee-rate`, fixtures/bybit/bybit-fee-rates.ts). */
const TAKER = { takerFeeRate: '0.00055' };

const BTCUSDT_LONG: PortfolioFilePosition = {
  symbol: 'BTC/USDT:USDT',
  side: 'long',
  contracts: '0.500',
  contractSize: '1',
  entryPrice: '92400.00',
  markPrice: '95057.50',
  leverage: 10,
  ...TIER_1,
  ...TAKER,
  venueReported: {
    liquidationPrice: '52709.30',
    maintenanceMargin: '260.51275',
    initialMargin: '4775.744',
  },
};
const USDT_PUT: PortfolioFilePosition = {
  symbol: 'BTC/USDT:USDT-261225-100000-P',
  side: 'short',
  contracts: '1.00',
  contractSize: '1',
  entryPrice: '8200',
  markPrice: '9030',
  markIv: 0.55,
  // The ticker's underlyingPrice (the December future), not its indexPrice 95,000.
  forwardPrice: '95230',
  venueReported: { maintenanceMargin: '12070', initialMargin: '23280' },
};
const BTCPERP_SHORT: PortfolioFilePosition = {
  // USDC perpetual: the entry is the last session settlement's price (sessionAvgPrice 95,500,
  // avgPrice 96,000); no published BTCPERP table: no tier in force, the venue's figures only.
  symbol: 'BTC/USDC:USDC',
  side: 'short',
  contracts: '0.200',
  contractSize: '1',
  entryPrice: '95500.0',
  markPrice: '95057.50',
  leverage: 10,
  ...TAKER,
  venueReported: {
    liquidationPrice: '119843.00',
    maintenanceMargin: '106.613',
    initialMargin: '1912.7055',
  },
};
const BTCUSD_SHORT: PortfolioFilePosition = {
  // Inverse: USD contracts; the documented percent-unit tier row read as 0.5%; the cross
  // estimate "" is unknown, not 0.
  symbol: 'BTC/USD:BTC',
  side: 'short',
  contracts: '30000',
  contractSize: '1',
  entryPrice: '96500.00',
  markPrice: '95057.50',
  leverage: 10,
  ...TIER_1,
  ...TAKER,
  venueReported: { maintenanceMargin: '0.00173188', initialMargin: '0.03171373' },
};

/** The venue's BTC index, from the put's ticker (`indexPrice` "95000", fixtures/bybit). */
const BTC_INDEX = '95000';

describe('bybit adapter: a cross-margin Unified Trading Account', () => {
  let snapshot: VenueAccountsSnapshot;
  let requests: string[];
  beforeAll(async () => {
    ({ result: snapshot, requests } = await fake.recording(() =>
      bybitAdapter.fetchAccounts(open('bybit-readOnly'), 'bybit-main', AS_OF),
    ));
  });

  it('is one account per settlement coin, with the venue’s decimal strings and per-coin figures', () => {
    const cross = { venue: 'bybit', marginMode: 'cross', positionMode: 'oneway' } as const;
    expect(snapshot.accounts).toEqual<PortfolioFileAccount[]>([
      {
        ...cross,
        id: 'bybit-main:USDT',
        balances: [{ asset: 'USDT', total: '20000' }],
        positions: [BTCUSDT_LONG, USDT_PUT],
        // USDT totalPositionMM (perpetual + put); the coin's equity adds the put's value, which
        // the engine's margin balance leaves out, and accountMMRate covers all three coins.
        venueReported: { maintenanceMargin: '12330.51275' },
      },
      {
        ...cross,
        id: 'bybit-main:USDC',
        balances: [{ asset: 'USDC', total: '5000' }],
        positions: [BTCPERP_SHORT],
        venueReported: { maintenanceMargin: '106.613', equity: '5088.5' },
      },
      {
        ...cross,
        id: 'bybit-main:BTC',
        balances: [{ asset: 'BTC', total: '0.15' }],
        positions: [BTCUSD_SHORT],
        venueReported: { maintenanceMargin: '0.00173188', equity: '0.15471762' },
      },
    ]);
  });

  it('emits the risk-limit tables of the linear and inverse symbols held', () => {
    expect(snapshot.tierTables).toEqual([
      {
        venue: 'bybit',
        symbol: 'BTC/USDT:USDT',
        source: 'GET /v5/market/risk-limit',
        asOf: AS_OF,
        tiers: bybitBtcusdtTiers(3),
      },
      {
        venue: 'bybit',
        symbol: 'BTC/USD:BTC',
        source: 'GET /v5/market/risk-limit',
        asOf: AS_OF,
        tiers: [
          {
            floor: '0',
            cap: '150',
            maintenanceMarginRate: '0.005',
            maintenanceAmount: '0',
            maxLeverage: 100,
          },
        ],
      },
    ]);
  });

  it('reads each position list, the account configuration, the wallet and the public tiers', () => {
    const count = (path: string) => requests.filter((line) => line === `GET ${path}`).length;
    expect(count('/v5/account/info')).toBe(1);
    expect(count('/v5/account/wallet-balance')).toBe(1);
    expect(count('/v5/position/list')).toBe(4); // linear USDT, linear USDC, inverse, option
    expect(count('/v5/market/risk-limit')).toBe(3); // BTCUSDT, BTCPERP, BTCUSD
    expect(count('/v5/account/fee-rate')).toBe(3); // the same three; the option has none
    expect(count('/v5/market/tickers')).toBe(1); // the put's mark IV
    expect(count('/v5/asset/coin/query-info')).toBe(0); // currencies are not loaded
  });

  it('passes the background’s engine check but for the fixture’s missing table', () => {
    // What lib/connections/connection-service.ts `engineRefusal` builds from a snapshot,
    // including the index prices the adapter read with the option tickers.
    expect(snapshot.prices).toEqual({ BTC: BTC_INDEX });
    const file = {
      version: 1,
      asOf: AS_OF,
      baseCurrency: 'USD',
      accounts: snapshot.accounts,
      tierTables: snapshot.tierTables,
      market: { prices: snapshot.prices },
    };
    // No "mix USDT, USDC" or "linear or inverse contracts, not both" any more, and the option
    // rule has its BTC index. Left: the fake lists no BTCPERP risk-limit table
    // (fixtures/bybit/bybit-risk-limits.ts) — Bybit's own API lists one for every linear symbol,
    // so this refusal belongs to the fixture.
    const problems = venueMarginProblems(parsePortfolio(file));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(
      'account "bybit-main:USDC" position "BTC/USDC:USDC": no embedded Bybit tier table for BTCUSDC and no tierTables entry for bybit BTC/USDC:USDC',
    );
  });

  it('reports per-coin figures that the engine reproduces for each account', () => {
    // BTCPERP gets the 0.5% base maintenance rate Bybit gives BTC USDC contracts ("Risk Limit
    // (USDC Perpetual & Futures)", https://www.bybit.com/en/help-center/article/Risk-Limit-USDC-
    // Contract), the tier its positionMM was computed with (fixtures/bybit/bybit-accounts.ts).
    const accounts = snapshot.accounts.map((account) => ({
      ...account,
      positions: account.positions.map((position) =>
        position.symbol === 'BTC/USDC:USDC'
          ? { ...position, maintenanceMarginRate: '0.005', maintenanceAmount: '0' }
          : position,
      ),
    }));
    const report = calculateRiskReport(
      parsePortfolio({
        version: 1,
        asOf: AS_OF,
        accounts,
        tierTables: snapshot.tierTables,
        market: { prices: { BTC: BTC_INDEX } },
        model: { scenarios: 100, liquidationPaths: 100 },
      }),
    );
    for (const account of report.accounts) {
      const reported = account.venueReported;
      expect(reported?.maintenanceMargin?.venue).not.toBeNull();
      // The venue rounds to 8 decimals (BTC) or writes exact figures (USDT, USDC).
      expect(Math.abs(reported?.maintenanceMargin?.difference ?? 1)).toBeLessThan(1e-8);
      if (reported?.equity !== undefined)
        expect(Math.abs(reported.equity.difference ?? 1)).toBeLessThan(1e-8);
    }
    expect(report.accounts.map((account) => account.venueReported?.equity !== undefined)).toEqual([
      false,
      true,
      true,
    ]);
  });

  it('reports cross liquidation prices that the engine’s cross rule reproduces on each settlement account', () => {
    for (const asset of ['USDT', 'USDC']) {
      const account = snapshot.accounts.find((entry) => entry.id === `bybit-main:${asset}`);
      // The fixture's liqPrice is the perpetual alone on its coin's wallet (Bybit's estimate
      // would count every coin): the put is left out of the USDT account here.
      const position = account?.positions.find((entry) => entry.symbol === `BTC/${asset}:${asset}`);
      if (account === undefined || position === undefined) throw new Error(`no ${asset} account`);
      const report = calculateRiskReport(
        parsePortfolio({
          version: 1,
          asOf: AS_OF,
          accounts: [
            {
              ...account,
              positions: [{ ...position, maintenanceMarginRate: '0.005', maintenanceAmount: '0' }],
            },
          ],
          model: { scenarios: 100, liquidationPaths: 100 },
        }),
      );
      const ours = report.accounts[0]?.positions[0]?.liquidationPrice;
      const venue = Number(position.venueReported?.liquidationPrice);
      expect(ours).not.toBeNull();
      expect(Math.abs((ours as number) - venue)).toBeLessThanOrEqual(0.05); // the 0.10 tick
    }
  });
});

describe('bybit adapter: an isolated-margin account in hedge mode, over several pages', () => {
  it('follows nextPageCursor where ccxt reads one page', async () => {
    const exchange = open('bybit-paginated');
    const ccxtPositions = await exchange.fetchPositions(undefined, { limit: 1 });
    expect(ccxtPositions).toHaveLength(1); // the account holds two USDT-settled legs

    const { result: snapshot, requests } = await fake.recording(() =>
      createBybitAdapter({ positionPageSize: 1 }).fetchAccounts(
        open('bybit-paginated'),
        'bybit-iso',
        AS_OF,
      ),
    );
    // linear USDT: 2 pages; linear USDC, inverse, option: 1 page each.
    expect(requests.filter((line) => line === 'GET /v5/position/list')).toHaveLength(5);
    expect(snapshot.accounts).toEqual<PortfolioFileAccount[]>([
      {
        id: 'bybit-iso:USDT',
        venue: 'bybit',
        marginMode: 'isolated',
        positionMode: 'hedge',
        balances: [{ asset: 'USDT', total: '10000' }],
        positions: [
          {
            symbol: 'BTC/USDT:USDT',
            side: 'long',
            contracts: '0.300',
            contractSize: '1',
            entryPrice: '94000.00',
            markPrice: '95057.50',
            leverage: 10,
            marginMode: 'isolated',
            isolatedMargin: '2833.959',
            positionSide: 'long',
            ...TIER_1,
            ...TAKER,
            venueReported: {
              liquidationPrice: '85070.00',
              maintenanceMargin: '156.54525',
              initialMargin: '2833.959',
            },
          },
          {
            symbol: 'BTC/USDT:USDT',
            side: 'short',
            contracts: '0.100',
            contractSize: '1',
            entryPrice: '97000.00',
            markPrice: '95057.50',
            leverage: 20,
            marginMode: 'isolated',
            isolatedMargin: '490.60175',
            positionSide: 'short',
            ...TIER_1,
            ...TAKER,
            venueReported: {
              liquidationPrice: '101365.00',
              maintenanceMargin: '53.1305',
              initialMargin: '490.60175',
            },
          },
        ],
        // Per-coin figures apply to isolated margin; the account-wide ones do not.
        venueReported: { maintenanceMargin: '209.67575', equity: '10511.5' },
      },
      {
        id: 'bybit-iso:USDC',
        venue: 'bybit',
        marginMode: 'isolated',
        positionMode: 'oneway',
        balances: [{ asset: 'USDC', total: '3000' }],
        positions: [
          {
            // No session settlement yet (sessionAvgPrice ""): avgPrice is the entry.
            symbol: 'BTC/USDC:USDC',
            side: 'long',
            contracts: '0.100',
            contractSize: '1',
            entryPrice: '94500.0',
            markPrice: '95057.50',
            leverage: 10,
            marginMode: 'isolated',
            isolatedMargin: '949.67775',
            ...TAKER,
            venueReported: {
              liquidationPrice: '85522.50',
              maintenanceMargin: '52.2065',
              initialMargin: '949.67775',
            },
          },
        ],
        venueReported: { maintenanceMargin: '52.2065', equity: '3055.75' },
      },
    ]);
  });

  it('reports isolated liquidation prices equal to the engine’s Bybit isolated formula', async () => {
    const snapshot = await bybitAdapter.fetchAccounts(open('bybit-paginated'), 'bybit-iso', AS_OF);
    const report = calculateRiskReport(
      parsePortfolio({
        version: 1,
        asOf: AS_OF,
        accounts: [snapshot.accounts[0]],
        model: { scenarios: 100, liquidationPaths: 100 },
      }),
    );
    const prices = report.accounts[0]?.positions.map((position) => position.liquidationPrice);
    expect(prices).toEqual([85070, 101365]);
  });
});

describe('bybit adapter: an empty account', () => {
  it('has no account to report: no positions, no balances', async () => {
    const snapshot = await bybitAdapter.fetchAccounts(open('bybit-empty'), 'bybit-empty', AS_OF);
    expect(snapshot).toEqual({ accounts: [], tierTables: [] });
  });
});

describe('bybit adapter: errors a trader understands', () => {
  it.each([
    ['bybit-ipNotAllowed', 'ipNotAllowed', '10010'],
    ['bybit-expired', 'expiredKey', '33004'],
    ['bybit-clockSkew', 'clockSkew', '10002'],
    ['bybit-rateLimited', 'rateLimited', '10006'],
    ['bybit-venueDown', 'venueDown', '10016'],
    ['a-key-bybit-never-issued', 'wrongKey', '10003'],
  ])('%s → %s (Bybit code %s)', async (apiKey, kind, code) => {
    const { problem } = await problemOf(
      'bybit',
      bybitAdapter.fetchAccounts(open(apiKey), 'bybit-x', AS_OF),
    );
    expect(problem).toMatchObject({ kind, venueCode: code });
    expect(problem.message).not.toContain('fake-secret');
  });

  itNamesAMalformedPositionList(
    'bybit',
    () => bybitAdapter.fetchAccounts(open('bybit-malformed'), 'bybit-x', AS_OF),
    'bybit GET /v5/position/list?category=linear: result.list[0] "BTCUSDT" size must be a decimal number, got nothing',
  );

  it('refuses a classic account and a UTA 1.0 account holding inverse contracts, saying why', async () => {
    for (const [status, words] of [
      [1, 'classic account'],
      [4, 'Unified Trading Account 1.0'],
    ] as const) {
      const variant = createBybitFakeApi({ accountInfo: { unifiedMarginStatus: status } });
      const { error } = await withFakeApi([variant], STATE, (running) =>
        problemOf(
          'bybit',
          bybitAdapter.fetchAccounts(open('bybit-readOnly', running.baseUrl), 'bybit-x', AS_OF),
        ),
      );
      expect(error.message).toContain(words);
    }
  });

  it('reads a portfolio-margin account as one portfolio account with the venue’s figures', async () => {
    const variant = createBybitFakeApi({ accountInfo: { marginMode: 'PORTFOLIO_MARGIN' } });
    const snapshot = await withFakeApi([variant], STATE, (running) =>
      bybitAdapter.fetchAccounts(open('bybit-readOnly', running.baseUrl), 'bybit-pm', AS_OF),
    );
    const account = snapshot.accounts[0] as PortfolioFileAccount;
    expect(snapshot.accounts.map((entry) => entry.id)).toEqual(['bybit-pm']);
    expect(account.marginMode).toBe('portfolio');
    expect(account.balances.map((balance) => balance.asset)).toEqual(['USDT', 'USDC', 'BTC']);
    expect(account.venueReported).toEqual({
      marginRatio: '0.3065',
      maintenanceMargin: '12601.65435',
      equity: '32085.4239',
    });
    // Under portfolio margin an empty cross estimate stays unknown.
    expect(account.positions[2]?.venueReported).toEqual({
      maintenanceMargin: '0.00173188',
      initialMargin: '0.03171373',
    });
  });
});

describe('bybit adapter: a cross-margin UTA whose USDT perpetuals other coins carry', () => {
  /** The readOnly key on `account` (fixtures/bybit/bybit-unified-accounts.ts). */
  const read = (account: BybitAccountFixture, accountId: string) =>
    withFakeApi([createBybitFakeApi({ accounts: { readOnly: account } })], STATE, (running) =>
      fake.recording(
        () => bybitAdapter.fetchAccounts(open('bybit-readOnly', running.baseUrl), accountId, AS_OF),
        running,
      ),
    );
  /** The report the background computes from a snapshot (connection-service.ts, the file). */
  const reportOf = (snapshot: VenueAccountsSnapshot, market: Record<string, unknown> = {}) =>
    calculateRiskReport(
      parsePortfolio({
        version: 1,
        asOf: AS_OF,
        baseCurrency: 'USD',
        accounts: snapshot.accounts,
        tierTables: snapshot.tierTables,
        collateralTables: snapshot.collateralTables,
        market: { prices: snapshot.prices, ...market },
      }),
    );

  it('is one account with every collateral coin, the ratios, the USD indexes and Bybit’s figures', async () => {
    const { result: snapshot, requests } = await read(
      BYBIT_USDT_ON_USDC_AND_BTC_ACCOUNT,
      'bybit-uta',
    );
    // USDT's auto-borrowed derivatives liability (borrowAmount 1,066.825) is no refusal: its
    // wallet balance, −66.825 (the fees), is USDT's balance, the uPnL comes with the positions.
    expect(snapshot.accounts.map((account) => [account.id, account.balances])).toEqual([
      [
        'bybit-uta',
        [
          { asset: 'USDT', total: '-66.825' },
          { asset: 'USDC', total: '20000' },
          { asset: 'BTC', total: '0.5' },
        ],
      ],
    ]);
    expect(snapshot.accounts[0]?.venueReported).toEqual({
      marginRatio: '0.0131',
      maintenanceMargin: '838.52634425',
      equity: '64013.5763175',
    });
    // USDT = BTCUSD index / BTCUSDT index = 92,009.2 / 92,000; BTC and USDC their usdIndexPrice.
    expect(snapshot.prices).toEqual({ USDC: '0.9998', BTC: '92009.2', USDT: '1.0001' });
    // The same indexes travel with the account (live market data replaces the snapshot's prices).
    expect(snapshot.accounts[0]?.collateralIndex?.prices).toEqual([
      { asset: 'USDT', index: '1.0001' },
      { asset: 'USDC', index: '0.9998' },
      { asset: 'BTC', index: '92009.2' },
    ]);
    expect(snapshot.collateralTables?.map((table) => [table.asset, table.tiers.length])).toEqual([
      ['USDT', 1],
      ['USDC', 1],
      ['BTC', 6],
    ]);
    expect(snapshot.collateralTables?.[2]?.tiers[0]).toEqual({
      floor: '0',
      cap: '10',
      collateralRate: '0.98',
    });
    const count = (path: string) => requests.filter((line) => line === `GET ${path}`).length;
    expect(count('/v5/spot-margin-trade/collateral')).toBe(3);
    expect(count('/v5/market/tickers')).toBe(4); // USDCUSDT, BTCUSDT spot; BTCUSD, BTCUSDT index
  });

  it('gives the engine’s figures equal to Bybit’s within its rounding', async () => {
    const { result: snapshot } = await read(BYBIT_USDT_ON_USDC_AND_BTC_ACCOUNT, 'bybit-uta');
    const report = reportOf(snapshot);
    const account = report.accounts[0];
    // Margin balance 64,013.5763175 and MM 838.52634425 USD exactly, the fees to close included
    // (fixture derivation: USDT's liability counted once, at 100%); Bybit's accountMMRate is
    // rounded to 4 decimals: ours 838.52634425 / 64,013.5763175 = 0.0130992.
    expect(account?.equity).toBeCloseTo(64_013.5763175, 7);
    expect(account?.venueReported?.equity?.difference).toBeCloseTo(0, 9);
    expect(account?.venueReported?.maintenanceMargin?.difference).toBeCloseTo(0, 9);
    expect(Math.abs(account?.venueReported?.marginRatio?.difference ?? 1)).toBeLessThan(0.00005);
    // Each position's liquidation price beside Bybit's estimate, to its tick.
    const [btc, doge] = account?.positions ?? [];
    expect(Math.abs((btc?.liquidationPrice ?? 0) - 49_462.1)).toBeLessThan(0.05);
    expect(Math.abs((doge?.liquidationPrice ?? 0) - 0.94043)).toBeLessThan(0.000005);
    // The fees to close Bybit puts in IM and MM, at the key's 0.055%, named with their rate.
    expect(btc?.feeToClose?.takerFeeRate).toBe(0.00055);
    expect(btc?.feeToClose?.amount).toBeCloseTo(45.2925 * 1.0001, 9); // USD, at USDT's index
  });

  it('still matches Bybit’s figures when live market data prices the coins (the indexes travel with the account)', async () => {
    const { result: snapshot } = await read(BYBIT_USDT_ON_USDC_AND_BTC_ACCOUNT, 'bybit-uta');
    // Live data in place of the snapshot's prices: another source's BTC, USDT and USDC at peg.
    const account = calculateRiskReport(
      parsePortfolio({
        version: 1,
        asOf: AS_OF,
        baseCurrency: 'USD',
        accounts: snapshot.accounts,
        tierTables: snapshot.tierTables,
        collateralTables: snapshot.collateralTables,
        market: { prices: { BTC: '91950', DOGE: '0.315' } },
      }),
    ).accounts[0];
    expect(account?.venueReported?.equity?.difference).toBeCloseTo(0, 9);
    expect(account?.venueReported?.maintenanceMargin?.difference).toBeCloseTo(0, 9);
  });

  it('liquidates a short BTC carried by BTC where the collateral’s gain meets the loss', async () => {
    const { result: snapshot } = await read(BYBIT_BTC_SHORT_ON_BTC_ACCOUNT, 'bybit-btc');
    const account = reportOf(snapshot).accounts[0];
    expect(account?.venueReported?.equity?.difference).toBeCloseTo(0, 9);
    expect(account?.venueReported?.maintenanceMargin?.difference).toBeCloseTo(0, 9);
    expect(Math.abs(account?.venueReported?.marginRatio?.difference ?? 1)).toBeLessThan(0.00005);
    // P = (89,950.5 − 54.45) / (1.005 − 0.196) = 111,119.96, the fee to close 54.45 USDT
    // (fixture derivation); Bybit's estimate 111,120.00.
    expect(account?.positions[0]?.liquidationPrice).toBeCloseTo(
      (89_950.5 - 54.45) / (1.005 - 0.196),
      3,
    );
  });

  /** The first fixture with `coins` added to its wallet. */
  const withCoins = (...coins: Record<string, unknown>[]): BybitAccountFixture => {
    const [list] = BYBIT_USDT_ON_USDC_AND_BTC_ACCOUNT.wallet.list as readonly {
      coin: readonly Record<string, unknown>[];
    }[];
    return {
      ...BYBIT_USDT_ON_USDC_AND_BTC_ACCOUNT,
      wallet: { list: [{ ...list, coin: [...(list?.coin ?? []), ...coins] }] },
    };
  };

  it('keeps a coin switched off as collateral as a holding of no collateral value, still a price exposure', async () => {
    // 1,000 MNT, a platform non-collateral coin: usdIndexPrice "" (fixture ticker), priced at
    // its MNTUSDT last price × the USDT conversion rate, 0.75 × 1.0001.
    const mnt = {
      ...coinRow('MNT', '1000', '0', '1000', '0', '0', '0'),
      marginCollateral: false,
    };
    const { result: snapshot, requests } = await read(withCoins(mnt), 'bybit-uta');
    expect(snapshot.accounts[0]?.balances).toContainEqual({ asset: 'MNT', total: '1000' });
    expect(snapshot.prices?.MNT).toBe('0.750075');
    expect(snapshot.collateralTables?.find((table) => table.asset === 'MNT')?.tiers).toEqual([
      { floor: '0', cap: null, collateralRate: '0' },
    ]);
    // No collateral ratio asked for a coin that is not collateral.
    expect(requests.filter((line) => line === 'GET /v5/spot-margin-trade/collateral')).toHaveLength(
      3,
    );
    // The margin balance is Bybit's (MNT adds nothing to it), but MNT is a price exposure: the
    // report asks for its vol ...
    const unpriced = reportOf(snapshot);
    expect(unpriced.accounts[0]?.venueReported?.equity?.difference).toBeCloseTo(0, 9);
    expect(unpriced.refusals.map((refusal) => refusal.field)).toContain('market.annualVols.MNT');
    // ... and with one, MNT's risk adds to the portfolio's VaR.
    const vols = {
      annualVols: { BTC: 0.5, DOGE: 0.9, MNT: 0.9 },
      correlations: { 'MNT/BTC': 0.6, 'MNT/DOGE': 0.6 },
    };
    const report = reportOf(snapshot, vols);
    const without = reportOf(
      (await read(BYBIT_USDT_ON_USDC_AND_BTC_ACCOUNT, 'bybit-uta')).result,
      vols,
    );
    expect(report.refusals).toEqual([]);
    expect(report.portfolio.var).toBeGreaterThan(without.portfolio.var);
  });

  it('refuses spot borrowing by name before fetching tickers, even for a coin without a USD index', async () => {
    // MNT spot-borrowed and not collateral (usdIndexPrice ""): the named refusal, not a
    // malformed ticker.
    const mnt = {
      ...coinRow('MNT', '1000', '0', '500', '0', '0', '0'),
      marginCollateral: false,
      borrowAmount: '500',
      spotBorrow: '500',
    };
    const { error, problem } = await problemOf(
      'bybit',
      withFakeApi(
        [createBybitFakeApi({ accounts: { readOnly: withCoins(mnt) } })],
        STATE,
        (running) =>
          bybitAdapter.fetchAccounts(open('bybit-readOnly', running.baseUrl), 'bybit-uta', AS_OF),
      ),
    );
    expect(problem.kind).toBe('unsupportedAccount');
    expect(error.message).toContain(
      'bybit: this Unified Trading Account has spot-borrowed 500 MNT',
    );
  });

  it('refuses by name a collateral coin without a COINUSDT spot ticker (NotSupported, not malformed)', async () => {
    const xyz = coinRow('XYZ', '10', '0', '10', '10', '0', '0');
    const { error, problem } = await problemOf(
      'bybit',
      withFakeApi(
        [createBybitFakeApi({ accounts: { readOnly: withCoins(xyz) } })],
        STATE,
        (running) =>
          bybitAdapter.fetchAccounts(open('bybit-readOnly', running.baseUrl), 'bybit-uta', AS_OF),
      ),
    );
    expect(problem.kind).toBe('unsupportedAccount');
    expect(error.message).toContain(
      'bybit: this Unified Trading Account holds XYZ, which has no XYZUSDT spot ticker on Bybit',
    );
  });
});

describe('bybit adapter: key permissions (GET /v5/user/query-api)', () => {
  it.each([
    ['bybit-readOnly', true, []],
    [
      'bybit-tradeEnabled',
      false,
      [
        'trade contracts',
        'change contract positions',
        'trade spot',
        'trade options and USDC contracts',
        'trade derivatives',
      ],
    ],
    ['bybit-withdrawEnabled', false, ['transfer between accounts', 'withdraw']],
  ])('%s → readOnly %s', async (apiKey, readOnly, capabilities) => {
    const { result, requests } = await fake.recording(() =>
      (bybitAdapter.checkKeyPermissions as NonNullable<typeof bybitAdapter.checkKeyPermissions>)(
        open(apiKey),
      ),
    );
    expect(result).toEqual({ readOnly, capabilities, checkedWith: 'GET /v5/user/query-api' });
    expect(requests).toEqual(['GET /v5/user/query-api']); // no markets, nothing else
  });

  it('names the API host ccxt calls as its host permission', () => {
    const exchange = createExchange('bybit', undefined);
    const hosts = Object.values(
      (exchange as unknown as { urls: { api: Record<string, string> } }).urls.api,
    ).map((url) => `${url.replace('{hostname}', 'bybit.com')}/*`);
    expect(new Set(hosts)).toEqual(new Set(bybitAdapter.hostPermissions));
  });
});
