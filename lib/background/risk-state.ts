import {
  evaluateRisk,
  parsePortfolio,
  PortfolioError,
  resolveInputs,
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
import type { PageRiskView, PageTradeImpact } from '../messaging/page-risk-view-types';
import type { GetTradeImpactRequest, PortfolioRiskView } from '../messaging/protocol';
import { pageOrder } from './page-order';
import { warningsForPage } from './page-trade-warnings';
import { pageRiskView, type PageQuery } from './page-risk-view';
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
  /** The overlay's view of one trading page (page-risk-view.ts). */
  pageRisk(page: PageQuery): Promise<PageRiskView>;
  /** The pre-trade check of an order as a page's form states it (page-order.ts). */
  pageTradeImpact(request: GetTradeImpactRequest): Promise<PageTradeImpact>;
  /** The pre-trade check: what `order` changes, on the current state. */
  tradeImpact(
    order: CandidateOrder,
    options?: { readonly liquidationProbability?: boolean },
  ): Promise<TradeImpact | TradeImpactRefusal>;
  /** The current portfolio file, validated (null when it cannot be used). */
  portfolio(): Promise<ValidatedPortfolio | null>;
  /** Storage changed: the next pre-trade check reads the inputs again before reusing the state. */
  inputsMayHaveChanged(): void;
}

/** A new risk state, as computed from its inputs, with the connections it was computed beside. */
export interface RiskStateChange {
  readonly stored: StoredRiskState;
  readonly connections: readonly ConnectionView[];
}

export function createRiskState(
  loadInputs: () => Promise<RiskInputs>,
  store: RiskStateStore,
  now: () => number,
  /** The extension's version: a stored state from another version is computed anew. */
  version: string,
  options: {
    /**
     * Called after each rebuild (an input changed), once the state is stored; never for a stored
     * state served unchanged. It must not wait on this risk state (it runs inside its queue):
     * what changed comes with the call. Whatever it throws is dropped, never the figures.
     */
    readonly onChange?: (change: RiskStateChange) => void;
  } = {},
): RiskState {
  let current: { stored: StoredRiskState; evaluation?: RiskEvaluation } | undefined;
  let parsed: { key: string; result: ValidatedPortfolio | PortfolioError } | undefined;
  /** The connections as last read (the trader's names for accounts in page answers). */
  let lastConnections: readonly ConnectionView[] = [];
  /** When the inputs were last read and fingerprinted (ms since the epoch). */
  let lastCheckedAt = Number.NEGATIVE_INFINITY;
  /** Storage changes reported so far (`inputsMayHaveChanged`). */
  let changes = 0;

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
    try {
      options.onChange?.({ stored, connections: inputs.connections });
    } catch {
      // A listener's failure is its own (alerts log theirs); the state stands.
    }
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
    const seen = changes;
    const inputs = await loadInputs();
    lastConnections = inputs.connections;
    // A change reported while the inputs were being read may have been missed by this read.
    if (changes === seen) lastCheckedAt = now();
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

  /**
   * The current evaluation, scenarios included (rebuilt once after a restart served the stored
   * report). Keystrokes of a pre-trade check come faster than inputs change: the evaluation is
   * reused without reading storage again until storage reports a change
   * (`inputsMayHaveChanged`) or REUSE_CHECKED_STATE_MS pass, whichever comes first.
   */
  async function evaluationNow(): Promise<RiskEvaluation> {
    if (current?.evaluation !== undefined && now() - lastCheckedAt < REUSE_CHECKED_STATE_MS)
      return current.evaluation;
    const { stored, inputs } = await state();
    reportOf(stored);
    if (current?.stored === stored && current.evaluation !== undefined) return current.evaluation;
    const rebuilt = evaluate(inputs);
    if (rebuilt instanceof PortfolioError)
      throw new Error(`The current portfolio cannot be used. ${rebuilt.message}`);
    current = { stored, evaluation: rebuilt };
    return rebuilt;
  }

  return {
    async portfolioRisk() {
      const { stored, inputs } = await state();
      return {
        source: stored.source,
        report: reportOf(stored),
        computedAt: stored.computedAt,
        connections: inputs.connections,
        accountConnections: stored.accountConnections,
      };
    },

    async pageRisk(page) {
      const { stored, inputs } = await state();
      return pageRiskView(
        {
          report: reportOf(stored),
          source: stored.source,
          computedAt: stored.computedAt,
          connections: inputs.connections,
          accountConnections: stored.accountConnections,
        },
        page,
      );
    },

    async pageTradeImpact(request) {
      const evaluation = await evaluationNow();
      const converted = pageOrder(evaluation.inputs, request);
      if ('refused' in converted) return { ok: false, refused: converted.refused };
      const impact = tradeImpact(evaluation, converted.order, {
        liquidationProbability: request.withProbability,
      });
      if ('refused' in impact) return { ok: false, refused: impact.refused };
      return {
        ok: true,
        impact: {
          ...impact,
          warnings: warningsForPage(impact.warnings, evaluation.report, {
            connections: lastConnections,
            accountConnections: current?.stored.accountConnections ?? {},
          }),
        },
        assumptions: converted.assumptions,
      };
    },

    async tradeImpact(order, options = {}) {
      return tradeImpact(await evaluationNow(), order, options);
    },

    inputsMayHaveChanged() {
      changes += 1;
      lastCheckedAt = Number.NEGATIVE_INFINITY;
    },

    async portfolio() {
      const result = parseOnce((await loadInputs()).file);
      return result instanceof PortfolioError ? null : result;
    },
  };
}

/**
 * How long a pre-trade check may reuse the state without reading its inputs again when storage
 * reports no change (a safety net: every input lives in storage, whose changes invalidate).
 */
const REUSE_CHECKED_STATE_MS = 30_000;

/**
 * Bumped when the stored state's shape or meaning changes (with the extension version, in its
 * fingerprint). 2: the report's stress grid, other stress scenarios and P&L against the main
 * underlying's move, and the collateral moves' ends and reasons.
 */
const STATE_FORMAT = 2;

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
