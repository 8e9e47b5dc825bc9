import { describe, expect, it } from 'vitest';
import {
  BINANCE_LEVERAGE,
  BTC_PRICE,
  BTC_QUANTITY,
  CALENDAR,
  ETH_SHORT,
  FUTURE_PRICE,
  futuresBook,
  NOTIONAL_USD,
  PAIR,
  PLAIN_LONG,
  PmVenue,
  STRADDLE_IV,
  STRADDLE_STRIKE,
  straddleBook,
  straddleOnLinearVenue,
  straddlePremiumUsd,
} from '../../../test/portfolios/true-margin-books';
import { DERIBIT_PM_PARAMETERS } from '../margin/deribit-portfolio-margin';
import { OKX_IMR_FACTOR, OKX_PM_PARAMETERS } from '../margin/okx';
import { DEFAULT_MARKET } from '../market/default-market';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import { black76Price } from '../pricer/black76';
import { expiryTimeMs, timeToExpiry } from '../product/expiry';
import { coverageSigmas } from '../risk/day-variance-mixture';
import { calculateRiskReport } from './calculate-risk-report';
import { DEFAULT_MODEL } from './model-settings';
import { MARGIN_COVERAGE } from './stress-measure';

/**
 * docs/true-margin.md: the true margin beside the venues' own portfolio-margin requirements on the
 * same books (test/portfolios/true-margin-books.ts), both through the engine's one entry point.
 * Each claim of the note's explanation is asserted here as a relation or a scan size; the note's
 * table copies the figures of one run.
 */
function figures(file: unknown) {
  const report = calculateRiskReport(parsePortfolio(file));
  const { portfolio } = report;
  return {
    es: portfolio.es,
    scan: portfolio.stress.marginScan,
    scanRanges: portfolio.stress.grid?.scanRanges ?? {},
    liquidity: portfolio.liquidityAddOn,
    trueMargin: portfolio.trueMargin,
    /** The venue's maintenance and initial margin of the book, USD. */
    maintenance: portfolio.venueMaintenanceMargin,
    initial: portfolio.venueInitialMargin,
    refusals: report.refusals,
  };
}

const deribitBtc = DERIBIT_PM_PARAMETERS.BTC;
const deribitEth = DERIBIT_PM_PARAMETERS.ETH;
const okxBtc = OKX_PM_PARAMETERS.BTC;
if (!deribitBtc || !deribitEth || !okxBtc)
  throw new Error('no BTC/ETH portfolio-margin parameters');

/** Our scan range (a log-return) of an asset: the model's 99% one-day move in its σ. */
function ourScanRange(asset: string): number {
  const annualVol = DEFAULT_MARKET.annualVols[asset] ?? Number.NaN;
  return (
    coverageSigmas(DEFAULT_MODEL.distribution, MARGIN_COVERAGE) *
    annualVol *
    Math.sqrt(DEFAULT_MODEL.horizonHours / 8760)
  );
}

/** Binance's bracket for a 50,000–600,000 USD position: 0.5% less 50 USD. */
const binanceMaintenance = (notional: number) => 0.005 * notional - 50;

const relative = (actual: number, expected: number) => Math.abs(actual / expected - 1);

describe('true margin beside the venues’ portfolio margin (docs/true-margin.md)', () => {
  const plain = Object.fromEntries(
    Object.values(PmVenue).map((venue) => [venue, figures(futuresBook(venue, PLAIN_LONG))]),
  ) as Record<PmVenue, ReturnType<typeof figures>>;
  const calendar = Object.fromEntries(
    Object.values(PmVenue).map((venue) => [venue, figures(futuresBook(venue, CALENDAR))]),
  ) as Record<PmVenue, ReturnType<typeof figures>>;
  const pair = Object.fromEntries(
    Object.values(PmVenue).map((venue) => [venue, figures(futuresBook(venue, PAIR))]),
  ) as Record<PmVenue, ReturnType<typeof figures>>;
  const ethShort = figures(futuresBook(PmVenue.deribit, ETH_SHORT));
  const straddle = figures(straddleBook('cross'));
  const straddlePm = figures(straddleBook('portfolio'));

  it('measures one book the same whichever venue holds it (inverse N / price = linear quantity)', () => {
    for (const books of [plain, calendar]) {
      for (const venue of [PmVenue.okx, PmVenue.binance]) {
        expect(relative(books[venue].es, books.deribit.es)).toBeLessThan(1e-6);
        expect(relative(books[venue].scan.loss, books.deribit.scan.loss)).toBeLessThan(1e-6);
        expect(relative(books[venue].trueMargin, books.deribit.trueMargin)).toBeLessThan(1e-6);
      }
    }
    expect(relative(pair.binanceusdm.trueMargin, pair.deribit.trueMargin)).toBeLessThan(1e-6);
    for (const books of [plain, calendar, pair])
      for (const venue of Object.values(PmVenue))
        expect(books[venue].trueMargin).toBeCloseTo(
          Math.max(books[venue].es, books[venue].scan.loss) + books[venue].liquidity,
          9,
        );
  });

  it('scans the model’s 99% one-day move (about 6% for BTC, 10% for ETH), inside every venue’s fixed range', () => {
    const btc = ourScanRange('BTC');
    const eth = ourScanRange('ETH');
    expect(plain.deribit.scanRanges.BTC).toBeCloseTo(btc, 12);
    expect(pair.deribit.scanRanges.ETH).toBeCloseTo(eth, 12);
    expect(plain.deribit.scan.scanSigmas).toBeCloseTo(3.11, 2);
    // As price moves: a fall of 1 − e^(−range), a rise of e^(range) − 1.
    expect(-Math.expm1(-btc)).toBeGreaterThan(0.057);
    expect(Math.expm1(btc)).toBeLessThan(0.064);
    expect(Math.expm1(eth)).toBeLessThan(0.104);
    // OKX ±12% (and half the loss at ±24%), Deribit ±16% for BTC and ±18% for ETH.
    expect(okxBtc.priceRange).toBe(0.12);
    expect(deribitBtc.priceRange).toBe(0.16);
    expect(deribitEth.priceRange).toBe(0.18);
    expect(Math.expm1(btc)).toBeLessThan(okxBtc.priceRange / 1.8);
    expect(Math.expm1(btc)).toBeLessThan(deribitBtc.priceRange / 2.5);
    expect(Math.expm1(eth)).toBeLessThan(deribitEth.priceRange / 1.7);
  });

  describe('a plain BTC long of 60,000 USD', () => {
    it('our true margin is the ES (heavy-tailed ES 99% beyond the 99% move the scan sits at), the liquidity add-on a few dollars', () => {
      const { es, scan, liquidity } = plain.deribit;
      expect(es).toBeGreaterThan(1.3 * scan.loss);
      expect(scan.loss).toBeCloseTo(NOTIONAL_USD * -Math.expm1(-ourScanRange('BTC')), 3);
      expect(scan.scenario).toMatch(/^all assets −1 scan range/);
      expect(liquidity).toBeLessThan(1e-4 * NOTIONAL_USD);
    });

    it('Deribit PM: 0.8 × (the loss at −16%, 19% of the coin size, + 1% roll shock), above our true margin', () => {
      const range = deribitBtc.priceRange;
      const riskMatrix = (range / (1 - range) + deribitBtc.minAnnualisedMove) * NOTIONAL_USD;
      expect(relative(plain.deribit.initial ?? 0, riskMatrix)).toBeLessThan(1e-6);
      expect(relative(plain.deribit.maintenance, deribitBtc.mmFactor * riskMatrix)).toBeLessThan(
        1e-6,
      );
      expect(plain.deribit.maintenance).toBeGreaterThan(1.5 * plain.deribit.trueMargin);
    });

    it('OKX PM: (12% + 0.2% basis) of the value, IMR 1.3×, above our true margin', () => {
      const mmr = (okxBtc.priceRange + okxBtc.basisRate) * NOTIONAL_USD;
      expect(relative(plain.okx.maintenance, mmr)).toBeLessThan(1e-6);
      expect(relative(plain.okx.initial ?? 0, OKX_IMR_FACTOR * mmr)).toBeLessThan(1e-6);
      expect(plain.okx.maintenance).toBeGreaterThan(plain.okx.trueMargin);
      expect(plain.okx.maintenance).toBeLessThan(plain.deribit.maintenance);
    });

    it('Binance PM: the bracket’s maintenance margin, no scan at all, far below our true margin', () => {
      expect(
        relative(plain.binanceusdm.maintenance, binanceMaintenance(NOTIONAL_USD)),
      ).toBeLessThan(1e-6);
      expect(
        relative(plain.binanceusdm.initial ?? 0, NOTIONAL_USD / BINANCE_LEVERAGE),
      ).toBeLessThan(1e-6);
      expect(plain.binanceusdm.maintenance).toBeLessThan(0.1 * plain.binanceusdm.trueMargin);
    });
  });

  describe('a calendar spread: March future long, perpetual short, the same BTC quantity', () => {
    const basisDelta = BTC_QUANTITY * (FUTURE_PRICE - BTC_PRICE);

    it('we see only the net delta of the basis (the two legs move by the same log-return): a few dozen dollars', () => {
      expect(calendar.okx.scan.loss).toBeCloseTo(basisDelta * -Math.expm1(-ourScanRange('BTC')), 3);
      expect(calendar.okx.trueMargin).toBeLessThan(1e-3 * 2 * NOTIONAL_USD);
      expect(calendar.okx.liquidity).toBeLessThan(calendar.okx.es);
    });

    it('Deribit PM: the legs cancel in every scenario; the roll shock (1% of each leg) is all it asks', () => {
      const rollShockUsd = 2 * BTC_QUANTITY * deribitBtc.minAnnualisedMove * BTC_PRICE;
      expect(relative(calendar.deribit.initial ?? 0, rollShockUsd)).toBeLessThan(1e-6);
      expect(
        relative(calendar.deribit.maintenance, deribitBtc.mmFactor * rollShockUsd),
      ).toBeLessThan(1e-6);
    });

    it('OKX PM nets the unit to its basis delta: 12.2% of it, a little above our true margin', () => {
      expect(
        relative(calendar.okx.maintenance, (okxBtc.priceRange + okxBtc.basisRate) * basisDelta),
      ).toBeLessThan(1e-6);
      expect(calendar.okx.maintenance).toBeGreaterThan(calendar.okx.trueMargin);
    });

    it('Binance PM sums the legs’ brackets (no offset): more than OKX, less than Deribit', () => {
      const legs =
        binanceMaintenance(BTC_QUANTITY * FUTURE_PRICE) + binanceMaintenance(NOTIONAL_USD);
      expect(relative(calendar.binanceusdm.maintenance, legs)).toBeLessThan(1e-6);
      expect(calendar.binanceusdm.maintenance).toBeGreaterThan(calendar.okx.maintenance);
      expect(calendar.binanceusdm.maintenance).toBeLessThan(calendar.deribit.maintenance);
    });
  });

  describe('a long BTC straddle (1 call + 1 put at 95,000, March, IV 50%)', () => {
    it('no venue portfolio margin in the engine takes it: Deribit PM, OKX and Binance refuse it by name', () => {
      expect(straddlePm.refusals.map((refusal) => refusal.message).join()).toContain(
        'Deribit portfolio margin with options is not supported yet',
      );
      // OKX computes coin-margined options in single-currency margin only.
      const okx = calculateRiskReport(parsePortfolio(straddleOnLinearVenue(PmVenue.okx)));
      expect(okx.refusals.map((refusal) => refusal.message).join()).toContain(
        'OKX portfolio margin with options is not supported',
      );
      expect(() => parsePortfolio(straddleOnLinearVenue(PmVenue.binance))).toThrow(
        `option contracts settled in USDT are not supported on ${PmVenue.binance} yet`,
      );
      // Deribit standard margin asks nothing of a long option (the premium is paid).
      expect(straddle.maintenance).toBe(0);
    });

    it('our scan binds, not the ES: the vol-down cell (×0.75) at no price move, a day of decay included', () => {
      expect(straddle.scan.scenario).toBe('all assets 0 scan range, vol down');
      expect(straddle.scan.loss).toBeGreaterThan(10 * straddle.es);
      const expiry = expiryTimeMs('250328') ?? Number.NaN;
      const now = timeToExpiry(expiry, Date.parse('2025-02-11T00:00:00Z'));
      const value = (timeToExpiryYears: number, vol: number) =>
        (['call', 'put'] as const).reduce(
          (sum, type) =>
            sum +
            black76Price({
              type,
              forward: BTC_PRICE,
              strike: STRADDLE_STRIKE,
              timeToExpiry: timeToExpiryYears,
              lognormalVol: vol,
            }),
          0,
        );
      const volDownLoss = value(now, STRADDLE_IV) - value(now - 24 / 8760, 0.75 * STRADDLE_IV);
      expect(relative(straddle.scan.loss, volDownLoss)).toBeLessThan(1e-3);
      expect(straddle.trueMargin).toBeLessThan(straddlePremiumUsd());
    });
  });

  describe('a pair: 60,000 USD BTC long, 60,000 USD ETH short', () => {
    it('our scan is ETH rising alone (the correlation breaking), and the pair needs less than its ETH leg', () => {
      expect(pair.deribit.scan.scenario).toBe('ETH alone +1 scan range');
      expect(pair.deribit.trueMargin).toBeLessThan(ethShort.trueMargin);
    });

    it('Deribit PM margins each coin apart: the pair costs the sum of its legs, more than twice our true margin', () => {
      expect(
        relative(pair.deribit.maintenance, plain.deribit.maintenance + ethShort.maintenance),
      ).toBeLessThan(1e-9);
      const range = deribitEth.priceRange;
      // Short ETH at +18%: 1 − 1/1.18 of the coin size, + 0.5% roll shock, × 0.8.
      expect(
        relative(
          ethShort.maintenance,
          deribitEth.mmFactor * (range / (1 + range) + deribitEth.minAnnualisedMove) * NOTIONAL_USD,
        ),
      ).toBeLessThan(1e-6);
      expect(pair.deribit.maintenance).toBeGreaterThan(2 * pair.deribit.trueMargin);
    });

    it('OKX PM has no ETH risk unit in the engine; Binance PM asks the two brackets', () => {
      expect(pair.okx.refusals.map((refusal) => refusal.message).join()).toContain(
        'no OKX portfolio-margin parameters for the ETH risk unit',
      );
      expect(
        relative(pair.binanceusdm.maintenance, 2 * binanceMaintenance(NOTIONAL_USD)),
      ).toBeLessThan(1e-6);
      expect(pair.binanceusdm.maintenance).toBeLessThan(0.1 * pair.binanceusdm.trueMargin);
    });
  });
});
