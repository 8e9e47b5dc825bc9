import { describe, expect, it } from 'vitest';
import { calculateRiskReport } from '../measure/calculate-risk-report';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import { black76Price } from '../pricer/black76';
import { timeToExpiry } from '../product/expiry';
import { Side } from '../product/types';
import { siloIsExposed } from '../risk/margin-silo';
import { okxAccountMargin, okxSilos } from './okx';
import { okxOptionMargin, okxOptionParameters } from './okx-option-margin';

const BTC = okxOptionParameters('BTC');
if (!BTC) throw new Error('no BTC option parameters');

describe("OKX option margin (help 'Option Margin')", () => {
  // OKX's own position rows (GET /api/v5/account/positions, two reads of one position): short one
  // BTC-USD-240830-55000-C contract (0.01 BTC, optVal = pos × markPx × 0.01), first seller tier.
  it.each([
    ['0.1446234821387017', 0.001746234821387],
    ['0.136155529238958', 0.0016615552923896],
  ])('a short call at mark %s has the mmr OKX reported, %d BTC', (mark, reported) => {
    const margin = okxOptionMargin({
      side: Side.short,
      type: 'call',
      strike: 55_000,
      underlying: 63_740,
      mark: Number(mark),
      size: 0.01,
      marginFactor: 1,
      parameters: BTC,
    });
    expect(margin.maintenance).toBeCloseTo(reported, 15);
  });

  it("gives the seller's position margin of OKX's worked example: 0.96606 BTC", () => {
    // "Introduction to options margin calculation" (OKX help, 2020, updated 2024-04-05): 50 short
    // calls of 0.1 BTC, 100 out of the money at a same-expiry futures mark of 5,900, mark 0.0575,
    // margin factor 1.02 (tier 2): [max(0.1, 0.15 − 100/5900) × 1.02 + 0.0575] × 0.1 × 50.
    const margin = okxOptionMargin({
      side: Side.short,
      type: 'call',
      strike: 6_000,
      underlying: 5_900,
      mark: 0.0575,
      size: 0.1 * 50,
      marginFactor: 1.02,
      parameters: BTC,
    });
    expect(margin.initial).toBeCloseTo(0.96606, 5);
  });

  it("uses ETH's c of 0.05 and a put's out-of-the-money amount in the short's initial margin", () => {
    const eth = okxOptionParameters('ETH');
    if (!eth) throw new Error('no ETH option parameters');
    const call = okxOptionMargin({
      side: Side.short,
      type: 'call',
      strike: 4_000,
      underlying: 3_500,
      mark: 0.01,
      size: 0.1 * 30,
      marginFactor: 1,
      parameters: eth,
    });
    expect(call.maintenance).toBeCloseTo((0.05 + 0.01) * 3, 15);
    // OTM 500 of 3,500: max(0.1, 0.15 − 0.142857…) = 0.1.
    expect(call.initial).toBeCloseTo((0.1 + 0.01) * 3, 15);
    const put = okxOptionMargin({
      side: Side.short,
      type: 'put',
      strike: 60_000,
      underlying: 63_000,
      mark: 0.02,
      size: 1,
      marginFactor: 1.02,
      parameters: BTC,
    });
    expect(put.initial).toBeCloseTo((Math.max(0.1, 0.15 - 3_000 / 63_000) * 1.02 + 0.02) * 1, 15);
  });

  it('takes the put maintenance as max(c, c·mark)·MF + mark, and nothing from a long', () => {
    const put = {
      side: Side.short,
      type: 'put' as const,
      strike: 60_000,
      underlying: 63_000,
      mark: 0.02,
      size: 2,
      marginFactor: 1.1,
      parameters: BTC,
    };
    expect(okxOptionMargin(put).maintenance).toBeCloseTo((0.03 * 1.1 + 0.02) * 2, 15);
    expect(okxOptionMargin({ ...put, side: Side.long })).toEqual({ initial: 0, maintenance: 0 });
  });
});

/** OKX's isolated short call of the rows above, in a single-currency BTC account (okx-main:BTC). */
const CASH_BALANCE = '3.2960824157473905';
const ISOLATED_MARGIN = '0.0024111761223571';
function isolatedCallBook(
  overrides: Record<string, unknown> = {},
  balances = [{ asset: 'BTC', total: '3.2985' }],
  prices: Record<string, string> = { BTC: '63740' },
) {
  return {
    version: 1,
    asOf: '2024-07-20T00:00:00Z',
    accounts: [
      {
        id: 'okx-main:BTC',
        venue: 'okx',
        marginMode: 'cross',
        // The file's wallet holds the isolated margin (OKX's cashBal leaves it out).
        balances,
        positions: [
          {
            symbol: 'BTC/USD:BTC-240830-55000-C',
            side: 'short',
            contracts: '1',
            contractSize: '0.01',
            entryPrice: '0.0905',
            markPrice: '0.1446234821387017',
            markIv: 0.5,
            marginMode: 'isolated',
            isolatedMargin: ISOLATED_MARGIN,
            takerFeeRate: '0.0003',
            optionMarginFactor: '1',
            ...overrides,
          },
        ],
      },
    ],
    market: { prices },
  };
}

function accountOf(book: unknown) {
  const portfolio = parsePortfolio(book);
  const account = portfolio.accounts[0];
  if (!account) throw new Error('no account');
  const context = {
    asOf: portfolio.asOf,
    underlyingPrice: (asset: string) => portfolio.market.prices?.[asset]?.toNumber(),
  };
  return { account, context, portfolio };
}

describe('OKX single-currency account with options', () => {
  it("has the position's mmr, OKX's isolated margin ratio, and a margin balance without the option's value", () => {
    const wallet = (Number(CASH_BALANCE) + Number(ISOLATED_MARGIN)).toString();
    const { account, context } = accountOf(isolatedCallBook({}, [{ asset: 'BTC', total: wallet }]));
    const margin = okxAccountMargin(account, context);
    // OKX's balance row of the same read: eq 3.297132036577358 = cashBal + isoEq, isoEq being the
    // margin plus the option's value (pos × markPx × 0.01); the margin balance leaves the value out.
    // (That balance row came with the second read of the position, markPx 0.136155529238958.)
    const optionValue = -0.01 * 0.136155529238958;
    expect(margin.equity + optionValue).toBeCloseTo(3.297132036577358, 14);
    const position = margin.positions[0];
    expect(position?.maintenanceMargin).toBeCloseTo(0.001746234821387, 15);
    // OKX's isolated mgnRatio = margin / (mmr + fee to close), 1.378417633171292 on that row.
    const fee = 0.0003 * 0.01;
    const silo = okxSilos(account, context).find((entry) => entry.label.includes('isolated'));
    const surplus = silo?.nonlinear?.surplus([63_740]) ?? 0;
    const required = (position?.maintenanceMargin ?? 0) + fee;
    expect((surplus + required) / required).toBeCloseTo(1.378417633171292, 12);
    expect(silo?.wallet).toBe(Number(ISOLATED_MARGIN));
  });

  it("finds the short call's isolated liquidation above the index, where its surplus is zero", () => {
    const { account, context } = accountOf(isolatedCallBook());
    const level = okxAccountMargin(account, context).positions[0]?.liquidationPrice ?? 0;
    expect(level).toBeGreaterThan(63_740);
    const silo = okxSilos(account, context)[0];
    expect(Math.abs(silo?.nonlinear?.surplus([level]) ?? 1)).toBeLessThan(1e-12);
    expect(silo?.nonlinear?.surplus([level * 0.999])).toBeGreaterThan(0);
  });

  it("takes OKX's forward (forwardPrice) as F in the short's initial margin, and moves it with the index", () => {
    // Deep in the money against both: the OTM amount is 0 either way. A call struck above the
    // index but below the forward: OTM against the index, in the money against the forward.
    const struck = { symbol: 'BTC/USD:BTC-240830-64000-C', markPrice: '0.05' };
    const onIndex = accountOf(isolatedCallBook(struck));
    const onForward = accountOf(isolatedCallBook({ ...struck, forwardPrice: '64500' }));
    const initial = (book: ReturnType<typeof accountOf>) =>
      okxAccountMargin(book.account, book.context).positions[0]?.initialMargin ?? 0;
    // max(0.1, 0.15 − OTM/F) + mark, per coin × 0.01 BTC: OTM 260 against the index 63,740…
    expect(initial(onIndex)).toBeCloseTo((Math.max(0.1, 0.15 - 260 / 63_740) + 0.05) * 0.01, 12);
    // …and 0 against OKX's forward 64,500: the full 0.15.
    expect(initial(onForward)).toBeCloseTo((0.15 + 0.05) * 0.01, 12);
    // The maintenance margin does not involve F.
    expect(
      okxAccountMargin(onForward.account, onForward.context).positions[0]?.maintenanceMargin,
    ).toBeCloseTo(
      okxAccountMargin(onIndex.account, onIndex.context).positions[0]?.maintenanceMargin ?? 0,
      15,
    );
    // On a forward above the index the short call gains value faster as the index rises: it is
    // liquidated sooner.
    const level = (book: ReturnType<typeof accountOf>) =>
      okxAccountMargin(book.account, book.context).positions[0]?.liquidationPrice ?? 0;
    expect(level(onForward)).toBeLessThan(level(onIndex));
  });

  it('moves a coin-margined mark as V(F)/F, the forward moving with the index at its basis', () => {
    // Marked as OKX marks it (V(F₀)/F₀ at its mark IV on its forward F₀ = 64,500, index 63,740),
    // the short call's mark at another index S is V(F)/F with F = S × 64,500 / 63,740.
    const years = timeToExpiry(
      Date.parse('2024-08-30T08:00:00Z'),
      Date.parse('2024-07-20T00:00:00Z'),
    );
    const coinMark = (forward: number) =>
      black76Price({
        type: 'call',
        forward,
        strike: 55_000,
        timeToExpiry: years,
        lognormalVol: 0.5,
      }) / forward;
    const book = accountOf(
      isolatedCallBook({ forwardPrice: '64500', markPrice: String(coinMark(64_500)) }),
    );
    const silo = okxSilos(book.account, book.context)[0];
    // Isolated short: surplus = margin − (c·MF + mark)·size − fee, the fee 0.0003 × size here.
    const markAt = (index: number) =>
      (Number(ISOLATED_MARGIN) - (silo?.nonlinear?.surplus([index]) ?? 0)) / 0.01 - 0.0003 - 0.03;
    for (const index of [50_000, 63_740, 70_000, 80_000])
      expect(markAt(index)).toBeCloseTo(coinMark((index * 64_500) / 63_740), 12);
  });

  it('puts a cross short put and an inverse swap in one silo, liquidated where equity meets MM', () => {
    const { account, context } = accountOf({
      version: 1,
      asOf: '2026-12-01T00:00:00Z',
      accounts: [
        {
          id: 'okx-main:BTC',
          venue: 'okx',
          marginMode: 'cross',
          balances: [{ asset: 'BTC', total: '0.6' }],
          positions: [
            {
              symbol: 'BTC/USD:BTC-261225-90000-P',
              side: 'short',
              contracts: '100',
              contractSize: '0.01',
              entryPrice: '0.03',
              markPrice: '0.025',
              markIv: 0.5,
              optionMarginFactor: '1.02',
            },
            {
              symbol: 'BTC/USD:BTC',
              side: 'long',
              contracts: '500',
              contractSize: '100',
              entryPrice: '95000',
              markPrice: '96050',
              maintenanceMarginRate: '0.005',
            },
          ],
        },
      ],
      market: { prices: { BTC: '96000' } },
    });
    const margin = okxAccountMargin(account, context);
    const put = (0.03 * 1.02 + 0.025) * 1;
    const swap = ((500 * 100) / 96_050) * 0.005;
    expect(margin.positions[0]?.maintenanceMargin).toBeCloseTo(put, 14);
    expect(margin.positions[1]?.maintenanceMargin).toBeCloseTo(swap, 14);
    expect(margin.maintenanceMargin).toBeCloseTo(put + swap, 14);
    const swapPnl = 500 * 100 * (1 / 95_000 - 1 / 96_050);
    // The margin balance: the put's value is not in it (its liability is in its MMR).
    expect(margin.equity).toBeCloseTo(0.6 + swapPnl, 14);
    // Long the swap and short the put: both lose as BTC falls.
    const level = margin.positions[0]?.liquidationPrice ?? 0;
    expect(level).toBeLessThan(96_000);
    expect(margin.positions[1]?.liquidationPrice).toBeCloseTo((level * 96_050) / 96_000, 6);
    const silo = okxSilos(account, context)[0];
    expect(silo?.label).toBe('cross');
    expect(Math.abs(silo?.nonlinear?.surplus([level]) ?? 1)).toBeLessThan(1e-9);
    expect(silo?.nonlinear?.surplus([96_000])).toBeCloseTo(
      margin.equity - margin.maintenanceMargin,
      14,
    );
  });

  it('carries the account through the whole report, its options at their mark IV', () => {
    const { portfolio } = accountOf(isolatedCallBook());
    const report = calculateRiskReport(portfolio);
    expect(report.accounts[0]?.positions[0]?.liquidationPrice).toBeGreaterThan(63_740);
    expect(report.portfolio.es).toBeGreaterThan(0);
  });

  it.each([
    [
      'a short option without its seller tier factor',
      { optionMarginFactor: undefined },
      'optionMarginFactor: a short OKX option needs the margin factor',
    ],
    [
      'an underlying OKX publishes no parameters for',
      { symbol: 'SOL/USD:SOL-240830-150-C' },
      'OKX publishes option margin parameters for BTC, ETH options only',
    ],
  ])('refuses %s by name', (_, overrides, message) => {
    const book =
      'symbol' in overrides
        ? isolatedCallBook(overrides, [{ asset: 'SOL', total: '1' }], { SOL: '150' })
        : isolatedCallBook(overrides);
    const { account, context } = accountOf(book);
    expect(() => okxAccountMargin(account, context)).toThrow(message);
  });

  it('refuses options in portfolio margin by name', () => {
    const { account, context } = accountOf(isolatedCallBook());
    expect(() => okxAccountMargin({ ...account, marginMode: 'portfolio' }, context)).toThrow(
      'OKX portfolio margin with options is not supported',
    );
  });

  it('refuses options in a multi-currency account (with its USD prices) by name', () => {
    const book = isolatedCallBook({}, [
      { asset: 'BTC', total: '1' },
      { asset: 'USDT', total: '1000' },
    ]);
    const { account, context } = accountOf({
      ...book,
      accounts: [
        {
          ...book.accounts[0],
          collateralIndex: {
            source: 'OKX GET /api/v5/account/balance details[] eqUsd / eq',
            asOf: book.asOf,
            prices: [
              { asset: 'BTC', index: '63740' },
              { asset: 'USDT', index: '1' },
            ],
          },
        },
      ],
      collateralTables: ['BTC', 'USDT'].map((asset) => ({
        venue: 'okx',
        asset,
        source: 'test input',
        asOf: '2024-07-20',
        tiers: [{ floor: '0', cap: null, collateralRate: '1' }],
      })),
    });
    expect(() => okxAccountMargin(account, context)).toThrow(
      'OKX options in a multi-currency margin account are not computed yet',
    );
  });

  it('names a USDⓈ-margined option as such, before asking for an index', () => {
    const { account, context } = accountOf(
      isolatedCallBook(
        { symbol: 'BTC/USDT:USDT-240830-55000-C' },
        [{ asset: 'USDT', total: '1' }],
        {
          BTC: '63740',
        },
      ),
    );
    expect(() => okxAccountMargin(account, context)).toThrow(
      'OKX options settled in USDT (USDⓈ-margined) are not computed yet',
    );
  });

  it.each([
    ['a margin of 0', '0', '0.0905'],
    ['a cheap option whose margin (its premium) is below the fee to close', '0.000002', '0.0002'],
  ])('never liquidates a long isolated option, with %s', (_, isolatedMargin, entryPrice) => {
    const { account, context } = accountOf(
      isolatedCallBook({
        side: 'long',
        isolatedMargin,
        entryPrice,
        markPrice: entryPrice,
        optionMarginFactor: undefined,
      }),
    );
    const position = okxAccountMargin(account, context).positions[0];
    expect(position?.liquidationPrice).toBeNull();
    expect(position?.maintenanceMargin).toBe(0);
    const silo = okxSilos(account, context)[0];
    expect(silo && siloIsExposed(silo)).toBe(false);
  });

  it("gives a cross long option its account's liquidation price, and long options alone none", () => {
    const shortPut = {
      symbol: 'BTC/USD:BTC-240830-50000-P',
      side: 'short',
      contracts: '100',
      contractSize: '0.01',
      entryPrice: '0.01',
      markPrice: '0.01',
      markIv: 0.5,
      optionMarginFactor: '1',
    };
    const longCall = { ...shortPut, symbol: 'BTC/USD:BTC-240830-80000-C', side: 'long' };
    const book = (positions: readonly object[], total: string) => {
      const base = isolatedCallBook({}, [{ asset: 'BTC', total }]);
      return { ...base, accounts: [{ ...base.accounts[0], positions }] };
    };
    const both = accountOf(book([shortPut, longCall], '0.1'));
    const margin = okxAccountMargin(both.account, both.context);
    expect(margin.positions[0]?.liquidationPrice).toBeLessThan(63_740);
    expect(margin.positions[1]?.liquidationPrice).toBe(margin.positions[0]?.liquidationPrice);
    // Long options alone, even on an empty balance: nothing to maintain, never liquidated.
    const alone = accountOf(book([longCall], '0'));
    expect(
      okxAccountMargin(alone.account, alone.context).positions[0]?.liquidationPrice,
    ).toBeNull();
    const silo = okxSilos(alone.account, alone.context)[0];
    expect(silo && siloIsExposed(silo)).toBe(false);
  });

  it("caps a cheap short option's fee to close at 7% of its mark", () => {
    // Mark 0.002: 7% × 0.002 = 0.00014 < the 0.0003 taker rate, so the fee is 0.00014 × 0.01.
    const { account, context } = accountOf(
      isolatedCallBook({
        markPrice: '0.002',
        entryPrice: '0.002',
        symbol: 'BTC/USD:BTC-240830-90000-C',
      }),
    );
    const silo = okxSilos(account, context)[0];
    const mmr = (0.03 + 0.002) * 0.01;
    expect(silo?.nonlinear?.surplus([63_740])).toBeCloseTo(
      Number(ISOLATED_MARGIN) - mmr - 0.07 * 0.002 * 0.01,
      15,
    );
  });

  it("refuses an optionMarginFactor outside OKX's options in the file", () => {
    const book = isolatedCallBook();
    const onSwap = {
      ...book,
      accounts: [
        {
          ...book.accounts[0],
          positions: [
            {
              symbol: 'BTC/USD:BTC',
              side: 'long',
              contracts: '1',
              contractSize: '100',
              entryPrice: '60000',
              markPrice: '63000',
              optionMarginFactor: '1',
            },
          ],
        },
      ],
    };
    expect(() => parsePortfolio(onSwap)).toThrow('this position is not an option');
  });
});
