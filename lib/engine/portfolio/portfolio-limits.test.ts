import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL } from '../measure/model-settings';
import { DEMO_PORTFOLIO } from './demo-portfolio';
import { parsePortfolio } from './parse-portfolio';
import { PortfolioError } from './portfolio-error';
import { checkPortfolioTextLength, PORTFOLIO_LIMITS } from './portfolio-limits';

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof PortfolioError) return error.problems;
    throw error;
  }
  throw new Error('expected a PortfolioError');
}

/** A linear position on its own symbol (`COIN7/USDT:USDT`), so none share a one-way leg. */
function position(index: number) {
  return {
    symbol: `COIN${index}/USDT:USDT`,
    side: 'long',
    contracts: '1',
    entryPrice: '10',
    markPrice: '10',
  };
}

function account(id: string, positions: number, balances = 1) {
  return {
    id,
    venue: 'binanceusdm',
    marginMode: 'cross',
    balances: Array.from({ length: balances }, (_, index) => ({
      asset: `ASSET${index}`,
      total: '100',
    })),
    positions: Array.from({ length: positions }, (_, index) => position(index)),
  };
}

function fileWith(fields: Record<string, unknown>) {
  return { version: 1, asOf: '2025-02-11T00:00:00Z', ...fields };
}

const {
  accounts: MOST_ACCOUNTS,
  positions: MOST_POSITIONS,
  positionsPerAccount: MOST_PER_ACCOUNT,
  balancesPerAccount: MOST_BALANCES,
} = PORTFOLIO_LIMITS;

describe('PORTFOLIO_LIMITS', () => {
  it('admit the demo portfolio and every default of the model', () => {
    expect(() => parsePortfolio(DEMO_PORTFOLIO)).not.toThrow();
    expect(DEFAULT_MODEL.scenarios).toBeLessThanOrEqual(PORTFOLIO_LIMITS.scenarios);
    expect(DEFAULT_MODEL.liquidationPaths).toBeLessThanOrEqual(PORTFOLIO_LIMITS.liquidationPaths);
    expect(DEFAULT_MODEL.horizonHours).toBeLessThanOrEqual(PORTFOLIO_LIMITS.horizonHours);
  });

  it('read a file exactly at the account, position and balance caps', () => {
    const accounts = Array.from({ length: MOST_ACCOUNTS }, (_, index) =>
      account(`a${index}`, index === 0 ? MOST_PER_ACCOUNT : 0, index === 1 ? MOST_BALANCES : 1),
    );
    const rest = MOST_POSITIONS - MOST_PER_ACCOUNT;
    accounts[2] = account('a2', rest);
    const portfolio = parsePortfolio(fileWith({ accounts }));
    expect(portfolio.accounts).toHaveLength(MOST_ACCOUNTS);
    expect(portfolio.accounts.flatMap((entry) => entry.positions)).toHaveLength(MOST_POSITIONS);
  });

  it('refuse one account too many, by count, without reading the accounts', () => {
    // 60,000 accounts that are not even objects: one problem, the count, not 60,000.
    const accounts = Array.from({ length: 60_000 }, () => 'not an account');
    expect(problemsOf(() => parsePortfolio(fileWith({ accounts })))).toEqual([
      `accounts: the portfolio has 60,000 accounts; at most ${MOST_ACCOUNTS} are read`,
    ]);
    const oneMore = Array.from({ length: MOST_ACCOUNTS + 1 }, (_, index) =>
      account(`a${index}`, 0),
    );
    expect(problemsOf(() => parsePortfolio(fileWith({ accounts: oneMore })))).toEqual([
      `accounts: the portfolio has ${MOST_ACCOUNTS + 1} accounts; at most ${MOST_ACCOUNTS} are read`,
    ]);
  });

  it('refuse one position too many in an account, and in all accounts together', () => {
    const crowded = account('crowded', MOST_PER_ACCOUNT + 1);
    expect(problemsOf(() => parsePortfolio(fileWith({ accounts: [crowded] })))).toEqual([
      `accounts[0] "crowded" positions: the account has ${MOST_PER_ACCOUNT + 1} positions; at most ${MOST_PER_ACCOUNT} are read per account`,
    ]);
    const half = Math.ceil((MOST_POSITIONS + 1) / 2);
    const split = [account('first', half), account('second', MOST_POSITIONS + 1 - half)];
    expect(problemsOf(() => parsePortfolio(fileWith({ accounts: split })))).toEqual([
      `accounts: the accounts hold ${MOST_POSITIONS + 1} positions; at most ${MOST_POSITIONS} are read in all`,
    ]);
  });

  it('refuse one balance too many in an account', () => {
    const coins = account('coins', 0, MOST_BALANCES + 1);
    expect(problemsOf(() => parsePortfolio(fileWith({ accounts: [coins] })))).toEqual([
      `accounts[0] "coins" balances: the account has ${MOST_BALANCES + 1} balances; at most ${MOST_BALANCES} are read per account`,
    ]);
  });

  it('refuse scenarios, liquidation paths and a horizon beyond their caps, naming each cap', () => {
    const model = { scenarios: 1_000_000, liquidationPaths: 1_000_000, horizonHours: 720 };
    expect(problemsOf(() => parsePortfolio({ ...DEMO_PORTFOLIO, model }))).toEqual([
      `model horizonHours: must be a number ≥ 1 ≤ ${PORTFOLIO_LIMITS.horizonHours}, got 720`,
      `model scenarios: must be an integer ≥ 100 ≤ ${PORTFOLIO_LIMITS.scenarios}, got 1000000`,
      `model liquidationPaths: must be an integer ≥ 100 ≤ ${PORTFOLIO_LIMITS.liquidationPaths}, got 1000000`,
    ]);
    const atCaps = {
      scenarios: PORTFOLIO_LIMITS.scenarios,
      liquidationPaths: PORTFOLIO_LIMITS.liquidationPaths,
      horizonHours: PORTFOLIO_LIMITS.horizonHours,
    };
    expect(parsePortfolio({ ...DEMO_PORTFOLIO, model: atCaps }).model).toEqual(atCaps);
  });
});

describe('checkPortfolioTextLength', () => {
  it('passes text up to the cap and refuses longer text with its length and the cap', () => {
    expect(() => checkPortfolioTextLength(PORTFOLIO_LIMITS.fileCharacters)).not.toThrow();
    expect(problemsOf(() => checkPortfolioTextLength(52_000_000))).toEqual([
      `portfolio: the file is 52,000,000 characters long; at most ${PORTFOLIO_LIMITS.fileCharacters.toLocaleString('en-US')} are read`,
    ]);
  });
});
