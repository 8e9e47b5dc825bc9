import { describe, expect, it } from 'vitest';
import { DEMO_PORTFOLIO, PORTFOLIO_LIMITS } from '../engine';
import { runRiskCommand } from './run-risk-command';

const files: Record<string, string> = {
  'demo.json': JSON.stringify(DEMO_PORTFOLIO),
  'broken.json': '{ "version": 1, ',
  'bad-field.json': JSON.stringify({
    ...DEMO_PORTFOLIO,
    accounts: [
      {
        ...DEMO_PORTFOLIO.accounts[0],
        positions: [{ ...DEMO_PORTFOLIO.accounts[0].positions[0], side: 'up' }],
      },
    ],
  }),
};
const read = (path: string) => {
  const text = files[path];
  if (text === undefined) throw new Error(`ENOENT: no such file, open '${path}'`);
  return text;
};

describe('npm run risk', () => {
  it('prints the demo report as a table when no file is given', () => {
    const result = runRiskCommand([], read);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('showing the embedded demo portfolio');
    expect(result.stdout).toContain('binance-hedge');
  });

  it('prints JSON whose ES is positive and whose contributions sum to it', () => {
    const result = runRiskCommand(['demo.json', '--json'], read);
    const report = JSON.parse(result.stdout) as {
      portfolio: { es: number; contributions: { es: number }[] };
    };
    const sum = report.portfolio.contributions.reduce((total, item) => total + item.es, 0);
    expect(report.portfolio.es).toBeGreaterThan(0);
    expect(Math.abs(sum - report.portfolio.es)).toBeLessThan(1e-9 * report.portfolio.es);
  });

  it('exits 2 naming the account, position and field of a malformed file', () => {
    const result = runRiskCommand(['bad-field.json'], read);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(
      'accounts[0] "binance-main" positions[0] "BTC/USDT:USDT" side: must be one of "long", "short", got "up"',
    );
  });

  it('exits 2 for invalid JSON, a missing file or a bad option', () => {
    expect(runRiskCommand(['broken.json'], read)).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining('broken.json is not valid JSON'),
    });
    expect(runRiskCommand(['missing.json'], read)).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining('cannot read missing.json'),
    });
    expect(runRiskCommand(['--csv'], read)).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining('unknown option --csv'),
    });
  });

  it('exits 2 for a file longer than the cap, before parsing it, naming its length and the cap', () => {
    const most = PORTFOLIO_LIMITS.fileCharacters;
    // Padding after valid JSON: parsing would accept it, so only the length check refuses it.
    const padded = `${JSON.stringify(DEMO_PORTFOLIO)}${' '.repeat(most)}`;
    const result = runRiskCommand(['huge.json'], () => padded);
    expect(result).toMatchObject({ exitCode: 2, stdout: '' });
    expect(result.stderr).toContain(
      `huge.json: The portfolio file has a problem:\n  - portfolio: the file is ${padded.length.toLocaleString('en-US')} characters long; at most ${most.toLocaleString('en-US')} are read`,
    );
  });
});

describe('npm run risk input errors that are not field-shaped', () => {
  it('exits 3 naming the correlations when they are inconsistent, venue figures still shown', () => {
    const inconsistent = {
      ...DEMO_PORTFOLIO,
      accounts: [
        {
          ...DEMO_PORTFOLIO.accounts[0],
          positions: [
            ...DEMO_PORTFOLIO.accounts[0].positions,
            {
              symbol: 'SOL/USDT:USDT',
              side: 'long',
              contracts: '1',
              entryPrice: '100',
              markPrice: '100',
              maintenanceMarginRate: '0.01',
              maintenanceAmount: '0',
            },
          ],
        },
      ],
      market: { correlations: { 'BTC/ETH': 0.99, 'BTC/SOL': 0.99, 'ETH/SOL': -0.99 } },
    };
    const result = runRiskCommand(['bad.json'], () => JSON.stringify(inconsistent));
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain(
      'not in ES, stress or liquidation probabilities: the correlations of BTC, ETH, SOL are inconsistent',
    );
    expect(result.stdout).toContain('binance-main');
  });

  it('exits 3 naming the method when filtered historical simulation lacks an asset', () => {
    const pepe = {
      ...DEMO_PORTFOLIO,
      accounts: [
        {
          ...DEMO_PORTFOLIO.accounts[0],
          positions: [
            {
              symbol: 'PEPE/USDT:USDT',
              side: 'long',
              contracts: '1',
              entryPrice: '1',
              markPrice: '1',
              maintenanceMarginRate: '0.01',
              maintenanceAmount: '0',
            },
          ],
        },
      ],
      market: { annualVols: { PEPE: 1.2 }, dailyVolumeUsd: { PEPE: 1_000_000 } },
      model: { method: 'historical' },
    };
    const result = runRiskCommand(['pepe.json'], () => JSON.stringify(pepe));
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('filtered historical simulation has no history for PEPE');
    const json = runRiskCommand(['pepe.json', '--json'], () => JSON.stringify(pepe));
    expect(JSON.parse(json.stdout).refusals).toEqual([
      expect.objectContaining({
        account: 'binance-main',
        field: 'model.method',
        kind: 'missing-history',
      }),
    ]);
  });
});
