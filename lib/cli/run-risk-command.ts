import {
  calculateRiskReport,
  checkPortfolioTextLength,
  DEMO_PORTFOLIO,
  parsePortfolio,
  PortfolioError,
  RESIDUAL_HISTORY,
  type RefusalScope,
} from '../engine';
import { formatRiskTable, type RiskTableOptions } from './format-risk-table';

/**
 * `npm run risk -- [portfolio.json] [--json]`: the command-line front of the engine.
 * Pure with respect to I/O: the caller passes the arguments and a file reader, and gets back
 * what to print and the exit code: 0 every figure computed, 3 a report that leaves something
 * out (each refusal on stderr and in the report), 2 a file that cannot be used (longer than the
 * file cap of portfolio-limits.ts, checked before parsing, not JSON, or refused by the schema),
 * 1 an internal error. `options.colour` writes danger (an underwater account) in ANSI red.
 */
export interface CommandResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

const REMOVES: Readonly<Record<RefusalScope, string>> = {
  account: 'account left out',
  'scenario-measures': 'not in ES, stress or liquidation probabilities',
  'liquidity-add-on': 'no liquidity add-on',
};

const USAGE = 'usage: npm run risk -- [portfolio.json] [--json]';

export function runRiskCommand(
  args: readonly string[],
  readFile: (path: string) => string,
  options: RiskTableOptions = {},
): CommandResult {
  const json = args.includes('--json');
  const unknown = args.filter((arg) => arg.startsWith('-') && arg !== '--json');
  const files = args.filter((arg) => !arg.startsWith('-'));
  if (unknown.length > 0 || files.length > 1) {
    return {
      exitCode: 2,
      stdout: '',
      stderr: `${unknown.length > 0 ? `unknown option ${unknown.join(', ')}` : 'give at most one portfolio file'}\n${USAGE}\n`,
    };
  }
  const file = files[0];
  let raw: unknown = DEMO_PORTFOLIO;
  if (file !== undefined) {
    let text: string;
    try {
      text = readFile(file);
    } catch (error) {
      return {
        exitCode: 2,
        stdout: '',
        stderr: `cannot read ${file}: ${(error as Error).message}\n`,
      };
    }
    try {
      checkPortfolioTextLength(text.length);
    } catch (error) {
      if (error instanceof PortfolioError)
        return { exitCode: 2, stdout: '', stderr: `${file}: ${error.message}\n` };
      throw error;
    }
    try {
      raw = JSON.parse(text);
    } catch (error) {
      return {
        exitCode: 2,
        stdout: '',
        stderr: `${file} is not valid JSON: ${(error as Error).message}\n`,
      };
    }
  }
  try {
    const report = calculateRiskReport(parsePortfolio(raw), { residualHistory: RESIDUAL_HISTORY });
    const note =
      file === undefined && !json
        ? 'No portfolio file given: showing the embedded demo portfolio.\n\n'
        : '';
    const refusals = report.refusals.map(
      (refusal) => `  - ${REMOVES[refusal.removes]}: ${refusal.message}\n`,
    );
    return {
      exitCode: refusals.length === 0 ? 0 : 3,
      stdout: json
        ? `${JSON.stringify(report, null, 2)}\n`
        : `${note}${formatRiskTable(report, options)}\n`,
      stderr:
        refusals.length === 0
          ? ''
          : `${file ?? 'demo portfolio'}: ${refusals.length === 1 ? 'one thing is' : `${refusals.length} things are`} not in these figures:\n${refusals.join('')}`,
    };
  } catch (error) {
    if (error instanceof PortfolioError)
      return { exitCode: 2, stdout: '', stderr: `${file ?? 'demo portfolio'}: ${error.message}\n` };
    throw error;
  }
}
