import {
  evaluateRisk,
  parsePortfolio,
  resolveInputs,
  type AccountReport,
  type PositionReport,
  type Probability,
  type RiskReport,
} from '../engine';
import { Freshness, type ConnectionView } from '../connections/connection-types';
import type { AlertInput } from './alert-input';

/**
 * Fixed inputs for the alert tests: a real engine report of a two-venue BTC hedge (a Bybit
 * short beside a Hyperliquid long, both cross), whose figures a test then sets exactly where it
 * looks (`withPosition`, `withAccount`), and connections read just now. Not a test itself.
 */
export const HEDGE_FILE = {
  version: 1,
  asOf: '2026-11-24T12:00:00Z',
  baseCurrency: 'USD',
  accounts: [
    {
      id: 'bybit-hedge',
      venue: 'bybit',
      marginMode: 'cross',
      positionMode: 'oneway',
      balances: [{ asset: 'USDT', total: '2000' }],
      positions: [
        {
          symbol: 'BTC/USDT:USDT',
          side: 'short',
          contracts: '0.2',
          entryPrice: '95000',
          markPrice: '96500',
          leverage: 20,
        },
      ],
    },
    {
      id: 'hyperliquid-main',
      venue: 'hyperliquid',
      marginMode: 'cross',
      positionMode: 'oneway',
      balances: [{ asset: 'USDC', total: '5000' }],
      positions: [
        {
          symbol: 'BTC/USDC:USDC',
          side: 'long',
          contracts: '0.2',
          entryPrice: '95000',
          markPrice: '96500',
          leverage: 10,
          maxLeverage: 40,
        },
      ],
    },
  ],
  model: { method: 'parametric', liquidationPaths: 1000 },
};

let base: RiskReport | undefined;

/** The engine's report of {@link HEDGE_FILE} (computed once). */
export function hedgeReport(): RiskReport {
  base ??= evaluateRisk(resolveInputs(parsePortfolio(HEDGE_FILE))).report;
  return base;
}

export function withAccount(
  report: RiskReport,
  accountId: string,
  patch: (account: AccountReport) => Partial<AccountReport> | null,
): RiskReport {
  return {
    ...report,
    accounts: report.accounts.flatMap((account) => {
      if (account.id !== accountId) return [account];
      const changed = patch(account);
      return changed === null ? [] : [{ ...account, ...changed }];
    }),
  };
}

/** The report with one position's figures set (or the position removed with `null`). */
export function withPosition(
  report: RiskReport,
  accountId: string,
  symbol: string,
  patch: Partial<PositionReport> | null,
): RiskReport {
  return withAccount(report, accountId, (account) => ({
    positions: account.positions.flatMap((position) =>
      position.symbol !== symbol ? [position] : patch === null ? [] : [{ ...position, ...patch }],
    ),
  }));
}

/**
 * A position's chance of liquidation within 24 h, from 4,000 paths, with its 95% interval; 0 is
 * a chance no path reached, bounded by the rule of three over 2,000 pairs at the nominal half.
 */
export function chance(value: number, standardError = 0.004): Probability {
  const common = {
    horizonHours: 24,
    method: 'path-simulation' as const,
    paths: 4000,
    stepHours: 1,
  };
  if (value === 0)
    return { ...common, value, standardError: 0, low: 0, high: 0.003, noPathHit: true };
  return {
    ...common,
    value,
    standardError,
    low: Math.max(0, value - 1.96 * standardError),
    high: Math.min(1, value + 1.96 * standardError),
  };
}

export function connection(
  id: string,
  venue: 'bybit' | 'hyperliquid' | 'binanceusdm',
  label: string,
  accountIds: readonly string[],
  freshness: Freshness = Freshness.fresh,
  dataAgeSeconds = 30,
): ConnectionView {
  return {
    connection: {
      id,
      venue,
      label,
      credentialKind: venue === 'hyperliquid' ? 'address' : 'apiKey',
      createdAt: '2026-11-24T10:00:00.000Z',
    },
    freshness,
    staleReason: freshness === Freshness.fresh ? null : 'Last read failed: the venue is down.',
    dataAgeSeconds,
    lastSuccessAt: '2026-11-24T11:59:30.000Z',
    problem: null,
    accountIds,
    positionCount: 1,
  };
}

/** The hedge as connected accounts: Bybit labelled "hedge", Hyperliquid by its address (no label). */
export function hedgeInput(report: RiskReport, overrides: Partial<AlertInput> = {}): AlertInput {
  return {
    report,
    source: 'connected',
    connections: [
      connection('bybit-hedge', 'bybit', 'hedge', ['bybit-hedge']),
      connection('hyperliquid', 'hyperliquid', 'hyperliquid', ['hyperliquid-main']),
    ],
    accountConnections: { 'bybit-hedge': 'bybit-hedge', 'hyperliquid-main': 'hyperliquid' },
    ...overrides,
  };
}
