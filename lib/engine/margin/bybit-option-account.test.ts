import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import golden from '../../../test/golden/bybit-options.json';
import { calculateRiskReport } from '../measure/calculate-risk-report';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import { PortfolioError } from '../portfolio/portfolio-error';
import { black76Price } from '../pricer/black76';
import { impliedVol } from '../pricer/implied-vol';
import { bybitAccountMargin, bybitSilos } from './bybit';
import { bybitOptionParameters, bybitShortOptionMaintenance } from './bybit-option-margin';
import type { MarginContext } from './venue-context';

const MS_PER_YEAR = 365 * 24 * 3600 * 1000;

/** Years from `asOf` to 08:00 UTC on the YYMMDD date. */
function yearsTo(expiry: string, asOf: string): number {
  const time = Date.UTC(
    2000 + Number(expiry.slice(0, 2)),
    Number(expiry.slice(2, 4)) - 1,
    Number(expiry.slice(4, 6)),
    8,
  );
  return (time - Date.parse(asOf)) / MS_PER_YEAR;
}

/** The mark IV that prices an option at its published mark on the index (Black-76). */
function markIvOf(symbol: string, index: number, mark: number, asOf: string): number {
  const [, expiry = '', strike = '', flag = ''] = /-(\d{6})-(\d+)-([CP])$/.exec(symbol) ?? [];
  return impliedVol({
    type: flag === 'C' ? 'call' : 'put',
    forward: index,
    strike: Number(strike),
    timeToExpiry: yearsTo(expiry, asOf),
    price: mark,
  });
}

function contextOf(asOf: string, prices: Record<string, number>): MarginContext {
  return { asOf, underlyingPrice: (asset) => prices[asset] };
}

function account(file: Record<string, unknown>) {
  const parsed = parsePortfolio(file).accounts[0];
  if (!parsed) throw new Error('no account');
  return parsed;
}

describe('Bybit option standard margin through a portfolio file (golden, methodology §2.3)', () => {
  it.each(golden.shortOptions)('$id $label', (vector) => {
    const index = Number(vector.index);
    const markIv = markIvOf(vector.symbol, index, Number(vector.markPrice), vector.asOf);
    const uta = account({
      version: 1,
      asOf: vector.asOf,
      accounts: [
        {
          id: 'bybit-uta',
          venue: 'bybit',
          marginMode: 'cross',
          balances: [{ asset: 'USDC', total: vector.walletBalance ?? '100000' }],
          positions: [
            {
              symbol: vector.symbol,
              side: 'short',
              contracts: vector.quantity,
              entryPrice: vector.entryPrice,
              markPrice: vector.markPrice,
              markIv,
            },
          ],
        },
      ],
      market: { prices: { BTC: vector.index } },
    });
    const margin = bybitAccountMargin(uta, contextOf(vector.asOf, { BTC: index }));
    const position = margin.positions[0];
    expect(position?.maintenanceMargin).toBeCloseTo(vector.maintenanceMargin, 9);
    expect(margin.maintenanceMargin).toBeCloseTo(vector.maintenanceMargin, 9);
    if (vector.initialMargin !== null)
      expect(position?.initialMargin).toBeCloseTo(vector.initialMargin, 9);
    if (vector.accountMaintenanceRate !== null) {
      // The options premium sits in the wallet; an option's value is not in the cross margin balance.
      expect(margin.equity).toBe(Number(vector.walletBalance));
      expect(margin.marginRatio).toBeCloseTo(vector.accountMaintenanceRate, 12);
    }
    expect(position?.referencePrice).toBe(index);
    expect(position?.liquidationMethod).toBe('numeric');
  });
});

const AS_OF = '2026-11-24T00:00:00Z';
const INDEX = 95_000;

/**
 * A USDC Unified Trading Account: long perpetual, short put, short call, long call; the options'
 * marks are their Black-76 values at the stated IVs (so the model is exactly on the marks).
 */
function mixedFile(wallet: string, shortPuts = '2') {
  const option = (symbol: string, side: string, contracts: string, iv: number) => {
    const [, expiry = '', strike = '', flag = ''] = /-(\d{6})-(\d+)-([CP])$/.exec(symbol) ?? [];
    const mark = black76Price({
      type: flag === 'C' ? 'call' : 'put',
      forward: INDEX,
      strike: Number(strike),
      timeToExpiry: yearsTo(expiry, AS_OF),
      lognormalVol: iv,
    });
    return {
      symbol,
      side,
      contracts,
      entryPrice: mark.toFixed(2),
      markPrice: mark.toFixed(8),
      markIv: iv,
    };
  };
  return {
    version: 1,
    asOf: AS_OF,
    accounts: [
      {
        id: 'bybit-uta',
        venue: 'bybit',
        marginMode: 'cross',
        balances: [{ asset: 'USDC', total: wallet }],
        positions: [
          {
            symbol: 'BTC/USDC:USDC',
            side: 'long',
            contracts: '1.5',
            entryPrice: '94000',
            markPrice: '95050',
            leverage: 10,
            maintenanceMarginRate: '0.005',
            maintenanceAmount: '0',
          },
          option('BTC/USDC:USDC-261225-85000-P', 'short', shortPuts, 0.55),
          option('BTC/USDC:USDC-261225-110000-C', 'short', '1', 0.5),
          option('BTC/USDC:USDC-261225-120000-C', 'long', '1', 0.48),
        ],
      },
    ],
    market: {
      prices: { BTC: String(INDEX) },
      annualVols: { BTC: 0.55 },
    },
    model: { scenarios: 2000, liquidationPaths: 2000, seed: 7 },
  };
}

/** Margin balance and MM of the mixed account, recomputed by hand at index `price`. */
function byHand(file: ReturnType<typeof mixedFile>, price: number) {
  const positions = file.accounts[0]?.positions ?? [];
  const parameters = bybitOptionParameters('BTC');
  if (!parameters) throw new Error('no BTC parameters');
  let balance = Number(file.accounts[0]?.balances[0]?.total);
  let maintenance = 0;
  for (const position of positions) {
    const quantity = Number(position.contracts);
    if (!('markIv' in position)) {
      const perpetual = (Number(position.markPrice) * price) / INDEX;
      balance += quantity * (perpetual - Number(position.entryPrice));
      maintenance += quantity * perpetual * 0.005;
      continue;
    }
    if (position.side === 'long') continue;
    const [, expiry = '', strike = '', flag = ''] =
      /-(\d{6})-(\d+)-([CP])$/.exec(position.symbol) ?? [];
    const value = (forward: number) =>
      black76Price({
        type: flag === 'C' ? 'call' : 'put',
        forward,
        strike: Number(strike),
        timeToExpiry: yearsTo(expiry, AS_OF),
        lognormalVol: position.markIv,
      });
    const mark = Math.max(0, Number(position.markPrice) + value(price) - value(INDEX));
    maintenance += bybitShortOptionMaintenance(price, mark, quantity, parameters);
  }
  return { balance, maintenance };
}

describe('Bybit Unified Trading Account, cross margin with options beside a perpetual', () => {
  const context = contextOf(AS_OF, { BTC: INDEX });

  it('MM is Σ positions’ MM, long options carry none, and the margin ratio is MM / margin balance', () => {
    const file = mixedFile('30000');
    const margin = bybitAccountMargin(account(file), context);
    const [perpetual, shortPut, shortCall, longCall] = margin.positions;
    expect(longCall?.maintenanceMargin).toBe(0);
    expect(longCall?.initialMargin).toBe(0);
    expect(perpetual?.maintenanceMargin).toBeCloseTo(1.5 * 95_050 * 0.005, 9);
    const sum =
      (perpetual?.maintenanceMargin ?? 0) +
      (shortPut?.maintenanceMargin ?? 0) +
      (shortCall?.maintenanceMargin ?? 0);
    expect(margin.maintenanceMargin).toBeCloseTo(sum, 9);
    // Margin balance: wallet + the perpetual's P&L; no option value (UTA glossary, cross margin).
    expect(margin.equity).toBeCloseTo(30_000 + 1.5 * (95_050 - 94_000), 9);
    expect(margin.marginRatio).toBeCloseTo(margin.maintenanceMargin / margin.equity, 12);
    const atMarks = byHand(file, INDEX);
    expect(margin.maintenanceMargin).toBeCloseTo(atMarks.maintenance, 6);
  });

  it('is one silo over BTC whose surplus at the marks is margin balance − MM', () => {
    const file = mixedFile('30000');
    const parsed = account(file);
    const silos = bybitSilos(parsed, context);
    expect(silos).toHaveLength(1);
    expect(silos[0]?.nonlinear?.assets).toEqual(['BTC']);
    const margin = bybitAccountMargin(parsed, context);
    expect(silos[0]?.nonlinear?.surplus([INDEX])).toBeCloseTo(
      margin.equity - margin.maintenanceMargin,
      6,
    );
  });

  it('has margin balance = MM at its liquidation price (recomputed by hand)', () => {
    const file = mixedFile('30000');
    const margin = bybitAccountMargin(account(file), context);
    const shortPut = margin.positions[1];
    const level = shortPut?.liquidationPrice;
    if (level === null || level === undefined) throw new Error('no liquidation price');
    // Long perpetual and short put lose as BTC falls: the account dies below the index.
    expect(level).toBeLessThan(INDEX);
    const atLevel = byHand(file, level);
    expect(Math.abs(atLevel.balance - atLevel.maintenance)).toBeLessThan(1e-6 * atLevel.balance);
    // One silo, one price: every BTC position shows the same level (the perpetual on its mark).
    expect(margin.positions[2]?.liquidationPrice).toBe(level);
    expect(margin.positions[0]?.liquidationPrice).toBeCloseTo((level * 95_050) / INDEX, 6);
    expect(margin.positions[0]?.referencePrice).toBe(95_050);
  });

  it('MM and the margin ratio never fall as short puts are added (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), (a, b) => {
        const [fewer, more] = a <= b ? [a, b] : [b, a];
        const low = bybitAccountMargin(account(mixedFile('300000', String(fewer))), context);
        const high = bybitAccountMargin(account(mixedFile('300000', String(more))), context);
        expect(high.maintenanceMargin).toBeGreaterThanOrEqual(low.maintenanceMargin);
        expect(high.marginRatio).toBeGreaterThanOrEqual(low.marginRatio);
        if (more > fewer) {
          expect(high.maintenanceMargin).toBeGreaterThan(low.maintenanceMargin);
          expect(high.marginRatio).toBeGreaterThan(low.marginRatio);
        }
        // More short puts: liquidated no later as BTC falls.
        const lowLevel = low.positions[1]?.liquidationPrice ?? null;
        const highLevel = high.positions[1]?.liquidationPrice ?? null;
        if (lowLevel !== null && lowLevel < INDEX)
          expect(highLevel ?? 0).toBeGreaterThanOrEqual(lowLevel * (1 - 1e-9));
      }),
      { seed: 17, numRuns: 40 },
    );
  });

  it('reports MM / margin balance and a path-simulated probability for the account', () => {
    const report = calculateRiskReport(parsePortfolio(mixedFile('30000')));
    const uta = report.accounts[0];
    expect(uta?.marginRatio).toBeCloseTo((uta?.maintenanceMargin ?? 0) / (uta?.equity ?? 1), 12);
    expect(uta?.liquidation.probability?.method).toBe('path-simulation');
    expect(uta?.liquidation.probability?.value).toBeGreaterThanOrEqual(0);
  });

  it('is liquidated at once when the wallet cannot cover the MM', () => {
    const margin = bybitAccountMargin(account(mixedFile('100')), context);
    expect(margin.marginRatio).toBeGreaterThan(1);
    expect(margin.positions[1]?.liquidationPrice).toBe(INDEX);
  });
});

describe('Bybit option accounts refused with the reason', () => {
  const problems = (file: Record<string, unknown>, context: MarginContext) => {
    try {
      bybitAccountMargin(account(file), context);
    } catch (error) {
      if (error instanceof PortfolioError) return error.problems;
      throw error;
    }
    return [];
  };
  const base = (patch: Record<string, unknown>, position: Record<string, unknown> = {}) => ({
    version: 1,
    asOf: AS_OF,
    accounts: [
      {
        id: 'o',
        venue: 'bybit',
        marginMode: 'cross',
        balances: [{ asset: 'USDC', total: '1000' }],
        positions: [
          {
            symbol: 'BTC/USDC:USDC-261225-85000-P',
            side: 'short',
            contracts: '1',
            entryPrice: '100',
            markPrice: '100',
            markIv: 0.5,
            ...position,
          },
        ],
        ...patch,
      },
    ],
  });

  it('an isolated account', () => {
    expect(problems(base({ marginMode: 'isolated' }), contextOf(AS_OF, { BTC: INDEX }))).toEqual([
      'account "o" marginMode: Bybit options are margined in a cross-margin Unified Trading Account; "isolated" with options is not supported, use "cross"',
    ]);
  });
  it('options without the index price', () => {
    expect(problems(base({}), contextOf(AS_OF, {}))).toEqual([
      'market prices BTC: account "o" holds BTC options, which need the BTC index price in market.prices',
    ]);
  });
  it('an underlying without published parameters', () => {
    expect(
      problems(
        base({}, { symbol: 'ETH/USDC:USDC-261225-3000-P' }),
        contextOf(AS_OF, { ETH: 3000 }),
      ),
    ).toEqual([
      'account "o" position "ETH/USDC:USDC-261225-3000-P" symbol: Bybit publishes option margin parameters for BTC options only; ETH options are not supported yet',
    ]);
  });
  it('an expired option', () => {
    expect(
      problems(
        base({}, { symbol: 'BTC/USDC:USDC-261124-85000-P' }),
        contextOf('2026-11-24T09:00:00Z', { BTC: INDEX }),
      ),
    ).toEqual([
      'account "o" position "BTC/USDC:USDC-261124-85000-P" symbol: the option expired (261124 08:00 UTC) at or before asOf 2026-11-24T09:00:00Z; remove it',
    ]);
  });
  it('options and settlement assets mixed: one cross-collateral account, which needs the ratios', () => {
    // (bybit-unified-account.ts: every coin at index × collateral value ratio.)
    expect(
      problems(
        base({ balances: [{ asset: 'USDT', total: '1000' }] }),
        contextOf(AS_OF, { BTC: INDEX }),
      )[0],
    ).toContain('balances "USDT": no Bybit collateral value ratio for USDT');
  });
});
