import { describe, expect, it } from 'vitest';
import { okxOptionSummary } from '../../../test/fake-exchange/api/fixtures/okx/okx-options';
import { parseOkxOptionMarks } from './okx-option-summary';

const HELD = ['BTC-USD-261225-90000-P'];

describe('OKX option mark IVs and forwards (public opt-summary)', () => {
  it('reads the held options only: an unheld row without a mark volatility does not fail the read', () => {
    const rows = [
      ...okxOptionSummary('BTC-USD'),
      { instId: 'BTC-USD-261225-200000-C', markVol: '' },
    ];
    const marks = parseOkxOptionMarks({ code: '0', msg: '', data: rows }, 'BTC-USD', HELD);
    expect([...marks]).toEqual([
      ['BTC-USD-261225-90000-P', { markIv: 0.52, forwardPrice: '96120.5' }],
    ]);
  });

  it('refuses a held option the summary leaves out, or one without a usable markVol or fwdPx, by name', () => {
    expect(() => parseOkxOptionMarks({ code: '0', msg: '', data: [] }, 'BTC-USD', HELD)).toThrow(
      'has no row for the held option "BTC-USD-261225-90000-P"',
    );
    const zero = okxOptionSummary('BTC-USD').map((row) => ({ ...row, markVol: '0' }));
    expect(() => parseOkxOptionMarks({ code: '0', msg: '', data: zero }, 'BTC-USD', HELD)).toThrow(
      '"BTC-USD-261225-90000-P" markVol',
    );
    const badForward = okxOptionSummary('BTC-USD').map((row) => ({ ...row, fwdPx: '-1' }));
    expect(() =>
      parseOkxOptionMarks({ code: '0', msg: '', data: badForward }, 'BTC-USD', HELD),
    ).toThrow('"BTC-USD-261225-90000-P" fwdPx');
  });

  it('reads an empty fwdPx as no forward (the option is then valued on the index)', () => {
    const noForward = okxOptionSummary('BTC-USD').map((row) => ({ ...row, fwdPx: '' }));
    const marks = parseOkxOptionMarks({ code: '0', msg: '', data: noForward }, 'BTC-USD', HELD);
    expect(marks.get('BTC-USD-261225-90000-P')).toEqual({ markIv: 0.52, forwardPrice: undefined });
  });
});
