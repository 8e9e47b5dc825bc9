import { beforeAll, describe, expect, it } from 'vitest';
import { OKX_ETH_USDT_FILE_TIERS } from '../../../test/fake-exchange/api/fixtures/okx/okx-position-tiers';
import {
  itNamesAMalformedPositionList,
  itRefusesAKeyWithoutItsPassphrase,
  problemOf,
  profileKeys,
  recordRequests,
  useFakeApi,
  withFakeApi,
} from '../../../test/fake-exchange/api/adapter-test-setup';
import { createOkxFakeApi, okxFakeApi } from '../../../test/fake-exchange/api/okx-api';
import type { FakeVenueApi } from '../../../test/fake-exchange/api/fake-api';
import { calculateRiskReport, parsePortfolio, PortfolioError } from '../../engine';
import { createExchange } from '../api/create-exchange';
import type {
  CcxtExchange,
  PortfolioFileAccount,
  VenueAccountsSnapshot,
} from '../api/venue-api-types';
import { okxAdapter } from './okx-adapter';
import Decimal from 'decimal.js';
import { OKX_MULTI_CURRENCY_ACROSS_ACCOUNT } from '../../../test/fake-exchange/api/fixtures/okx/okx-accounts';
import { OKX_OPTION_ACCOUNT } from '../../../test/fake-exchange/api/fixtures/okx/okx-options';

/**
 * The OKX adapter against the fake OKX v5 API (test/fake-exchange/api/okx-api.ts, whose
 * fixtures name the documentation they follow and how their figures were computed).
 */
const AS_OF = '2026-11-24T12:00:00Z';
const STATE = { profiles: profileKeys('okx-').profiles };

const fake = useFakeApi('okx', [okxFakeApi], STATE);
/** The report the background computes from a snapshot, at its own prices (short simulations). */
const reportOf = (snapshot: VenueAccountsSnapshot) =>
  calculateRiskReport(
    parsePortfolio({
      version: 1,
      asOf: AS_OF,
      accounts: snapshot.accounts,
      tierTables: snapshot.tierTables,
      collateralTables: snapshot.collateralTables,
      market: { prices: snapshot.prices },
      model: { scenarios: 100, liquidationPaths: 100 },
    }),
  );
/** The read-only key's read of the fake OKX `variant`, with the requests it made. */
const recordedRead = (variant: FakeVenueApi) =>
  withFakeApi([variant], STATE, (running) =>
    recordRequests(running, () =>
      okxAdapter.fetchAccounts(open('okx-readOnly', running.baseUrl), 'okx-main', AS_OF),
    ),
  );
/** `password` null: a key entered without its passphrase. */
const open = (
  apiKey: string,
  baseUrl?: string,
  password: string | null = 'fake-passphrase',
): CcxtExchange =>
  fake.exchange(
    { kind: 'apiKey', apiKey, secret: 'fake-secret', ...(password !== null && { password }) },
    baseUrl,
  );

/** OKX's ETH-USDT tiers (contracts) on the engine's quantity basis: × ctVal 0.1 ETH. */
const ETH_TIER_TABLE = {
  venue: 'okx',
  symbol: 'ETH/USDT:USDT',
  source: 'GET /api/v5/public/position-tiers',
  asOf: AS_OF,
  tiers: OKX_ETH_USDT_FILE_TIERS,
} as const;

const USDT_ACCOUNT: PortfolioFileAccount = {
  id: 'okx-main:USDT',
  venue: 'okx',
  marginMode: 'cross',
  positionMode: 'hedge',
  balances: [{ asset: 'USDT', total: '8000' }],
  positions: [
    {
      symbol: 'ETH/USDT:USDT',
      side: 'long',
      contracts: '100',
      contractSize: '0.1',
      entryPrice: '3180.5',
      markPrice: '3305.12',
      leverage: 10,
      positionSide: 'long',
      venueReported: {
        liquidationPrice: '2659.136546184739',
        maintenanceMargin: '132.2048',
        initialMargin: '3305.12',
      },
    },
    {
      symbol: 'ETH/USDT:USDT',
      side: 'short',
      contracts: '40',
      contractSize: '0.1',
      entryPrice: '3350',
      markPrice: '3305.12',
      leverage: 5,
      marginMode: 'isolated',
      isolatedMargin: '2680',
      positionSide: 'short',
      // The key's USDT-margined taker rate (`takerU` "-0.0005"), not the crypto-margined one.
      takerFeeRate: '0.0005',
      venueReported: { liquidationPrice: '4001.991040318566', maintenanceMargin: '52.88192' },
    },
  ],
  // OKX's currency mmr 132.2048 and mgnRatio 49.67 are cross figures; the account also holds an
  // isolated short (mmr 52.88192): maintenance margin 132.2048 + 52.88192, no margin ratio.
  venueReported: { maintenanceMargin: '185.08672' },
};

const INVERSE_POSITION = {
  // No published BTC-USD tiers (the fake lists none): no table; the cross liqPx "" is unknown,
  // not 0.
  symbol: 'BTC/USD:BTC',
  side: 'short',
  contracts: '300',
  contractSize: '100',
  entryPrice: '96500',
  markPrice: '95057.5',
  leverage: 10,
  positionSide: 'short',
  venueReported: { maintenanceMargin: '0.0015779922678379', initialMargin: '0.0315598453567578' },
} as const;

describe('okx adapter: a single-currency margin account in long/short mode', () => {
  let snapshot: VenueAccountsSnapshot;
  let requests: string[];
  beforeAll(async () => {
    ({ result: snapshot, requests } = await fake.recording(() =>
      okxAdapter.fetchAccounts(open('okx-readOnly'), 'okx-main', AS_OF),
    ));
  });

  it('is one silo per margin currency, with cross, isolated and inverse positions as OKX wrote them', () => {
    expect(snapshot).toEqual<VenueAccountsSnapshot>({
      accounts: [
        USDT_ACCOUNT,
        {
          id: 'okx-main:BTC',
          venue: 'okx',
          marginMode: 'cross',
          positionMode: 'hedge',
          balances: [{ asset: 'BTC', total: '0.2' }],
          positions: [INVERSE_POSITION],
          venueReported: {
            marginRatio: '0.0077081409237857260356',
            maintenanceMargin: '0.0015779923',
          },
        },
      ],
      tierTables: [ETH_TIER_TABLE],
    });
  });

  it('reads the configuration, balance and positions once, and the public tiers per family and margin mode', () => {
    const count = (path: string) => requests.filter((line) => line === `GET ${path}`).length;
    expect(count('/api/v5/account/config')).toBe(1);
    expect(count('/api/v5/account/balance')).toBe(1);
    expect(count('/api/v5/account/positions')).toBe(1);
    expect(count('/api/v5/public/position-tiers')).toBe(3); // ETH-USDT cross, ETH-USDT isolated, BTC-USD cross
    expect(count('/api/v5/account/trade-fee')).toBe(1); // ETH-USDT, the one family held isolated
    expect(count('/api/v5/asset/currencies')).toBe(0); // currencies are not loaded
  });

  it('gives the engine a file it parses, refusing only what its OKX rules do not cover yet', () => {
    let problems: readonly string[] = [];
    try {
      parsePortfolio({
        version: 1,
        asOf: AS_OF,
        accounts: snapshot.accounts,
        tierTables: snapshot.tierTables,
      });
    } catch (error) {
      expect(error).toBeInstanceOf(PortfolioError);
      problems = (error as PortfolioError).problems;
    }
    // OKX inverse swaps are not in the engine's OKX rules yet (README): the only problem allowed.
    for (const problem of problems) expect(problem).toContain('BTC/USD:BTC');
    expect(
      parsePortfolio({ version: 1, asOf: AS_OF, accounts: [snapshot.accounts[0]] }).accounts,
    ).toHaveLength(1);
  });

  it('reports liquidation prices that the engine’s OKX rules reproduce from the emitted tiers and the key’s taker fee', () => {
    const report = calculateRiskReport(
      parsePortfolio({
        version: 1,
        asOf: AS_OF,
        accounts: [snapshot.accounts[0]],
        tierTables: snapshot.tierTables,
        model: { scenarios: 100, liquidationPaths: 100 },
      }),
    );
    const account = snapshot.accounts[0] as PortfolioFileAccount;
    report.accounts[0]?.positions.forEach((position, index) => {
      const venue = Number(account.positions[index]?.venueReported?.liquidationPrice);
      expect(position.liquidationPrice).not.toBeNull();
      expect(Math.abs((position.liquidationPrice as number) - venue)).toBeLessThan(1e-9 * venue);
    });
  });
});

describe('okx adapter: the venue’s figures beside isolated positions', () => {
  it('give a maintenance margin the engine reproduces, and no cross-only margin ratio', async () => {
    const snapshot = await okxAdapter.fetchAccounts(open('okx-readOnly'), 'okx-main', AS_OF);
    const report = calculateRiskReport(
      parsePortfolio({
        version: 1,
        asOf: AS_OF,
        accounts: [snapshot.accounts[0]],
        tierTables: snapshot.tierTables,
        model: { scenarios: 100, liquidationPaths: 100 },
      }),
    );
    const reported = report.accounts[0]?.venueReported;
    expect(reported?.maintenanceMargin?.venue).toBe(185.08672);
    expect(Math.abs(reported?.maintenanceMargin?.difference ?? 1)).toBeLessThan(1e-9);
    expect(reported?.marginRatio).toBeUndefined();
  });
});

describe('okx adapter: other account levels', () => {
  it.each([
    ['3', 'cross'],
    ['4', 'portfolio'],
  ] as const)(
    'account level %s is one %s account, without OKX’s cross-only account figures beside an isolated position',
    async (level, marginMode) => {
      const variant = createOkxFakeApi({ accountLevel: level });
      const snapshot = await withFakeApi([variant], STATE, (running) =>
        okxAdapter.fetchAccounts(open('okx-readOnly', running.baseUrl), 'okx-main', AS_OF),
      );
      const [{ collateralIndex, ...account } = {} as PortfolioFileAccount] = snapshot.accounts;
      expect(snapshot.accounts).toHaveLength(1);
      expect(account).toEqual<PortfolioFileAccount>({
        id: 'okx-main',
        venue: 'okx',
        marginMode,
        positionMode: 'hedge',
        balances: [
          { asset: 'USDT', total: '8000' },
          { asset: 'BTC', total: '0.2' },
        ],
        // adjEq, mmr and mgnRatio (okx-balance.test.ts reads them) count cross positions only:
        // beside the isolated ETH short they are not the account's figures.
        positions: [...USDT_ACCOUNT.positions, INVERSE_POSITION],
      });
      if (level === '4') {
        expect(collateralIndex).toBeUndefined();
        expect(snapshot.collateralTables).toBeUndefined();
        return;
      }
      // Multi-currency margin across USDT and BTC: OKX's USD prices (eqUsd / eq) and discount
      // rates (the docs' BTC example: 0–20 at 0.98, 20–25 at 0.9775, 0 beyond).
      expect(collateralIndex?.prices.map((entry) => entry.asset)).toEqual(['USDT', 'BTC']);
      expect(Number(collateralIndex?.prices[0]?.index)).toBe(1);
      expect(Number(collateralIndex?.prices[1]?.index)).toBeCloseTo(19448.174337 / 0.2047176246, 9);
      expect(snapshot.collateralTables?.find((table) => table.asset === 'BTC')).toEqual({
        venue: 'okx',
        asset: 'BTC',
        source: 'OKX GET /api/v5/public/discount-rate-interest-free-quota',
        asOf: AS_OF,
        tiers: [
          { floor: '0', cap: '20', collateralRate: '0.98' },
          { floor: '20', cap: '25', collateralRate: '0.9775' },
          { floor: '25', cap: null, collateralRate: '0' },
        ],
      });
      // The engine refuses it by name: an isolated position and an inverse swap across currencies.
      const report = () => reportOf(snapshot);
      expect(report().refusals.map((refusal) => refusal.message)).toEqual(
        expect.arrayContaining([
          expect.stringContaining('an isolated position inside an OKX multi-currency account'),
        ]),
      );
    },
  );
});

describe('okx adapter: a multi-currency account across currencies (acctLv 3)', () => {
  const variant = createOkxFakeApi({
    accountLevel: '3',
    account: OKX_MULTI_CURRENCY_ACROSS_ACCOUNT,
  });
  let snapshot: VenueAccountsSnapshot;
  let requests: string[];
  beforeAll(async () => {
    ({ result: snapshot, requests } = await recordedRead(variant));
  });

  it('carries the discount rates and OKX’s USD prices of every currency, and OKX’s adjEq, mmr and mgnRatio', () => {
    const [account] = snapshot.accounts;
    expect(account?.collateralIndex?.prices).toEqual([
      { asset: 'USDT', index: '0.9999' },
      { asset: 'ETH', index: '3300' },
    ]);
    expect(snapshot.collateralTables?.map((table) => table.asset)).toEqual(['USDT', 'ETH']);
    expect(account?.venueReported).toEqual({
      marginRatio: new Decimal(1).div('70.1831040501').toFixed(),
      maintenanceMargin: '132.19157952',
      equity: '9277.61538',
    });
    // One public request per currency (?ccy=USDT, ?ccy=ETH).
    expect(
      requests.filter((line) => line.includes('discount-rate-interest-free-quota')),
    ).toHaveLength(2);
    expect(snapshot.prices).toEqual({ USDT: '0.9999', ETH: '3300' });
  });

  it('the engine reproduces OKX’s adjEq, mmr and mgnRatio, and solves the liquidation with the ETH collateral moving', () => {
    const report = reportOf(snapshot);
    expect(report.refusals).toEqual([]);
    const account = report.accounts[0];
    expect(account?.settle).toBe('USD');
    expect(account?.equity).toBeCloseTo(9277.61538, 8);
    expect(account?.maintenanceMargin).toBeCloseTo(132.19157952, 8);
    expect(Math.abs(account?.venueReported?.equity?.difference ?? 1)).toBeLessThan(1e-8);
    expect(Math.abs(account?.venueReported?.maintenanceMargin?.difference ?? 1)).toBeLessThan(1e-8);
    expect(account?.marginRatio).toBeCloseTo(1 / 70.1831040501, 10);
    // adjEq − MM = 0 with ETH at P (mark 3,305.12; the ETH collateral's USD price 3,300 × P / mark):
    // 0.9999·(8,000 + 10·(P − 3,180.5) − 10·P·0.004) + 0.01·0.98·3,300·P / 3,305.12 = 0
    const slope = 0.9999 * (10 - 0.04) + (0.01 * 0.98 * 3300) / 3305.12;
    const level = (0.9999 * (10 * 3180.5 - 8000)) / slope;
    expect(account?.positions[0]?.liquidationPrice).toBeCloseTo(level, 3);
    // The USDT equity is still positive there: no liability before the liquidation.
    expect(8000 + 10 * (level - 3180.5)).toBeGreaterThan(0);
  });
});

describe('okx adapter: a single-currency BTC account holding options', () => {
  const variant = createOkxFakeApi({ account: OKX_OPTION_ACCOUNT });
  let snapshot: VenueAccountsSnapshot;
  let requests: string[];
  beforeAll(async () => {
    ({ result: snapshot, requests } = await recordedRead(variant));
  });

  it('reads each option at 0.01 BTC a contract, its mark IV and forward, the seller tier factor and the index', () => {
    const [account] = snapshot.accounts;
    expect(account?.id).toBe('okx-main:BTC');
    // cashBal 0.6 and the isolated margins 0.03 and 0.0008: the file's wallet.
    expect(account?.balances).toEqual([{ asset: 'BTC', total: '0.6308' }]);
    expect(account?.positions.map((position) => position.symbol)).toEqual([
      'BTC/USD:BTC-261225-90000-P',
      'BTC/USD:BTC-261225-110000-C',
      'BTC/USD:BTC-261225-120000-C',
    ]);
    expect(account?.positions[0]).toMatchObject({
      side: 'short',
      contracts: '150',
      contractSize: '0.01',
      markIv: 0.52,
      // opt-summary's fwdPx: the forward OKX's mark volatility goes with.
      forwardPrice: '96120.5',
      // 170 short contracts in the family: tier 2.
      optionMarginFactor: '1.02',
      venueReported: { maintenanceMargin: '0.0834' },
    });
    expect(account?.positions[1]).toMatchObject({
      marginMode: 'isolated',
      isolatedMargin: '0.03',
      takerFeeRate: '0.0003',
      optionMarginFactor: '1.02',
    });
    // A long option has no margin: no tier factor asked for it.
    expect(account?.positions[2]?.optionMarginFactor).toBeUndefined();
    expect(snapshot.prices).toEqual({ BTC: '96000' });
    expect(requests.filter((line) => line.includes('opt-summary'))).toHaveLength(1);
    // The option tiers of each margin mode held short (cross and isolated), one fee schedule.
    expect(requests.filter((line) => line.includes('position-tiers'))).toHaveLength(2);
    expect(requests.filter((line) => line.includes('trade-fee'))).toHaveLength(1);
  });

  it("the engine's option margin equals each position's mmr, the account's OKX's, and the short call's margin ratio OKX's", () => {
    const report = reportOf(snapshot);
    expect(report.refusals).toEqual([]);
    const account = report.accounts[0];
    account?.positions.forEach((position) => {
      expect(Math.abs(position.venueReported?.maintenanceMargin?.difference ?? 1)).toBeLessThan(
        1e-15,
      );
    });
    expect(Math.abs(account?.venueReported?.maintenanceMargin?.difference ?? 1)).toBeLessThan(
      1e-15,
    );
    // Short puts lose as BTC falls; the isolated short call dies on a rise.
    expect(account?.positions[0]?.liquidationPrice).toBeLessThan(96_000);
    expect(account?.positions[1]?.liquidationPrice).toBeGreaterThan(96_000);
    expect(account?.positions[2]?.liquidationPrice).toBeNull();
  });
});

describe('okx adapter: options in a multi-currency account (acctLv 3)', () => {
  it('are refused by name as an account Margin Lens does not compute yet', async () => {
    const variant = createOkxFakeApi({ account: OKX_OPTION_ACCOUNT, accountLevel: '3' });
    const { error, problem } = await withFakeApi([variant], STATE, (running) =>
      problemOf(
        'okx',
        okxAdapter.fetchAccounts(open('okx-readOnly', running.baseUrl), 'okx-main', AS_OF),
      ),
    );
    expect(problem.kind).toBe('unsupportedAccount');
    expect(error.message).toBe(
      'okx: options in a multi-currency margin account (BTC-USD-261225-90000-P) are not computed yet; Margin Lens computes OKX options in single-currency margin',
    );
  });
});

describe('okx adapter: a multi-currency currency OKX publishes no discount rates for', () => {
  // The same account holding 1 of a currency the fake's discount endpoint does not know: it
  // answers 51000 "Parameter ccy error" (ccxt's BadRequest) for ?ccy=NODISCOUNT.
  const balance = OKX_MULTI_CURRENCY_ACROSS_ACCOUNT.balance as { details: readonly object[] };
  const first = balance.details[1] as Readonly<Record<string, string>>;
  const variant = createOkxFakeApi({
    accountLevel: '3',
    account: {
      ...OKX_MULTI_CURRENCY_ACROSS_ACCOUNT,
      balance: {
        ...balance,
        details: [
          ...balance.details,
          {
            ...first,
            ccy: 'NODISCOUNT',
            cashBal: '1',
            eq: '1',
            eqUsd: '2',
            disEq: '0',
            availBal: '1',
            availEq: '1',
          },
        ],
      },
    },
  });

  it('reads the account without that table, and the engine refuses it naming the currency', async () => {
    const { result: snapshot } = await recordedRead(variant);
    expect(snapshot.collateralTables?.map((table) => table.asset)).toEqual(['USDT', 'ETH']);
    const report = reportOf(snapshot);
    expect(JSON.stringify(report.refusals)).toContain('no OKX discount rates for NODISCOUNT');
  });
});

describe('okx adapter: a currency switched off as collateral (collateralEnabled false)', () => {
  const balance = OKX_MULTI_CURRENCY_ACROSS_ACCOUNT.balance as { details: readonly object[] };
  const variant = createOkxFakeApi({
    accountLevel: '3',
    account: {
      ...OKX_MULTI_CURRENCY_ACROSS_ACCOUNT,
      balance: {
        ...balance,
        details: balance.details.map((entry) =>
          (entry as Readonly<Record<string, unknown>>).ccy === 'ETH'
            ? { ...entry, collateralEnabled: false }
            : { ...entry, collateralEnabled: true },
        ),
      },
    },
  });

  it('gives it a discount of 0 (one tier at 0), without asking its discount rates', async () => {
    const { result: snapshot, requests } = await recordedRead(variant);
    const eth = snapshot.collateralTables?.find((table) => table.asset === 'ETH');
    expect(eth?.tiers).toEqual([{ floor: '0', cap: null, collateralRate: '0' }]);
    expect(requests.filter((line) => line.includes('ccy=ETH'))).toEqual([]);
    const report = reportOf(snapshot);
    // adjEq = 9,245.27538 (USDT) + 0 (ETH switched off).
    expect(report.accounts[0]?.equity).toBeCloseTo(9245.27538, 8);
  });
});

describe('okx adapter: an empty account', () => {
  it('has no silo to report: no positions, no balances', async () => {
    expect(await okxAdapter.fetchAccounts(open('okx-empty'), 'okx-main', AS_OF)).toEqual({
      accounts: [],
      tierTables: [],
    });
  });
});

describe('okx adapter: errors a trader understands', () => {
  it.each([
    ['okx-ipNotAllowed', 'ipNotAllowed', '50110'],
    // OKX has no expired-key code: a deleted key answers 50119 "API key doesn't exist".
    ['okx-expired', 'wrongKey', '50119'],
    ['okx-clockSkew', 'clockSkew', '50102'],
    ['okx-rateLimited', 'rateLimited', '50011'],
    ['okx-venueDown', 'venueDown', '50001'],
    ['a-key-okx-never-issued', 'wrongKey', '50111'],
  ])('%s → %s (OKX code %s)', async (apiKey, kind, code) => {
    const { problem } = await problemOf(
      'okx',
      okxAdapter.fetchAccounts(open(apiKey), 'okx-x', AS_OF),
    );
    expect(problem).toMatchObject({ kind, venueCode: code });
    expect(problem.message).not.toContain('fake-passphrase');
    expect(problem.message).not.toContain('fake-secret');
  });

  itRefusesAKeyWithoutItsPassphrase('okx', fake, () =>
    okxAdapter.fetchAccounts(open('okx-readOnly', undefined, null), 'okx-x', AS_OF),
  );

  itNamesAMalformedPositionList(
    'okx',
    () => okxAdapter.fetchAccounts(open('okx-malformed'), 'okx-x', AS_OF),
    'okx GET /api/v5/account/positions: data[0] "ETH-USDT-SWAP" avgPx must be a decimal number, got ""',
  );
});

describe('okx adapter: key permissions (GET /api/v5/account/config perm)', () => {
  it.each([
    ['okx-readOnly', true, []],
    ['okx-tradeEnabled', false, ['trade']],
    ['okx-withdrawEnabled', false, ['withdraw']],
  ])('%s → readOnly %s', async (apiKey, readOnly, capabilities) => {
    const { result, requests } = await fake.recording(() =>
      (okxAdapter.checkKeyPermissions as NonNullable<typeof okxAdapter.checkKeyPermissions>)(
        open(apiKey),
      ),
    );
    expect(result).toEqual({ readOnly, capabilities, checkedWith: 'GET /api/v5/account/config' });
    expect(requests).toEqual(['GET /api/v5/account/config']);
  });

  it('names the API host ccxt calls as its host permission', () => {
    const exchange = createExchange('okx', undefined) as unknown as {
      hostname: string;
      urls: { api: { rest: string } };
    };
    expect(okxAdapter.hostPermissions).toEqual([
      `${exchange.urls.api.rest.replace('{hostname}', exchange.hostname)}/*`,
    ]);
    expect(okxAdapter.needsPassword).toBe(true);
  });
});
