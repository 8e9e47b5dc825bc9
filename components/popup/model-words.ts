import type { RiskReport } from '../../lib/engine';

/**
 * The report's model in plain words: "20,000 simulated days with fat tails" (Monte Carlo,
 * Student-t), "20,000 simulated days" (normal), "past days replayed at today's volatility"
 * (filtered historical simulation), "a normal closed form" (parametric). The exact settings
 * (distribution, degrees of freedom, seed) are in `modelDetails`.
 */
export function modelWords(portfolio: RiskReport['portfolio']): string {
  const days = portfolio.horizonHours === 24 ? 'days' : `${portfolio.horizonHours}-hour periods`;
  const count = portfolio.scenarios.toLocaleString('en-US');
  if (portfolio.method === 'historical')
    return `${count} past ${days} replayed at today's volatility`;
  if (portfolio.method === 'parametric') return 'a normal closed form';
  return portfolio.distribution.type === 'student-t'
    ? `${count} simulated ${days} with fat tails`
    : `${count} simulated ${days}`;
}

/** The settings behind `modelWords`, to replay the figures: "Monte Carlo, Student-t with 3.31 degrees of freedom, a day's spread 1.12× the forecast, seed 1". */
export function modelDetails(portfolio: RiskReport['portfolio']): string {
  if (portfolio.method === 'historical') return 'Filtered historical simulation';
  if (portfolio.method === 'parametric') return 'Parametric normal';
  const law = portfolio.distribution;
  const spread =
    law.type === 'student-t' && law.volScale !== undefined && law.volScale !== 1
      ? `, a day's spread ${law.volScale}× the forecast`
      : '';
  const distribution =
    law.type === 'student-t' ? `Student-t with ${law.nu} degrees of freedom${spread}` : 'normal';
  return `Monte Carlo, ${distribution}, seed ${portfolio.seed}`;
}
