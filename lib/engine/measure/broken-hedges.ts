import { liquidationFeeRule } from '../margin/liquidation-fee-rule';
import { isInverseContract } from '../product/inverse-contract';
import { InstrumentKind, Side } from '../product/types';
import { isUsdStablecoin } from '../product/usd-stablecoins';
import { BookChangePnl } from '../risk/book-change-pnl';
import type { Exposure } from '../risk/exposure';
import { exposureAtPriceRatio } from '../risk/exposure-at-price-ratio';
import { exposureDeltaUsd } from '../risk/exposure-delta-usd';
import { incrementalExpectedShortfall } from '../risk/incremental-es';
import { siloIsExposed, type MarginSilo } from '../risk/margin-silo';
import { HOURS_PER_YEAR } from '../risk/monte-carlo-log-returns';
import { scenarioExpectedShortfall } from '../risk/scenario-expected-shortfall';
import { scenarioPnlMatrix, type ScenarioSet } from '../risk/scenario-pnl-matrix';
import type { ResolvedAccount, ResolvedInputs } from './resolve-inputs';
import type { BrokenHedgeLeg, PositionReport } from './risk-report-types';
import { scenarioMeasures, type ScenarioMeasures } from './scenario-measures';
import { siloEquity } from './silo-equity';

/**
 * The cost of a broken hedge: for each leg of a hedge, what the book loses if that leg is
 * liquidated first, and how much riskier what remains open is (docs/broken-hedge.md).
 *
 * - A hedge leg: an exposed margin silo (margin-silo.ts) of a scenario account and an underlying
 *   it holds a position on, such that the silo's positions' delta on that underlying and the net
 *   delta of everything else in the book on it (other silos of the account, other accounts and
 *   venues, coin collateral outside the silo) have opposite signs. One entry per silo and
 *   underlying; a lone position is not a hedge and gets none. Deltas are USD deltas
 *   (exposure-delta-usd.ts: q·S·u, options q·F·Δ).
 * - Where it breaks: the nearest of the leg's positions' liquidation prices (the report's own:
 *   the position's for an isolated silo, the account's per-underlying price for a cross one,
 *   other underlyings at their reference). A leg none of whose positions has a liquidation price
 *   cannot be broken by its underlying and has no entry. A leg already at or past it breaks now
 *   (move 0).
 * - Loss if liquidated: the underlying moves by ρ = liquidation / reference (instantly, the
 *   other assets held); the silo's exposures (its positions, and for a coin-settled account its
 *   share silo.wallet / wallet of the coin balance) are revalued there in full by the scenario
 *   kernel, giving the move's P&L; the venue then keeps the silo's remaining equity there,
 *   E_now·u + P&L (E_now: silo-equity.ts, u: USD per unit of settlement), the maintenance margin
 *   at the liquidation price: liquidation-fee-rule.ts says per venue whether that is the venue's
 *   documented rule or the general one. So loss = −P&L + kept = E_now·u, floored at 0 (a silo
 *   already below zero equity is the insurance fund's).
 * - ES after: the report's ES (its confidence, horizon and scenario set; the parametric closed
 *   form for the parametric method) of every exposure but the leg's, each revalued at the
 *   shifted reference (exposure-at-price-ratio.ts: a delta-one's P&L scales by ρ exactly; an
 *   option is revalued in full at F·ρ, vols held).
 * - costIfBroken = loss + (ES after − ES now). Legs sorted by probability × cost, largest
 *   first (a leg without a probability counts 0), then by cost.
 *
 * Only scenario accounts take part (their exposures carry the deltas and the ES); an account
 * outside the scenario measures is named by its `scenario-measures` refusal. Units: USD.
 * Cost: per leg O(P), the change's P&L (O(N) per asset the leg and the shift touch, and the
 * shifted options on the underlying revalued: O(N·P_options)), the ES of the changed losses
 * (O(N)) and two one-row revaluations; never the whole book (changedBookExpectedShortfall).
 */
export function brokenHedges(
  inputs: ResolvedInputs,
  scenario: ScenarioMeasures,
  /** The report's positions by account (`inputs.accounts` order), with their liquidation figures. */
  positionReports: readonly (readonly PositionReport[])[],
  /** The ES of the book changed by a leg; the tests pass a revaluation in full to check it. */
  expectedShortfallAfter: ChangedBookShortfall = changedBookExpectedShortfall(inputs, scenario),
): BrokenHedgeLeg[] {
  const { market } = inputs;
  const { exposures, owners } = inputs.exposures;
  const deltas = exposures.map(exposureDeltaUsd);
  const coins = owners.map((owner) => settlementCoinOf(inputs, owner));

  /** The P&L of exposures when one asset moves by a log-return, instantly (no ageing). */
  const movePnl = (book: readonly Exposure[], assetIndex: number, logReturn: number): number => {
    if (book.length === 0) return 0;
    const logReturns = new Float64Array(market.assets.length);
    logReturns[assetIndex] = logReturn;
    const set: ScenarioSet = { assetCount: market.assets.length, count: 1, logReturns };
    return scenarioPnlMatrix(set, book, 0).reduce((sum, pnl) => sum + pnl, 0);
  };

  const legs: BrokenHedgeLeg[] = [];
  inputs.accounts.forEach((entry, accountIndex) => {
    if (!entry.inScenarios) return;
    const reports = positionReports[accountIndex] ?? [];
    for (const silo of entry.silos.filter(siloIsExposed)) {
      // The share of each exposure the silo holds: its positions whole, its part of the coin balance.
      const shares = owners.map((owner) => siloShare(entry, silo, owner));
      const underlyings = new Set(
        silo.positionIndices.map((p) => entry.account.positions[p]?.instrument.base ?? ''),
      );
      for (const underlying of underlyings) {
        const assetIndex = market.assets.indexOf(underlying);
        if (assetIndex < 0) continue;
        let legDeltaUsd = 0;
        let hedgeDeltaUsd = 0;
        exposures.forEach((exposure, e) => {
          if (exposure.assetIndex !== assetIndex) return;
          const share = shares[e] ?? 0;
          if (owners[e]?.positionIndex !== null && share === 1) legDeltaUsd += deltas[e] ?? 0;
          hedgeDeltaUsd += (1 - share) * (deltas[e] ?? 0);
        });
        if (!(legDeltaUsd * hedgeDeltaUsd < 0)) continue;

        const legReports = silo.positionIndices
          .filter((p) => entry.account.positions[p]?.instrument.base === underlying)
          .flatMap((p) => reports[p] ?? []);
        const breaking = nearestLiquidation(legReports);
        if (breaking === null) continue;
        const passed = breaking.report.liquidationPassed === true;
        const ratio = passed ? 1 : breaking.price / breaking.report.referencePrice;
        const logReturn = Math.log(ratio);

        // The leg (the silo's shares) and the rest of the book, the rest also at the shifted
        // reference; the columns that change (the leg's out, the rest's shifted in their place).
        const leg: Exposure[] = [];
        const rest: Exposure[] = [];
        const restShifted: Exposure[] = [];
        const removed: number[] = [];
        const added: Exposure[] = [];
        exposures.forEach((exposure, e) => {
          const share = shares[e] ?? 0;
          if (share > 0) leg.push(scaled(exposure, share));
          if (share >= 1) {
            removed.push(e);
            return;
          }
          const remaining = scaled(exposure, 1 - share);
          rest.push(remaining);
          const priceRatio = exposure.assetIndex === assetIndex ? ratio : 1;
          const settleRatio = coins[e] === underlying ? ratio : 1;
          if (share === 0 && priceRatio === 1 && settleRatio === 1) {
            restShifted.push(exposure);
            return;
          }
          const shifted = exposureAtPriceRatio(remaining, priceRatio, settleRatio);
          restShifted.push(shifted);
          removed.push(e);
          added.push(shifted);
        });

        const legMovePnl = movePnl(leg, assetIndex, logReturn);
        // The silo's remaining equity at the liquidation price, USD: what the venue keeps.
        const kept =
          siloEquity(entry, silo) * (entry.usdPerSettle?.value ?? Number.NaN) + legMovePnl;
        const lossIfLiquidated = Math.max(0, kept - legMovePnl);
        const rule = liquidationFeeRule(entry.account.venue, entry.account.marginMode);
        const esNow = scenario.expectedShortfall;
        const esAfter = expectedShortfallAfter(removed, added, restShifted);
        legs.push({
          accountId: entry.account.id,
          venue: entry.account.venue,
          underlying,
          symbols: legReports.map((report) => report.symbol),
          side: legDeltaUsd > 0 ? Side.long : Side.short,
          silo: breaking.report.liquidationSilo,
          legDeltaUsd,
          hedgeDeltaUsd,
          referencePrice: breaking.report.referencePrice,
          liquidationPrice: breaking.price,
          liquidationDirection: breaking.direction,
          move: ratio - 1,
          ...(passed && { liquidationPassed: true as const }),
          probability: breaking.report.liquidationProbability,
          movePnl: legMovePnl,
          restOfBookMovePnl: movePnl(rest, assetIndex, logReturn),
          liquidationFee: { amount: Math.max(0, kept), sourceKind: rule.kind, source: rule.source },
          lossIfLiquidated,
          esNow,
          esAfter,
          costIfBroken: lossIfLiquidated + (esAfter - esNow),
        });
      }
    }
  });
  const weight = (leg: BrokenHedgeLeg) => (leg.probability?.value ?? 0) * leg.costIfBroken;
  return legs.sort((a, b) => weight(b) - weight(a) || b.costIfBroken - a.costIfBroken);
}

/**
 * The ES (USD) of the book (`inputs.exposures`) changed by one leg: the book's columns `removed`
 * out, the exposures `added` in; `after` is the changed book whole (the same change, listed).
 */
export type ChangedBookShortfall = (
  removed: readonly number[],
  added: readonly Exposure[],
  after: readonly Exposure[],
) => number;

/**
 * The ES of the book changed by one leg, as a function of the change (ChangedBookShortfall).
 * On the report's scenarios: the book's scenario losses (the report's, kept in `scenario.tail`)
 * less the change's P&L (book-change-pnl.ts: delta-one columns through one coefficient per
 * asset, only the changed options revalued), then the ES of that vector (incremental-es.ts,
 * partial selection of the tail); equal to revaluing `after` in full up to the last bits of the
 * book's gross P&L. For the parametric method, the closed form of `after`. 0 for an empty
 * changed book. Cost per call: O(P), O(N) per asset touched, and the changed options revalued.
 */
function changedBookExpectedShortfall(
  inputs: ResolvedInputs,
  scenario: ScenarioMeasures,
): ChangedBookShortfall {
  const { market, settings } = inputs;
  const { exposures } = inputs.exposures;
  const set = scenario.scenarioSet;
  if (set === undefined)
    return (_removed, _added, after) =>
      after.length === 0 ? 0 : scenarioMeasures(after, market, settings).expectedShortfall;
  const horizonYears = settings.horizonHours / HOURS_PER_YEAR;
  const book =
    scenario.tail ??
    scenarioExpectedShortfall(set, exposures, horizonYears, [settings.confidence])[0];
  const change = new BookChangePnl(set, exposures, horizonYears);
  const changePnl = new Float64Array(set.count);
  const changedLosses = new Float64Array(set.count);
  return (removed, added, after) =>
    after.length === 0 || book === undefined
      ? 0
      : incrementalExpectedShortfall(
          book.losses,
          book.tailIndices,
          change.pnl(removed, added, changePnl),
          settings.confidence,
          changedLosses,
        ).after;
}

type Owner = ResolvedInputs['exposures']['owners'][number];

/**
 * The share of an exposure a silo holds: 1 for its own positions; for the coin balance of its
 * account (a coin-settled account's wallet as an exposure), the silo's wallet over the
 * account's (an isolated silo's margin, the cross silo's rest); 0 otherwise.
 */
function siloShare(entry: ResolvedAccount, silo: MarginSilo, owner: Owner): number {
  if (owner.account !== entry.account.id) return 0;
  if (owner.positionIndex !== null)
    return silo.positionIndices.includes(owner.positionIndex) ? 1 : 0;
  const wallet = entry.margin.walletBalance;
  return wallet === 0 ? 0 : Math.min(1, Math.max(0, silo.wallet / wallet));
}

function scaled(exposure: Exposure, factor: number): Exposure {
  return factor === 1 ? exposure : { ...exposure, quantity: exposure.quantity * factor };
}

/**
 * The coin a position's USD P&L is paid in and moves with: the settlement coin of a linear
 * contract in a coin-settled account; null for USD stablecoins, inverse contracts (their
 * exposure is already in USD), options (valued in USD) and balances.
 */
function settlementCoinOf(inputs: ResolvedInputs, owner: Owner): string | null {
  if (owner.positionIndex === null) return null;
  const entry = inputs.accounts.find((candidate) => candidate.account.id === owner.account);
  const instrument = entry?.account.positions[owner.positionIndex]?.instrument;
  if (entry === undefined || instrument === undefined) return null;
  const settle = entry.margin.settle;
  if (isUsdStablecoin(settle) || isInverseContract(instrument)) return null;
  return instrument.kind === InstrumentKind.option ? null : settle;
}

/** The leg's position whose liquidation price is nearest its reference, or null when none has one. */
function nearestLiquidation(
  reports: readonly PositionReport[],
): { report: PositionReport; price: number; direction: 'down' | 'up' } | null {
  let nearest: { report: PositionReport; price: number; direction: 'down' | 'up' } | null = null;
  let nearestDistance = Number.POSITIVE_INFINITY;
  for (const report of reports) {
    const { liquidationPrice: price, liquidationDirection: direction } = report;
    if (price === null || direction === null) continue;
    const distance = Math.abs(price / report.referencePrice - 1);
    if (distance < nearestDistance) {
      nearest = { report, price, direction };
      nearestDistance = distance;
    }
  }
  return nearest;
}
