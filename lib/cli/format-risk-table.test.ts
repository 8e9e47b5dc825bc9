import { describe, expect, it } from 'vitest';
import { bybitBtcusdtLongAccount } from '../../test/golden/example-accounts';
import { TWO_VENUE_HEDGE } from '../../test/portfolios/two-venue-hedge';
import { calculateRiskReport, DEMO_PORTFOLIO, parsePortfolio } from '../engine';
import { formatRiskTable } from './format-risk-table';

/** A Bybit account with its venue figures and an OKX position on the embedded ETH-USDT-SWAP tiers. */
const FILE = {
  version: 1,
  asOf: '2026-11-24T12:00:00Z',
  accounts: [
    bybitBtcusdtLongAccount({ marginRatio: '0.04', maintenanceMargin: '1000', equity: '26000' }),
    {
      id: 'okx-main',
      venue: 'okx',
      marginMode: 'cross',
      balances: [{ asset: 'USDT', total: '10000' }],
      positions: [
        {
          symbol: 'ETH/USDT:USDT',
          side: 'long',
          contracts: '400',
          contractSize: '0.1',
          entryPrice: '3000',
          markPrice: '3100',
        },
      ],
    },
  ],
  model: { scenarios: 1000, liquidationPaths: 200 },
};

describe('formatRiskTable', () => {
  const text = formatRiskTable(calculateRiskReport(parsePortfolio(FILE)));
  const lineOf = (start: string, contains: string) =>
    text.split('\n').find((line) => line.startsWith(start) && line.includes(contains)) ?? '';

  it('shows the venue-reported account figures beside ours, with the difference', () => {
    expect(text).toContain('Venue-reported');
    expect(lineOf('bybit-main', 'Maint. margin')).toMatch(
      /Maint\. margin\s+950\.00 USDT\s+1,000\.00 USDT\s+-50\.00 USDT$/,
    );
    expect(lineOf('bybit-main', 'Equity')).toMatch(
      /26,000\.00 USDT\s+26,000\.00 USDT\s+0\.00 USDT$/,
    );
    expect(lineOf('bybit-main', 'Margin ratio')).toMatch(/3\.65%\s+4\.00%\s+-0\.35%$/);
    expect(text).not.toMatch(/^okx-main\s+(Margin ratio|Maint\. margin|Equity)/m);
  });

  it('says where each position tier came from, and lists the tables with source and date', () => {
    expect(text).toContain('Tier from');
    expect(lineOf('okx-main', ' long ')).toMatch(/ETH\/USDT:USDT.*embedded/);
    expect(text).toContain('Tier tables used');
    expect(text).toContain(
      'okx ETH/USDT:USDT: embedded, OKX GET /api/v5/public/position-tiers (instType=SWAP), as recorded in loveolu/crypto-strategy-research',
    );
    expect(text).toContain(
      'bybit BTC/USDT:USDT: embedded, Bybit GET /v5/market/risk-limit (category=linear), as recorded in erikubingf-del/tradingtest',
    );
  });
});

describe('formatRiskTable: if a hedge leg is liquidated first', () => {
  const text = formatRiskTable(
    calculateRiskReport(
      parsePortfolio({ ...TWO_VENUE_HEDGE, model: { scenarios: 2000, liquidationPaths: 2000 } }),
    ),
  );

  it('lists each leg: where it is liquidated, its chance, what it loses and the book ES after', () => {
    const section = text.slice(text.indexOf('If a hedge leg is liquidated first:'));
    expect(section).toMatch(
      /^ {2}Bybit BTC perp short \(bybit-hedge\): liquidated at 99,326\.00 \(\+4\.5%\), chance \d+\.\d+% \(\d+\.\d+–\d+\.\d+%\) in 24 h; loses 3,793\.97 USD, of which the venue keeps 379\.20; book ES [\d,.]+ → [\d,.]+ USD$/m,
    );
    expect(section).toMatch(
      /^ {2}Binance USDⓈ-M futures BTC perp long \(binance-main\): liquidated at 67,675\.88 \(−28\.8%\), chance .+ in 24 h; loses 22,126\.03 USD/m,
    );
  });

  it('names the accounts it could not cost: those outside the scenario measures', () => {
    const withUnpriced = formatRiskTable(
      calculateRiskReport(
        parsePortfolio({
          ...TWO_VENUE_HEDGE,
          accounts: [
            ...TWO_VENUE_HEDGE.accounts,
            {
              id: 'okx-foo',
              venue: 'okx',
              marginMode: 'cross',
              balances: [{ asset: 'USDT', total: '5000' }],
              positions: [
                {
                  symbol: 'FOO/USDT:USDT',
                  side: 'short',
                  contracts: '100',
                  entryPrice: '2',
                  markPrice: '2',
                  maintenanceMarginRate: '0.01',
                  maintenanceAmount: '0',
                },
              ],
            },
          ],
          model: { scenarios: 1000, liquidationPaths: 200 },
        }),
      ),
    );
    expect(withUnpriced).toContain(
      '  Not costed (outside the scenario measures, see refusals): okx-foo.',
    );
  });

  it('says nothing of hedges for a book without any', () => {
    const single = formatRiskTable(
      calculateRiskReport(
        parsePortfolio({
          ...TWO_VENUE_HEDGE,
          accounts: TWO_VENUE_HEDGE.accounts.slice(0, 1),
          model: { scenarios: 1000, liquidationPaths: 200 },
        }),
      ),
    );
    expect(single).not.toContain('If a hedge leg is liquidated first');
  });
});

describe('formatRiskTable: an underwater account', () => {
  /** The demo's cross account with its wallet cut to `wallet` USDT (454.54 USDT maintenance). */
  const underwater = (wallet: string) =>
    calculateRiskReport(
      parsePortfolio({
        ...DEMO_PORTFOLIO,
        accounts: DEMO_PORTFOLIO.accounts.map((account) =>
          account.id === 'binance-main'
            ? { ...account, balances: [{ asset: 'USDT', total: wallet }] }
            : account,
        ),
      }),
    );
  const accountLine = (text: string) =>
    text.split('\n').find((line) => line.startsWith('binance-main ')) ?? '';

  it('says "underwater: equity below maintenance" in its ratio column and under the table, never "∞" or "—"', () => {
    for (const [wallet, ratio] of [
      ['-3300', 'underwater: equity below maintenance (169.48%)'],
      ['-5000', 'underwater: equity below maintenance (no equity left)'],
    ] as const) {
      const text = formatRiskTable(underwater(wallet));
      expect(accountLine(text), wallet).toContain(ratio);
      expect(accountLine(text)).not.toMatch(/∞|—\s+BTC/);
      expect(text).toContain('  binance-main: underwater: equity below maintenance: equity ');
      expect(text).not.toContain('\u001b[');
    }
    expect(formatRiskTable(underwater('20000'))).not.toContain('underwater');
  });

  it('in red on a terminal that shows colour, the columns still aligned', () => {
    const plain = formatRiskTable(underwater('-5000'));
    const coloured = formatRiskTable(underwater('-5000'), { colour: true });
    expect(accountLine(coloured)).toContain(
      '\u001b[31munderwater: equity below maintenance (no equity left)\u001b[0m',
    );
    const note = coloured.split('\n').find((line) => line.includes('binance-main: underwater'));
    expect(note?.startsWith('\u001b[31m  binance-main: underwater')).toBe(true);
    expect(coloured.replaceAll('\u001b[31m', '').replaceAll('\u001b[0m', '')).toBe(plain);
  });
});
