// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { draftFromWhatIf, WhatIfForm, type WhatIfValues } from './WhatIfForm';

afterEach(cleanup);

const values: WhatIfValues = {
  side: 'buy',
  orderType: 'limit',
  sizeText: '500',
  unit: 'base',
  priceText: '90000',
  leverageText: '20',
  reduceOnly: false,
};

describe('WhatIfForm size units', () => {
  it('offers the order’s value and its margin as two units, not one "cost"', () => {
    const onChange = vi.fn();
    render(<WhatIfForm draft={values} instrumentName="BTC perp" onChange={onChange} />);
    const select = screen.getByTestId('what-if-unit') as HTMLSelectElement;
    expect([...select.options].map((option) => [option.value, option.textContent])).toEqual([
      ['base', 'coin'],
      ['contracts', 'contracts'],
      ['quote', 'value (quote)'],
      ['margin', 'margin (cost)'],
    ]);
    fireEvent.change(select, { target: { value: 'margin' } });
    expect(onChange).toHaveBeenCalledWith({ ...values, unit: 'margin' });
  });

  it('passes a margin size on to the draft with its leverage', () => {
    expect(draftFromWhatIf({ ...values, unit: 'margin' }, null)).toMatchObject({
      size: { value: 500, unit: 'margin' },
      leverage: 20,
    });
  });
});
