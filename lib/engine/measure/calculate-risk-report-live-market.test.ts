import { describe, expect, it } from 'vitest';
import { deribitBtcAccount } from '../../../test/golden/example-accounts';
import { DEFAULT_MARKET } from '../market/default-market';
import type { LiveMarketInput } from '../market/market-snapshot';
import { DEMO_PORTFOLIO } from '../portfolio/demo-portfolio';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import { calculateRiskReport } from './calculate-risk-report';

// Live figures chosen to differ from the embedded default (BTC 0.393083, ETH …, BTC/ETH 0.687137
// in default-market.json), so that where each figure came from is visible in the result.
const live: LiveMarketInput = {
  source: 'Binance USDⓈ-M public API',
  asOf: '2025-02-11T12:00:00.000Z',
  prices: { BTC: 96_000, ETH: 2_650 },
  annualVols: { BTC: 0.5, ETH: 0.7 },
  correlations: { 'BTC/ETH': 0.8 },
  volsMethod: 'EWMA λ 0.94 of 248 daily log-returns',
  volsAsOf: '2025-02-10T23:59:59.999Z',
  fundingRates: { 'BTC/USDT:USDT': 0.0001 },
};

const demo = parsePortfolio(DEMO_PORTFOLIO);

describe('calculateRiskReport with live market data', () => {
  const report = calculateRiskReport(demo, { liveMarket: live });

  it('takes vols and correlations the file lacks from live data, with source and time', () => {
    expect(report.inputs.annualVols.BTC).toEqual({
      value: 0.5,
      origin: 'live',
      source: 'Binance USDⓈ-M public API, EWMA λ 0.94 of 248 daily log-returns',
      asOf: '2025-02-10T23:59:59.999Z',
    });
    expect(report.inputs.correlations['BTC/ETH']).toMatchObject({ value: 0.8, origin: 'live' });
    expect(report.inputs.liveMarket).toEqual({
      status: 'used',
      source: 'Binance USDⓈ-M public API',
      asOf: '2025-02-11T12:00:00.000Z',
    });
    expect(report.inputs.fundingRates?.['BTC/USDT:USDT']).toEqual({
      value: 0.0001,
      origin: 'live',
      source: 'Binance USDⓈ-M public API',
      asOf: '2025-02-11T12:00:00.000Z',
    });
  });

  it('computes with the live figures: the same report as a file that gives them', () => {
    const fromFile = calculateRiskReport(
      parsePortfolio({
        ...DEMO_PORTFOLIO,
        market: { annualVols: { BTC: 0.5, ETH: 0.7 }, correlations: { 'BTC/ETH': 0.8 } },
      }),
    );
    expect(report.portfolio.es).toBe(fromFile.portfolio.es);
    expect(report.portfolio.stress.worstLoss).toBe(fromFile.portfolio.stress.worstLoss);
    expect(report.portfolio.es).not.toBe(calculateRiskReport(demo).portfolio.es);
  });

  it('lets the file beat live data, figure by figure', () => {
    const withFileVol = calculateRiskReport(
      parsePortfolio({ ...DEMO_PORTFOLIO, market: { annualVols: { BTC: 0.55 } } }),
      { liveMarket: live },
    );
    expect(withFileVol.inputs.annualVols.BTC).toEqual({ value: 0.55, origin: 'file' });
    expect(withFileVol.inputs.annualVols.ETH?.origin).toBe('live');
    expect(withFileVol.inputs.correlations['BTC/ETH']?.origin).toBe('live');
  });

  it('falls back to the embedded default per figure, saying why live data had none', () => {
    const partial = calculateRiskReport(demo, {
      liveMarket: {
        ...live,
        annualVols: { BTC: 0.5 },
        correlations: {},
        missing: { ETH: 'no Binance USDⓈ-M perpetual ETHUSDT' },
      },
    });
    expect(partial.inputs.annualVols.BTC?.origin).toBe('live');
    expect(partial.inputs.annualVols.ETH).toEqual({
      value: DEFAULT_MARKET.annualVols.ETH,
      origin: 'embedded-default',
      source:
        'embedded default (no live figure from Binance USDⓈ-M public API; ETH: no Binance USDⓈ-M perpetual ETHUSDT)',
    });
    expect(partial.inputs.correlations['BTC/ETH']?.origin).toBe('embedded-default');
  });

  it('says so when live data was wanted but unavailable, and computes as offline', () => {
    const offline = calculateRiskReport(demo, {
      liveMarket: { unavailable: 'Binance USDⓈ-M futures could not be reached.' },
    });
    expect(offline.inputs.annualVols.BTC).toEqual({
      value: DEFAULT_MARKET.annualVols.BTC,
      origin: 'embedded-default',
      source:
        'embedded default (live market data unavailable: Binance USDⓈ-M futures could not be reached.)',
    });
    expect(offline.inputs.liveMarket).toEqual({
      status: 'unavailable',
      reason: 'Binance USDⓈ-M futures could not be reached.',
    });
    expect(offline.portfolio.es).toBe(calculateRiskReport(demo).portfolio.es);
  });

  it('leaves the report unchanged when no live data is asked for', () => {
    const plain = calculateRiskReport(demo);
    expect(plain.inputs.annualVols.BTC).toEqual({
      value: DEFAULT_MARKET.annualVols.BTC,
      origin: 'embedded-default',
    });
    expect(plain.inputs.liveMarket).toBeUndefined();
  });
});

describe('live prices and option mark IVs', () => {
  // A Deribit BTC account (inverse perpetual, a short call, BTC balance) without market prices
  // in the file: the BTC index and the coin balance's USD value come from live data.
  const book = {
    version: 1,
    asOf: '2026-11-24T08:00:00Z',
    accounts: [deribitBtcAccount()],
  };
  const liveBtc: LiveMarketInput = {
    ...live,
    prices: { BTC: 100_000 },
    optionMarkIvs: {
      source: 'Deribit public API',
      asOf: '2026-11-24T08:00:00.000Z',
      values: { 'BTC/USD:BTC-261225-120000-C': 0.55 },
    },
  };

  it('prices an option on the forward of its own expiry: Deribit’s quote beside its mark IV, else a future of that expiry in the book', () => {
    const quoted: LiveMarketInput = {
      ...liveBtc,
      optionMarkIvs: {
        ...(liveBtc.optionMarkIvs ?? { source: '', asOf: '', values: {} }),
        forwards: { 'BTC/USD:BTC-261225-120000-C': 101_500 },
      },
    };
    const onIndex = calculateRiskReport(parsePortfolio(book), { liveMarket: liveBtc });
    const onForward = calculateRiskReport(parsePortfolio(book), { liveMarket: quoted });
    expect(onForward.inputs.forwards['BTC/USD:BTC-261225-120000-C']).toMatchObject({
      value: 101_500,
      origin: 'live',
    });
    // A call on a forward 1.5% above the index is worth more, so the book's risk moves with it.
    expect(onForward.portfolio.es).not.toBe(onIndex.portfolio.es);
    // Without the quote, a December future held in the book gives the forward.
    const withFuture = JSON.parse(JSON.stringify(book)) as typeof book;
    (withFuture.accounts[0]?.positions as unknown[]).push({
      symbol: 'BTC/USD:BTC-261225',
      side: 'long',
      contracts: '10',
      contractSize: '10',
      entryPrice: '101800',
      markPrice: '101800',
    });
    const fromFuture = calculateRiskReport(parsePortfolio(withFuture), { liveMarket: liveBtc });
    expect(fromFuture.inputs.forwards['BTC/USD:BTC-261225-120000-C']).toMatchObject({
      value: 101_800,
      origin: 'file',
      source: 'the mark of BTC/USD:BTC-261225, the future of the same expiry in the book',
    });
  });

  it('prices an option on its own venue’s forward first (forwardPrice), before Deribit’s quote or a future', () => {
    const quoted: LiveMarketInput = {
      ...liveBtc,
      optionMarkIvs: {
        ...(liveBtc.optionMarkIvs ?? { source: '', asOf: '', values: {} }),
        forwards: { 'BTC/USD:BTC-261225-120000-C': 101_500 },
      },
    };
    const withOwn = JSON.parse(JSON.stringify(book)) as typeof book;
    const call = (
      withOwn.accounts[0]?.positions as { symbol: string; forwardPrice?: string }[]
    ).find((position) => position.symbol === 'BTC/USD:BTC-261225-120000-C');
    if (!call) throw new Error('no call');
    call.forwardPrice = '102200';
    const report = calculateRiskReport(parsePortfolio(withOwn), { liveMarket: quoted });
    expect(report.inputs.forwards['BTC/USD:BTC-261225-120000-C']).toEqual({
      value: 102_200,
      origin: 'file',
      source: 'the forward the venue (deribit) quotes beside its mark IV (forwardPrice)',
    });
    // On a forward 0.7% above Deribit's quote the long call is worth more: the book's value moves.
    const onQuote = calculateRiskReport(parsePortfolio(book), { liveMarket: quoted });
    expect(report.portfolio.es).not.toBe(onQuote.portfolio.es);
  });

  it('prices the coin and the option forward from the live index when the file has none', () => {
    const report = calculateRiskReport(parsePortfolio(book), { liveMarket: liveBtc });
    expect(report.inputs.settlementPricesUsd.BTC).toMatchObject({ value: 100_000, origin: 'live' });
    expect(report.inputs.forwards['BTC/USD:BTC-261225-120000-C']).toMatchObject({
      value: 100_000,
      origin: 'live',
    });
    // The file's mark IV beats the live one.
    expect(report.inputs.optionVols['BTC/USD:BTC-261225-120000-C']).toEqual({
      value: 0.55,
      origin: 'file',
    });
    // The same index from the file (vols still live): the same risk.
    const fromFile = calculateRiskReport(
      parsePortfolio({ ...book, market: { prices: { BTC: '100000' } } }),
      { liveMarket: liveBtc },
    );
    expect(fromFile.inputs.settlementPricesUsd.BTC).toEqual({ value: 100_000, origin: 'file' });
    expect(report.portfolio.es).toBe(fromFile.portfolio.es);
  });

  it('takes an option’s mark IV from live data when the portfolio has none', () => {
    const parsed = parsePortfolio(book);
    const withoutIv = {
      ...parsed,
      accounts: parsed.accounts.map((account) => ({
        ...account,
        positions: account.positions.map((position) => {
          const copy = { ...position };
          delete copy.markIv;
          return copy;
        }),
      })),
    };
    const report = calculateRiskReport(withoutIv, { liveMarket: liveBtc });
    expect(report.inputs.optionVols['BTC/USD:BTC-261225-120000-C']).toEqual({
      value: 0.55,
      origin: 'live',
      source: 'Deribit public API',
      asOf: '2026-11-24T08:00:00.000Z',
    });
    expect(report.portfolio.es).toBe(
      calculateRiskReport(parsed, { liveMarket: liveBtc }).portfolio.es,
    );
    const unavailable = calculateRiskReport(withoutIv, {
      liveMarket: { unavailable: 'deribit is rate-limiting' },
    });
    expect(unavailable.accounts.map((account) => account.id)).not.toContain('deribit-btc');
    expect(unavailable.refusals).toContainEqual({
      account: 'deribit-btc',
      venue: 'deribit',
      position: 'BTC/USD:BTC-261225-120000-C',
      field: 'markIv',
      kind: 'missing-option-vol',
      removes: 'account',
      message:
        'account "deribit-btc" position BTC/USD:BTC-261225-120000-C markIv: an option needs its mark implied volatility; the file has none and live market data is unavailable: deribit is rate-limiting',
    });
    expect(calculateRiskReport(withoutIv).refusals.map((refusal) => refusal.kind)).toContain(
      'missing-option-vol',
    );
  });
});
