import { describe, expect, it } from 'vitest';
import { DEMO_PORTFOLIO } from './demo-portfolio';
import { parsePortfolio } from './parse-portfolio';
import { PortfolioError } from './portfolio-error';
import {
  portfolioFileSchema,
  type PortfolioFile,
  type PortfolioFileAccount,
} from './portfolio-file-schema';

function problemsOf(raw: unknown): readonly string[] {
  try {
    parsePortfolio(raw);
  } catch (error) {
    if (error instanceof PortfolioError) return error.problems;
    throw error;
  }
  throw new Error('expected a PortfolioError');
}

/** A Deribit account with one option, typed as a writer types it: the schema's input type. */
const optionAccount: PortfolioFileAccount = {
  id: 'deribit-main',
  venue: 'deribit',
  marginMode: 'cross',
  balances: [{ asset: 'BTC', total: '2' }],
  positions: [
    {
      symbol: 'BTC/USD:BTC-261225-100000-C',
      side: 'short',
      contracts: '1',
      entryPrice: '0.05',
      markPrice: '0.04',
      markIv: 0.55,
    },
  ],
};

const file: PortfolioFile = {
  version: 1,
  asOf: '2026-11-24T08:00:00Z',
  accounts: [optionAccount],
  market: { prices: { BTC: '95000' } },
};

/** A mutable deep copy of `file`, to break one field at a time. */
function fileCopy() {
  return JSON.parse(JSON.stringify(file)) as {
    [key: string]: unknown;
    accounts: { [key: string]: unknown; positions: Record<string, unknown>[] }[];
  };
}

describe('the portfolio file schema', () => {
  it('reads a file typed by its own input type; an option carries its expiry time', () => {
    const position = parsePortfolio(file).accounts[0]?.positions[0];
    expect(position?.instrument).toMatchObject({
      kind: 'option',
      expiry: '261225',
      expiryTimeMs: Date.parse('2026-12-25T08:00:00Z'),
      strike: 100000,
      optionType: 'call',
    });
    expect(position?.contractSize.toString()).toBe('1');
    expect(position).not.toHaveProperty('leverage');
  });

  it('names fields the file should not have, at every level, before the other problems', () => {
    const raw = fileCopy();
    raw.comment = 'mine';
    Object.assign(raw.accounts[0] ?? {}, { label: 'main', marginMode: 'isolated' });
    Object.assign(raw.accounts[0]?.positions[0] ?? {}, { markIV: 0.5, markIv: undefined });
    raw.market = { prices: { BTC: '95000' }, vols: { BTC: 0.5 } };
    expect(problemsOf(raw)).toEqual([
      'comment: is not a portfolio file field; use version, asOf, baseCurrency, accounts, market, model, tierTables or collateralTables',
      'accounts[0] "deribit-main" label: is not an account field; use id, venue, marginMode, positionMode, balances, positions, multiAssetsMargin, collateralIndex or venueReported',
      'accounts[0] "deribit-main" positions[0] "BTC/USD:BTC-261225-100000-C" markIV: is not a position field; did you mean markIv?',
      'accounts[0] "deribit-main" marginMode: "isolated" margin is not supported on deribit; use "cross" or "portfolio"',
      'accounts[0] "deribit-main" positions[0] "BTC/USD:BTC-261225-100000-C" markIv: an option needs its mark implied volatility as a fraction (0.55 for 55%)',
      'market vols: is not a market figure; use prices, annualVols, correlations, dailyVolumeUsd or spreadsBps',
    ]);
  });

  it('takes an option’s forward (forwardPrice) and refuses one on a position that is no option', () => {
    const raw = fileCopy();
    Object.assign(raw.accounts[0]?.positions[0] ?? {}, { forwardPrice: '96120.5' });
    expect(parsePortfolio(raw).accounts[0]?.positions[0]?.forwardPrice?.toString()).toBe('96120.5');
    raw.accounts[0]?.positions.push({
      symbol: 'BTC/USD:BTC',
      side: 'long',
      contracts: '10',
      contractSize: '10',
      entryPrice: '95000',
      markPrice: '95000',
      forwardPrice: '95100',
    });
    Object.assign(raw.accounts[0]?.positions[0] ?? {}, { forwardPrice: '-1' });
    expect(problemsOf(raw)).toEqual([
      'accounts[0] "deribit-main" positions[0] "BTC/USD:BTC-261225-100000-C" forwardPrice: must be a positive decimal (a string such as "1.5"), got "-1"',
      'accounts[0] "deribit-main" positions[1] "BTC/USD:BTC" forwardPrice: is the forward an option\'s mark IV applies to; this position is not an option, remove it',
    ]);
  });

  it('has no object, at any level, that takes a field it does not name (a meta-test)', () => {
    // Every object schema in the file must be a file-object.ts `fileObject`: a loose object
    // followed, in its pipe, by the check that names each unknown field. A plain valibot object
    // would drop an unknown field silently; a record is a map by design and is not an object here.
    const objects = new Set<unknown>();
    const checked = new Set<unknown>();
    const visit = (schema: unknown): void => {
      if (typeof schema !== 'object' || schema === null) return;
      const node = schema as Record<string, unknown>;
      if (Array.isArray(node.pipe)) {
        const pipe = node.pipe as { type?: string }[];
        const loose = pipe.findIndex((item) => item.type === 'loose_object');
        if (loose >= 0 && pipe.slice(loose + 1).some((item) => item.type === 'raw_check'))
          checked.add(pipe[loose]);
        pipe.forEach(visit);
        return;
      }
      if (typeof node.entries === 'object' && node.entries !== null) {
        objects.add(node);
        Object.values(node.entries).forEach(visit);
      }
      for (const inner of [node.item, node.wrapped, node.key, node.value]) visit(inner);
    };
    visit(portfolioFileSchema);
    // file, account, balance, position, both venueReported, market, model, distribution, tier
    // table and tier, collateral table and tier, multiAssetsMargin and its buffer,
    // collateralIndex and its price.
    expect(objects.size).toBe(17);
    expect([...objects].filter((object) => !checked.has(object))).toEqual([]);
  });

  it('gives a missing field its own message', () => {
    const raw = fileCopy();
    delete raw.asOf;
    delete raw.accounts[0]?.positions[0]?.contracts;
    expect(problemsOf(raw)).toEqual([
      'asOf: must be a non-empty string, got nothing',
      'accounts[0] "deribit-main" positions[0] "BTC/USD:BTC-261225-100000-C" contracts: must be a positive decimal (a string such as "1.5"), got nothing',
    ]);
  });

  it('still checks across fields where other fields are wrong (one pass)', () => {
    const raw = fileCopy();
    const [first] = raw.accounts;
    if (!first) throw new Error('the file has an account');
    const second = structuredClone(first);
    Object.assign(second.positions[0] ?? {}, { entryPrice: 'cheap' });
    raw.accounts.push(second);
    expect(problemsOf(raw)).toEqual([
      'accounts[1] "deribit-main" id: is used by another account; ids must be unique',
      'accounts[1] "deribit-main" positions[0] "BTC/USD:BTC-261225-100000-C" entryPrice: must be a positive decimal (a string such as "1.5"), got "cheap"',
    ]);
  });

  it('refuses a student-t distribution without nu, and nu on a normal one', () => {
    expect(problemsOf({ ...file, model: { distribution: { type: 'student-t' } } })).toEqual([
      'model distribution nu: a student-t distribution needs nu, its degrees of freedom (a number > 2 ≤ 1000, e.g. 4)',
    ]);
    expect(problemsOf({ ...file, model: { distribution: { type: 'normal', nu: 4 } } })).toEqual([
      'model distribution nu: only a student-t distribution takes nu; remove it or set type "student-t"',
    ]);
  });

  it('quotes a map key that is wrong itself', () => {
    expect(problemsOf({ ...file, market: { correlations: { 'BTC-ETH': 2 } } })).toEqual([
      'market correlations "BTC-ETH": keys must be two assets "A/B"',
      'market correlations BTC-ETH: must be a number ≥ -1 ≤ 1, got 2',
    ]);
  });

  it('refuses an expiry that is not a date', () => {
    const raw = fileCopy();
    Object.assign(raw.accounts[0]?.positions[0] ?? {}, { symbol: 'BTC/USD:BTC-260230-100000-C' });
    expect(problemsOf(raw)).toEqual([
      'accounts[0] "deribit-main" positions[0] "BTC/USD:BTC-260230-100000-C" symbol: "BTC/USD:BTC-260230-100000-C" expires on 260230, which is not a calendar date (YYMMDD)',
    ]);
  });

  it('writes every problem as "<place>: <message>", never a library default', () => {
    const broken: unknown[] = [
      null,
      'file',
      {},
      { ...DEMO_PORTFOLIO, accounts: 'none', market: [], model: { seed: -1, distribution: 4 } },
      { ...DEMO_PORTFOLIO, accounts: [null, { positions: [1, {}], balances: [{}] }] },
      { ...DEMO_PORTFOLIO, tierTables: [{ tiers: [{ cap: 'x' }] }], collateralTables: [7] },
      { ...DEMO_PORTFOLIO, market: { prices: [], annualVols: { BTC: '0.5' } } },
    ];
    for (const raw of broken) {
      for (const problem of problemsOf(raw)) {
        expect(problem).toMatch(/^[^:]+: \S/);
        expect(problem).not.toMatch(/Invalid |Expected |Received /);
      }
    }
  });
});
