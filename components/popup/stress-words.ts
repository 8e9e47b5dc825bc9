import type { StressScenario } from '../../lib/engine';

/** Scan ranges are 3 horizon σ (stress-grid.ts SCAN_SIGMAS); the words count in σ. */
const SIGMAS_PER_SCAN = 3;

/**
 * A stress scenario in a trader's words, from the engine's scenario data: "every coin −6σ at
 * once (counted at 35%)", "ETH alone +3σ", "the moves of 12 Mar 2020", "everything −3σ, option
 * vols ×0.75".
 */
export function stressScenarioWords(scenario: StressScenario, weight: number): string {
  const counted = weight < 1 ? ` (counted at ${Math.round(weight * 100)}%)` : '';
  switch (scenario.kind) {
    case 'joint':
      return `every coin ${sigmas(scenario.scanFraction)} at once${volWords(scenario.volFactor)}${counted}`;
    case 'extreme':
      return `every coin ${sigmas(scenario.scanFraction)} at once${counted}`;
    case 'single-asset':
      return `${scenario.asset} alone ${sigmas(scenario.scanFraction)}${counted}`;
    case 'historical':
      return `the moves of ${dayWords(scenario.date)}${
        scenario.proxied.length > 0
          ? ` (${scenario.proxied.join(', ')} moved like BTC that day)`
          : ''
      }${counted}`;
  }
}

/** A scan fraction in σ: −1 → "−3σ", ⅓ → "+1σ", 0 → "no move". */
export function sigmas(scanFraction: number): string {
  const count = Math.round(scanFraction * SIGMAS_PER_SCAN * 10) / 10;
  if (count === 0) return '±0σ';
  return `${count < 0 ? '−' : '+'}${Math.abs(count)}σ`;
}

function volWords(factor: number): string {
  return factor === 1 ? '' : `, option vols ×${factor}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2020-03-12" → "12 Mar 2020". */
export function dayWords(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) return date;
  return `${day} ${MONTHS[month - 1] ?? ''} ${year}`;
}
