import { useState } from 'preact/hooks';
import type { AccountReport, Contribution } from '../../lib/engine';
import { formatMoney, formatPercent } from '../../lib/format/format-figures';
import { instrumentName } from '../../lib/format/instrument-name';
import { legName } from './leg-words';
import type { PopupLeg } from './popup-legs';

type SortKey = 'es' | 'position';

/**
 * Who carries the risk: each position's share of the Expected Shortfall (its Euler
 * contribution: the contributions sum to the ES), sortable by contribution (largest first, or
 * smallest) or by name. A negative share lowers the book's ES; a position with an opposite one
 * on the same coin elsewhere in the book is marked as a hedge, with the leg it hedges.
 *
 * A contribution names its account and symbol, in the report's position order (a balance after
 * the positions): a hedge-mode pair (one symbol, long and short) is told apart by that order,
 * and each row is matched to its leg by account, symbol and side.
 */
export function AllocationTable(props: {
  readonly contributions: readonly Contribution[];
  readonly es: number;
  readonly legs: readonly PopupLeg[];
  /** The report's accounts: each contribution's side is its position's. */
  readonly accounts: readonly AccountReport[];
  /** "Binance USDⓈ-M (main)" for a report account id. */
  readonly whereOf: (accountId: string) => string;
}) {
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({
    key: 'es',
    descending: true,
  });
  const seen = new Map<string, number>();
  const rows = props.contributions.map((item) => {
    // The k-th contribution of an account and symbol is that account's k-th position in it.
    const key = `${item.account}|${item.symbol}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    const side = props.accounts
      .find((account) => account.id === item.account)
      ?.positions.filter((position) => position.symbol === item.symbol)[occurrence]?.side;
    const leg =
      side === undefined
        ? undefined
        : props.legs.find(
            (candidate) =>
              candidate.accountId === item.account &&
              candidate.symbol === item.symbol &&
              candidate.side === side,
          );
    const hedge =
      leg === undefined
        ? undefined
        : props.legs.find(
            (other) =>
              other.underlying === leg.underlying &&
              other.side !== leg.side &&
              other.key !== leg.key,
          );
    const name = `${props.whereOf(item.account)} ${leg?.instrumentName ?? instrumentName(item.symbol)}${leg ? ` ${leg.side}` : ''}`;
    return {
      item,
      key: `${key}|${side ?? 'balance'}|${occurrence}`,
      name,
      hedge,
      share: props.es !== 0 ? item.es / props.es : null,
    };
  });
  const sorted = [...rows].sort((a, b) => {
    const order = sort.key === 'es' ? a.item.es - b.item.es : a.name.localeCompare(b.name, 'en');
    return sort.descending ? -order : order;
  });
  const toggle = (key: SortKey) =>
    setSort((current) => ({
      key,
      descending: current.key === key ? !current.descending : key === 'es',
    }));
  const ariaSort = (key: SortKey) =>
    sort.key !== key ? 'none' : sort.descending ? 'descending' : 'ascending';
  return (
    <section data-testid="allocation">
      <h2>Who carries the risk</h2>
      <table class="allocation">
        <thead>
          <tr>
            <th scope="col" aria-sort={ariaSort('position')}>
              <button
                type="button"
                class="sort"
                data-testid="sort-position"
                onClick={() => toggle('position')}
              >
                Position{sort.key === 'position' ? (sort.descending ? ' ↓' : ' ↑') : ''}
              </button>
            </th>
            <th scope="col" aria-sort={ariaSort('es')}>
              <button type="button" class="sort" data-testid="sort-es" onClick={() => toggle('es')}>
                ES share{sort.key === 'es' ? (sort.descending ? ' ↓' : ' ↑') : ''}
              </button>
            </th>
            <th scope="col">USD</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map(({ item, key, name, hedge, share }) => (
            <tr key={key} data-testid="contribution">
              <td>
                {name}
                {hedge !== undefined && (
                  <span
                    class="tag"
                    data-testid="hedge-tag"
                    title={`Hedged by the ${legName(hedge)}`}
                  >
                    hedge
                  </span>
                )}
              </td>
              <td class={item.es < 0 ? 'good' : undefined}>
                {share === null
                  ? '—'
                  : `${share < 0 ? '−' : ''}${formatPercent(Math.abs(share), 0)}`}
              </td>
              <td class={item.es < 0 ? 'good' : undefined} data-testid="contribution-es">
                {formatMoney(item.es)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="caption muted">
        Each position&apos;s part of the Expected Shortfall (they add up to it); a negative part
        lowers the book&apos;s risk.
      </p>
    </section>
  );
}
