import type { Refusal, RefusalScope } from '../lib/engine';
// Refusals' module, not the engine's index: the popup's bundle stays free of the engine's code.
import { isMarketRefusal } from '../lib/engine/measure/refusal';

/** What each kind of refusal takes out of the figures, in plain words. */
const REMOVES: Readonly<Record<RefusalScope, string>> = {
  account: 'Left out of every figure',
  'scenario-measures':
    'Venue margin and liquidation price shown; not in the Expected Shortfall, stress loss or liquidation probabilities',
  'liquidity-add-on': 'No cost-of-closing (liquidity) estimate',
};
const ORDER: readonly RefusalScope[] = ['account', 'scenario-measures', 'liquidity-add-on'];

/**
 * What the report could not compute, grouped by what it takes out of the figures, each item
 * naming the account (or position) and what to do. Refusals arrive as data from the engine; the
 * grouping reads `removes`, the advice reads `kind`, never the message text.
 */
export function RefusalList(props: {
  readonly refusals: readonly Refusal[];
  /** Whether live public market data is in use (else missing market figures can come from it). */
  readonly liveMarketInUse: boolean;
}) {
  const { refusals } = props;
  if (refusals.length === 0) return null;
  return (
    <section class="excluded" role="alert" data-testid="excluded-accounts">
      <h2>Not in these figures</h2>
      {ORDER.filter((scope) => refusals.some((refusal) => refusal.removes === scope)).map(
        (scope) => (
          <div key={scope} data-removes={scope}>
            <p class="excluded__scope">{REMOVES[scope]}:</p>
            <ul>
              {refusals
                .filter((refusal) => refusal.removes === scope)
                .map((refusal, index) => (
                  <li key={`${index}-${refusal.account ?? ''}-${refusal.kind}-${refusal.field}`}>
                    <strong>{refusal.account ?? 'all accounts'}</strong>: {refusal.message}
                  </li>
                ))}
            </ul>
          </div>
        ),
      )}
      {refusals.some(isMarketRefusal) && !props.liveMarketInUse && (
        <p class="footnote">
          Missing market figures: turn live market data on, or import a portfolio file whose market
          section gives them, to include these accounts.
        </p>
      )}
    </section>
  );
}
