import { PermissionDenied } from 'ccxt-src/base/errors.js';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BITGET_BTC_FILE_TIERS,
  BITGET_ETH_FILE_TIERS,
} from '../../../test/fake-exchange/api/fixtures/bitget/bitget-position-tiers';
import {
  itNamesAMalformedPositionList,
  itRefusesAKeyWithoutItsPassphrase,
  problemOf,
  profileKeys,
  useFakeApi,
  withFakeApi,
} from '../../../test/fake-exchange/api/adapter-test-setup';
import {
  bitgetFakeApi,
  createBitgetFakeApi,
  type BitgetFakeApiOptions,
} from '../../../test/fake-exchange/api/bitget-api';
import { calculateRiskReport, parsePortfolio } from '../../engine';
import { createExchange } from '../api/create-exchange';
import type {
  CcxtExchange,
  PortfolioFileTierTable,
  VenueAccountsSnapshot,
} from '../api/venue-api-types';
import { bitgetAdapter } from './bitget-adapter';

/**
 * The Bitget adapter against the fake Bitget v2 API (test/fake-exchange/api/bitget-api.ts, whose
 * fixtures name the documentation they follow and how their figures were computed). The main
 * fixture's liquidation prices, margin ratios and risk rate were computed by the same formulas
 * the engine holds (lib/engine/margin/bitget.ts), so the tests on it are consistency checks of
 * the adapter's reading and the engine's use of it; Bitget's own figures are the "Get All
 * Positions" page's example, read through the adapter at the end, and the worked 1,648 USDT.
 */
const AS_OF = '2026-11-24T12:00:00Z';
const STATE = { profiles: profileKeys('bitget-').profiles };

const fake = useFakeApi('bitget', [bitgetFakeApi], STATE);
/** The read-only key's read of a fake Bitget set up with `options`. */
const readWith = (options: BitgetFakeApiOptions): Promise<VenueAccountsSnapshot> =>
  withFakeApi([createBitgetFakeApi(options)], STATE, (running) =>
    bitgetAdapter.fetchAccounts(open('bitget-readOnly', running.baseUrl), 'bitget-main', AS_OF),
  );
/** The read-only key's permission check on a fake Bitget set up with `options`. */
const checkWith = (options: BitgetFakeApiOptions) =>
  withFakeApi([createBitgetFakeApi(options)], STATE, async (running) => {
    const check = bitgetAdapter.checkKeyPermissions;
    if (check === undefined) throw new Error('bitget has no permission check');
    return check(open('bitget-readOnly', running.baseUrl));
  });
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

const table = (symbol: string, tiers: PortfolioFileTierTable['tiers']): PortfolioFileTierTable => ({
  venue: 'bitget',
  symbol,
  source: 'GET /api/v2/mix/market/query-position-lever',
  asOf: AS_OF,
  tiers,
});

const BTC_LONG = {
  symbol: 'BTC/USDT:USDT',
  side: 'long',
  contracts: '3',
  contractSize: '1',
  entryPrice: '108000',
  markPrice: '110000',
  leverage: 10,
  positionSide: 'long',
  takerFeeRate: '0.0006',
  venueReported: { liquidationPrice: '92886.8329310807186913' },
} as const;

const ETH_SHORT = {
  symbol: 'ETH/USDT:USDT',
  side: 'short',
  contracts: '10',
  contractSize: '1',
  entryPrice: '3300',
  markPrice: '3250',
  leverage: 10,
  marginMode: 'isolated',
  isolatedMargin: '3300',
  positionSide: 'short',
  takerFeeRate: '0.0006',
  venueReported: {
    liquidationPrice: '3609.7852028639618138',
    // marginRatio × (marginSize + unrealizedPL) = 0.0478947368421053 × 3,800
    maintenanceMargin: '182.00000000000014',
  },
} as const;

/** The engine's report of a snapshot's accounts with its tier tables. */
function reportOf(snapshot: VenueAccountsSnapshot) {
  return calculateRiskReport(
    parsePortfolio({
      version: 1,
      asOf: AS_OF,
      accounts: snapshot.accounts,
      tierTables: snapshot.tierTables,
      model: { scenarios: 100, liquidationPaths: 100 },
    }),
  );
}

describe('bitget adapter: a classic USDT-M account in hedge mode, cross and isolated', () => {
  let snapshot: VenueAccountsSnapshot;
  let requests: string[];
  beforeAll(async () => {
    ({ result: snapshot, requests } = await fake.recording(() =>
      bitgetAdapter.fetchAccounts(open('bitget-readOnly'), 'bitget-main', AS_OF),
    ));
  });

  it('is one USDT account with the positions, tiers and taker fee as the fake serves them', () => {
    expect(snapshot).toEqual<VenueAccountsSnapshot>({
      accounts: [
        {
          id: 'bitget-main',
          venue: 'bitget',
          marginMode: 'cross',
          positionMode: 'hedge',
          // accountEquity 56,500 less the account's unrealizedPL (6,500).
          balances: [{ asset: 'USDT', total: '50000' }],
          positions: [BTC_LONG, ETH_SHORT],
          // crossedRiskRate is a cross figure: left out beside an isolated position.
          venueReported: { equity: '56500' },
        },
      ],
      tierTables: [
        table('BTC/USDT:USDT', BITGET_BTC_FILE_TIERS),
        table('ETH/USDT:USDT', BITGET_ETH_FILE_TIERS),
      ],
    });
  });

  it('reads positions and the account once, and tiers and the taker fee once per symbol', () => {
    const count = (path: string) => requests.filter((line) => line === `GET ${path}`).length;
    // USDT-M, then the USDC-M and coin-M books, read only to refuse a position there.
    expect(count('/api/v2/mix/position/all-position')).toBe(3);
    expect(count('/api/v2/mix/account/accounts')).toBe(1);
    expect(count('/api/v2/mix/market/query-position-lever')).toBe(2);
    expect(count('/api/v2/common/trade-rate')).toBe(2);
    // ccxt's Unified Trading Account probe is off; the currencies are not loaded.
    expect(requests.filter((line) => line.includes('/api/v3/'))).toEqual([]);
    expect(requests.filter((line) => line.includes('/coins'))).toEqual([]);
  });

  it('is consistent: the engine gives the fixture’s maintenance margins and liquidation prices back', () => {
    const report = reportOf(snapshot);
    const [btc, eth] = report.accounts[0]?.positions ?? [];
    // BTC cross: 330,000 × 0.56% − 200 = 1,648 (Bitget's worked example, 2025-11-07); the
    // liquidation price 92,886.83… is the fixture's, by the same formula.
    expect(btc?.maintenanceMargin).toBeCloseTo(1648, 9);
    expect(
      Math.abs((btc?.liquidationPrice as number) / Number('92886.8329310807186913') - 1),
    ).toBeLessThan(1e-12);
    // ETH isolated: 32,500 × 0.56% = 182 against the fixture's 182.00000000000014 (its ratio
    // written to 16 decimals, as Bitget writes them), liquidation at the fixture's 3,609.785….
    // The account's equity is the fixture's accountEquity: no position is missing.
    expect(report.accounts[0]?.venueReported?.equity?.difference ?? 1).toBeCloseTo(0, 9);
    expect(eth?.maintenanceMargin).toBeCloseTo(182, 9);
    expect(
      Math.abs((eth?.liquidationPrice as number) / Number('3609.7852028639618138') - 1),
    ).toBeLessThan(1e-12);
    expect(eth?.venueReported?.maintenanceMargin?.difference ?? 1).toBeCloseTo(0, 9);
    expect(eth?.venueReported?.liquidationPrice?.difference ?? 1).toBeCloseTo(0, 6);
    expect(btc?.venueReported?.liquidationPrice?.difference ?? 1).toBeCloseTo(0, 6);
  });
});

describe('bitget adapter: a cross-only account', () => {
  it('passes the fixture’s cross risk rate beside the engine’s margin ratio, consistent to 16 decimals', async () => {
    const snapshot = await readWith({ crossOnly: true });
    expect(snapshot.accounts[0]?.venueReported).toEqual({
      equity: '56000',
      marginRatio: '0.0294285714285714',
    });
    const account = reportOf(snapshot).accounts[0];
    expect(account?.marginRatio).toBeCloseTo(1648 / 56000, 14);
    expect(Math.abs(account?.venueReported?.marginRatio?.difference ?? 1)).toBeLessThan(1e-16);
    expect(account?.venueReported?.equity?.difference ?? 1).toBeCloseTo(0, 9);
    const btc = account?.positions[0];
    expect(
      Math.abs((btc?.liquidationPrice as number) / Number('91780.6382408152319657') - 1),
    ).toBeLessThan(1e-12);
  });
});

describe('bitget adapter: Bitget’s own figures (the Get All Positions page’s example row)', () => {
  it('reads the example position and the engine reproduces Bitget’s liquidation price and margin ratio', async () => {
    const snapshot = await readWith({ docsExample: true });
    // Opened 2023-08-07: the whole-value rule, its tier in force with the tier's 125x.
    expect(snapshot.accounts[0]?.positions[0]).toMatchObject({
      symbol: 'BTC/USDT:USDT',
      contracts: '0.01',
      marginMode: 'isolated',
      isolatedMargin: '9.6695050093373343',
      maintenanceMarginRate: '0.004',
      maintenanceAmount: '0',
      maxLeverage: 125,
      takerFeeRate: '0.0006',
      venueReported: { liquidationPrice: '24144.1124161806977798' },
    });
    const account = reportOf(snapshot).accounts[0];
    const position = account?.positions[0];
    // 251 × (0.4% + 0.06%) = 1.1546; Bitget's marginRatio 0.1082149545822005 × (9.6695… + 1).
    expect(position?.maintenanceMargin).toBeCloseTo(1.1546, 12);
    expect(Math.abs(position?.venueReported?.maintenanceMargin?.difference ?? 1)).toBeLessThan(
      1e-14,
    );
    expect(
      Math.abs((position?.liquidationPrice as number) / Number('24144.1124161806977798') - 1),
    ).toBeLessThan(1e-14);
    expect(position?.maxLeverage).toBe(125);
    expect(account?.marginRatio).toBeCloseTo(0.1082149545822005, 14);
  });
});

describe('bitget adapter: the equity cross-check', () => {
  it('shows a position missing from the list as the difference from Bitget’s accountEquity', async () => {
    const snapshot = await readWith({ positionMissing: true });
    // Wallet 56,500 − the account's unrealizedPL 6,500; ours adds the listed BTC long's 6,000.
    expect(snapshot.accounts[0]?.balances).toEqual([{ asset: 'USDT', total: '50000' }]);
    const equity = reportOf(snapshot).accounts[0]?.venueReported?.equity;
    expect(equity?.venue).toBe(56500);
    expect(equity?.difference).toBeCloseTo(-500, 9);
  });
});

describe('bitget adapter: an empty account', () => {
  it('has no silo to report', async () => {
    expect(await bitgetAdapter.fetchAccounts(open('bitget-empty'), 'bitget-main', AS_OF)).toEqual({
      accounts: [],
      tierTables: [],
    });
  });
});

describe('bitget adapter: refusals and errors a trader understands', () => {
  it('refuses a Unified Trading Account by name (code 40085), not as a malformed answer', async () => {
    const { error, problem } = await problemOf('bitget', readWith({ unifiedAccount: true }));
    expect(problem.kind).toBe('unsupportedAccount');
    expect(error.message).toContain('Unified Trading Account');
    expect(problem.message).toContain('Unified Trading Account');
  });

  it('refuses a Unified Trading Account key at the permission check too', async () => {
    const { problem } = await problemOf('bitget', checkWith({ unifiedAccount: true }));
    expect(problem.kind).toBe('unsupportedAccount');
  });

  it.each([
    ['bitget-ipNotAllowed', 'ipNotAllowed', '40018'],
    ['bitget-expired', 'wrongKey', '40037'],
    ['bitget-clockSkew', 'clockSkew', '40008'],
    ['bitget-rateLimited', 'rateLimited', '429'],
    ['bitget-venueDown', 'venueDown', '40015'],
    ['a-key-bitget-never-issued', 'wrongKey', '40006'],
  ])('%s → %s (Bitget code %s)', async (apiKey, kind, code) => {
    const { problem } = await problemOf(
      'bitget',
      bitgetAdapter.fetchAccounts(open(apiKey), 'bitget-x', AS_OF),
    );
    expect(problem).toMatchObject({ kind, venueCode: code });
    expect(problem.message).not.toContain('fake-passphrase');
    expect(problem.message).not.toContain('fake-secret');
  });

  it('refuses a position whose tier rate is not the public table’s (a Special Level) by name', async () => {
    const { error, problem } = await problemOf('bitget', readWith({ specialTierLevel: true }));
    expect(problem.kind).toBe('unsupportedAccount');
    expect(error.message).toContain('keepMarginRate 0.004');
    expect(error.message).toContain('Special Level');
  });

  it.each([
    ['USDC-FUTURES', 'USDC-M futures position (ETHPERP)'],
    ['COIN-FUTURES', 'coin-M futures position (ETHUSD)'],
  ] as const)('refuses a position in the %s book by name', async (book, named) => {
    const { error, problem } = await problemOf('bitget', readWith({ otherBook: book }));
    expect(problem.kind).toBe('unsupportedAccount');
    expect(error.message).toContain(named);
  });

  itRefusesAKeyWithoutItsPassphrase('bitget', fake, () =>
    bitgetAdapter.fetchAccounts(open('bitget-readOnly', undefined, null), 'bitget-x', AS_OF),
  );

  itNamesAMalformedPositionList(
    'bitget',
    () => bitgetAdapter.fetchAccounts(open('bitget-malformed'), 'bitget-x', AS_OF),
    'bitget GET /api/v2/mix/position/all-position?productType=USDT-FUTURES: data[0] "ETHUSDT" openPriceAvg must be a decimal number, got ""',
  );
});

describe('bitget adapter: key permissions (GET /api/v2/spot/account/info authorities)', () => {
  it.each([
    ['bitget-readOnly', true, []],
    ['bitget-tradeEnabled', false, ['place futures orders', 'change futures positions']],
    ['bitget-withdrawEnabled', false, ['withdraw']],
  ])('%s → readOnly %s', async (apiKey, readOnly, capabilities) => {
    const { result, requests } = await fake.recording(() =>
      (bitgetAdapter.checkKeyPermissions as NonNullable<typeof bitgetAdapter.checkKeyPermissions>)(
        open(apiKey),
      ),
    );
    expect(result).toEqual({
      readOnly,
      capabilities,
      checkedWith: 'GET /api/v2/spot/account/info',
    });
    expect(requests).toEqual(['GET /api/v2/spot/account/info']);
  });

  it('a futures-only key (40014 on the spot endpoint) is told to add Spot read, not futures read', async () => {
    const { error, problem } = await problemOf('bitget', checkWith({ futuresOnlyKey: true }));
    expect(error).toBeInstanceOf(PermissionDenied);
    expect(problem.kind).toBe('permissionDenied');
    expect(problem.message).toContain('needs Spot read permission');
    expect(problem.message).toContain('only to read the key');
    expect(problem.whatToDo).not.toContain('futures/derivatives accounts (and nothing more)');
  });

  it('names the API host ccxt calls as its host permission, and needs the passphrase', () => {
    const exchange = createExchange('bitget', undefined) as unknown as {
      hostname: string;
      urls: { api: { mix: string } };
    };
    expect(bitgetAdapter.hostPermissions).toEqual([
      `${exchange.urls.api.mix.replace('{hostname}', exchange.hostname)}/*`,
    ]);
    expect(bitgetAdapter.needsPassword).toBe(true);
  });
});
