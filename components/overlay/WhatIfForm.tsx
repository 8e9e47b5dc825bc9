import type { OrderDraft } from '../../lib/overlay/order-draft';
import type { SizeUnit } from '../../lib/overlay/page-descriptor';

/**
 * The overlay's own small order form, for when the page's form cannot be read (or the trader
 * wants other numbers): side, type, size and its unit, price, leverage, reduce-only. Prefilled
 * from whatever the page's form gave; nothing here is sent to the exchange.
 */
export function WhatIfForm(props: {
  readonly draft: WhatIfValues;
  readonly instrumentName: string;
  readonly onChange: (draft: WhatIfValues) => void;
}) {
  const { draft, onChange } = props;
  const set = (patch: Partial<WhatIfValues>) => onChange({ ...draft, ...patch });
  const number = (text: string): number | null => {
    const value = Number(text.replace(/,/g, ''));
    return text.trim() === '' || !Number.isFinite(value) ? null : value;
  };
  return (
    <form class="whatif" data-testid="what-if-form" onSubmit={(event) => event.preventDefault()}>
      <div class="whatif__row">
        <span class="whatif__title">What if I trade {props.instrumentName}</span>
      </div>
      <div class="whatif__row" role="group" aria-label="Side">
        {(['buy', 'sell'] as const).map((side) => (
          <button
            type="button"
            key={side}
            class={`whatif__side whatif__side--${side}${draft.side === side ? ' is-on' : ''}`}
            aria-pressed={draft.side === side}
            data-testid={`what-if-${side}`}
            onClick={() => set({ side })}
          >
            {side === 'buy' ? 'Buy / Long' : 'Sell / Short'}
          </button>
        ))}
      </div>
      <div class="whatif__row">
        <label>
          Type
          <select
            data-testid="what-if-type"
            value={draft.orderType}
            onChange={(event) =>
              set({
                orderType: (event.target as HTMLSelectElement).value as WhatIfValues['orderType'],
              })
            }
          >
            <option value="market">Market</option>
            <option value="limit">Limit</option>
            <option value="stop">Stop</option>
          </select>
        </label>
        <label>
          Size
          <input
            inputMode="decimal"
            data-testid="what-if-size"
            value={draft.sizeText}
            onInput={(event) => set({ sizeText: (event.target as HTMLInputElement).value })}
          />
        </label>
        <select
          aria-label="Size unit"
          data-testid="what-if-unit"
          value={draft.unit}
          onChange={(event) => set({ unit: (event.target as HTMLSelectElement).value as SizeUnit })}
        >
          <option value="base">coin</option>
          <option value="contracts">contracts</option>
          <option value="quote">value (quote)</option>
          <option value="margin">margin (cost)</option>
        </select>
      </div>
      <div class="whatif__row">
        {draft.orderType !== 'market' && (
          <label>
            Price
            <input
              inputMode="decimal"
              data-testid="what-if-price"
              value={draft.priceText}
              onInput={(event) => set({ priceText: (event.target as HTMLInputElement).value })}
            />
          </label>
        )}
        <label>
          Leverage
          <input
            inputMode="decimal"
            data-testid="what-if-leverage"
            placeholder="as set"
            value={draft.leverageText}
            onInput={(event) => set({ leverageText: (event.target as HTMLInputElement).value })}
          />
        </label>
        <label class="whatif__check">
          <input
            type="checkbox"
            checked={draft.reduceOnly}
            onChange={(event) => set({ reduceOnly: (event.target as HTMLInputElement).checked })}
          />
          Reduce only
        </label>
      </div>
      {number(draft.sizeText) === null && draft.sizeText.trim() !== '' && (
        <p class="whatif__problem">The size must be a number.</p>
      )}
    </form>
  );
}

/** The what-if form's values as typed (text, so a half-typed number is kept). */
export interface WhatIfValues {
  readonly side: 'buy' | 'sell';
  readonly orderType: 'market' | 'limit' | 'stop';
  readonly sizeText: string;
  readonly unit: SizeUnit;
  readonly priceText: string;
  readonly leverageText: string;
  readonly reduceOnly: boolean;
}

/** The draft the what-if values state, or null while the size (or a needed price) is not a positive number. */
export function draftFromWhatIf(
  values: WhatIfValues,
  contractSize: number | null,
): OrderDraft | null {
  const positive = (text: string): number | null => {
    const value = Number(text.replace(/,/g, ''));
    return text.trim() !== '' && Number.isFinite(value) && value > 0 ? value : null;
  };
  const size = positive(values.sizeText);
  const price = positive(values.priceText);
  if (size === null || (values.orderType !== 'market' && price === null)) return null;
  return {
    side: values.side,
    orderType: values.orderType,
    size: { value: size, unit: values.unit },
    price: values.orderType === 'market' ? null : price,
    leverage: positive(values.leverageText),
    reduceOnly: values.reduceOnly,
    contractSize,
    notRead: [],
  };
}
