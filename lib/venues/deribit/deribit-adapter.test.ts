import Decimal from 'decimal.js';
import { expectedDeribitBtcAccount } from '../../../test/fake-exchange/api/fixtures/deribit/deribit-btc-account';
import { describe, expect, it } from 'vitest';
import { calculateRiskReport, parsePortfolio } from '../../engine';
import {
  problemOf,
  profileKeys,
  useFakeApi,
} from '../../../test/fake-exchange/api/adapter-test-setup';
import { deribitApi } from '../../../test/fake-exchange/api/deribit-api';
import type { FakeApiRequest, FakeVenueApi } from '../../../test/fake-exchange/api/fake-api';
import {
  DERIBIT_ACCOUNT_SUMMARIES,
  DERIBIT_POSITIONS,
} from '../../../test/fake-exchange/api/fixtures/deribit/deribit-account';
import * as ccxtErrors from 'ccxt-src/base/errors.js';
import { PayloadReader } from '../api/payload-reader';
import { deribitAccounts } from './deribit-accounts';
import { deribitAdapter } from './deribit-adapter';
import { deribitClockSkewError } from './deribit-clock-skew';
import { deribitKeyPermissions } from './deribit-key-scope';
import type { DeribitPosition } from './deribit-position';

/**
 * The Deribit adapter against the fake Deribit API (test/fake-exchange/api/deribit-api.ts),
 * whose payloads follow https://docs.deribit.com/api-reference and whose account is described
 * in fixtures/deribit/deribit-account.ts.
 */
const AS_OF = '2026-11-24T12:00:00Z';
const SECRET = 'fake-secret-never-sent';
const queries: { path: string; query: string; authorization: string | undefined }[] = [];

/** Records each Deribit request's query and header, then lets the fake answer it. */
const recordingApi: FakeVenueApi = {
  venue: 'deribit',
  respond(request: FakeApiRequest, state) {
    const authorization = request.headers.authorization;
    queries.push({
      path: request.path,
      query: request.query.toString(),
      authorization: typeof authorization === 'string' ? authorization : undefined,
    });
    return deribitApi.respond(request, state);
  },
};

const fake = useFakeApi('deribit', [recordingApi], { profiles: profileKeys('key-').profiles });
const exchangeFor = (apiKey: string) => fake.exchange({ kind: 'apiKey', apiKey, secret: SECRET });

/** sign · |size| · (1/average − 1/mark): an inverse future's P&L in coin. */
function inversePnl(sign: 1 | -1, usd: string, average: string, mark: string): Decimal {
  return new Decimal(usd)
    .mul(new Decimal(1).div(average).minus(new Decimal(1).div(mark)))
    .mul(sign);
}

describe('Deribit adapter: positions, balances, margin model', () => {
  it('reads every product line of a standard-margin BTC silo and a portfolio-margin ETH silo', async () => {
    const { result: snapshot, requests } = await fake.recording(() =>
      deribitAdapter.fetchAccounts(exchangeFor('key-readOnly'), 'main', AS_OF),
    );
    // Wallet = equity − options value − futures' P&L from average price to mark (deribit-accounts.ts).
    const btcWallet = new Decimal('1.52204253')
      .minus('-0.00551945')
      .minus(inversePnl(1, '50000', '95000', '100020.5'))
      .minus(inversePnl(-1, '20000', '101000', '100420'));
    const ethWallet = new Decimal('12.18381546')
      .minus(inversePnl(-1, '30000', '3500', '3401.25'))
      .minus(inversePnl(1, '20000', '3460', '3421.5'));
    expect(snapshot).toEqual({
      tierTables: [],
      // Each underlying's index_price from get_positions (the fixture's), for option margin.
      prices: { BTC: '100000', ETH: '3400' },
      // The summaries' account id: how a page read of the same account is told apart.
      venueAccountId: '58214',
      accounts: [
        // The options' forward: the book summary's underlying_price (its index, here).
        expectedDeribitBtcAccount({
          id: 'main:BTC',
          wallet: btcWallet,
          usdPerContract: 10,
          forwardPrice: '100000',
        }),
        {
          id: 'main:ETH',
          venue: 'deribit',
          marginMode: 'portfolio',
          positionMode: 'oneway',
          balances: [{ asset: 'ETH', total: ethWallet.toFixed() }],
          positions: [
            {
              symbol: 'ETH/USD:ETH',
              side: 'short',
              contracts: '3000',
              contractSize: '10',
              entryPrice: '3500',
              markPrice: '3401.25',
              leverage: 50,
              // Portfolio margin: Deribit reports no liquidation price, so none is given.
              venueReported: { maintenanceMargin: '0.253621023', initialMargin: '0.317026279' },
            },
            {
              symbol: 'ETH/USD:ETH-261226',
              side: 'long',
              contracts: '2000',
              contractSize: '10',
              entryPrice: '3460',
              markPrice: '3421.5',
              leverage: 50,
              venueReported: { maintenanceMargin: '0.168079985', initialMargin: '0.210099981' },
            },
          ],
          venueReported: {
            equity: '12.18381546',
            maintenanceMargin: '0.42170101',
            marginRatio: new Decimal('0.42170101').div('12.18381546').toFixed(),
          },
        },
      ],
    });
    expect(requests).toEqual([
      'GET /api/v2/public/get_currencies',
      'GET /api/v2/public/get_instruments',
      'GET /api/v2/private/get_positions',
      'GET /api/v2/private/get_account_summaries',
      'GET /api/v2/public/get_book_summary_by_currency',
    ]);
  });

  it('gives a portfolio file the engine accepts, whose margins are the venue-reported ones', async () => {
    const snapshot = await deribitAdapter.fetchAccounts(exchangeFor('key-readOnly'), 'main', AS_OF);
    const portfolio = parsePortfolio({
      version: 1,
      asOf: AS_OF,
      accounts: snapshot.accounts,
      tierTables: snapshot.tierTables,
      market: { prices: { BTC: '100000', ETH: '3400' } },
      // Only the margins are checked: a small scenario and path count keeps the full report fast
      // (the default 20,000 scenarios took 1.4–2.8 s, near vitest's 5 s limit on a slow runner).
      model: { method: 'parametric', scenarios: 100, liquidationPaths: 100 },
    });
    expect(portfolio.accounts.map((account) => account.id)).toEqual(['main:BTC', 'main:ETH']);
    // The fixtures' margins were computed with the engine's Deribit rules (see the fixture's
    // doc block) and rounded to 1e-8: read back through the adapter, the engine must land on them.
    const report = calculateRiskReport(portfolio);
    const btc = report.accounts.find((account) => account.id === 'main:BTC');
    const eth = report.accounts.find((account) => account.id === 'main:ETH');
    expect(Number(btc?.maintenanceMargin)).toBeCloseTo(0.18047709, 7);
    expect(Number(btc?.equity)).toBeCloseTo(1.52204253, 7);
    expect(Number(eth?.maintenanceMargin)).toBeCloseTo(0.42170101, 7);
    expect(Number(eth?.equity)).toBeCloseTo(12.18381546, 7);
  });

  it('reads an empty account as no accounts', async () => {
    expect(await deribitAdapter.fetchAccounts(exchangeFor('key-empty'), 'main', AS_OF)).toEqual({
      accounts: [],
      tierTables: [],
      venueAccountId: '58215',
    });
  });

  it('reads positions in one request: Deribit does not paginate get_positions', async () => {
    const { result: paginated, requests } = await fake.recording(() =>
      deribitAdapter.fetchAccounts(exchangeFor('key-paginated'), 'main', AS_OF),
    );
    const readOnly = await deribitAdapter.fetchAccounts(exchangeFor('key-readOnly'), 'main', AS_OF);
    expect(paginated).toEqual(readOnly);
    expect(requests.filter((line) => line === 'GET /api/v2/private/get_positions')).toHaveLength(1);
  });

  it('signs private requests with the key id in the deri-hmac-sha256 header', async () => {
    queries.length = 0;
    await deribitAdapter.fetchAccounts(exchangeFor('key-readOnly'), 'main', AS_OF);
    const privateCalls = queries.filter((entry) => entry.path.includes('/private/'));
    expect(privateCalls.length).toBeGreaterThan(0);
    for (const call of privateCalls)
      expect(call.authorization).toMatch(
        /^deri-hmac-sha256 id=key-readOnly,ts=\d+,sig=[0-9a-f]{64},nonce=\d+$/,
      );
    for (const call of queries.filter((entry) => entry.path.includes('/public/')))
      expect(call.authorization).toBeUndefined();
    expect(JSON.stringify(queries)).not.toContain(SECRET);
  });
});

describe('Deribit adapter: key permissions from the token scope', () => {
  it.each([
    ['key-readOnly', true, []],
    ['key-tradeEnabled', false, ['trade (place and cancel orders)']],
    ['key-withdrawEnabled', false, ['withdraw and transfer funds']],
  ] as const)('%s: readOnly %s, capabilities %j', async (key, readOnly, capabilities) => {
    queries.length = 0;
    const check = await deribitAdapter.checkKeyPermissions?.(exchangeFor(key));
    expect(check).toEqual({
      readOnly,
      capabilities,
      checkedWith: 'GET /api/v2/public/auth (grant_type client_signature): the token scope',
    });
    // One public request, signed with the client_signature grant: the secret never travels.
    expect(queries.map((entry) => entry.path)).toEqual(['/api/v2/public/auth']);
    const query = new URLSearchParams(queries[0]?.query);
    expect(query.get('grant_type')).toBe('client_signature');
    expect(query.get('client_id')).toBe(key);
    expect(query.get('signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(query.has('client_secret')).toBe(false);
    expect(queries[0]?.query).not.toContain(SECRET);
  });

  it('names every write scope a key carries', () => {
    expect(
      deribitKeyPermissions(
        'account:read_write block_trade:read_write connection custody:read_write mainaccount trade:read_write wallet:read_write',
      ).capabilities,
    ).toEqual([
      'change account settings, sub-accounts and API keys',
      'execute block trades',
      'move funds to and from custody',
      'trade (place and cancel orders)',
      'withdraw and transfer funds',
    ]);
    expect(deribitKeyPermissions('account:read trade:none wallet:none connection').readOnly).toBe(
      true,
    );
  });

  it('reports the signature of the HMAC as Deribit documents it', async () => {
    // HMAC-SHA256("fake-secret-never-sent", "1795521600000\nabc\n"), computed with Node's crypto.
    const { createHmac } = await import('node:crypto');
    const { deribitClientSignature } = await import('./deribit-client-signature');
    const params = await deribitClientSignature('id', SECRET, 1_795_521_600_000, 'abc');
    expect(params.signature).toBe(
      createHmac('sha256', SECRET).update('1795521600000\nabc\n').digest('hex'),
    );
  });
});

describe('Deribit adapter: errors a trader understands', () => {
  it.each([
    ['key-ipNotAllowed', 'wrongKey', '13009'],
    ['key-expired', 'wrongKey', '13009'],
    ['key-rateLimited', 'rateLimited', '10028'],
    ['key-venueDown', 'venueDown', '13028'],
    ['key-unknown', 'wrongKey', '13004'],
  ] as const)('%s → %s (Deribit code %s)', async (key, kind, code) => {
    for (const call of [
      () => deribitAdapter.fetchAccounts(exchangeFor(key), 'main', AS_OF),
      () => deribitAdapter.checkKeyPermissions?.(exchangeFor(key)),
    ]) {
      const { problem } = await problemOf('deribit', call);
      expect(problem.kind).toBe(kind);
      expect(problem.venueCode).toBe(code);
      expect(problem.message).not.toContain(SECRET);
    }
  });

  it('tells a stale timestamp (13009 with the server clock 10 min ahead) from a wrong key', async () => {
    for (const call of [
      () => deribitAdapter.fetchAccounts(exchangeFor('key-clockSkew'), 'main', AS_OF),
      () => deribitAdapter.checkKeyPermissions?.(exchangeFor('key-clockSkew')),
    ]) {
      const { error, problem } = await problemOf('deribit', call);
      expect(error.message).toContain('600 s ahead');
      expect(problem.kind).toBe('clockSkew');
    }
  });

  it('keeps a 13009 within the 60-second validity a wrong key', () => {
    const body = {
      jsonrpc: '2.0',
      error: { code: 13009, message: 'unauthorized' },
      usIn: 1_000_030_000_000,
    };
    const { AuthenticationError } = ccxtErrors;
    const error = new AuthenticationError(`deribit ${JSON.stringify(body)}`);
    // The server received it at 1_000_030_000 ms.
    expect(deribitClockSkewError(error, 1_000_000_000)).toBeUndefined();
    expect(deribitClockSkewError(error, 1_000_030_000 - 61_000)?.message).toContain('61 s ahead');
    expect(deribitClockSkewError(error, 1_000_030_000 + 90_000)?.message).toContain('90 s behind');
    expect(deribitClockSkewError(new Error('deribit timeout'), 0)).toBeUndefined();
  });

  it('names the endpoint and field of a malformed position', async () => {
    const { error, problem } = await problemOf(
      'deribit',
      deribitAdapter.fetchAccounts(exchangeFor('key-malformed'), 'main', AS_OF),
    );
    expect(error.message).toBe(
      'deribit GET /api/v2/private/get_positions: result[0] "BTC-PERPETUAL" mark_price must be a number, got null',
    );
    expect(problem.kind).toBe('malformedResponse');
  });
});

describe('Deribit accounts: margin models', () => {
  const reader = new PayloadReader('deribit', 'GET /api/v2/private/get_account_summaries');
  const future: DeribitPosition = {
    instrumentName: 'BTC-PERPETUAL',
    instrument: {
      symbol: 'BTC/USD:BTC',
      settle: 'BTC',
      kind: 'future',
      contractSize: new Decimal(10),
      priceIndex: 'btc_usd',
    },
    side: 'long',
    size: new Decimal(50000),
    averagePrice: new Decimal(95000),
    markPrice: new Decimal('100020.5'),
    initialMargin: new Decimal('0.010010445'),
    maintenanceMargin: new Decimal('0.007510958'),
  };
  const [btcSummary, ethSummary, usdcSummary] = DERIBIT_ACCOUNT_SUMMARIES.summaries as Record<
    string,
    unknown
  >[];

  it('cross_sm with one funded currency: the liquidation price is the documented ratio × mark', () => {
    const summaries = {
      summaries: [
        { ...btcSummary, margin_model: 'cross_sm', cross_collateral_enabled: true },
        usdcSummary,
      ],
    };
    const [account] = deribitAccounts(
      { accountId: 'main', summaries, positions: [future], markIvs: new Map() },
      reader,
    );
    expect(account?.marginMode).toBe('cross');
    // No estimated_liquidation_price on the position: 1.93327741 × 100020.5.
    expect(account?.positions[0]?.venueReported?.liquidationPrice).toBe(
      new Decimal('1.93327741').mul('100020.5').toFixed(),
    );
  });

  it('refuses a cross-collateral account that pools several currencies, saying why', () => {
    const summaries = {
      summaries: [
        { ...btcSummary, margin_model: 'cross_pm' },
        { ...ethSummary, margin_model: 'cross_pm' },
      ],
    };
    expect(() =>
      deribitAccounts(
        { accountId: 'main', summaries, positions: [future], markIvs: new Map() },
        reader,
      ),
    ).toThrow(
      "the cross_pm margin model pools BTC, ETH as one collateral valued in USD; Deribit does not publish how its cross portfolio margin combines currencies' scenario losses",
    );
  });

  it('refuses cross_sm over several currencies naming the loan maintenance margin Deribit does not publish', () => {
    const summaries = {
      summaries: [
        { ...btcSummary, margin_model: 'cross_sm', cross_collateral_enabled: true },
        { ...usdcSummary, margin_model: 'cross_sm', cross_collateral_enabled: true, equity: 5000 },
      ],
    };
    const refusal = (() => {
      try {
        deribitAccounts(
          { accountId: 'main', summaries, positions: [future], markIvs: new Map() },
          reader,
        );
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refusal).toBeInstanceOf(ccxtErrors.NotSupported);
    expect((refusal as Error).message).toMatch(
      /^deribit: the cross_sm margin model pools BTC, USDC as one collateral valued in USD; Deribit publishes that each position's standard margin is summed in USD across currencies, but not the maintenance margin it adds for a loan .*; hold one currency, or use segregated_sm or segregated_pm$/,
    );
  });

  it('names an unknown margin model', () => {
    const summaries = { summaries: [{ ...btcSummary, margin_model: 'isolated_xm' }] };
    expect(() =>
      deribitAccounts(
        { accountId: 'main', summaries, positions: [future], markIvs: new Map() },
        reader,
      ),
    ).toThrow(
      'deribit GET /api/v2/private/get_account_summaries: result summaries[0] "BTC" margin_model must be one of "segregated_sm", "cross_sm", "segregated_pm", "cross_pm", got "isolated_xm"',
    );
  });

  it('fixtures hold every product line Margin Lens supports on Deribit', () => {
    const kinds = new Set(
      DERIBIT_POSITIONS.map((raw) => {
        const name = (raw as { instrument_name: string }).instrument_name;
        return name.endsWith('-PERPETUAL')
          ? 'perpetual'
          : /-[CP]$/.test(name)
            ? `option ${name.slice(-1)}`
            : 'future';
      }),
    );
    expect([...kinds].sort()).toEqual(['future', 'option C', 'option P', 'perpetual']);
  });
});
