import type { AccountReport, PositionReport, RiskReport, VenueReportedComparison } from '../engine';
import { venueName } from '../connections/account-names';
import { describeModel } from '../format/describe-model';
import { formatMoney, formatPercent, formatPrice, formatChance } from '../format/format-figures';
import { instrumentNames } from '../format/instrument-name';
import { isUnderwater, marginRatioWords, UNDERWATER_WORDS } from '../format/margin-ratio-words';

/** How the tables are written: `colour` adds ANSI red to danger (a terminal that shows it). */
export interface RiskTableOptions {
  readonly colour?: boolean;
}

/**
 * The risk report as plain-text tables for a terminal (`npm run risk`). An underwater account
 * (equity ≤ maintenance margin) reads "underwater: equity below maintenance" in its margin
 * ratio column and again in a line under the accounts, red when `colour` is set.
 */
export function formatRiskTable(report: RiskReport, options: RiskTableOptions = {}): string {
  const { portfolio } = report;
  const danger = (text: string) => (options.colour === true ? `${RED}${text}${RESET}` : text);
  const lines: string[] = [];
  lines.push(`Margin Lens risk report — as of ${report.asOf}`);
  lines.push('');
  const probabilityAny = portfolio.probabilityAnyLiquidation;
  lines.push(
    table(
      ['Portfolio', 'USD'],
      [
        ['Equity', formatMoney(portfolio.equity)],
        ['Venue maintenance margin', formatMoney(portfolio.venueMaintenanceMargin)],
        ['Venue initial margin', formatMoney(portfolio.venueInitialMargin)],
        ...portfolio.levels.flatMap((level) => [
          [
            `VaR ${formatPercent(level.confidence, 1)} ${portfolio.horizonHours}h`,
            formatMoney(level.var),
          ],
          [
            `ES ${formatPercent(level.confidence, 1)} ${portfolio.horizonHours}h`,
            formatMoney(level.es),
          ],
        ]),
        ['Worst stress loss', formatMoney(portfolio.stress.worstLoss)],
        ['Liquidity add-on', formatMoney(portfolio.liquidityAddOn)],
        ['True margin', formatMoney(portfolio.trueMargin)],
        [
          `P(any liquidation ${portfolio.horizonHours}h)`,
          probabilityAny ? formatChance(probabilityAny) : '—',
        ],
      ],
    ),
  );
  lines.push(`  model: ${describeModel(portfolio)}`);
  lines.push(
    `  worst stress scenario: ${portfolio.stress.scenario} (of ${portfolio.stress.scenarios})`,
  );
  lines.push('');
  lines.push(
    table(
      [
        'Account',
        'Venue',
        'Equity',
        'Maint. margin',
        'Margin ratio',
        'Nearest liq.',
        'Distance',
        `P(liq ${portfolio.horizonHours}h)`,
      ],
      report.accounts.map((account) => [
        account.id,
        account.venue,
        formatMoney(account.equity, account.settle),
        formatMoney(account.maintenanceMargin, account.settle),
        isUnderwater(account) ? danger(marginRatioWords(account)) : marginRatioWords(account),
        account.liquidation.nearestSymbol ?? 'none',
        account.liquidation.distancePct === null
          ? '—'
          : account.liquidation.liquidationPassed === true
            ? `past ${formatPercent(Math.abs(account.liquidation.distancePct))}`
            : `${account.liquidation.direction === 'down' ? '−' : '+'}${formatPercent(account.liquidation.distancePct)}`,
        account.liquidation.probability ? formatChance(account.liquidation.probability) : '—',
      ]),
    ),
  );
  for (const account of report.accounts.filter(isUnderwater))
    lines.push(
      danger(
        `  ${account.id}: ${UNDERWATER_WORDS}: equity ${formatMoney(account.equity, account.settle)}, maintenance margin ${formatMoney(account.maintenanceMargin, account.settle)}; at or past liquidation`,
      ),
    );
  lines.push('');
  lines.push(
    table(
      [
        'Account',
        'Position',
        'Side',
        'Size',
        'Mark',
        'Notional',
        'uPnL',
        'Maint. margin',
        'Liq. price',
        'Tier from',
        'ES contribution',
      ],
      report.accounts
        .flatMap((account) =>
          account.positions.map((position) => {
            const contribution = portfolio.contributions.find(
              (item) => item.account === account.id && item.symbol === position.symbol,
            );
            return [
              account.id,
              position.symbol,
              position.side,
              String(position.quantity),
              formatPrice(position.markPrice),
              formatMoney(position.notional),
              formatMoney(position.unrealizedPnl),
              formatMoney(position.maintenanceMargin),
              formatPrice(position.liquidationPrice),
              TIER_ORIGIN_LABELS[position.tierOrigin],
              formatMoney(contribution?.es ?? null),
            ];
          }),
        )
        .concat(
          // Coin collateral is an exposure too (e.g. "BTC balance"): its contribution completes the ES.
          portfolio.contributions
            .filter(
              (item) =>
                !report.accounts.some(
                  (account) =>
                    account.id === item.account &&
                    account.positions.some((position) => position.symbol === item.symbol),
                ),
            )
            .map((item) => [
              item.account,
              item.symbol,
              '',
              '',
              '',
              '',
              '',
              '',
              '',
              '',
              formatMoney(item.es),
            ]),
        ),
    ),
  );
  lines.push(...brokenHedgeLines(report));
  const tables = tierTablesUsed(report.accounts);
  if (tables.length > 0) {
    lines.push('');
    lines.push('Tier tables used (position tiers rank first, then the venue, then embedded):');
    for (const line of tables) lines.push(`  ${line}`);
  }
  const venueRows = report.accounts.flatMap(venueReportedRows);
  if (venueRows.length > 0) {
    lines.push('');
    lines.push(
      table(['Account', 'Venue-reported', 'Ours', 'Venue', 'Difference (ours − venue)'], venueRows),
    );
  }
  if (portfolio.collateralMoves.length > 0) {
    const { currentMinDistance, achievableMinDistance } = portfolio.collateral;
    lines.push('');
    lines.push(
      `Collateral moves (smallest distance to liquidation ${currentMinDistance?.toFixed(2) ?? '—'}σ → ${achievableMinDistance?.toFixed(2) ?? '—'}σ over ${portfolio.horizonHours}h):`,
    );
    for (const move of portfolio.collateralMoves)
      lines.push(`  move ${formatMoney(move.amount, move.asset)} from ${move.from} to ${move.to}`);
  }
  const defaulted = Object.entries(report.inputs.annualVols).filter(
    ([, figure]) => figure.origin !== 'file',
  );
  if (defaulted.length > 0) {
    lines.push('');
    lines.push(
      `Vols and correlations not in the file come from the embedded default calibrated to ${report.inputs.defaultsAsOf}: ${defaulted.map(([asset, figure]) => `${asset} ${formatPercent(figure.value, 1)}`).join(', ')}.`,
    );
  }
  return lines.join('\n');
}

/**
 * "If a hedge leg is liquidated first": each leg of report.portfolio.brokenHedges on one line,
 * what its liquidation costs and the book's ES before and after (USD); then the venues whose own
 * liquidation fee the engine does not hold, and the accounts not costed (outside the scenario
 * measures, named in the refusals). Nothing when the book has no hedge legs and none is left out.
 */
function brokenHedgeLines(report: RiskReport): string[] {
  const legs = report.portfolio.brokenHedges;
  const uncosted = [
    ...new Set(
      report.refusals
        .filter((refusal) => refusal.removes === 'scenario-measures' && refusal.account !== null)
        .map((refusal) => refusal.account ?? ''),
    ),
  ].filter((id) =>
    report.accounts.some((account) => account.id === id && account.positions.length > 0),
  );
  if (legs.length === 0 && uncosted.length === 0) return [];
  const names = instrumentNames(legs.flatMap((leg) => leg.symbols));
  const lines = ['', 'If a hedge leg is liquidated first:'];
  if (legs.length === 0)
    lines.push('  no hedge leg among the accounts the scenario measures cover');
  for (const leg of legs) {
    const instruments = leg.symbols.map((symbol) => names.get(symbol) ?? symbol).join(' + ');
    const where =
      leg.liquidationPassed === true
        ? `due now (liquidation price ${formatPrice(leg.liquidationPrice)})`
        : `liquidated at ${formatPrice(leg.liquidationPrice)} (${leg.move > 0 ? '+' : '−'}${formatPercent(Math.abs(leg.move), 1)})`;
    const chance = leg.probability
      ? `chance ${formatChance(leg.probability)} in ${leg.probability.horizonHours} h`
      : 'chance not simulated';
    lines.push(
      `  ${venueName(leg.venue)} ${instruments} ${leg.side} (${leg.accountId}): ${where}, ${chance}; loses ${formatMoney(leg.lossIfLiquidated)} USD, of which the venue keeps ${formatMoney(leg.liquidationFee.amount)}; book ES ${formatMoney(leg.esNow)} → ${formatMoney(leg.esAfter)} USD`,
    );
  }
  const generalRule = [
    ...new Set(
      legs
        .filter((leg) => leg.liquidationFee.sourceKind === 'general-rule')
        .map((leg) => venueName(leg.venue)),
    ),
  ];
  if (generalRule.length > 0)
    lines.push(
      `  ${generalRule.join(', ')}: the venue's own liquidation fee is not in the engine; its remaining margin is counted lost.`,
    );
  if (uncosted.length > 0)
    lines.push(
      `  Not costed (outside the scenario measures, see refusals): ${uncosted.join(', ')}.`,
    );
  return lines;
}

const TIER_ORIGIN_LABELS: Readonly<Record<PositionReport['tierOrigin'], string>> = {
  position: 'position',
  'venue-table': 'venue table',
  embedded: 'embedded',
  'venue-rule': 'venue rule',
};

/** Each tier table the positions used, once: venue table or embedded, its source and date. */
function tierTablesUsed(accounts: readonly AccountReport[]): string[] {
  const lines = new Set<string>();
  for (const account of accounts)
    for (const position of account.positions)
      if (position.tierTable)
        lines.add(
          `${account.venue} ${position.symbol}: ${TIER_ORIGIN_LABELS[position.tierOrigin]}, ${position.tierTable.source}, as of ${position.tierTable.asOf}`,
        );
  return [...lines];
}

/** The account's venue-reported figures beside ours (margin ratio as a percentage, money in settle). */
function venueReportedRows(account: AccountReport): string[][] {
  const reported = account.venueReported;
  if (!reported) return [];
  const money = (value: number | null) => formatMoney(value, account.settle);
  const percent = (value: number | null) => (value === null ? '—' : formatPercent(value));
  // Our ratio is null only for an account with no equity left: underwater, not unknown.
  const ourRatio = (value: number | null) =>
    value === null && isUnderwater(account) ? 'underwater' : percent(value);
  const row = (
    label: string,
    figure: VenueReportedComparison | undefined,
    format: (value: number | null) => string,
    formatOurs = format,
  ) =>
    figure
      ? [
          [
            account.id,
            label,
            formatOurs(figure.ours),
            format(figure.venue),
            format(figure.difference),
          ],
        ]
      : [];
  return [
    ...row('Margin ratio', reported.marginRatio, percent, ourRatio),
    ...row('Maint. margin', reported.maintenanceMargin, money),
    ...row('Equity', reported.equity, money),
  ];
}

const RED = '\u001b[31m';
const RESET = '\u001b[0m';
// eslint-disable-next-line no-control-regex -- the ANSI colour codes this file writes
const ANSI = /\u001b\[[0-9;]*m/g;

/** A cell's width on screen: its text without colour codes. */
function visibleLength(cell: string): number {
  return cell.replace(ANSI, '').length;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => visibleLength(row[column] ?? ''))),
  );
  const pad = (cell: string, column: number) =>
    ' '.repeat(Math.max(0, (widths[column] ?? 0) - visibleLength(cell)));
  const render = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell + pad(cell, column) : pad(cell, column) + cell))
      .join('  ');
  return [
    render(header),
    widths.map((width) => '─'.repeat(width)).join('  '),
    ...rows.map(render),
  ].join('\n');
}
