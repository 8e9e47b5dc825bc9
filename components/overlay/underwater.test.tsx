// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import {
  calculateRiskReport,
  DEMO_PORTFOLIO,
  evaluateRisk,
  parsePortfolio,
  resolveInputs,
  tradeImpact,
} from '../../lib/engine';
import { pageOrder } from '../../lib/background/page-order';
import { pageRiskView } from '../../lib/background/page-risk-view';
import type { PageRiskView, PageTradeImpact } from '../../lib/messaging/page-risk-view-types';
import type { GetTradeImpactRequest } from '../../lib/messaging/protocol';
import { PageOverlay, type PageOverlayProps } from './PageOverlay';

/**
 * An underwater account in the overlay (issue 13 finding 5): the most dangerous state reads so,
 * in words and red, after the view and the pre-trade answer crossed the message channel as JSON
 * (which turns ±Infinity into null). The book is the demo with the cross account's wallet at
 * −5,000 USDT: equity about −1,430 against about 460 of maintenance margin.
 */
const UNDERWATER = {
  ...DEMO_PORTFOLIO,
  accounts: DEMO_PORTFOLIO.accounts.map((account) =>
    account.id === 'binance-main'
      ? { ...account, balances: [{ asset: 'USDT', total: '-5000' }] }
      : account,
  ),
};
const portfolio = parsePortfolio(UNDERWATER);
const report = calculateRiskReport(portfolio);
const evaluation = evaluateRisk(resolveInputs(portfolio));

/** What crosses the message channel: JSON. */
const overChannel = <T,>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const view: PageRiskView = overChannel(
  pageRiskView(
    {
      report,
      source: 'imported',
      computedAt: '2025-02-11T09:30:00.000Z',
      connections: [],
      accountConnections: {},
    },
    { venue: 'binanceusdm', symbol: 'BTC/USDT:USDT', underlying: 'BTC' },
  ),
);

const engineAnswers = async (request: GetTradeImpactRequest): Promise<PageTradeImpact> => {
  const converted = pageOrder(evaluation.inputs, request);
  if ('refused' in converted) return { ok: false, refused: converted.refused };
  const impact = tradeImpact(evaluation, converted.order, { liquidationProbability: false });
  return overChannel(
    'refused' in impact
      ? { ok: false, refused: impact.refused }
      : { ok: true, impact, assumptions: converted.assumptions },
  );
};

const read = <T,>(value: T) => ({ read: true, value }) as const;
const unread = (reason: string) => ({ read: false, reason }) as const;

const props = (patch: Partial<PageOverlayProps> = {}): PageOverlayProps => ({
  instrument: {
    venue: 'binanceusdm',
    symbol: 'BTC/USDT:USDT',
    underlying: 'BTC',
    kind: 'perpetual',
  },
  risk: { status: 'ready', view },
  form: { form: null, reading: null, eventTime: null },
  dark: true,
  place: null,
  onPlaced: () => undefined,
  requestImpact: engineAnswers,
  onClose: () => undefined,
  ...patch,
});

afterEach(cleanup);

describe('an underwater account in the overlay', () => {
  it('the engine reports it underwater with no ratio, never an Infinity JSON would lose', () => {
    const main = report.accounts.find((account) => account.id === 'binance-main');
    expect(main?.equity).toBeLessThan(0);
    expect(main?.marginRatio).toBeNull();
    expect(main?.underwater).toBe(true);
    expect(view.accounts.find((account) => account.accountId === 'binance-main')).toMatchObject({
      marginRatio: null,
      underwater: true,
    });
  });

  it('its account row reads "underwater: equity below maintenance", critical and red', () => {
    render(<PageOverlay {...props()} />);
    fireEvent.click(screen.getByTestId('overlay-expand'));
    const row = screen
      .getAllByTestId('account')
      .find((item) => item.dataset.account === 'binance-main');
    if (row === undefined) throw new Error('no account row for binance-main');
    const ratio = within(row).getByTestId('margin-ratio');
    expect(ratio.textContent).toBe('underwater: equity below maintenance (no equity left)');
    expect(ratio.dataset.underwater).toBe('true');
    expect(ratio.className).toContain('level--critical');
    expect(row.querySelector('.ratio__fill')?.className).toContain('level-bg--critical');
    expect(row.querySelector('.ratio__fill')?.getAttribute('style')).toContain('width: 100.0%');
  });

  it('the pre-trade table says so before and after the order, never "—"', async () => {
    render(
      <PageOverlay
        {...props({
          form: {
            form: null,
            reading: {
              side: read('buy'),
              type: read('market'),
              size: read({ value: 0.1, unit: 'base' }),
              price: unread('market order'),
              leverage: read(10),
              marginMode: read('cross'),
              reduceOnly: read(false),
              contractSize: unread('not shown'),
            },
            eventTime: 1,
          },
        })}
      />,
    );
    await waitFor(() => expect(screen.getByTestId('impact-margin-ratio')).toBeTruthy());
    const cells = [...screen.getByTestId('impact-margin-ratio').querySelectorAll('td')];
    expect(cells.map((cell) => cell.textContent)).toEqual([
      'underwater: equity below maintenance (no equity left)',
      'underwater: equity below maintenance (no equity left)',
    ]);
    for (const cell of cells)
      expect(cell.querySelector('[data-underwater="true"]')?.className).toContain(
        'level--critical',
      );
  });
});
