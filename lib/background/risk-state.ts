import {
  evaluateRisk,
  parsePortfolio,
  PortfolioError,
  resolveInputs,
  RefusalScope,
  tradeImpact,
  type CandidateOrder,
  type LiveMarket,
  type ResidualHistory,
  type RiskEvaluation,
  type TradeImpact,
  type TradeImpactRefusal,
  type ValidatedPortfolio,
} from '../engine';
import type { PortfolioOrigin } from '../connections/assemble-portfolio';
import type { ConnectionView } from '../connections/connection-types';
import type { PortfolioRiskView, SymbolRiskView } from '../messaging/protocol';
import type { StoredRiskState } from '../storage/risk-state-item';

/**
 * The one risk state of the background: the current inputs (imported file and connected
 * accounts assembled by lib/connections, live market data) → resolved once → the engine's named
 * measures and report, kept until an input changes. Popup, overlay and the pre-trade check read
 * it; nothing else parses or computes.
 *
 * - Rebuilt only when the inputs' fingerprint changes (a connection read, an import, a market
 *   read, a setting that changes the file); requests in between cost one fingerprint.
 * - Persisted (`store`): a restarted service worker serves the stored state at once when its
 *   inputs and the extension's version are unchanged, with the time it was computed; the
 *   scenario P&L the pre-trade check reuses is rebuilt on the first check after a restart.
 * - Requests are served one at a time, so an older read never overwrites a newer state.
 * - The portfolio file is parsed once per distinct file (the market reader asks for it too).
 * - With nothing imported or connected, the embedded demo portfolio is used and labelled so.
 */
export interface RiskInputs {
  readonly origin: PortfolioOrigin;
  readonly file: unknown;
  readonly connections: readonly ConnectionView[];
  /** Report account id → the connection it was read through (connected accounts only). */
  readonly accountConnections: Readonly<Record<string, string>>;
  /** Live public market data, or why there is none (the report's inputs say which). */
  readonly liveMarket?: LiveMarket;
  /** The packaged history filtered historical simulation draws from (static: not fingerprinted). */
  readonly residualHistory?: ResidualHistory;
}

export interface RiskStateStore {
  get(): Promise<StoredRiskState | null>;
  set(state: StoredRiskState): Promise<void>;
}

export interface RiskState {
  portfolioRisk(): Promise<PortfolioRiskView>;
  symbolRisk(venue: string, symbol: string): Promise<SymbolRiskView>;
  /** The pre-trade check: what `order` changes, on the current state. */
  tradeImpact(
    order: CandidateOrder,
    options?: { readonly liquidationProbability?: boolean },
  ): Promise<TradeImpact | TradeImpactRefusal>;
  /** The current portfolio file, validated (null when it cannot be used). */
  portfolio(): Promise<ValidatedPortfolio | null>;
}

export function createRiskState(
  loadInputs: () => Promise<RiskInputs>,
  store: RiskStateStore,
  now: () => number,
  /** The extension's version: a stored state from another version is computed anew. */
  version: string,
): RiskState {
  let current: { stored: StoredRiskState; evaluation?: RiskEvaluation } | undefined;
  let parsed: { key: string; result: ValidatedPortfolio | PortfolioError } | undefined;

  const parseOnce = (file: unknown): ValidatedPortfolio | PortfolioError => {
    const key = JSON.stringify(file);
    if (parsed?.key !== key) {
      try {
        parsed = { key, result: parsePortfolio(file) };
      } catch (error) {
        if (!(error instanceof PortfolioError)) throw error;
        parsed = { key, result: error };
      }
    }
    return parsed.result;
  };

  const evaluate = (inputs: RiskInputs): RiskEvaluation | PortfolioError => {
    const file = parseOnce(inputs.file);
    if (file instanceof PortfolioError) return file;
    try {
      return evaluateRisk(
        resolveInputs(file, {
          ...(inputs.liveMarket !== undefined && { liveMarket: inputs.liveMarket }),
          ...(inputs.residualHistory !== undefined && { residualHistory: inputs.residualHistory }),
        }),
      );
    } catch (error) {
      // The model section itself can refuse the file (a setting the method does not allow).
      if (error instanceof PortfolioError) return error;
      throw error;
    }
  };

  async function rebuild(inputs: RiskInputs, inputsId: string): Promise<StoredRiskState> {
    const evaluation = evaluate(inputs);
    const stored: StoredRiskState = {
      inputsId,
      computedAt: new Date(now()).toISOString(),
      source: inputs.origin,
      outcome:
        evaluation instanceof PortfolioError
          ? { ok: false, problem: `The current portfolio cannot be used. ${evaluation.message}` }
          : { ok: true, report: evaluation.report },
      accountConnections: inputs.accountConnections,
    };
    current = {
      stored,
      ...(!(evaluation instanceof PortfolioError) && { evaluation }),
    };
    // Persisting is a cache for the next worker: a storage failure costs a recomputation then,
    // never the figures now.
    await store.set(stored).catch(() => undefined);
    return stored;
  }

  // One request at a time reads the inputs and (re)builds: a request that read older inputs can
  // never commit its state after a newer one.
  let queue: Promise<unknown> = Promise.resolve();
  function state(): Promise<{ stored: StoredRiskState; inputs: RiskInputs }> {
    const next = queue.then(readState, readState);
    queue = next.catch(() => undefined);
    return next;
  }

  async function readState(): Promise<{ stored: StoredRiskState; inputs: RiskInputs }> {
    const inputs = await loadInputs();
    const inputsId = await fingerprint([
      STATE_FORMAT,
      version,
      inputs.origin,
      inputs.accountConnections,
      inputs.file,
      inputs.liveMarket ?? null,
      // Whether the packaged history came with them (a failed read is computed anew once it loads).
      inputs.residualHistory !== undefined,
    ]);
    if (current?.stored.inputsId === inputsId) return { stored: current.stored, inputs };
    if (current === undefined) {
      const stored = await store.get().catch(() => null);
      if (stored?.inputsId === inputsId && isStoredState(stored)) {
        current = { stored };
        return { stored, inputs };
      }
    }
    return { stored: await rebuild(inputs, inputsId), inputs };
  }

  function reportOf(stored: StoredRiskState) {
    if (!stored.outcome.ok) throw new Error(stored.outcome.problem);
    return stored.outcome.report;
  }

  return {
    async portfolioRisk() {
      const { stored, inputs } = await state();
      return {
        source: stored.source,
        report: reportOf(stored),
        computedAt: stored.computedAt,
        connections: inputs.connections,
      };
    },

    async symbolRisk(venue, symbol) {
      const { stored, inputs } = await state();
      const report = reportOf(stored);
      // By the report's account ids (an imported account may share a connected one's read id).
      const freshnessOf = (accountId: string) => {
        const connectionId = stored.accountConnections[accountId];
        const view = inputs.connections.find((entry) => entry.connection.id === connectionId);
        return view === undefined
          ? { freshness: null, dataAgeSeconds: null, staleReason: null }
          : {
              freshness: view.freshness,
              dataAgeSeconds: view.dataAgeSeconds,
              staleReason: view.staleReason,
            };
      };
      const accounts = report.accounts
        .filter((account) => account.venue === venue)
        .flatMap((account) =>
          account.positions
            .filter((position) => position.symbol === symbol)
            .map((position) => ({
              accountId: account.id,
              side: position.side,
              quantity: position.quantity,
              settle: account.settle,
              marginRatio: account.marginRatio,
              markPrice: position.markPrice,
              liquidationPrice: position.liquidationPrice,
              liquidationDistancePct: position.liquidationDistancePct,
              // The account's probability of being liquidated at all within the horizon.
              liquidationProbability: account.liquidation.probability?.value ?? null,
              ...freshnessOf(account.id),
            })),
        );
      return {
        source: stored.source,
        venue,
        symbol,
        accounts,
        // Accounts, not refusals: one account may be refused for several reasons.
        excludedAccounts: new Set(
          report.refusals
            .filter(
              (refusal) => refusal.venue === venue && refusal.removes === RefusalScope.account,
            )
            .map((refusal) => refusal.account),
        ).size,
        portfolioEs: report.portfolio.es,
        confidence: report.portfolio.confidence,
        horizonHours: report.portfolio.horizonHours,
        computedAt: stored.computedAt,
      };
    },

    async tradeImpact(order, options = {}) {
      const { stored, inputs } = await state();
      reportOf(stored);
      let evaluation = current?.stored === stored ? current.evaluation : undefined;
      if (evaluation === undefined) {
        // After a restart the stored state has no scenarios in memory: rebuild them once.
        const rebuilt = evaluate(inputs);
        if (rebuilt instanceof PortfolioError)
          throw new Error(`The current portfolio cannot be used. ${rebuilt.message}`);
        evaluation = rebuilt;
        current = { stored, evaluation };
      }
      return tradeImpact(evaluation, order, options);
    },

    async portfolio() {
      const result = parseOnce((await loadInputs()).file);
      return result instanceof PortfolioError ? null : result;
    },
  };
}

/** Bumped when the stored state's shape or meaning changes (with the extension version, in its fingerprint). */
const STATE_FORMAT = 1;

/** Whether a stored value has the shape this code reads (storage may hold an older one). */
function isStoredState(value: StoredRiskState): boolean {
  const outcome = (value as { outcome?: unknown }).outcome;
  return (
    typeof value.computedAt === 'string' &&
    typeof outcome === 'object' &&
    outcome !== null &&
    ((outcome as { ok?: unknown }).ok === false ||
      typeof (outcome as { report?: { accounts?: unknown } }).report?.accounts === 'object')
  );
}

/** SHA-256 of the inputs' JSON, hex: what the stored state was computed from. */
async function fingerprint(value: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
