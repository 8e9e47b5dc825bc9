import type { RiskReport } from '../engine';

/** The model of a report in words: method, distribution where it applies, scenarios and seed. */
export function describeModel(portfolio: RiskReport['portfolio']): string {
  const distribution =
    portfolio.distribution.type === 'student-t'
      ? `Student-t ν=${portfolio.distribution.nu}`
      : 'normal';
  const scenarios = `${portfolio.scenarios.toLocaleString('en-US')} scenarios`;
  if (portfolio.method === 'historical') return `Filtered historical simulation, ${scenarios}`;
  if (portfolio.method === 'parametric') return 'Parametric normal (closed form)';
  return `Monte Carlo, ${distribution}, ${scenarios}, seed ${portfolio.seed}`;
}
