import type { RiskReport } from '../engine';

/** The model of a report in words: method, distribution where it applies, scenarios and seed. */
export function describeModel(portfolio: RiskReport['portfolio']): string {
  const { distribution: law } = portfolio;
  const distribution =
    law.type === 'student-t'
      ? `heavy-tailed days (Student-t ν=${law.nu}${law.volScale === undefined || law.volScale === 1 ? '' : `, spread ×${law.volScale} of the forecast`})`
      : 'normal';
  const scenarios = `${portfolio.scenarios.toLocaleString('en-US')} scenarios`;
  if (portfolio.method === 'historical') return `Filtered historical simulation, ${scenarios}`;
  if (portfolio.method === 'parametric') return 'Parametric normal (closed form)';
  return `Monte Carlo, ${distribution}, ${scenarios}, seed ${portfolio.seed}`;
}
