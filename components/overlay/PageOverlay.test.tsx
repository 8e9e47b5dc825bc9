// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { calculateRiskReport, parsePortfolio, resolveInputs, evaluateRisk } from '../../lib/engine';
import { pageRiskView } from '../../lib/background/page-risk-view';
import { pageOrder } from '../../lib/background/page-order';
import { formatMoney } from '../../lib/format/format-figures';
import { tradeImpact } from '../../lib/engine';
import type { PageRiskView, PageTradeImpact } from '../../lib/messaging/page-risk-view-types';
import type { GetTradeImpactRequest } from '../../lib/messaging/protocol';
import type { OrderFormReading } from '../../lib/overlay/page-descriptor';
import { SIX_VENUE_BOOK } from '../../test/portfolios/six-venue-book';
import { PageOverlay, type PageOverlayProps } from './PageOverlay';

const evaluation = evaluateRisk(resolveInputs(parsePortfolio(SIX_VENUE_BOOK)));
const report = calculateRiskReport(parsePortfolio(SIX_VENUE_BOOK));

const viewOf = (venue: string, symbol: string, label = 'Binance main'): PageRiskView =>
  pageRiskView(
    {
      report,
      source: 'imported',
      computedAt: '2025-02-11T09:30:00.000Z',
      connections: [
        {
          connection: {
            id: 'c1',
            venue: 'binanceusdm',
            label,
            credentialKind: 'apiKey',
            createdAt: '2025-02-10T00:00:00Z',
          },
          freshness: 'fresh',
          staleReason: null,
          dataAgeSeconds: 20,
          lastSuccessAt: null,
          problem: null,
          accountIds: ['binance-main'],
          positionCount: 1,
        },
      ],
      accountConnections: { 'binance-main': 'c1' },
    },
    { venue, symbol, underlying: 'BTC' },
  );

/** The engine itself answers, as the background does. */
const engineAnswers = async (request: GetTradeImpactRequest): Promise<PageTradeImpact> => {
  const converted = pageOrder(evaluation.inputs, request);
  if ('refused' in converted) return { ok: false, refused: converted.refused };
  const impact = tradeImpact(evaluation, converted.order, { liquidationProbability: true });
  return 'refused' in impact
    ? { ok: false, refused: impact.refused }
    : { ok: true, impact, assumptions: converted.assumptions };
};

const unread = (reason: string) => ({ read: false, reason }) as const;
const read = <T,>(value: T) => ({ read: true, value }) as const;

const reading = (patch: Partial<OrderFormReading> = {}): OrderFormReading => ({
  side: read(null),
  type: read('market'),
  size: read({ value: 0.5, unit: 'base' }),
  price: unread('market order'),
  leverage: read(10),
  marginMode: read('cross'),
  reduceOnly: read(false),
  contractSize: unread('not shown'),
  ...patch,
});

const props = (patch: Partial<PageOverlayProps> = {}): PageOverlayProps => ({
  instrument: {
    venue: 'binanceusdm',
    symbol: 'BTC/USDT:USDT',
    underlying: 'BTC',
    kind: 'perpetual',
  },
  risk: { status: 'ready', view: viewOf('binanceusdm', 'BTC/USDT:USDT') },
  form: { form: null, reading: null, eventTime: null },
  dark: true,
  place: null,
  onPlaced: () => undefined,
  requestImpact: engineAnswers,
  onClose: () => undefined,
  ...patch,
});

afterEach(cleanup);

describe('PageOverlay', () => {
  it('shows this page’s leg with its colour level, and the leg elsewhere that dies first', () => {
    render(<PageOverlay {...props()} />);
    const legs = screen.getAllByTestId('leg');
    expect(legs).toHaveLength(1);
    expect(legs[0]?.dataset.level).toBe('safe');
    expect(screen.getByTestId('leg-liquidation-price').textContent).toBe('67,675.88');
    expect(screen.getByTestId('leg-distance').textContent).toMatch(
      /^falls 28\.8% · \d+\.\d daily σ$/,
    );
    expect(screen.getByTestId('first-to-die').textContent).toBe(
      '⚠ Your Bybit BTC perp (USDT) short is liquidated first, at 99,326.00 (+4.5%).',
    );
    expect(screen.getByTestId('other-legs-count').textContent).toContain('5 other legs on BTC');
    // The header's colour is the underlying's worst leg: the Bybit short, not this safe long.
    expect(screen.getByTestId('overlay-level').dataset.level).toBe('caution');
  });

  it('expanded: every other leg, the accounts’ margin ratios, and true margin against what venues ask', () => {
    render(<PageOverlay {...props()} />);
    fireEvent.click(screen.getByTestId('overlay-expand'));
    const other = screen.getByTestId('other-legs');
    expect(other.querySelectorAll('[data-testid="leg"]')).toHaveLength(5);
    expect(other.textContent).toContain('no liquidation');
    const bybit = other.querySelector('[data-venue="bybit"]');
    expect(bybit?.getAttribute('data-level')).toBe('caution');
    expect(bybit?.querySelector('[data-testid="leg-chance"]')?.textContent).toMatch(
      /^Chance of liquidation in 24 h: \d+\.\d% \(\d+\.\d–\d+\.\d%\)$/,
    );
    expect(screen.getAllByTestId('account')).toHaveLength(6);
    expect(screen.getByTestId('true-margin').textContent).toBe(
      formatMoney(report.portfolio.trueMargin, 'USD'),
    );
    expect(screen.getByTestId('venues-ask').textContent).toBe(
      formatMoney(report.portfolio.venueMaintenanceMargin, 'USD'),
    );
  });

  it('checks the page’s order on both sides when the form leaves the side open', async () => {
    const ask = vi.fn(engineAnswers);
    render(
      <PageOverlay
        {...props({ form: { form: null, reading: reading(), eventTime: 1 }, requestImpact: ask })}
      />,
    );
    await waitFor(() => expect(screen.getByTestId('impact-sell')).toBeTruthy());
    // Margins at once, then the same orders with the simulated chance of liquidation.
    await waitFor(() => expect(ask).toHaveBeenCalledTimes(4));
    await waitFor(() =>
      expect(
        [...screen.getByTestId('impact-chance').querySelectorAll('td[data-side]')].map(
          (cell) => cell.textContent,
        ),
      ).toEqual([expect.stringMatching(/%/), expect.stringMatching(/%/)]),
    );
    expect(ask.mock.calls.map(([request]) => [request.side, request.withProbability])).toEqual([
      ['buy', false],
      ['sell', false],
      ['buy', true],
      ['sell', true],
    ]);
    expect(ask.mock.calls[0]?.[0]).toMatchObject({
      venue: 'binanceusdm',
      accountId: 'binance-main',
      symbol: 'BTC/USDT:USDT',
      orderType: 'market',
      size: { value: 0.5, unit: 'base' },
      leverage: 10,
    });
    // One table: now, if bought, if sold. The long's liquidation price moves up if more is
    // bought and away if sold; buying adds to the book's risk, selling hedges it.
    const liquidation = screen.getByTestId('impact-liquidation');
    expect(liquidation.querySelector('td')?.textContent).toBe('67,675.88');
    const [ifBuy, ifSell] = [...liquidation.querySelectorAll('td[data-side]')].map((cell) =>
      Number(cell.textContent?.replace(/,/g, '')),
    );
    expect(ifBuy).toBeGreaterThan(67_675.88);
    expect(ifSell).toBeLessThan(67_675.88);
    const es = [...screen.getByTestId('impact-es').querySelectorAll('td[data-side]')];
    expect(es.map((cell) => cell.textContent?.[0])).toEqual(['+', '−']);
    expect(screen.getByTestId('pretrade-source').textContent).toBe('From the page’s order form.');
  });

  it('shows the engine’s warnings in words', async () => {
    render(
      <PageOverlay
        {...props({
          form: {
            form: null,
            reading: reading({
              side: read('buy'),
              size: read({ value: 40, unit: 'base' }),
              leverage: read(100),
            }),
            eventTime: 1,
          },
        })}
      />,
    );
    await waitFor(() => expect(screen.getByTestId('impact-warnings')).toBeTruthy());
    const kinds = [...screen.getByTestId('impact-warnings').querySelectorAll('li')].map(
      (item) => item.dataset.warning,
    );
    expect(kinds).toContain('does-not-fit');
  });

  it('offers its own what-if form when the page’s form cannot be read', async () => {
    const ask = vi.fn(engineAnswers);
    render(<PageOverlay {...props({ requestImpact: ask })} />);
    expect(screen.getByTestId('pretrade-source').textContent).toContain(
      'cannot be read (no order form found on this page)',
    );
    fireEvent.click(screen.getByTestId('what-if-sell'));
    fireEvent.input(screen.getByTestId('what-if-size'), { target: { value: '0.2' } });
    await waitFor(() => expect(screen.getByTestId('impact-sell')).toBeTruthy());
    expect(ask).toHaveBeenCalledWith(
      expect.objectContaining({
        side: 'sell',
        size: { value: 0.2, unit: 'base' },
        orderType: 'market',
      }),
    );
  });

  it('renders page- and trader-given text as text only', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const { container } = render(
      <PageOverlay
        {...props({
          risk: { status: 'ready', view: viewOf('binanceusdm', 'BTC/USDT:USDT', hostile) },
        })}
      />,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain(hostile);
  });

  it('says what went wrong when the background cannot answer', () => {
    render(
      <PageOverlay
        {...props({ risk: { status: 'error', message: 'The portfolio cannot be used.' } })}
      />,
    );
    expect(screen.getByTestId('overlay-error').textContent).toBe('The portfolio cannot be used.');
  });
});
